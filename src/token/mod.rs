//! Repl tokens: PASETO `v2.public` strings whose body is the base64 text of a `ReplToken`
//! and whose footer is the base64 text of a `GovalSigningAuthority`
//! (`shared/docs/token-format.md`). Parsing, Ed25519 signing and verification over PASETO's
//! pre-authentication encoding, and the time rules of the schema.

pub mod keys;

use base64::engine::general_purpose::{STANDARD as BASE64, URL_SAFE_NO_PAD as BASE64URL};
use base64::Engine as _;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

use crate::codec::{self, DecodedMessage, Limits, Value};
use crate::error::CodecError;
use crate::schema::{message, MESSAGES};

const HEADER: &str = "v2.public.";
const SIGNATURE_LENGTH: usize = 64;
/// How long a token lives when `exp` is unset, as the schema defines.
pub const DEFAULT_LIFETIME_SECONDS: i64 = 3600;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenError {
    /// Not `v<n>.<purpose>.<payload>[.<footer>]`, nor a URL holding one after `/wsv2/`.
    NotPaseto,
    /// A PASETO version other than 2; the argument is the version number.
    UnsupportedVersion(u32),
    /// `v2.local`: encrypted, not signed.
    UnsupportedPurpose,
    /// The payload (false) or footer (true) part is not unpadded base64url.
    InvalidBase64Url {
        footer: bool,
    },
    /// The payload has fewer bytes than a signature; the argument is its length.
    PayloadTooShort(usize),
    /// The signed body is not standard base64 text.
    BodyNotBase64,
    /// The footer is not standard base64 text.
    FooterNotBase64,
    /// The body's protobuf is not a valid `ReplToken`.
    Message(CodecError),
    /// The footer's protobuf is not a valid `GovalSigningAuthority`.
    Footer(CodecError),
    /// The footer names a body layout other than `BARE_REPL_TOKEN`.
    UnsupportedFooterVersion(i32),
    BadSignature,
    /// `now - skew` is at or after the effective `exp`.
    Expired {
        exp: Instant,
        now: Instant,
    },
    /// `now + skew` is before the effective `iat`.
    NotYetValid {
        iat: Instant,
        now: Instant,
    },
    ClusterMismatch,
    ReplIdMismatch,
    InvalidKey(keys::KeyError),
    NoRandomSource,
    /// Longer than [`MAX_TOKEN_LENGTH`]; the argument is the length.
    TooLong(usize),
}

/// The longest token string `parse` reads: room for a body of the codec's default 1 MiB
/// limit, base64-encoded twice. Checked first, so a huge string fails at once.
pub const MAX_TOKEN_LENGTH: usize = 2 << 20;

impl TokenError {
    /// The code that crosses the wasm boundary; `js/token.js` words the message.
    pub fn code(&self) -> u32 {
        match self {
            TokenError::NotPaseto => 1,
            TokenError::UnsupportedVersion(_) => 2,
            TokenError::UnsupportedPurpose => 3,
            TokenError::InvalidBase64Url { footer: false } => 4,
            TokenError::InvalidBase64Url { footer: true } => 5,
            TokenError::PayloadTooShort(_) => 6,
            TokenError::BodyNotBase64 => 7,
            TokenError::FooterNotBase64 => 8,
            TokenError::Message(_) => 9,
            TokenError::Footer(_) => 10,
            TokenError::UnsupportedFooterVersion(_) => 11,
            TokenError::BadSignature => 12,
            TokenError::Expired { .. } => 13,
            TokenError::NotYetValid { .. } => 14,
            TokenError::ClusterMismatch => 15,
            TokenError::ReplIdMismatch => 16,
            TokenError::InvalidKey(_) => 17,
            TokenError::NoRandomSource => 18,
            TokenError::TooLong(_) => 19,
        }
    }
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenError::Message(e) => write!(f, "message: {e}"),
            TokenError::Footer(e) => write!(f, "footer: {e}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl std::error::Error for TokenError {}

/// A point in time as a Timestamp has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant {
    pub seconds: i64,
    pub nanos: i32,
}

impl Instant {
    pub const EPOCH: Instant = Instant {
        seconds: 0,
        nanos: 0,
    };

