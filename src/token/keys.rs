//! Ed25519 keys in the forms people have them: raw bytes, base64 or base64url, hex, PEM
//! (SPKI for public keys, PKCS#8 for secret keys) and PASERK (`k2.public.`, `k2.secret.`).

use base64ct::{Base64, Base64Unpadded, Base64Url, Base64UrlUnpadded, Encoding};
use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey};
use ed25519_dalek::{SigningKey, VerifyingKey, PUBLIC_KEY_LENGTH, SECRET_KEY_LENGTH};

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
    Base64::decode_vec(text)
        .or_else(|_| Base64Unpadded::decode_vec(text))
        .or_else(|_| Base64Url::decode_vec(text))
        .or_else(|_| Base64UrlUnpadded::decode_vec(text))
        .ok()
}

pub fn public_key(input: KeyInput) -> Result<VerifyingKey, KeyError> {
    let bytes = match input {
        KeyInput::Bytes(bytes) => bytes.to_vec(),
        KeyInput::Text(text) => {
            let text = text.trim();
            if text.starts_with("-----BEGIN") {
                return VerifyingKey::from_public_key_pem(text).map_err(|_| KeyError::InvalidPem);
            }
            if let Some(paserk) = text.strip_prefix("k2.public.") {
                Base64UrlUnpadded::decode_vec(paserk).map_err(|_| KeyError::UnknownFormat)?
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
                return SigningKey::from_pkcs8_pem(text).map_err(|_| KeyError::InvalidPem);
            }
            if let Some(paserk) = text.strip_prefix("k2.secret.") {
                let bytes =
                    Base64UrlUnpadded::decode_vec(paserk).map_err(|_| KeyError::UnknownFormat)?;
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
