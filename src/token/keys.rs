//! Ed25519 keys in the forms people have them: raw bytes, base64 or base64url, hex, PEM
//! (SPKI for public keys, PKCS#8 for secret keys) and PASERK (`k2.public.`, `k2.secret.`).

use base64::engine::general_purpose::{
    STANDARD as BASE64, STANDARD_NO_PAD as BASE64_NO_PAD, URL_SAFE as BASE64URL_PADDED,
    URL_SAFE_NO_PAD as BASE64URL,
};
use base64::Engine as _;
use ed25519_dalek::{SigningKey, VerifyingKey, PUBLIC_KEY_LENGTH, SECRET_KEY_LENGTH};

// An Ed25519 key has one DER encoding (RFC 8410), so PEM is a fixed prefix and the key bytes.
// Matching it exactly replaced the pkcs8/der/pem crates, which were 12 KB of gzipped wasm.
/// SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier { id-Ed25519 }, BIT STRING (32) }.
const SPKI_PREFIX: [u8; 12] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
];
/// PKCS#8 v1: SEQUENCE { 0, AlgorithmIdentifier { id-Ed25519 }, OCTET STRING { OCTET STRING (32) } }.
const PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];
/// PKCS#8 v2 (RFC 5958) with the public key: as v1 with version 1 and a longer SEQUENCE,
/// then `[1] BIT STRING (32)` after the seed.
const PKCS8_V2_PREFIX: [u8; 16] = [
    0x30, 0x51, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];
const PKCS8_V2_PUBLIC_KEY_TAG: [u8; 3] = [0x81, 0x21, 0x00];

/// The DER bytes of a PEM block with this label.
fn pem_body(text: &str, label: &str) -> Option<Vec<u8>> {
    let rest = text
        .strip_prefix("-----BEGIN ")?
        .strip_prefix(label)?
        .strip_prefix("-----")?;
    let end = rest.find("-----END ")?;
    let footer = &rest[end + "-----END ".len()..];
    if footer.strip_prefix(label)?.trim_end() != "-----" {
        return None;
    }
    let base64: String = rest[..end].split_ascii_whitespace().collect();
    BASE64.decode(&base64).ok()
}

fn public_key_from_pem(text: &str) -> Option<[u8; PUBLIC_KEY_LENGTH]> {
    let der = pem_body(text, "PUBLIC KEY")?;
    der.strip_prefix(SPKI_PREFIX.as_slice())?.try_into().ok()
}

/// The seed, and the public key when the PEM holds one (PKCS#8 v2).
fn secret_key_from_pem(text: &str) -> Option<Vec<u8>> {
    let der = pem_body(text, "PRIVATE KEY")?;
    if let Some(seed) = der.strip_prefix(PKCS8_PREFIX.as_slice()) {
        return (seed.len() == SECRET_KEY_LENGTH).then(|| seed.to_vec());
    }
    let rest = der.strip_prefix(PKCS8_V2_PREFIX.as_slice())?;
    let (seed, public) = rest.split_at_checked(SECRET_KEY_LENGTH)?;
    let public = public.strip_prefix(PKCS8_V2_PUBLIC_KEY_TAG.as_slice())?;
    (public.len() == PUBLIC_KEY_LENGTH).then(|| [seed, public].concat())
}

/// What is wrong with a key; the code crosses the wasm boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// Raw bytes of a length no key form has; the argument is the length.
    WrongLength(usize),
    /// Text in none of the known forms.
    UnknownFormat,
    /// A PEM block that does not hold an Ed25519 key of the expected kind.
    InvalidPem,
    /// A PASERK of another version or type (e.g. `k4.public.`, or a secret where a
    /// public key is needed).
    WrongPaserk,
    /// 32 bytes that are not a point on the curve.
    InvalidPublicKey,
    /// A 64-byte secret key whose second half is not the public key of its first half.
    MismatchedKeyPair,
}