    fn plus_seconds(self, seconds: i64) -> Instant {
        Instant {
            seconds: self.seconds.saturating_add(seconds),
            nanos: self.nanos,
        }
    }
}

/// A token taken apart. The base64 texts are kept: the signature covers them, not the
/// decoded bytes.
#[derive(Debug)]
pub struct ParsedToken<'a> {
    /// The token itself, without any URL around it.
    pub token: &'a str,
    /// Where `token` starts in the input, in UTF-16 code units (for JS string offsets).
    pub token_start_utf16: usize,
    /// The body: standard base64 text of the `ReplToken` protobuf.
    pub message_base64: String,
    pub message_bytes: Vec<u8>,
    pub message: DecodedMessage,
    /// The footer: standard base64 text of the `GovalSigningAuthority` protobuf.
    pub footer_base64: Option<String>,
    pub footer_bytes: Vec<u8>,
    pub footer: Option<DecodedMessage>,
    pub signature: [u8; SIGNATURE_LENGTH],
}

/// Finds the token in a bare token string or in a `wss://…/wsv2/<token>[/…]` URL.
fn locate(input: &str) -> Result<(&str, usize), TokenError> {
    let trimmed = input.trim();
    let mut start = input.len() - input.trim_start().len();
    let mut token = trimmed;
    if let Some(scheme_end) = trimmed.find("://") {
        let after = &trimmed[scheme_end + 3..];
        let marker = after.find("/wsv2/").ok_or(TokenError::NotPaseto)?;
        let rest = &after[marker + "/wsv2/".len()..];
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        start += scheme_end + 3 + marker + "/wsv2/".len();
        token = &rest[..end];
    }
    let start_utf16 = input[..start].encode_utf16().count();
    Ok((token, start_utf16))
}

/// Parses a token without checking its signature.
pub fn parse(input: &str) -> Result<ParsedToken<'_>, TokenError> {
    if input.len() > MAX_TOKEN_LENGTH {
        return Err(TokenError::TooLong(input.len()));
    }
    let (token, token_start_utf16) = locate(input)?;
    let mut parts = token.split('.');
    let (version, purpose) = (parts.next().unwrap_or(""), parts.next());
    let payload = parts.next();
    let footer = parts.next();
    let version_number = version
        .strip_prefix('v')
        .filter(|n| n.len() == 1)
        .and_then(|n| n.parse::<u32>().ok())
        .ok_or(TokenError::NotPaseto)?;
    let (Some(purpose), Some(payload)) = (purpose, payload) else {
        return Err(TokenError::NotPaseto);
    };
    if parts.next().is_some() || !matches!(purpose, "public" | "local") {
        return Err(TokenError::NotPaseto);
    }
    if version_number != 2 {
        return Err(TokenError::UnsupportedVersion(version_number));
    }
    if purpose != "public" {
        return Err(TokenError::UnsupportedPurpose);
    }

    let payload = BASE64URL
        .decode(payload)
        .map_err(|_| TokenError::InvalidBase64Url { footer: false })?;
    if payload.len() < SIGNATURE_LENGTH {
        return Err(TokenError::PayloadTooShort(payload.len()));
    }
    let (body, signature) = payload.split_at(payload.len() - SIGNATURE_LENGTH);
    let message_base64 = String::from_utf8(body.to_vec()).map_err(|_| TokenError::BodyNotBase64)?;
    let message_bytes = BASE64
        .decode(&message_base64)
        .map_err(|_| TokenError::BodyNotBase64)?;
    let message = codec::decode(message::REPL_TOKEN, &message_bytes, &Limits::default())
        .map_err(TokenError::Message)?;

    let (footer_base64, footer_bytes, footer) = match footer {
        None => (None, Vec::new(), None),
        Some(part) => {
            let text = BASE64URL
                .decode(part)
                .map_err(|_| TokenError::InvalidBase64Url { footer: true })?;
            let text = String::from_utf8(text).map_err(|_| TokenError::FooterNotBase64)?;
            let bytes = BASE64
                .decode(&text)
                .map_err(|_| TokenError::FooterNotBase64)?;
            let decoded =
                codec::decode(message::GOVAL_SIGNING_AUTHORITY, &bytes, &Limits::default())
                    .map_err(TokenError::Footer)?;
            let version = enum_value(&decoded, "version");
            if version != 0 {
                return Err(TokenError::UnsupportedFooterVersion(version));
            }
            (Some(text), bytes, Some(decoded))
        }
    };
    Ok(ParsedToken {
        token,
        token_start_utf16,
        message_base64,
        message_bytes,
        message,
        footer_base64,
        footer_bytes,
        footer,
        signature: signature.try_into().expect("split at 64 from the end"),
    })
}

