//! Repl tokens in the core: PAE, sign/parse/verify, malformed strings, keys, time rules.

use goval_token::codec::{decode, Limits};
use goval_token::schema::api::{repl_token::Metadata, Repl, ReplToken};
use goval_token::schema::message as msg;
use goval_token::token::keys::{self, KeyError, KeyInput};
use goval_token::token::{self, Expectations, Instant, TokenError, Validity};
use prost::Message as _;
use prost_types::Timestamp;

fn signing_key(fill: u8) -> ed25519_dalek::SigningKey {
    keys::secret_key(KeyInput::Bytes(&[fill; 32])).unwrap()
}

fn sample_message() -> Vec<u8> {
    ReplToken {
        iat: Some(Timestamp {
            seconds: 1_000,
            nanos: 0,
        }),
        cluster: "global".into(),
        metadata: Some(Metadata::Repl(Repl {
            id: "repl-1".into(),
            ..Default::default()
        })),
        ..Default::default()
    }
    .encode_to_vec()
}

fn footer() -> Vec<u8> {
    // key_id = "dev:1"
    vec![0x0a, 0x05, b'd', b'e', b'v', b':', b'1']
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn pre_auth_encoding_matches_the_paseto_vectors() {
    assert_eq!(token::pre_auth_encode(&[]), [0u8; 8]);
    assert_eq!(
        token::pre_auth_encode(&[b""]),
        [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    );
    let mut expected = vec![1, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0];
    expected.extend_from_slice(b"test");
    assert_eq!(token::pre_auth_encode(&[b"test"]), expected);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn signed_tokens_parse_and_verify_with_and_without_footer() {
    let key = signing_key(7);
    for footer in [Some(footer()), None] {
        let string = token::sign(&sample_message(), footer.as_deref(), &key);
        assert_eq!(
            string.split('.').count(),
            if footer.is_some() { 4 } else { 3 }
        );
        let parsed =
            token::verify(&string, &key.verifying_key(), &Expectations::default()).unwrap();
        assert_eq!(parsed.message_bytes, sample_message());
        assert_eq!(parsed.footer_bytes, footer.clone().unwrap_or_default());
        assert_eq!(parsed.footer.is_some(), footer.is_some());
        let wrong = signing_key(8).verifying_key();
        assert_eq!(
            token::verify(&string, &wrong, &Expectations::default()).unwrap_err(),
            TokenError::BadSignature
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn urls_give_the_token_and_its_utf16_start() {
    let string = token::sign(&sample_message(), None, &signing_key(1));
    for (input, start) in [
        (format!("wss://eval.example/wsv2/{string}"), 24),
        (format!("wss://é.example/wsv2/{string}/__polling"), 21),
        (format!("  {string}  "), 2),
    ] {
        let parsed = token::parse(&input).unwrap();
        assert_eq!(
            (parsed.token, parsed.token_start_utf16),
            (string.as_str(), start),
            "{input}"
        );
    }
    assert_eq!(
        token::parse("https://replit.com/").unwrap_err(),
        TokenError::NotPaseto
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn malformed_strings_give_their_own_errors() {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use base64::Engine as _;
    let body = |text: &[u8]| {
        let mut payload = text.to_vec();
        payload.extend_from_slice(&[0; 64]);
        format!("v2.public.{}", URL_SAFE_NO_PAD.encode(&payload))
    };
    let cases: Vec<(String, TokenError)> = vec![
        ("".into(), TokenError::NotPaseto),
        ("v2.public".into(), TokenError::NotPaseto),
        ("v22.public.x".into(), TokenError::NotPaseto),
        ("v2.public.a.b.c".into(), TokenError::NotPaseto),
        ("v3.public.x".into(), TokenError::UnsupportedVersion(3)),
        ("v2.local.x".into(), TokenError::UnsupportedPurpose),
        (
            "v2.public.a=".into(),
            TokenError::InvalidBase64Url { footer: false },
        ),
        (
            format!("{}.%", body(b"")),
            TokenError::InvalidBase64Url { footer: true },
        ),
        ("v2.public.AAAA".into(), TokenError::PayloadTooShort(3)),
        (body(b"!!!!"), TokenError::BodyNotBase64),
        (body(&[0xff, 0xfe]), TokenError::BodyNotBase64),
        (
            format!("{}.{}", body(b""), URL_SAFE_NO_PAD.encode(b"?")),
            TokenError::FooterNotBase64,
        ),
        (
            format!(
                "{}.{}",
                body(b""),
                URL_SAFE_NO_PAD.encode(STANDARD.encode(&[0x18, 0x01]).as_bytes())
            ),
            TokenError::UnsupportedFooterVersion(1),
        ),
    ];
    let huge = "A".repeat(token::MAX_TOKEN_LENGTH + 1);
    assert_eq!(
        token::parse(&huge).unwrap_err(),
        TokenError::TooLong(huge.len())
    );
    for (input, expected) in cases {
        assert_eq!(token::parse(&input).unwrap_err(), expected, "{input}");
    }
    let truncated = body(STANDARD.encode(&[0x22, 0x05, b'a']).as_bytes());
    let TokenError::Message(error) = token::parse(&truncated).unwrap_err() else {
        panic!("expected a protobuf error");
    };
    assert_eq!(
        (error.path_string(), error.offset),
        ("cluster".to_string(), Some(1))
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn keys_in_every_form() {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use base64::Engine as _;
    let key = signing_key(3);
    let public = key.verifying_key().to_bytes();
    let mut pair = key.to_bytes().to_vec();
    pair.extend_from_slice(&public);
    let hex: String = public.iter().map(|b| format!("{b:02x}")).collect();
    for text in [
        STANDARD.encode(&public),
        URL_SAFE_NO_PAD.encode(&public),
        hex,
        format!("k2.public.{}", URL_SAFE_NO_PAD.encode(&public)),
    ] {
        assert_eq!(
            keys::public_key(KeyInput::Text(&text)).unwrap().to_bytes(),
            public,
            "{text}"
        );
    }
    assert_eq!(
        keys::secret_key(KeyInput::Bytes(&pair)).unwrap().to_bytes(),
        key.to_bytes()
    );
    let paserk = format!("k2.secret.{}", URL_SAFE_NO_PAD.encode(&pair));
    assert_eq!(
        keys::secret_key(KeyInput::Text(&paserk))
            .unwrap()
            .to_bytes(),
        key.to_bytes()
    );
    pair[63] ^= 1;
    assert_eq!(
        keys::secret_key(KeyInput::Bytes(&pair)).unwrap_err(),
        KeyError::MismatchedKeyPair
    );
    // PEM: SPKI, PKCS#8 v1 (seed) and v2 (seed and public key), with any line wrapping.
    let pem = |label: &str, der: &[u8]| {
        let body = STANDARD.encode(der);
        let lines: Vec<&str> = body
            .as_bytes()
            .chunks(16)
            .map(|c| core::str::from_utf8(c).unwrap())
            .collect();
        format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
            lines.join("\n")
        )
    };
    let spki = [
        &[
            0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
        ][..],
        &public,
    ]
    .concat();
    assert_eq!(
        keys::public_key(KeyInput::Text(&pem("PUBLIC KEY", &spki)))
            .unwrap()
            .to_bytes(),
        public
    );
    let v1 = [
        &[
            0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
            0x04, 0x20,
        ][..],
        &key.to_bytes(),
    ]
    .concat();
    assert_eq!(
        keys::secret_key(KeyInput::Text(&pem("PRIVATE KEY", &v1)))
            .unwrap()
            .to_bytes(),
        key.to_bytes()
    );
    let v2 = [
        &[
            0x30, 0x51, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
            0x04, 0x20,
        ][..],
        &key.to_bytes(),
        &[0x81, 0x21, 0x00],
        &public,
    ]
    .concat();
    assert_eq!(
        keys::secret_key(KeyInput::Text(&pem("PRIVATE KEY", &v2)))
            .unwrap()
            .to_bytes(),
        key.to_bytes()
    );
    let mut wrong_public = v2.clone();
    wrong_public[80] ^= 1;
    assert_eq!(
        keys::secret_key(KeyInput::Text(&pem("PRIVATE KEY", &wrong_public))).unwrap_err(),
        KeyError::MismatchedKeyPair
    );
    for bad in [
        pem("PRIVATE KEY", &spki),
        pem("PUBLIC KEY", &spki[..43]),
        pem("PUBLIC KEY", &[&spki[..], &[0]].concat()),
        pem("PUBLIC KEY", &spki).replace("END PUBLIC", "END PRIVATE"),
        pem("RSA PUBLIC KEY", &spki),
    ] {
        assert_eq!(
            keys::public_key(KeyInput::Text(&bad)).unwrap_err(),
            KeyError::InvalidPem,
            "{bad}"
        );
    }
    assert_eq!(
        keys::secret_key(KeyInput::Text(&pem("PUBLIC KEY", &spki))).unwrap_err(),
        KeyError::InvalidPem
    );
    assert_eq!(
        keys::public_key(KeyInput::Bytes(&[0; 31])).unwrap_err(),
        KeyError::WrongLength(31)
    );
    assert_eq!(
        keys::public_key(KeyInput::Text("k4.public.AAAA")).unwrap_err(),
        KeyError::WrongPaserk
    );
    assert_eq!(
        keys::public_key(KeyInput::Text("???")).unwrap_err(),
        KeyError::UnknownFormat
    );
    assert_eq!(
        keys::public_key(KeyInput::Text(
            "-----BEGIN PUBLIC KEY-----\nAA==\n-----END PUBLIC KEY-----"
        ))
        .unwrap_err(),
        KeyError::InvalidPem
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn time_rules_follow_the_schema() {
    let at = |seconds| Instant { seconds, nanos: 0 };
    let token = |iat: Option<i64>, exp: Option<i64>| {
        let bytes = ReplToken {
            iat: iat.map(|seconds| Timestamp { seconds, nanos: 0 }),
            exp: exp.map(|seconds| Timestamp { seconds, nanos: 0 }),
            ..Default::default()
        }
        .encode_to_vec();
        Validity::of(&decode(msg::REPL_TOKEN, &bytes, &Limits::default()).unwrap())
    };
    let neither = token(None, None);
    assert_eq!((neither.issued_at, neither.expires_at), (at(0), at(3600)));
    assert!(neither.iat_defaulted && neither.exp_defaulted);
    let only_iat = token(Some(100), None);
    assert_eq!(only_iat.expires_at, at(3700));
    assert!(only_iat.check(at(100), 0).is_ok());
    assert!(only_iat.check(at(3699), 0).is_ok());
    assert_eq!(
        only_iat.check(at(3700), 0),
        Err(TokenError::Expired {
            exp: at(3700),
            now: at(3700)
        })
    );
    assert_eq!(
        only_iat.check(at(99), 0),
        Err(TokenError::NotYetValid {
            iat: at(100),
            now: at(99)
        })
    );
    assert!(only_iat.check(at(99), 1).is_ok());
    assert!(only_iat.check(at(3700), 1).is_ok());
    assert!(token(Some(0), Some(i64::MAX))
        .check(at(i64::MAX - 1), i64::MAX)
        .is_ok());
}
