//! Any text into the token parser, the verifier and the key readers: an error or a result,
//! never a panic. A token that verifies under the test key must be exactly what `sign`
//! makes of its decoded parts (no second spelling of a signed token verifies).
#![no_main]

mod common;

use goval_token::schema::message;
use goval_token::token::keys::{self, KeyInput};
use goval_token::token::{self, Expectations, Instant, Validity};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let input: &str = &text;

    let _ = keys::public_key(KeyInput::Text(input));
    let _ = keys::public_key(KeyInput::Bytes(data));
    let _ = keys::secret_key(KeyInput::Text(input));
    let _ = keys::secret_key(KeyInput::Bytes(data));

    if let Ok(parsed) = token::parse(input) {
        // `token` is a slice of the input, and its start is counted in UTF-16 units.
        let offset = parsed.token.as_ptr() as usize - input.as_ptr() as usize;
        assert!(offset + parsed.token.len() <= input.len());
        assert_eq!(input[..offset].encode_utf16().count(), parsed.token_start_utf16);
        common::check_round_trip(message::REPL_TOKEN, &parsed.message, &parsed.message_bytes);
        if let Some(footer) = &parsed.footer {
            common::check_round_trip(message::GOVAL_SIGNING_AUTHORITY, footer, &parsed.footer_bytes);
        }
        let validity = Validity::of(&parsed.message);
        for now in [Instant::EPOCH, Instant { seconds: i64::MAX, nanos: 999_999_999 }, Instant { seconds: i64::MIN, nanos: 0 }] {
            for skew in [0, 300, i64::MAX, i64::MIN] {
                let _ = validity.check(now, skew);
            }
        }
    }

    let secret = keys::secret_key(KeyInput::Bytes(&common::TEST_SEED)).expect("the test seed");
    let public = secret.verifying_key();
    let expect = Expectations {
        now: Some(Instant { seconds: 1_750_000_000, nanos: 0 }),
        clock_skew_seconds: 60,
        cluster: Some("global"),
        repl_id: Some("repl-1"),
    };
    let _ = token::verify(input, &public, &expect);
    if let Ok(verified) = token::verify(input, &public, &Expectations::default()) {
        let footer = verified.footer.as_ref().map(|_| verified.footer_bytes.as_slice());
        let resigned = token::sign(&verified.message_bytes, footer, &secret);
        assert_eq!(resigned, verified.token, "a second spelling of a signed token verifies");
    }
});