/// PASETO's pre-authentication encoding: the piece count, then each piece's length and
/// bytes, lengths as little-endian 64-bit integers.
pub fn pre_auth_encode(pieces: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + pieces.iter().map(|p| 8 + p.len()).sum::<usize>());
    out.extend_from_slice(&(pieces.len() as u64).to_le_bytes());
    for piece in pieces {
        out.extend_from_slice(&(piece.len() as u64).to_le_bytes());
        out.extend_from_slice(piece);
    }
    out
}

fn signed_bytes(message_base64: &str, footer_base64: Option<&str>) -> Vec<u8> {
    pre_auth_encode(&[
        HEADER.as_bytes(),
        message_base64.as_bytes(),
        footer_base64.unwrap_or("").as_bytes(),
    ])
}

/// Checks the Ed25519 signature over the original base64 texts.
pub fn verify_signature(token: &ParsedToken, key: &VerifyingKey) -> Result<(), TokenError> {
    let signed = signed_bytes(&token.message_base64, token.footer_base64.as_deref());
    key.verify_strict(&signed, &Signature::from_bytes(&token.signature))
        .map_err(|_| TokenError::BadSignature)
}

/// Signs protobuf bytes of a `ReplToken` (and of a `GovalSigningAuthority` footer).
pub fn sign(message_bytes: &[u8], footer_bytes: Option<&[u8]>, key: &SigningKey) -> String {
    let message_base64 = BASE64.encode(message_bytes);
    let footer_base64 = footer_bytes.map(|bytes| BASE64.encode(bytes));
    let signature = key.sign(&signed_bytes(&message_base64, footer_base64.as_deref()));
    let mut payload = message_base64.into_bytes();
    payload.extend_from_slice(&signature.to_bytes());
    let mut token = String::from(HEADER);
    token.push_str(&BASE64URL.encode(&payload));
    if let Some(footer) = footer_base64 {
        token.push('.');
        token.push_str(&BASE64URL.encode(footer.as_bytes()));
    }
    token
}

/// When a token is valid, by the schema's rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Validity {
    /// `iat`, or the UNIX epoch when unset.
    pub issued_at: Instant,
    pub iat_defaulted: bool,
    /// `exp`, or `iat` + 1 h when unset.
    pub expires_at: Instant,
    pub exp_defaulted: bool,
}

impl Validity {
    pub fn of(token: &DecodedMessage) -> Validity {
        let iat = timestamp_value(token, "iat");
        let exp = timestamp_value(token, "exp");
        let issued_at = iat.unwrap_or(Instant::EPOCH);
        Validity {
            issued_at,
            iat_defaulted: iat.is_none(),
            expires_at: exp.unwrap_or(issued_at.plus_seconds(DEFAULT_LIFETIME_SECONDS)),
            exp_defaulted: exp.is_none(),
        }
    }