impl KeyError {
    pub fn code(self) -> u32 {
        match self {
            KeyError::WrongLength(_) => 1,
            KeyError::UnknownFormat => 2,
            KeyError::InvalidPem => 3,
            KeyError::WrongPaserk => 4,
            KeyError::InvalidPublicKey => 5,
            KeyError::MismatchedKeyPair => 6,
        }
    }

    pub fn arg(self) -> u64 {
        match self {
            KeyError::WrongLength(n) => n as u64,
            _ => 0,
        }
    }
}

/// A key as the caller gave it.
pub enum KeyInput<'a> {
    Bytes(&'a [u8]),
    Text(&'a str),
}

/// Decodes base64 (standard or URL-safe, padded or not) or hex text.
fn decode_text(text: &str) -> Option<Vec<u8>> {
    let is_hex = text.len() % 2 == 0 && text.bytes().all(|b| b.is_ascii_hexdigit());
    if is_hex && (text.len() == 64 || text.len() == 128) {
        return base16ct::mixed::decode_vec(text).ok();
    }
    BASE64
        .decode(text)
        .or_else(|_| BASE64_NO_PAD.decode(text))
        .or_else(|_| BASE64URL_PADDED.decode(text))
        .or_else(|_| BASE64URL.decode(text))
        .ok()
}

pub fn public_key(input: KeyInput) -> Result<VerifyingKey, KeyError> {
    let bytes = match input {
        KeyInput::Bytes(bytes) => bytes.to_vec(),
        KeyInput::Text(text) => {
            let text = text.trim();
            if text.starts_with("-----BEGIN") {
                public_key_from_pem(text)
                    .ok_or(KeyError::InvalidPem)?
                    .to_vec()
            } else if let Some(paserk) = text.strip_prefix("k2.public.") {
                BASE64URL
                    .decode(paserk)
                    .map_err(|_| KeyError::UnknownFormat)?
            } else if text.starts_with('k') && text.get(2..3) == Some(".") {
                return Err(KeyError::WrongPaserk);
            } else {
                decode_text(text).ok_or(KeyError::UnknownFormat)?
            }
        }
    };
    let bytes: [u8; PUBLIC_KEY_LENGTH] = bytes
        .as_slice()
        .try_into()
        .map_err(|_| KeyError::WrongLength(bytes.len()))?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| KeyError::InvalidPublicKey)
}

pub fn secret_key(input: KeyInput) -> Result<SigningKey, KeyError> {
    let bytes = match input {
        KeyInput::Bytes(bytes) => bytes.to_vec(),
        KeyInput::Text(text) => {
            let text = text.trim();
            if text.starts_with("-----BEGIN") {
                secret_key_from_pem(text).ok_or(KeyError::InvalidPem)?
            } else if let Some(paserk) = text.strip_prefix("k2.secret.") {
                let bytes = BASE64URL
                    .decode(paserk)
                    .map_err(|_| KeyError::UnknownFormat)?;
                if bytes.len() != 2 * SECRET_KEY_LENGTH {
                    return Err(KeyError::WrongLength(bytes.len()));
                }
                bytes
            } else if text.starts_with('k') && text.get(2..3) == Some(".") {
                return Err(KeyError::WrongPaserk);
            } else {
                decode_text(text).ok_or(KeyError::UnknownFormat)?
            }
        }
    };
    let seed: [u8; SECRET_KEY_LENGTH] = bytes[..bytes.len().min(SECRET_KEY_LENGTH)]
        .try_into()
        .map_err(|_| KeyError::WrongLength(bytes.len()))?;
    let key = SigningKey::from_bytes(&seed);
    match bytes.len() {
        SECRET_KEY_LENGTH => Ok(key),
        64 if bytes[SECRET_KEY_LENGTH..] == key.verifying_key().to_bytes() => Ok(key),
        64 => Err(KeyError::MismatchedKeyPair),
        n => Err(KeyError::WrongLength(n)),
    }
}
