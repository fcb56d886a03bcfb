//! The token exports (feature `tokens`).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::{error_words, LAST_ERROR};
use crate::codec;

use crate::token::{self, keys, Instant, TokenError, Validity};

thread_local! {
    static TOKEN_BYTES: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

fn push_i64(words: &mut Vec<u32>, value: i64) {
    words.extend([value as u32, (value >> 32) as u32]);
}

/// `[code, a low, a high, b low, b high]`, then for protobuf errors the codec error words.
fn token_error_words(error: &TokenError) -> Vec<u32> {
    let (a, b) = match error {
        TokenError::UnsupportedVersion(v) => (*v as i64, 0),
        TokenError::PayloadTooShort(n) | TokenError::TooLong(n) => (*n as i64, 0),
        TokenError::UnsupportedFooterVersion(v) => (*v as i64, 0),
        TokenError::Expired { exp, now } => (exp.seconds, now.seconds),
        TokenError::NotYetValid { iat, now } => (iat.seconds, now.seconds),
        TokenError::InvalidKey(k) => (k.code() as i64, k.arg() as i64),
        _ => (0, 0),
    };
    let mut words = vec![error.code()];
    push_i64(&mut words, a);
    push_i64(&mut words, b);
    if let TokenError::Message(e) | TokenError::Footer(e) = error {
        words.extend(error_words(e));
    }
    words
}

/// `[0, token start (UTF-16), token length, message base64 length, footer base64 length
/// (u32::MAX: no footer), message bytes length, footer bytes length, iat seconds (2 words),
/// iat nanos, exp seconds (2), exp nanos, defaulted flags (1: iat, 2: exp), message flat…,
/// footer flat…]`; the texts and bytes wait in [`take_token_bytes`]: message base64, footer
/// base64, message bytes, footer bytes, signature.
fn token_words(parsed: &token::ParsedToken) -> Vec<u32> {
    let footer_base64 = parsed.footer_base64.as_deref();
    let validity = Validity::of(&parsed.message);
    let mut words = vec![
        0,
        parsed.token_start_utf16 as u32,
        parsed.token.encode_utf16().count() as u32,
        parsed.message_base64.len() as u32,
        footer_base64.map_or(u32::MAX, |f| f.len() as u32),
        parsed.message_bytes.len() as u32,
        parsed.footer_bytes.len() as u32,
    ];
    push_i64(&mut words, validity.issued_at.seconds);
    words.push(validity.issued_at.nanos as u32);
    push_i64(&mut words, validity.expires_at.seconds);
    words.push(validity.expires_at.nanos as u32);
    words.push(validity.iat_defaulted as u32 | (validity.exp_defaulted as u32) << 1);
    codec::decode::write_flat(&parsed.message, &mut words);
    if let Some(footer) = &parsed.footer {
        codec::decode::write_flat(footer, &mut words);
    }
    TOKEN_BYTES.with(|cell| {
        let mut bytes = cell.borrow_mut();
        bytes.clear();
        bytes.extend_from_slice(parsed.message_base64.as_bytes());
        bytes.extend_from_slice(footer_base64.unwrap_or("").as_bytes());
        bytes.extend_from_slice(&parsed.message_bytes);
        bytes.extend_from_slice(&parsed.footer_bytes);
        bytes.extend_from_slice(&parsed.signature);
    });
    words
}

#[wasm_bindgen(skip_typescript)]
pub fn take_token_bytes() -> Vec<u8> {
    TOKEN_BYTES.with(|cell| std::mem::take(&mut *cell.borrow_mut()))
}

#[wasm_bindgen(skip_typescript)]
pub fn token_parse(input: &str) -> Vec<u32> {
    match token::parse(input) {
        Ok(parsed) => token_words(&parsed),
        Err(error) => token_error_words(&error),
    }
}

fn key_input<'a>(bytes: &'a Option<Vec<u8>>, text: &'a Option<String>) -> keys::KeyInput<'a> {
    match (bytes, text) {
        (Some(bytes), _) => keys::KeyInput::Bytes(bytes),
        (None, Some(text)) => keys::KeyInput::Text(text),
        (None, None) => keys::KeyInput::Bytes(&[]),
    }
}

#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(skip_typescript)]
pub fn token_verify(
    input: &str,
    key_bytes: Option<Vec<u8>>,
    key_text: Option<String>,
    check_time: bool,
    now_seconds: i64,
    now_nanos: i32,
    clock_skew_seconds: i64,
    cluster: Option<String>,
    repl_id: Option<String>,
) -> Vec<u32> {
    let key = match keys::public_key(key_input(&key_bytes, &key_text)) {
        Ok(key) => key,
        Err(e) => return token_error_words(&TokenError::InvalidKey(e)),
    };
    let expect = token::Expectations {
        now: check_time.then_some(Instant {
            seconds: now_seconds,
            nanos: now_nanos,
        }),
        clock_skew_seconds,
        cluster: cluster.as_deref(),
        repl_id: repl_id.as_deref(),
    };
    match token::verify(input, &key, &expect) {
        Ok(parsed) => token_words(&parsed),
        Err(error) => token_error_words(&error),
    }
}

/// 0 when `now` is within the token's lifetime, else the code of the time error.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(skip_typescript)]
pub fn token_time_status(
    iat_seconds: i64,
    iat_nanos: i32,
    exp_seconds: i64,
    exp_nanos: i32,
    now_seconds: i64,
    now_nanos: i32,
    clock_skew_seconds: i64,
) -> u32 {
    let validity = Validity {
        issued_at: Instant {
            seconds: iat_seconds,
            nanos: iat_nanos,
        },
        iat_defaulted: false,
        expires_at: Instant {
            seconds: exp_seconds,
            nanos: exp_nanos,
        },
        exp_defaulted: false,
    };
    let now = Instant {
        seconds: now_seconds,
        nanos: now_nanos,
    };
    match validity.check(now, clock_skew_seconds) {
        Ok(()) => 0,
        Err(error) => error.code(),
    }
}

/// The token string, or `undefined` with the error words left for [`last_error`].
#[wasm_bindgen(skip_typescript)]
pub fn token_sign(
    message: &[u8],
    footer: Option<Vec<u8>>,
    key_bytes: Option<Vec<u8>>,
    key_text: Option<String>,
) -> Option<String> {
    match keys::secret_key(key_input(&key_bytes, &key_text)) {
        Ok(key) => Some(token::sign(message, footer.as_deref(), &key)),
        Err(e) => {
            LAST_ERROR
                .with(|last| *last.borrow_mut() = token_error_words(&TokenError::InvalidKey(e)));
            None
        }
    }
}

/// Seed then public key (64 bytes), or `undefined` without a random source.
#[wasm_bindgen(skip_typescript)]
pub fn generate_signing_key() -> Option<Vec<u8>> {
    let key = token::generate_signing_key().ok()?;
    let mut bytes = key.to_bytes().to_vec();
    bytes.extend_from_slice(&key.verifying_key().to_bytes());
    Some(bytes)
}

/// The 32-byte public key of a secret key in any accepted form, or error words in
/// [`last_error`].
#[wasm_bindgen(skip_typescript)]
pub fn public_key_of(key_bytes: Option<Vec<u8>>, key_text: Option<String>) -> Option<Vec<u8>> {
    match keys::secret_key(key_input(&key_bytes, &key_text)) {
        Ok(key) => Some(key.verifying_key().to_bytes().to_vec()),
        Err(e) => {
            LAST_ERROR
                .with(|last| *last.borrow_mut() = token_error_words(&TokenError::InvalidKey(e)));
            None
        }
    }
}