    /// Fails when `now` is outside `[iat, exp)`, widened by `skew_seconds` on each side.
    pub fn check(&self, now: Instant, skew_seconds: i64) -> Result<(), TokenError> {
        if now.plus_seconds(skew_seconds) < self.issued_at {
            return Err(TokenError::NotYetValid {
                iat: self.issued_at,
                now,
            });
        }
        if now.plus_seconds(skew_seconds.saturating_neg()) >= self.expires_at {
            return Err(TokenError::Expired {
                exp: self.expires_at,
                now,
            });
        }
        Ok(())
    }
}

/// What `verify` checks besides the signature; each check only when given.
#[derive(Default)]
pub struct Expectations<'a> {
    pub now: Option<Instant>,
    pub clock_skew_seconds: i64,
    pub cluster: Option<&'a str>,
    pub repl_id: Option<&'a str>,
}

/// Parses a token, checks its signature, then the time and claims asked for.
pub fn verify<'a>(
    input: &'a str,
    key: &VerifyingKey,
    expect: &Expectations,
) -> Result<ParsedToken<'a>, TokenError> {
    let token = parse(input)?;
    verify_signature(&token, key)?;
    if let Some(now) = expect.now {
        Validity::of(&token.message).check(now, expect.clock_skew_seconds)?;
    }
    if let Some(cluster) = expect.cluster {
        if string_value(&token.message, &token.message_bytes, "cluster") != cluster {
            return Err(TokenError::ClusterMismatch);
        }
    }
    if let Some(repl_id) = expect.repl_id {
        if repl_id_of(&token.message, &token.message_bytes) != Some(repl_id) {
            return Err(TokenError::ReplIdMismatch);
        }
    }
    Ok(token)
}

/// The repl id of a token's `repl` or `id` metadata (a classroom id names no repl).
pub fn repl_id_of<'b>(token: &DecodedMessage, bytes: &'b [u8]) -> Option<&'b str> {
    let desc = token.desc();
    let oneof = desc.oneofs.iter().position(|&o| o == "metadata")?;
    let member = token.oneof_cases[oneof]?;
    let Value::Message(metadata) = &token.values[member] else {
        return None;
    };
    match desc.fields[member].name {
        "repl" | "id" => Some(string_value(metadata, bytes, "id")),
        _ => None,
    }
}

fn field_value<'m>(message: &'m DecodedMessage, name: &str) -> &'m Value {
    let field = MESSAGES[message.message]
        .fields
        .iter()
        .position(|f| f.name == name)
        .expect("field named in the schema");
    &message.values[field]
}

fn string_value<'b>(message: &DecodedMessage, bytes: &'b [u8], name: &str) -> &'b str {
    match field_value(message, name) {
        Value::Bytes { start, len, .. } => {
            core::str::from_utf8(&bytes[*start as usize..(*start + *len) as usize]).unwrap_or("")
        }
        _ => "",
    }
}

fn enum_value(message: &DecodedMessage, name: &str) -> i32 {
    match field_value(message, name) {
        Value::Scalar(bits) => *bits as i32,
        _ => 0,
    }
}

fn timestamp_value(message: &DecodedMessage, name: &str) -> Option<Instant> {
    let Value::Message(timestamp) = field_value(message, name) else {
        return None;
    };
    let scalar = |name| match field_value(timestamp, name) {
        Value::Scalar(bits) => *bits,
        _ => 0,
    };
    Some(Instant {
        seconds: scalar("seconds") as i64,
        nanos: scalar("nanos") as i32,
    })
}

/// A new signing key from the platform CSPRNG.
pub fn generate_signing_key() -> Result<SigningKey, TokenError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|_| TokenError::NoRandomSource)?;
    Ok(SigningKey::from_bytes(&seed))
}
