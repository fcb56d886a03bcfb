//! Shared by the fuzz targets: a decoded message with every byte range resolved, so two
//! decodes of different byte strings can be compared for equality.

#![allow(dead_code)]

use goval_token::codec::{self, DecodedMessage, Limits, Value};

#[derive(Debug, PartialEq)]
pub enum Resolved {
    Absent,
    Scalar(u64),
    Bytes(Vec<u8>),
    Message(ResolvedMessage),
    Repeated(Vec<Resolved>),
}

#[derive(Debug, PartialEq)]
pub struct ResolvedMessage {
    pub message: usize,
    pub values: Vec<Resolved>,
    pub oneof_cases: Vec<Option<usize>>,
    pub unknown: Vec<(u32, u8, Vec<u8>)>,
}

fn range(bytes: &[u8], start: u32, len: u32) -> Vec<u8> {
    bytes[start as usize..(start + len) as usize].to_vec()
}

pub fn resolve(m: &DecodedMessage, bytes: &[u8]) -> ResolvedMessage {
    ResolvedMessage {
        message: m.message,
        values: m.values.iter().map(|v| resolve_value(v, bytes)).collect(),
        oneof_cases: m.oneof_cases.clone(),
        unknown: m
            .unknown
            .iter()
            .map(|u| (u.number, u.wire_type, range(bytes, u.start, u.len)))
            .collect(),
    }
}

fn resolve_value(v: &Value, bytes: &[u8]) -> Resolved {
    match v {
        Value::Absent => Resolved::Absent,
        // Proto3 scalars have no presence: a default read from the wire equals an absent one.
        Value::Scalar(0) => Resolved::Absent,
        Value::Scalar(bits) => Resolved::Scalar(*bits),
        Value::Bytes { start, len, ascii } => {
            let data = range(bytes, *start, *len);
            assert_eq!(*ascii, data.is_ascii(), "the ascii flag is wrong");
            if data.is_empty() {
                Resolved::Absent
            } else {
                Resolved::Bytes(data)
            }
        }
        Value::Message(m) => Resolved::Message(resolve(m, bytes)),
        Value::Repeated(items) => {
            Resolved::Repeated(items.iter().map(|v| resolve_value(v, bytes)).collect())
        }
    }
}

/// The round-trip invariant: what decode accepted, encode writes back, and that decodes to
/// the same message; encoding again gives the same bytes.
pub fn check_round_trip(message: usize, decoded: &DecodedMessage, bytes: &[u8]) {
    let mut flat = Vec::new();
    codec::flat::write_flat(decoded, &mut flat);
    let encoded = codec::encode(message, &flat, bytes)
        .unwrap_or_else(|e| panic!("decode accepted what encode rejects: {e:?}"));
    let limits = Limits::default();
    let again = codec::decode(message, &encoded, &limits)
        .unwrap_or_else(|e| panic!("encode wrote what decode rejects: {e:?}"));
    assert_eq!(resolve(decoded, bytes), resolve(&again, &encoded), "the round trip changed the message");
    let flat_again = codec::decode_to_flat(message, &encoded, &limits).expect("decoded once");
    let encoded_again = codec::encode(message, &flat_again, &encoded).expect("encoded once");
    assert_eq!(encoded, encoded_again, "encoding is not a fixpoint");
}
