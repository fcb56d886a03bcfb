//! The Rust test suite, shared by three harnesses: `tests/native.rs` (plain `cargo test`),
//! `tests/node.rs` (wasm32 in Node) and `tests/browser.rs` (wasm32 in headless Chromium).
//! Every test carries both attributes below, so the same assertions run on all three.
//!
//! Helpers come first, then the tests, grouped by the behaviour they pin down.

#![allow(dead_code, deprecated)]

use goval_token::boundary::Scratch;
use goval_token::codec::{self, decode, decode_to_flat, encode, DecodedMessage, Limits, Value};
use goval_token::error::PathSegment;
use goval_token::schema::api::repl_token::{ClassroomMetadata, Metadata, Presenced, ReplId};
use goval_token::schema::api::{Repl, ReplToken, ResourceLimits};
use goval_token::schema::{message as msg, Kind, Slot, ENUMS, MESSAGES};
use goval_token::{layout, CodecError, ErrorKind};
use prost::Message as _;
use prost_types::Timestamp;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// A tiny deterministic PRNG (xorshift64*), so the hostile-input tests are reproducible.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// Protobuf bytes written by hand, for inputs prost would never produce.
#[derive(Default)]
struct W(Vec<u8>);

impl W {
    fn new() -> Self {
        W(Vec::new())
    }
    fn varint(mut self, mut v: u64) -> Self {
        while v >= 0x80 {
            self.0.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
        self
    }
    fn tag(self, number: u64, wire_type: u64) -> Self {
        self.varint(number << 3 | wire_type)
    }
    fn raw(mut self, data: &[u8]) -> Self {
        self.0.extend_from_slice(data);
        self
    }
    fn len_field(self, number: u64, data: &[u8]) -> Self {
        self.tag(number, 2).varint(data.len() as u64).raw(data)
    }
    fn varint_field(self, number: u64, v: u64) -> Self {
        self.tag(number, 0).varint(v)
    }
    fn pos(&self) -> u32 {
        self.0.len() as u32
    }
    fn done(self) -> Vec<u8> {
        self.0
    }
}

/// A flat description written by hand, with its own byte area.
#[derive(Default)]
struct Flat {
    words: Vec<u32>,
    bytes: Vec<u8>,
}

impl Flat {
    fn w(&mut self, word: u32) -> &mut Self {
        self.words.push(word);
        self
    }
    fn ws(&mut self, words: &[u32]) -> &mut Self {
        self.words.extend_from_slice(words);
        self
    }
    fn w64(&mut self, v: u64) -> &mut Self {
        self.ws(&[v as u32, (v >> 32) as u32])
    }
    /// A string/bytes range over `data`, appended to the byte area.
    fn s(&mut self, data: &[u8]) -> &mut Self {
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(data);
        self.ws(&[start, data.len() as u32])
    }
    fn unknown(&mut self, number: u32, wire_type: u32, data: &[u8]) -> &mut Self {
        self.ws(&[number, wire_type]).s(data)
    }
    fn encode(&self, message: usize) -> Result<Vec<u8>, CodecError> {
        encode(message, &self.words, &self.bytes)
    }
}

fn lim() -> Limits {
    Limits::default()
}

fn flat(message: usize, bytes: &[u8]) -> Vec<u32> {
    decode_to_flat(message, bytes, &lim()).unwrap_or_else(|e| panic!("decode failed: {e}"))
}

/// Decode to the flat description, then encode it with the original bytes as the byte area.
fn reencode(message: usize, bytes: &[u8]) -> Vec<u8> {
    encode(message, &flat(message, bytes), bytes).unwrap_or_else(|e| panic!("encode failed: {e}"))
}

fn decode_err(message: usize, bytes: &[u8]) -> CodecError {
    decode_err_with(message, bytes, &lim())
}

fn decode_err_with(message: usize, bytes: &[u8], limits: &Limits) -> CodecError {
    match decode(message, bytes, limits) {
        Ok(d) => panic!("expected an error, decoded {d:?}"),
        Err(e) => e,
    }
}

fn assert_err(e: &CodecError, kind: ErrorKind, offset: Option<u32>, path: &str) {
    assert_eq!(e.kind, kind, "kind of {e}");
    assert_eq!(e.offset, offset, "offset of {e}");
    assert_eq!(e.path_string(), path, "path of {e}");
}

fn ts(seconds: i64, nanos: i32) -> Option<Timestamp> {
    Some(Timestamp { seconds, nanos })
}

/// A token with every field set, the oneof on `repl`.
fn full_token() -> ReplToken {
    ReplToken {
        iat: ts(1_700_000_000, 123_456_789),
        exp: ts(1_700_003_600, 999_999_999),
        salt: "sAlT-_0123456789abcdefgh".into(),
        cluster: "global \u{1F30D} clüster".into(),
        persistence: 1,
        metadata: Some(Metadata::Repl(Repl {
            id: "9a7b3c2e-1111-4222-8333-444455556666".into(),
            language: "python3".into(),
            bucket: "replit-repls".into(),
            slug: "my-répl-🐍".into(),
            user: "ユーザー".into(),
            source_repl: "source".into(),
            ..Default::default()
        })),
        resource_limits: Some(ResourceLimits {
            net: true,
            memory: 2_147_483_648,
            threads: 0.5,
            shares: 1024.0,
            disk: (1 << 53) + 1,
            ..Default::default()
        }),
        format: 1,
        presenced: Some(Presenced {
            bearer_id: u32::MAX,
            bearer_name: "bearer 👩‍💻".into(),
        }),
        flags: vec!["a".into(), "".into(), "ßeta-🚩".into(), "x".repeat(200)],
        ..Default::default()
    }
}

fn full_token_bytes() -> Vec<u8> {
    full_token().encode_to_vec()
}

/// Doubles compared by bits, so NaN equals itself; everything else by `==`.
fn same_token(a: &ReplToken, b: &ReplToken) -> bool {
    let (mut a, mut b) = (a.clone(), b.clone());
    let bits = |t: &mut ReplToken| {
        if let Some(rl) = &mut t.resource_limits {
            let (threads, shares) = (rl.threads.to_bits(), rl.shares.to_bits());
            rl.threads = 0.0;
            rl.shares = 0.0;
            return Some((threads, shares));
        }
        None
    };
    let (ba, bb) = (bits(&mut a), bits(&mut b));
    a == b && ba == bb
}

/// The field numbers of the top-level fields of `bytes`, in order.
fn field_numbers(bytes: &[u8]) -> Vec<u32> {
    let decoded = walk(bytes);
    decoded.into_iter().map(|(n, _, _)| n).collect()
}

/// Splits well-formed bytes into (number, wire type, value bytes); groups are not expected.
fn walk(bytes: &[u8]) -> Vec<(u32, u8, Vec<u8>)> {
    fn varint(b: &[u8], p: &mut usize) -> u64 {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let byte = b[*p];
            *p += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return v;
            }
            shift += 7;
        }
    }
    let mut out = Vec::new();
    let mut p = 0;
    while p < bytes.len() {
        let key = varint(bytes, &mut p);
        let (number, wt) = ((key >> 3) as u32, (key & 7) as u8);
        let start = p;
        match wt {
            0 => {
                varint(bytes, &mut p);
            }
            1 => p += 8,
            5 => p += 4,
            2 => {
                let len = varint(bytes, &mut p) as usize;
                p += len;
            }
            _ => panic!("unexpected wire type {wt}"),
        }
        out.push((number, wt, bytes[start..p].to_vec()));
    }
    out
}

// ---- DecodedMessage → the JS object model, as tagged JSON (see tests/golden/revive.mjs) ----

fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

fn tagged(key: &str, value: String) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    map.insert(key.into(), serde_json::Value::String(value));
    serde_json::Value::Object(map)
}

fn number(v: f64) -> serde_json::Value {
    if v.is_nan() {
        tagged("$number", "NaN".into())
    } else if v == f64::INFINITY {
        tagged("$number", "Infinity".into())
    } else if v == f64::NEG_INFINITY {
        tagged("$number", "-Infinity".into())
    } else if v == 0.0 && v.is_sign_negative() {
        tagged("$number", "-0".into())
    } else {
        serde_json::Number::from_f64(v).unwrap().into()
    }
}

/// The object the JS builder makes from a decoded message, in the tagged JSON form of
/// `tests/golden/vectors.json`.
fn to_model(m: &DecodedMessage, bytes: &[u8]) -> serde_json::Value {
    let desc = m.desc();
    let mut object = serde_json::Map::new();
    for slot in desc.layout {
        match *slot {
            Slot::Field(i) => {
                let f = &desc.fields[i];
                let v = if f.repeated {
                    let Value::Repeated(items) = &m.values[i] else {
                        panic!("repeated field without Value::Repeated")
                    };
                    items
                        .iter()
                        .map(|v| value_model(f.kind, f.target, v, bytes))
                        .collect()
                } else {
                    value_model(f.kind, f.target, &m.values[i], bytes)
                };
                object.insert(f.name.into(), v);
            }
            Slot::Oneof(o, _) => {
                let mut oneof = serde_json::Map::new();
                match m.oneof_cases[o] {
                    None => {
                        oneof.insert("case".into(), serde_json::Value::Null);
                    }
                    Some(field) => {
                        let f = &desc.fields[field];
                        oneof.insert("case".into(), f.name.into());
                        oneof.insert(
                            "value".into(),
                            value_model(f.kind, f.target, &m.values[field], bytes),
                        );
                    }
                }
                object.insert(desc.oneofs[o].into(), oneof.into());
            }
        }
    }
    if !m.unknown.is_empty() {
        let list = m
            .unknown
            .iter()
            .map(|u| {
                let data = &bytes[u.start as usize..(u.start + u.len) as usize];
                serde_json::json!({ "no": u.number, "wireType": u.wire_type, "data": tagged("$bytes", hex(data)) })
            })
            .collect();
        object.insert("$unknown".into(), serde_json::Value::Array(list));
    }
    object.into()
}

fn value_model(kind: Kind, target: usize, v: &Value, bytes: &[u8]) -> serde_json::Value {
    let bits = match v {
        Value::Absent => match kind {
            Kind::Message => return serde_json::Value::Null,
            Kind::String => return "".into(),
            Kind::Bytes => return tagged("$bytes", String::new()),
            _ => 0,
        },
        Value::Scalar(bits) => *bits,
        Value::Bytes { start, len, ascii } => {
            let data = &bytes[*start as usize..(*start + *len) as usize];
            assert_eq!(*ascii, data.is_ascii(), "ascii flag");
            return match kind {
                Kind::String => std::str::from_utf8(data).unwrap().into(),
                _ => tagged("$bytes", hex(data)),
            };
        }
        Value::Message(m) => return to_model(m, bytes),
        Value::Repeated(_) => panic!("nested repeated value"),
    };
    match kind {
        Kind::Double => number(f64::from_bits(bits)),
        Kind::Float => number(f64::from(f32::from_bits(bits as u32))),
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => tagged("$bigint", (bits as i64).to_string()),
        Kind::Uint64 | Kind::Fixed64 => tagged("$bigint", bits.to_string()),
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 => (bits as i32).into(),
        Kind::Uint32 | Kind::Fixed32 => (bits as u32).into(),
        Kind::Bool => (bits != 0).into(),
        Kind::Enum => {
            let n = bits as i32;
            match ENUMS[target].values.iter().find(|(_, v)| *v == n) {
                Some((name, _)) => (*name).into(),
                None => n.into(),
            }
        }
        Kind::String | Kind::Bytes | Kind::Message => panic!("{kind:?} as a scalar"),
    }
}

/// JSON equality where numbers compare as f64 (JS has one number type).
fn json_eq(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || (x - y).abs() <= f64::EPSILON * x.abs().max(y.abs())
        }
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// The flat words of an empty message of each kind (every slot absent, no unknown fields).
fn empty_flat(message: usize) -> Vec<u32> {
    let mut words = Vec::new();
    codec::decode::write_flat(&DecodedMessage::new(message), &mut words);
    words
}

/// No panic, and a successful decode must re-encode, and re-encoding must be a fixpoint.
/// The one-pass decoder either gives up or agrees with the merging decoder.
fn check_paths_agree(message: usize, bytes: &[u8]) {
    let mut fast = Vec::new();
    if codec::fast::decode_to_flat(message, bytes, &lim(), &mut fast).is_ok() {
        let mut merging = Vec::new();
        codec::decode_into_flat_merging(message, bytes, &lim(), &mut merging)
            .unwrap_or_else(|e| panic!("fast path accepted {bytes:02x?}, merging decoder: {e}"));
        assert_eq!(fast, merging, "the two decoders disagree on {bytes:02x?}");
    }
}

fn check_hostile(message: usize, bytes: &[u8]) {
    check_paths_agree(message, bytes);
    if let Ok(words) = decode_to_flat(message, bytes, &lim()) {
        let once = encode(message, &words, bytes)
            .unwrap_or_else(|e| panic!("decoded {bytes:02x?} but cannot re-encode: {e}"));
        let twice = reencode(message, &once);
        assert_eq!(
            once, twice,
            "re-encoding is not a fixpoint for {bytes:02x?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Schema sanity
// ---------------------------------------------------------------------------------------

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn schema_tables_match_the_proto() {
    // Every message and field the .proto files declare, read from their text here, is in
    // the generated tables with its number, JSON name, label and oneof.
    let mut declared = Vec::new();
    for text in PROTO_FILES {
        declared.extend(proto_fields(text));
    }
    let ours: Vec<&str> = MESSAGES
        .iter()
        .map(|m| m.name)
        .filter(|n| *n != "Timestamp")
        .collect();
    let theirs: Vec<&str> = declared.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(ours.len(), theirs.len(), "messages: {ours:?} vs {theirs:?}");
    for (message, fields) in &declared {
        let desc = MESSAGES
            .iter()
            .find(|m| m.name == message)
            .unwrap_or_else(|| panic!("{message} missing"));
        let got: Vec<(String, u32, bool, bool)> = desc
            .fields
            .iter()
            .map(|f| {
                (
                    f.name.to_string(),
                    f.number,
                    f.repeated,
                    f.oneof != u16::MAX as usize,
                )
            })
            .collect();
        assert_eq!(&got, fields, "{message}");
    }
    assert_eq!(MESSAGES[msg::REPL_TOKEN].oneofs, ["metadata"]);
    assert_eq!(
        MESSAGES[msg::TIMESTAMP].full_name,
        "google.protobuf.Timestamp"
    );
    let enums: Vec<&str> = ENUMS.iter().map(|e| e.name).collect();
    assert_eq!(
        enums,
        [
            "Environment",
            "OrgType",
            "Cachability",
            "Persistence",
            "WireFormat",
            "TokenVersion",
            "FlagClaim"
        ]
    );
}

const PROTO_FILES: &[&str] = &[
    include_str!("../../proto/api/repl_token.proto"),
    include_str!("../../proto/api/signing.proto"),
];

/// `(message, [(JSON name, number, repeated, in a oneof)])` of a .proto text, in declaration
/// order; enough of the grammar for this schema (one declaration per line).
/// A declared field: JSON name, number, repeated, in a oneof.
type DeclaredField = (String, u32, bool, bool);

fn proto_fields(text: &str) -> Vec<(String, Vec<DeclaredField>)> {
    let mut out: Vec<(String, Vec<DeclaredField>)> = Vec::new();
    // The open blocks: ("message", index into out) | ("enum", _) | ("oneof", _).
    let mut stack: Vec<(&str, usize)> = Vec::new();
    for line in text.lines() {
        let line = line.split("//").next().unwrap().trim();
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["message", name, "{"] => {
                out.push((name.to_string(), Vec::new()));
                stack.push(("message", out.len() - 1));
            }
            // A message with no fields: `message ReplRuntimeDeployment {}`.
            ["message", name, "{}"] => out.push((name.to_string(), Vec::new())),
            ["enum", _, "{"] => stack.push(("enum", 0)),
            ["oneof", _, "{"] => {
                let owner = stack.last().unwrap().1;
                stack.push(("oneof", owner));
            }
            ["}"] => {
                stack.pop();
            }
            _ if line.contains('=')
                && !line.starts_with("option")
                && !line.starts_with("syntax") =>
            {
                let Some(&(kind, owner)) = stack.last() else {
                    continue;
                };
                if kind == "enum" {
                    continue;
                }
                let repeated = words[0] == "repeated";
                let rest = &words[repeated as usize..];
                let (name, number) = (rest[1], rest[3].trim_end_matches(';'));
                out[owner].1.push((
                    json_name(name),
                    number.parse().unwrap(),
                    repeated,
                    kind == "oneof",
                ));
            }
            _ => {}
        }
    }
    // Nested messages are declared inside their parent but are messages of their own.
    out
}

/// protoc's JSON name: underscores dropped, the letter after each upper-cased.
fn json_name(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn error_kinds_round_trip_through_their_codes() {
    for code in (1..=15).filter(|&c| c != 4) {
        let kind = ErrorKind::from_code(code).unwrap();
        assert_eq!(kind as u32, code);
        assert!(!kind.text().is_empty());
    }
    assert_eq!(ErrorKind::from_code(0), None);
    assert_eq!(ErrorKind::from_code(4), None); // retired: was a wire type mismatch
    assert_eq!(ErrorKind::from_code(16), None);
}

// ---------------------------------------------------------------------------------------
// Round trips through the flat description
// ---------------------------------------------------------------------------------------

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn empty_input_decodes_to_all_absent_and_reencodes_empty() {
    for message in 0..MESSAGES.len() {
        let words = flat(message, &[]);
        assert_eq!(words, empty_flat(message), "{}", MESSAGES[message].name);
        assert_eq!(encode(message, &words, &[]).unwrap(), Vec::<u8>::new());
    }
    // 23 words for ReplToken: iat, exp, salt×2, cluster×2, persistence, oneof, resourceLimits,
    // format, presenced, flags count, features count, interactiveResourceLimits, buildInfo,
    // pid2Info, paid, replexec, externalSecrets count, before, resourceTier×2, unknown count.
    assert_eq!(empty_flat(msg::REPL_TOKEN), vec![0; 23]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn full_repl_token_round_trips_through_flat() {
    let bytes = full_token_bytes();
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_nested_type_round_trips_through_flat() {
    let cases: Vec<(usize, Vec<u8>)> = vec![
        (
            msg::TIMESTAMP,
            Timestamp {
                seconds: -62_135_596_800,
                nanos: 999_999_999,
            }
            .encode_to_vec(),
        ),
        (
            msg::TIMESTAMP,
            Timestamp {
                seconds: i64::MAX,
                nanos: 1,
            }
            .encode_to_vec(),
        ),
        (
            msg::REPL,
            Repl {
                id: "id".into(),
                language: "nodejs".into(),
                bucket: "b".into(),
                slug: "slüg".into(),
                user: "👤".into(),
                source_repl: "src".into(),
                ..Default::default()
            }
            .encode_to_vec(),
        ),
        (
            msg::RESOURCE_LIMITS,
            ResourceLimits {
                net: true,
                memory: i64::MIN,
                threads: f64::NAN,
                shares: f64::NEG_INFINITY,
                disk: i64::MAX,
                ..Default::default()
            }
            .encode_to_vec(),
        ),
        (
            msg::CLASSROOM_METADATA,
            ClassroomMetadata {
                id: "c".into(),
                language: "java".into(),
            }
            .encode_to_vec(),
        ),
        (
            msg::REPL_ID,
            ReplId {
                id: "r".into(),
                source_repl: "ß".into(),
            }
            .encode_to_vec(),
        ),
        (
            msg::PRESENCED,
            Presenced {
                bearer_id: u32::MAX,
                bearer_name: "🐻".into(),
            }
            .encode_to_vec(),
        ),
    ];
    for (message, bytes) in cases {
        assert!(!bytes.is_empty());
        assert_eq!(
            reencode(message, &bytes),
            bytes,
            "{}",
            MESSAGES[message].name
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn flat_layout_matches_the_documented_word_order() {
    let token = ReplToken {
        iat: ts(5, 6),
        salt: "ab".into(),
        cluster: "é".into(),
        persistence: 2,
        metadata: Some(Metadata::Id(ReplId {
            id: "x".into(),
            source_repl: String::new(),
        })),
        resource_limits: Some(ResourceLimits {
            memory: -2,
            threads: 1.5,
            ..Default::default()
        }),
        format: 1,
        flags: vec!["f".into()],
        ..Default::default()
    };
    let bytes = token.encode_to_vec();
    let words = flat(msg::REPL_TOKEN, &bytes);
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    let range = |i: usize| match &d.values[i] {
        Value::Bytes { start, len, ascii } => {
            [*start, *len | if *ascii { 0 } else { codec::NON_ASCII }]
        }
        other => panic!("not bytes: {other:?}"),
    };
    let id_range = match &d.values[6] {
        Value::Message(m) => match &m.values[0] {
            Value::Bytes { start, len, .. } => [*start, *len],
            v => panic!("{v:?}"),
        },
        v => panic!("{v:?}"),
    };
    let flag_range = match &d.values[11] {
        Value::Repeated(items) => match &items[0] {
            Value::Bytes { start, len, .. } => [*start, *len],
            v => panic!("{v:?}"),
        },
        v => panic!("{v:?}"),
    };
    let threads = 1.5f64.to_bits();
    let mut expected = vec![];
    expected.extend([1, 5, 0, 6, 0]); // iat: present, seconds lo/hi, nanos, no unknown
    expected.push(0); // exp absent
    expected.extend(range(2)); // salt
    expected.extend(range(3)); // cluster (non-ASCII: bit 31)
    assert_ne!(range(3)[1] & codec::NON_ASCII, 0);
    expected.push(2); // persistence
    expected.extend([2, 1]); // oneof case 2 (id), message present
    expected.extend(id_range);
    expected.extend([0, 0, 0]); // sourceRepl empty, no unknown
    expected.extend([
        1,
        0,
        (-2i64) as u32,
        u32::MAX,
        threads as u32,
        (threads >> 32) as u32,
        0,
        0,
        0,
        0,
        0, // cache, restrictNetwork, scratchDisk, minimumDisk:
        0,
        0,
        0,
        0,
        0,
        0,
    ]);
    expected.push(1); // format
    expected.push(0); // presenced absent
    expected.push(1); // one flag
    expected.extend(flag_range);
    // features, interactiveResourceLimits, buildInfo, pid2Info, paid, replexec,
    // externalSecrets, before, resourceTier×2
    expected.extend([0; 10]);
    expected.push(0); // no unknown fields
    assert_eq!(words, expected);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hand_written_flat_encodes_to_what_prost_reads() {
    let mut f = Flat::default();
    f.ws(&[1]).w64(100).w(7).w(0); // iat {100, 7}
    f.w(0); // exp
    f.s(b"salty"); // salt
    f.s("καλημέρα".as_bytes()); // cluster
    f.w(u32::MAX); // persistence -1
    f.w(3).w(1).s(b"cls").s(b"go").w(0); // oneof classroom
    f.w(1)
        .w(1)
        .w64(1 << 40)
        .w64(2.25f64.to_bits())
        .w64(0)
        .w64(u64::MAX)
        .ws(&[0; 6]) // cache, restrictNetwork, scratchDisk, minimumDisk
        .w(0); // resourceLimits
    f.w(0); // format
    f.w(1).w(7).s(b"").w(0); // presenced {7, ""}
    f.w(2).s(b"one").s(b""); // flags
    f.ws(&[0; 10]); // the fields of @replit/protocol 0.4.27, unset
    f.w(0); // unknown
    let bytes = f.encode(msg::REPL_TOKEN).unwrap();
    let t = ReplToken::decode(bytes.as_slice()).unwrap();
    let expected = ReplToken {
        iat: ts(100, 7),
        salt: "salty".into(),
        cluster: "καλημέρα".into(),
        persistence: -1,
        metadata: Some(Metadata::Classroom(ClassroomMetadata {
            id: "cls".into(),
            language: "go".into(),
        })),
        resource_limits: Some(ResourceLimits {
            net: true,
            memory: 1 << 40,
            threads: 2.25,
            shares: 0.0,
            disk: -1,
            ..Default::default()
        }),
        presenced: Some(Presenced {
            bearer_id: 7,
            bearer_name: String::new(),
        }),
        flags: vec!["one".into(), "".into()],
        ..Default::default()
    };
    assert_eq!(t, expected);
    assert_eq!(bytes, expected.encode_to_vec());
}

// ---------------------------------------------------------------------------------------
// Prost differential
// ---------------------------------------------------------------------------------------

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn canonical_input_takes_the_one_pass_decoder_and_matches_the_merging_one() {
    for token in prost_cases() {
        let bytes = token.encode_to_vec();
        let mut fast = Vec::new();
        assert!(
            codec::fast::decode_to_flat(msg::REPL_TOKEN, &bytes, &lim(), &mut fast).is_ok(),
            "canonical input fell back: {bytes:02x?}"
        );
        check_paths_agree(msg::REPL_TOKEN, &bytes);
    }
    // Out of order, repeated scalars and oneof switches need the merging decoder.
    for bytes in [
        &[0x22, 0x00, 0x1a, 0x00][..],
        &[0x22, 0x01, 0x61, 0x22, 0x01, 0x62],
        &[0x3a, 0x00, 0x42, 0x00],
    ] {
        let mut fast = Vec::new();
        assert!(codec::fast::decode_to_flat(msg::REPL_TOKEN, bytes, &lim(), &mut fast).is_err());
        assert!(decode_to_flat(msg::REPL_TOKEN, bytes, &lim()).is_ok());
    }
}

fn prost_cases() -> Vec<ReplToken> {
    let int64s = [
        0,
        -1,
        (1i64 << 53) + 1,
        -(1i64 << 53) - 1,
        i64::MIN,
        i64::MAX,
        1,
    ];
    let doubles = [
        0.0,
        1.0,
        -1.5,
        f64::NAN,
        -f64::NAN,
        f64::from_bits(0x7ff8_dead_beef_0001),
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MIN_POSITIVE,
        5e-324,
        f64::MAX,
    ];
    let metadata = [
        None,
        full_token().metadata,
        Some(Metadata::Repl(Repl::default())),
        Some(Metadata::Id(ReplId {
            id: "🆔".into(),
            source_repl: "src-ü".into(),
        })),
        Some(Metadata::Id(ReplId::default())),
        Some(Metadata::Classroom(ClassroomMetadata {
            id: "κ".into(),
            language: "日本語".into(),
        })),
        Some(Metadata::Classroom(ClassroomMetadata::default())),
    ];
    let mut cases = vec![ReplToken::default(), full_token()];
    for (i, m) in metadata.iter().enumerate() {
        let mut t = full_token();
        t.metadata = m.clone();
        t.persistence = [0, 1, 2, 3, -1, i32::MIN, i32::MAX][i];
        t.format = [0, 1, 2, -7, 0, 1, 0][i];
        cases.push(t);
        cases.push(ReplToken {
            metadata: m.clone(),
            ..Default::default()
        });
    }
    for (i, &n) in int64s.iter().enumerate() {
        for (j, &d) in doubles.iter().enumerate() {
            let mut t = full_token();
            t.resource_limits = Some(ResourceLimits {
                net: (i + j) % 2 == 0,
                memory: n,
                threads: d,
                shares: doubles[(j + 3) % doubles.len()],
                disk: int64s[(i + j) % int64s.len()],
                ..Default::default()
            });
            t.iat = ts(n, [0, 999_999_999, 1, 500_000_000, 0, 999_999_999, 42][i]);
            t.exp = if j % 3 == 0 { None } else { ts(0, 0) };
            t.presenced = Some(Presenced {
                bearer_id: [0, 1, u32::MAX, 1 << 31][j % 4],
                bearer_name: ["", "a", "🙂", "mixed ascii and ü"][i % 4].into(),
            });
            cases.push(t);
        }
    }
    cases.push(ReplToken {
        salt: "\u{0}\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}".into(),
        ..Default::default()
    });
    cases.push(ReplToken {
        flags: vec![String::new(); 3],
        ..Default::default()
    });
    cases.push(ReplToken {
        resource_limits: Some(ResourceLimits::default()),
        presenced: Some(Presenced::default()),
        ..Default::default()
    });
    cases
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn prost_bytes_reencode_byte_identically_and_decode_to_the_same_value() {
    let cases = prost_cases();
    assert!(cases.len() > 80);
    for token in &cases {
        let prost_bytes = token.encode_to_vec();
        let ours = reencode(msg::REPL_TOKEN, &prost_bytes);
        assert_eq!(ours, prost_bytes, "byte mismatch for {token:?}");
        let back = ReplToken::decode(ours.as_slice()).unwrap();
        assert!(
            same_token(&back, token),
            "prost reads back {back:?}, wrote {token:?}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn prost_and_our_encoder_both_write_fields_in_field_number_order() {
    for token in prost_cases() {
        let prost_bytes = token.encode_to_vec();
        let numbers = field_numbers(&prost_bytes);
        assert!(
            numbers.windows(2).all(|w| w[0] <= w[1]),
            "prost order {numbers:?}"
        );
        let ours = reencode(msg::REPL_TOKEN, &prost_bytes);
        assert_eq!(field_numbers(&ours), numbers);
    }
    // Our encoder walks the layout, which is declaration order; the proto declares fields in
    // number order, so that is field-number order. Except Feature, declared as
    // @replit/protocol 0.4.27 declares it: its oneof (2, 5, 6) before `required` (3), which no
    // declaration order can interleave; a Feature with viktor or notary and required comes out
    // 5|6 before 3 (as that package's own encoder writes it), which decoders accept.
    let full = full_token_bytes();
    assert_eq!(
        field_numbers(&full),
        [1, 2, 3, 4, 6, 7, 10, 12, 13, 14, 14, 14, 14]
    );
    for m in MESSAGES {
        let numbers: Vec<u32> = m.fields.iter().map(|f| f.number).collect();
        if m.name == "Feature" {
            assert_eq!(numbers, [2, 5, 6, 3]);
            continue;
        }
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{}", m.name);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn flat_values_match_prost_values() {
    // Scalars in the decoded tree hold the logical value's bits.
    let token = full_token();
    let bytes = token.encode_to_vec();
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    let Value::Message(rl) = &d.values[8] else {
        panic!()
    };
    let r = token.resource_limits.unwrap();
    assert_eq!(rl.values[0], Value::Scalar(1));
    assert_eq!(rl.values[1], Value::Scalar(r.memory as u64));
    assert_eq!(rl.values[2], Value::Scalar(r.threads.to_bits()));
    assert_eq!(rl.values[3], Value::Scalar(r.shares.to_bits()));
    assert_eq!(rl.values[4], Value::Scalar(r.disk as u64));
    let Value::Message(p) = &d.values[10] else {
        panic!()
    };
    assert_eq!(p.values[0], Value::Scalar(u64::from(u32::MAX)));
    assert_eq!(d.oneof_cases, vec![Some(5)]);
    let Value::Repeated(flags) = &d.values[11] else {
        panic!()
    };
    let strings: Vec<String> = flags
        .iter()
        .map(|v| match v {
            Value::Bytes { start, len, ascii } => {
                let s =
                    std::str::from_utf8(&bytes[*start as usize..(*start + *len) as usize]).unwrap();
                assert_eq!(*ascii, s.is_ascii());
                s.to_string()
            }
            v => panic!("{v:?}"),
        })
        .collect();
    assert_eq!(strings, token.flags);
}

// ---------------------------------------------------------------------------------------
// Proto3 merge semantics
// ---------------------------------------------------------------------------------------

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn merge_last_scalar_wins() {
    let bytes = W::new()
        .len_field(3, b"first")
        .varint_field(6, 1)
        .len_field(3, b"second")
        .varint_field(6, 2)
        .varint_field(12, 1)
        .varint_field(12, 0)
        .done();
    let expected = ReplToken {
        salt: "second".into(),
        persistence: 2,
        format: 0,
        ..Default::default()
    };
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), expected);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn merge_message_seen_twice_merges_fields() {
    let first = ResourceLimits {
        net: true,
        memory: 5,
        threads: 1.0,
        ..Default::default()
    }
    .encode_to_vec();
    let second = ResourceLimits {
        memory: 9,
        disk: 7,
        ..Default::default()
    }
    .encode_to_vec();
    let iat1 = Timestamp {
        seconds: 10,
        nanos: 0,
    }
    .encode_to_vec();
    let iat2 = Timestamp {
        seconds: 0,
        nanos: 20,
    }
    .encode_to_vec();
    let bytes = W::new()
        .len_field(1, &iat1)
        .len_field(10, &first)
        .len_field(3, b"between")
        .len_field(10, &second)
        .len_field(1, &iat2)
        .done();
    let expected = ReplToken {
        iat: ts(10, 20),
        salt: "between".into(),
        resource_limits: Some(ResourceLimits {
            net: true,
            memory: 9,
            threads: 1.0,
            shares: 0.0,
            disk: 7,
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), expected);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn merge_oneof_switch_keeps_only_the_last_member() {
    let repl_a = Repl {
        id: "a".into(),
        slug: "sa".into(),
        ..Default::default()
    }
    .encode_to_vec();
    let repl_b = Repl {
        language: "lb".into(),
        ..Default::default()
    }
    .encode_to_vec();
    let id = ReplId {
        id: "i".into(),
        ..Default::default()
    }
    .encode_to_vec();
    let class = ClassroomMetadata {
        id: "c".into(),
        ..Default::default()
    }
    .encode_to_vec();

    // repl, then id: id only.
    let bytes = W::new().len_field(7, &repl_a).len_field(8, &id).done();
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    assert_eq!(d.oneof_cases, vec![Some(6)]);
    assert_eq!(d.values[5], Value::Absent);
    let expected = ReplToken {
        metadata: Some(Metadata::Id(ReplId {
            id: "i".into(),
            ..Default::default()
        })),
        ..Default::default()
    };
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());

    // repl, id, repl: the second repl does not merge with the first, which the switch cleared.
    let bytes = W::new()
        .len_field(7, &repl_a)
        .len_field(8, &id)
        .len_field(7, &repl_b)
        .done();
    let expected = ReplToken {
        metadata: Some(Metadata::Repl(Repl {
            language: "lb".into(),
            ..Default::default()
        })),
        ..Default::default()
    };
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), expected);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());

    // repl twice in a row: merges, like any message field.
    let bytes = W::new().len_field(7, &repl_a).len_field(7, &repl_b).done();
    let expected = ReplToken {
        metadata: Some(Metadata::Repl(Repl {
            id: "a".into(),
            slug: "sa".into(),
            language: "lb".into(),
            ..Default::default()
        })),
        ..Default::default()
    };
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), expected);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());

    // classroom, id, classroom: last member wins.
    let bytes = W::new()
        .len_field(9, &class)
        .len_field(8, &id)
        .len_field(9, &class)
        .done();
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    assert_eq!(d.oneof_cases, vec![Some(7)]);
    assert_eq!(d.values[6], Value::Absent);
    assert_eq!(
        reencode(msg::REPL_TOKEN, &bytes),
        W::new().len_field(9, &class).done()
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn merge_repeated_fields_append() {
    let bytes = W::new()
        .len_field(14, b"one")
        .len_field(3, b"salt")
        .len_field(14, b"two")
        .varint_field(6, 1)
        .len_field(14, b"")
        .len_field(14, b"three")
        .done();
    let expected = ReplToken {
        salt: "salt".into(),
        persistence: 1,
        flags: vec!["one".into(), "two".into(), "".into(), "three".into()],
        ..Default::default()
    };
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), expected);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());
}

// ---------------------------------------------------------------------------------------
// Explicit defaults, -0.0
// ---------------------------------------------------------------------------------------

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn explicit_default_values_decode_and_reencode_omits_them() {
    let rl = W::new()
        .varint_field(1, 0)
        .varint_field(2, 0)
        .tag(3, 1)
        .raw(&0f64.to_le_bytes())
        .tag(4, 1)
        .raw(&0f64.to_le_bytes())
        .varint_field(5, 0)
        .done();
    let presenced = W::new().varint_field(1, 0).len_field(2, b"").done();
    let bytes = W::new()
        .len_field(3, b"") // salt ""
        .len_field(4, b"") // cluster ""
        .varint_field(6, 0) // persistence PERSISTENT
        .varint_field(12, 0) // format PROTOBUF
        .len_field(10, &rl)
        .len_field(13, &presenced)
        .done();
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    assert_eq!(d.values[4], Value::Scalar(0));
    assert!(matches!(d.values[2], Value::Bytes { len: 0, .. }));
    // Empty messages stay present (message fields have presence); their default fields go.
    let expected = W::new().len_field(10, &[]).len_field(13, &[]).done();
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected);
    let t = ReplToken::decode(expected.as_slice()).unwrap();
    assert_eq!(t.resource_limits, Some(ResourceLimits::default()));
    assert_eq!(t.presenced, Some(Presenced::default()));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn set_oneof_member_with_default_value_is_written() {
    for number in [7u64, 8, 9] {
        let bytes = W::new().len_field(number, &[]).done();
        assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
        let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
        assert!(d.oneof_cases[0].is_some());
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn negative_zero_double_is_kept_not_treated_as_default() {
    // Like protobuf-go and C++ (which test the bits), unlike prost (which tests `!= 0.0`).
    let rl = W::new().tag(3, 1).raw(&(-0.0f64).to_le_bytes()).done();
    let bytes = W::new().len_field(10, &rl).done();
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    let Value::Message(m) = &d.values[8] else {
        panic!()
    };
    assert_eq!(m.values[2], Value::Scalar((-0.0f64).to_bits()));
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    assert_eq!(
        to_model(&d, &bytes)["resourceLimits"]["threads"],
        tagged("$number", "-0".into())
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn non_canonical_varints_decode_and_reencode_canonically() {
    // persistence 1 as a 3-byte varint, bearerID 5 as a 10-byte varint (truncated to u32).
    let presenced = W::new()
        .tag(1, 0)
        .raw(&[0x85, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])
        .done();
    let bytes = W::new()
        .tag(6, 0)
        .raw(&[0x81, 0x80, 0x00])
        .len_field(13, &presenced)
        .done();
    let expected = ReplToken {
        persistence: 1,
        presenced: Some(Presenced {
            bearer_id: 5,
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), expected);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());
}

// ---------------------------------------------------------------------------------------
// Unknown fields and unknown enum values
// ---------------------------------------------------------------------------------------

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unknown_fields_are_kept_with_their_ranges_and_reencoded_identically() {
    // Repl with an unknown varint (19) and an unknown LEN (20) after its known fields.
    let repl = W::new()
        .len_field(1, b"r")
        .varint_field(19, 300)
        .len_field(20, b"xy")
        .done();
    let w = W::new().len_field(3, b"s").len_field(7, &repl);
    let repl_start = 3 + 2; // salt field, repl tag and length byte
                            // Top-level unknowns after the known fields: wire types 0, 1, 2, 5 and a group.
    let w = w.varint_field(5, 150);
    let p5 = w.pos() - 2;
    let w = w.tag(11, 1).raw(&0x0102_0304_0506_0708u64.to_le_bytes());
    let p11 = w.pos() - 8;
    let w = w.tag(15, 2).varint(3).raw(b"abc");
    let p15 = w.pos() - 3;
    let w = w.tag(27, 5).raw(&[9, 8, 7, 6]);
    let p16 = w.pos() - 4;
    let w = w.tag(28, 3);
    let p17 = w.pos();
    let w = w
        .varint_field(1, 5)
        .tag(2, 3)
        .len_field(3, b"in")
        .tag(2, 4)
        .tag(28, 4);
    let end17 = w.pos();
    let w = w.varint_field(536_870_911, 1); // the largest field number
    let pmax = w.pos() - 1;
    let bytes = w.done();

    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    let got: Vec<(u32, u8, u32, u32)> = d
        .unknown
        .iter()
        .map(|u| (u.number, u.wire_type, u.start, u.len))
        .collect();
    assert_eq!(
        got,
        vec![
            (5, 0, p5, 2),
            (11, 1, p11, 8),
            (15, 2, p15, 3),
            (27, 5, p16, 4),
            (28, 3, p17, end17 - p17),
            (536_870_911, 0, pmax, 1),
        ]
    );
    // The group's data runs up to and including its end tag.
    assert_eq!(&bytes[(end17 - 2) as usize..end17 as usize], &[0xe4, 0x01]);
    let Value::Message(r) = &d.values[5] else {
        panic!()
    };
    let nested: Vec<(u32, u8, u32, u32)> = r
        .unknown
        .iter()
        .map(|u| (u.number, u.wire_type, u.start, u.len))
        .collect();
    let r0 = repl_start as u32;
    assert_eq!(nested, vec![(19, 0, r0 + 5, 2), (20, 2, r0 + 10, 2)]);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);

    // The flat description lists them after the layout: number, wire type, offset, length.
    let words = flat(msg::REPL_TOKEN, &bytes);
    assert_eq!(
        &words[words.len() - 25..words.len() - 20],
        &[6, 5, 0, p5, 2]
    );

    // prost drops them, but still reads the known fields.
    let t = ReplToken::decode(bytes.as_slice()).unwrap();
    assert_eq!(t.salt, "s");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unknown_fields_in_every_nested_type_survive() {
    for message in 0..MESSAGES.len() {
        let unknown_no = MESSAGES[message]
            .fields
            .iter()
            .map(|f| f.number)
            .max()
            .unwrap_or(0) // ReplRuntimeDeployment has no fields
            + 1;
        let inner = W::new()
            .varint_field(unknown_no.into(), u64::MAX)
            .tag(unknown_no as u64 + 1, 3)
            .tag(unknown_no as u64 + 1, 4)
            .done();
        assert_eq!(
            reencode(message, &inner),
            inner,
            "{}",
            MESSAGES[message].name
        );
        let d = decode(message, &inner, &lim()).unwrap();
        assert_eq!(d.unknown.len(), 2);
        let u = &d.unknown[1];
        let end_tag = W::new().tag(unknown_no as u64 + 1, 4).done();
        assert_eq!(
            &inner[u.start as usize..(u.start + u.len) as usize],
            end_tag.as_slice(),
            "empty group: just its end tag"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unknown_fields_move_after_known_fields_on_reencode() {
    let bytes = W::new().varint_field(5, 1).len_field(3, b"s").done();
    assert_eq!(
        reencode(msg::REPL_TOKEN, &bytes),
        W::new().len_field(3, b"s").varint_field(5, 1).done()
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unknown_enum_values_survive() {
    let bytes = W::new().varint_field(6, 9).done();
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    assert_eq!(d.values[4], Value::Scalar(9));
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    assert_eq!(to_model(&d, &bytes)["persistence"], 9);

    // -1 is a 10-byte varint; it stays one.
    let bytes = W::new()
        .varint_field(6, u64::MAX)
        .varint_field(12, (-5i64) as u64)
        .done();
    assert_eq!(bytes.len(), 22);
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    assert_eq!(d.values[4], Value::Scalar(u64::MAX));
    assert_eq!(flat(msg::REPL_TOKEN, &bytes)[6], u32::MAX);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    let model = to_model(&d, &bytes);
    assert_eq!(model["persistence"], -1);
    assert_eq!(model["format"], -5);
    let t = ReplToken::decode(bytes.as_slice()).unwrap();
    assert_eq!((t.persistence, t.format), (-1, -5));

    // Known values come out as names.
    let bytes = W::new().varint_field(6, 2).varint_field(12, 1).done();
    let model = to_model(&decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap(), &bytes);
    assert_eq!(
        (model["persistence"].as_str(), model["format"].as_str()),
        (Some("NONE"), Some("JSON"))
    );
}

// ---------------------------------------------------------------------------------------
// Decode errors: kind, offset and path
// ---------------------------------------------------------------------------------------

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_truncated_varint() {
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x30, 0x80]),
        ErrorKind::Truncated,
        Some(1),
        "persistence",
    );
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x1a, 0x01, b'a', 0x80]),
        ErrorKind::Truncated,
        Some(3),
        "",
    );
    let rl = [0x10, 0xff, 0xff];
    let bytes = W::new().len_field(10, &rl).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::Truncated,
        Some(3),
        "resourceLimits.memory",
    );
    // Truncated inside an unknown field.
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x28, 0x80]),
        ErrorKind::Truncated,
        Some(1),
        "#5",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_truncated_length_and_length_past_end() {
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x1a]),
        ErrorKind::Truncated,
        Some(1),
        "salt",
    );
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x1a, 0x05, b'a']),
        ErrorKind::Truncated,
        Some(1),
        "salt",
    );
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x52, 0x02, 0x08]),
        ErrorKind::Truncated,
        Some(1),
        "resourceLimits",
    );
    // A length that fits in the outer message but runs past the nested one.
    let bytes = [0x3a, 0x03, 0x0a, 0x05, b'x'];
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::Truncated,
        Some(3),
        "repl.id",
    );
    // A huge length.
    let bytes = W::new().tag(14, 2).varint(u64::MAX >> 1).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::Truncated,
        Some(1),
        "flags[0]",
    );
    let bytes = W::new()
        .len_field(14, b"a")
        .tag(14, 2)
        .varint(1 << 40)
        .done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::Truncated,
        Some(4),
        "flags[1]",
    );
    // Fixed-width values cut short.
    let bytes = W::new().len_field(10, &[0x19, 1, 2, 3]).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::Truncated,
        Some(3),
        "resourceLimits.threads",
    );
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x5d, 1, 2, 3]),
        ErrorKind::Truncated,
        Some(1),
        "#11",
    );
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x59, 1, 2, 3]),
        ErrorKind::Truncated,
        Some(1),
        "#11",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_varint_longer_than_ten_bytes() {
    let mut bytes = vec![0x30];
    bytes.extend([0xff; 10]);
    bytes.push(0x01);
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::VarintTooLong,
        Some(1),
        "persistence",
    );
    // Ten bytes whose last carries more than bit 63.
    let mut bytes = vec![0x30];
    bytes.extend([0xff; 9]);
    bytes.push(0x02);
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::VarintTooLong,
        Some(1),
        "persistence",
    );
    // Exactly ten bytes with bit 63 set is fine.
    let mut ok = vec![0x30];
    ok.extend([0xff; 9]);
    ok.push(0x01);
    assert!(decode(msg::REPL_TOKEN, &ok, &lim()).is_ok());
    // A tag that is too long.
    let mut bytes = vec![0x1a, 0x00];
    bytes.extend([0x80; 10]);
    bytes.push(0x00);
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::VarintTooLong,
        Some(2),
        "",
    );
    // A length that is too long.
    let mut bytes = vec![0x1a];
    bytes.extend([0x80; 11]);
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::VarintTooLong,
        Some(1),
        "salt",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_invalid_wire_types_6_and_7() {
    for wt in [6u8, 7] {
        let e = decode_err(msg::REPL_TOKEN, &[0x08 | wt]);
        assert_err(&e, ErrorKind::InvalidWireType, Some(0), "");
        assert_eq!(e.args, [u64::from(wt), 0]);
        assert_eq!(e.message(), format!("wire type {wt} does not exist"));
        // Nested, after a known field.
        let bytes = W::new().len_field(7, &[0x0a, 0x00, 0x10 | wt]).done();
        assert_err(
            &decode_err(msg::REPL_TOKEN, &bytes),
            ErrorKind::InvalidWireType,
            Some(4),
            "repl",
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_field_number_zero_and_too_large() {
    let e = decode_err(msg::REPL_TOKEN, &[0x00, 0x00]);
    assert_err(&e, ErrorKind::InvalidFieldNumber, Some(0), "");
    assert_eq!(e.args, [0, 0]);
    let bytes = W::new()
        .len_field(3, b"ok")
        .tag(1 << 29, 0)
        .varint(1)
        .done();
    let e = decode_err(msg::REPL_TOKEN, &bytes);
    assert_err(&e, ErrorKind::InvalidFieldNumber, Some(4), "");
    assert_eq!(e.args, [1 << 29, 0]);
    let bytes = W::new().len_field(13, &[0x02, 0x00]).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::InvalidFieldNumber,
        Some(2),
        "presenced",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn wire_type_mismatch_on_a_known_field_is_kept_as_an_unknown_field() {
    // As in the C++ and Go runtimes: kept, written back, never misread.
    let unknown = |message: usize, bytes: &[u8]| -> Vec<(u32, u8, u32, u32)> {
        let d = decode(message, bytes, &lim()).unwrap_or_else(|e| panic!("{bytes:02x?}: {e}"));
        assert_eq!(reencode(message, bytes), bytes, "{bytes:02x?}");
        d.unknown
            .iter()
            .map(|u| (u.number, u.wire_type, u.start, u.len))
            .collect()
    };
    assert_eq!(unknown(msg::REPL_TOKEN, &[0x32, 0x00]), [(6, 2, 2, 0)]); // persistence as LEN
    assert_eq!(unknown(msg::REPL_TOKEN, &[0x18, 0x01]), [(3, 0, 1, 1)]); // salt as varint
    assert_eq!(unknown(msg::REPL_TOKEN, &[0x08, 0x01]), [(1, 0, 1, 1)]); // iat as varint
    assert_eq!(
        unknown(msg::REPL_TOKEN, &[0x75, 1, 2, 3, 4]),
        [(14, 5, 1, 4)]
    ); // flags as fixed32
    assert_eq!(unknown(msg::REPL_TOKEN, &[0x0b, 0x0c]), [(1, 3, 1, 1)]); // iat as a group
    let d = decode(msg::REPL_TOKEN, &[0x08, 0x01], &lim()).unwrap();
    assert_eq!(d.values[0], Value::Absent);
    // Nested: memory as fixed64, after a fitting memory.
    let rl = W::new()
        .varint_field(2, 7)
        .tag(2, 1)
        .raw(&[1, 0, 0, 0, 0, 0, 0, 0])
        .done();
    let bytes = W::new().len_field(10, &rl).done();
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    let Value::Message(m) = &d.values[8] else {
        panic!()
    };
    assert_eq!(m.values[1], Value::Scalar(7));
    assert_eq!(m.unknown.len(), 1);
    assert_eq!(
        (
            m.unknown[0].number,
            m.unknown[0].wire_type,
            m.unknown[0].start
        ),
        (2, 1, 5)
    );
    // Errors inside such a field are reported as in any unknown field.
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x19, 1, 2]),
        ErrorKind::Truncated,
        Some(1),
        "#3",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encode_error_timestamp_nanos_out_of_range() {
    for nanos in [-1i32, 1_000_000_000, i32::MIN] {
        // seconds (2 words), nanos, no unknown fields
        let words = [5, 0, nanos as u32, 0];
        let e = encode(msg::TIMESTAMP, &words, &[]).unwrap_err();
        assert_eq!(
            (e.kind, e.path_string().as_str()),
            (ErrorKind::NanosOutOfRange, "nanos")
        );
    }
    assert!(encode(msg::TIMESTAMP, &[5, 0, 999_999_999, 0], &[]).is_ok());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_timestamp_nanos_out_of_range() {
    for nanos in [-1, 1_000_000_000, i32::MIN, i32::MAX] {
        let bytes = ReplToken {
            iat: ts(1, nanos),
            ..Default::default()
        }
        .encode_to_vec();
        let e = decode_err(msg::REPL_TOKEN, &bytes);
        assert_err(&e, ErrorKind::NanosOutOfRange, Some(1), "iat.nanos");
        let bytes = ReplToken {
            salt: "s".into(),
            exp: ts(0, nanos),
            ..Default::default()
        }
        .encode_to_vec();
        assert_err(
            &decode_err(msg::REPL_TOKEN, &bytes),
            ErrorKind::NanosOutOfRange,
            Some(1),
            "exp.nanos",
        );
        let bytes = Timestamp { seconds: 0, nanos }.encode_to_vec();
        assert_err(
            &decode_err(msg::TIMESTAMP, &bytes),
            ErrorKind::NanosOutOfRange,
            Some(0),
            "nanos",
        );
    }
    // Checked after merging: a bad value that a later one overrides is fine.
    let bad = Timestamp {
        seconds: 0,
        nanos: -1,
    }
    .encode_to_vec();
    let good = Timestamp {
        seconds: 0,
        nanos: 5,
    }
    .encode_to_vec();
    let bytes = W::new().raw(&bad).raw(&good).done();
    assert!(decode(msg::TIMESTAMP, &bytes, &lim()).is_ok());
    // Both edges of the range decode.
    for nanos in [0, 999_999_999] {
        let bytes = ReplToken {
            iat: ts(-1, nanos),
            ..Default::default()
        }
        .encode_to_vec();
        assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_invalid_utf8_in_string_has_field_path() {
    let repl = W::new().len_field(1, &[b'o', b'k', 0xff, 0xfe]).done();
    let bytes = W::new().len_field(7, &repl).done();
    let e = decode_err(msg::REPL_TOKEN, &bytes);
    assert_err(&e, ErrorKind::InvalidUtf8, Some(3), "repl.id");
    assert_eq!(
        e.to_string(),
        "repl.id: the string is not valid UTF-8 (at byte 3)"
    );
    let segments: Vec<PathSegment> = e.path().collect();
    assert_eq!(
        segments,
        [
            PathSegment::Field {
                message: msg::REPL_TOKEN as u16,
                field: 5
            },
            PathSegment::Field {
                message: msg::REPL as u16,
                field: 0
            }
        ]
    );
    // Oneof member `id` (a ReplID) and its `id` field.
    let inner = W::new().len_field(2, &[0xc3]).done(); // a lone lead byte
    let bytes = W::new().len_field(8, &inner).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::InvalidUtf8,
        Some(3),
        "id.sourceRepl",
    );
    // Surrogate code points (CESU) are invalid UTF-8.
    let bytes = W::new()
        .len_field(14, b"fine")
        .len_field(14, &[0xed, 0xa0, 0x80])
        .done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::InvalidUtf8,
        Some(7),
        "flags[1]",
    );
    let presenced = W::new()
        .len_field(2, &[0xf8, 0x88, 0x80, 0x80, 0x80])
        .done();
    let bytes = W::new().len_field(13, &presenced).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::InvalidUtf8,
        Some(3),
        "presenced.bearerName",
    );
    // Overlong encodings too; but invalid UTF-8 in an unknown LEN field is fine (bytes).
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x1a, 0x02, 0xc0, 0x80]),
        ErrorKind::InvalidUtf8,
        Some(1),
        "salt",
    );
    assert!(decode(msg::REPL_TOKEN, &[0x2a, 0x02, 0xc0, 0x80], &lim()).is_ok());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_end_group_without_start() {
    let e = decode_err(msg::REPL_TOKEN, &[0x0c]);
    assert_err(&e, ErrorKind::UnexpectedEndGroup, Some(0), "");
    assert_eq!(e.args, [1, 0]);
    let bytes = W::new().len_field(3, b"s").tag(99, 4).done();
    let e = decode_err(msg::REPL_TOKEN, &bytes);
    assert_err(&e, ErrorKind::UnexpectedEndGroup, Some(3), "");
    assert_eq!(e.args, [99, 0]);
    let bytes = W::new().len_field(9, &[0x0a, 0x00, 0x1c]).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::UnexpectedEndGroup,
        Some(4),
        "classroom",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_mismatched_group_end() {
    let bytes = W::new().tag(20, 3).varint_field(1, 1).tag(21, 4).done();
    let e = decode_err(msg::REPL_TOKEN, &bytes);
    assert_err(&e, ErrorKind::GroupMismatch, Some(4), "#20");
    assert_eq!(e.args, [20, 21]);
    assert_eq!(e.message(), "group 20 is closed by the end tag of field 21");
    // An unterminated group is truncated.
    let bytes = W::new().tag(20, 3).varint_field(1, 1).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::Truncated,
        Some(4),
        "#20",
    );
    // Nested in a known message.
    let inner = W::new().len_field(1, b"x").tag(30, 3).tag(31, 4).done();
    let bytes = W::new().len_field(7, &inner).done();
    let e = decode_err(msg::REPL_TOKEN, &bytes);
    assert_err(&e, ErrorKind::GroupMismatch, Some(7), "repl.#30");
}

fn nested_groups(depth: usize) -> Vec<u8> {
    let mut w = W::new();
    for _ in 0..depth {
        w = w.tag(20, 3);
    }
    for _ in 0..depth {
        w = w.tag(20, 4);
    }
    w.done()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_nesting_over_the_depth_limit() {
    // The top-level message counts as one level: 63 nested groups fit in 64 levels.
    let ok = nested_groups(63);
    assert_eq!(reencode(msg::REPL_TOKEN, &ok), ok);
    let e = decode_err(msg::REPL_TOKEN, &nested_groups(64));
    assert_err(&e, ErrorKind::TooDeep, Some(2 * 64), "#20");
    // Known nested messages count too.
    let bytes = W::new().len_field(7, &[0x0a, 0x00]).done();
    let limits = Limits {
        max_depth: 1,
        ..Limits::default()
    };
    assert_err(
        &decode_err_with(msg::REPL_TOKEN, &bytes, &limits),
        ErrorKind::TooDeep,
        Some(2),
        "repl",
    );
    assert!(decode(
        msg::REPL_TOKEN,
        &bytes,
        &Limits {
            max_depth: 2,
            ..Limits::default()
        }
    )
    .is_ok());
    let limits = Limits {
        max_depth: 0,
        ..Limits::default()
    };
    assert_err(
        &decode_err_with(msg::REPL_TOKEN, &[], &limits),
        ErrorKind::TooDeep,
        Some(0),
        "",
    );
    // A group inside a nested message at the limit.
    let bytes = W::new().len_field(7, &nested_groups(1)).done();
    let limits = Limits {
        max_depth: 2,
        ..Limits::default()
    };
    assert_err(
        &decode_err_with(msg::REPL_TOKEN, &bytes, &limits),
        ErrorKind::TooDeep,
        Some(4),
        "repl.#20",
    );
    assert!(decode(
        msg::REPL_TOKEN,
        &bytes,
        &Limits {
            max_depth: 3,
            ..Limits::default()
        }
    )
    .is_ok());
    // Whatever the largest depth limit decodes also encodes: 99 groups in 100 levels.
    let deepest = nested_groups(99);
    let limits = Limits {
        max_depth: 100,
        ..Limits::default()
    };
    let words = decode_to_flat(msg::REPL_TOKEN, &deepest, &limits).unwrap();
    assert_eq!(encode(msg::REPL_TOKEN, &words, &deepest).unwrap(), deepest);
    let limits = Limits {
        max_depth: u32::MAX,
        ..Limits::default()
    };
    assert_eq!(
        decode_err_with(msg::REPL_TOKEN, &nested_groups(100), &limits).kind,
        ErrorKind::TooDeep
    );
    // Very deep input fails cleanly rather than overflowing the stack.
    let e = decode_err(msg::REPL_TOKEN, &nested_groups(100_000));
    assert_eq!(e.kind, ErrorKind::TooDeep);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_input_over_max_bytes() {
    let bytes = full_token_bytes();
    let n = bytes.len();
    let limits = Limits {
        max_bytes: n - 1,
        ..Limits::default()
    };
    let e = decode_err_with(msg::REPL_TOKEN, &bytes, &limits);
    assert_err(&e, ErrorKind::TooLarge, Some(0), "");
    assert_eq!(e.args, [n as u64, n as u64 - 1]);
    assert!(decode(
        msg::REPL_TOKEN,
        &bytes,
        &Limits {
            max_bytes: n,
            ..Limits::default()
        }
    )
    .is_ok());
    // The default limit is 1 MiB.
    let big = W::new().len_field(3, &vec![b'a'; 1 << 20]).done();
    assert_eq!(decode_err(msg::REPL_TOKEN, &big).kind, ErrorKind::TooLarge);
    let fits = W::new().len_field(3, &vec![b'a'; (1 << 20) - 4]).done();
    assert_eq!(fits.len(), 1 << 20);
    assert_eq!(reencode(msg::REPL_TOKEN, &fits), fits);
}

// ---------------------------------------------------------------------------------------
// Encode errors from bad flat input
// ---------------------------------------------------------------------------------------

/// The flat words of an empty ReplToken up to (not including) its unknown count.
fn token_prefix() -> Flat {
    let mut f = Flat::default();
    f.ws(&[0; 22]);
    f
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encode_error_malformed_words() {
    let malformed = |message: usize, words: &[u32], bytes: &[u8]| {
        let e = encode(message, words, bytes).expect_err("malformed input must fail");
        assert_eq!(e.kind, ErrorKind::Malformed, "{e}");
        assert_eq!(e.offset, None);
        e
    };
    malformed(msg::REPL_TOKEN, &[], &[]);
    malformed(msg::REPL_TOKEN, &[0; 22], &[]); // one word short
    malformed(msg::REPL_TOKEN, &[0; 24], &[]); // one word too many
    malformed(MESSAGES.len(), &[0; 23], &[]); // no such message
    malformed(usize::MAX, &[], &[]);
    // A string range outside the byte area.
    let mut words = vec![0u32; 23];
    words[2] = 1;
    words[3] = 5;
    let e = malformed(msg::REPL_TOKEN, &words, b"abcd");
    assert_eq!(e.path_string(), "salt");
    words[2] = u32::MAX;
    words[3] = u32::MAX;
    malformed(msg::REPL_TOKEN, &words, b"abcd");
    // A oneof case past its members.
    let mut words = vec![0u32; 23];
    words[7] = 4;
    malformed(msg::REPL_TOKEN, &words, &[]);
    words[7] = u32::MAX;
    malformed(msg::REPL_TOKEN, &words, &[]);
    // A bool that is neither 0 nor 1.
    let mut f = Flat::default();
    f.ws(&[0; 8])
        .w(1)
        .ws(&[2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        .ws(&[0; 14]);
    let e = malformed(msg::REPL_TOKEN, &f.words, &[]);
    assert_eq!(e.path_string(), "resourceLimits.net");
    // Counts that promise more than there is.
    let mut words = vec![0u32; 23];
    words[11] = u32::MAX;
    malformed(msg::REPL_TOKEN, &words, &[]);
    let mut words = vec![0u32; 23];
    words[22] = u32::MAX;
    malformed(msg::REPL_TOKEN, &words, &[]);
    // A nested message cut short.
    malformed(msg::REPL_TOKEN, &[1, 0, 0], &[]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encode_error_unknown_entry_with_a_known_field_number() {
    let mut f = token_prefix();
    f.w(2).unknown(5, 0, &[1]).unknown(3, 2, b"salt");
    let e = f.encode(msg::REPL_TOKEN).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownIsKnown);
    assert_eq!(e.args, [3, 2]);
    assert_eq!(e.path_string(), "$unknown[1]");
    // A known number with a wire type that does not fit the field is a valid unknown field.
    let mut f = token_prefix();
    f.w(2).unknown(3, 0, &[1]).unknown(14, 5, &[1, 2, 3, 4]);
    let bytes = f.encode(msg::REPL_TOKEN).unwrap();
    assert_eq!(bytes, [0x18, 0x01, 0x75, 1, 2, 3, 4]);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    // Nested: field 1 of Timestamp is `seconds`.
    let mut f = Flat::default();
    f.w(1).ws(&[0, 0, 0]).w(1).unknown(1, 0, &[1]);
    f.ws(&[0; 21]).w(0);
    let e = f.encode(msg::REPL_TOKEN).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownIsKnown);
    assert_eq!(e.path_string(), "iat.$unknown[0]");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encode_error_invalid_unknown_data() {
    let bad: &[(u32, &[u8])] = &[
        (0, &[]),
        (0, &[0x80]),
        (0, &[0x01, 0x01]),
        (0, &[0xff; 11]),
        (1, &[0; 7]),
        (1, &[0; 9]),
        (5, &[0; 3]),
        (5, &[0; 5]),
        (3, &[]),                 // no end tag
        (3, &[0x08, 0x01]),       // no end tag
        (3, &[0xac, 0x02]),       // end tag of field 37, not 40
        (3, &[0xc4, 0x02, 0x00]), // bytes after the end tag
        (3, &[0x0e, 0xc4, 0x02]), // wire type 6 inside
    ];
    for (wire_type, data) in bad {
        let mut f = token_prefix();
        f.w(1).unknown(40, *wire_type, data);
        let e = f.encode(msg::REPL_TOKEN).unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::InvalidUnknownData,
            "{wire_type} {data:02x?}: {e}"
        );
        assert_eq!(e.args, [u64::from(*wire_type), 0]);
        assert_eq!(e.path_string(), "$unknown[0]");
    }
    let good: &[(u32, &[u8])] = &[
        (0, &[0x00]),
        (
            0,
            &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
        ),
        (1, &[0; 8]),
        (5, &[0; 4]),
        (2, &[]),
        (2, &[0xff, 0x00]),
        (3, &[0xc4, 0x02]),
        (3, &[0x08, 0x01, 0x13, 0x14, 0xc4, 0x02]),
    ];
    for (wire_type, data) in good {
        let mut f = token_prefix();
        f.w(1).unknown(40, *wire_type, data);
        let bytes = f
            .encode(msg::REPL_TOKEN)
            .unwrap_or_else(|e| panic!("{wire_type} {data:02x?}: {e}"));
        let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
        let u = &d.unknown[0];
        assert_eq!((u.number, u32::from(u.wire_type)), (40, *wire_type));
        assert_eq!(&bytes[u.start as usize..(u.start + u.len) as usize], *data);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encode_error_invalid_unknown_wire_type_and_number() {
    for wt in [4u32, 6, 7, 8, u32::MAX] {
        let mut f = token_prefix();
        f.w(1).unknown(40, wt, &[]);
        let e = f.encode(msg::REPL_TOKEN).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidUnknownWireType, "{wt}");
        assert_eq!(e.args, [u64::from(wt), 0]);
    }
    for no in [0u32, 1 << 29, u32::MAX] {
        let mut f = token_prefix();
        f.w(1).unknown(no, 0, &[0]);
        let e = f.encode(msg::REPL_TOKEN).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidFieldNumber, "{no}");
        assert_eq!(e.path_string(), "$unknown[0]");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encode_error_invalid_utf8_string() {
    let mut f = Flat::default();
    f.ws(&[0, 0]).s(&[0xff]).ws(&[0; 18]).w(0);
    let e = f.encode(msg::REPL_TOKEN).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidUtf8);
    assert_eq!(e.path_string(), "salt");
    // In a repeated field and in a oneof member.
    let mut f = Flat::default();
    f.ws(&[0; 11])
        .w(2)
        .s(b"ok")
        .s(&[0xed, 0xb0, 0x80])
        .ws(&[0; 10])
        .w(0);
    assert_eq!(
        f.encode(msg::REPL_TOKEN).unwrap_err().path_string(),
        "flags[1]"
    );
    let mut f = Flat::default();
    f.ws(&[0; 7])
        .ws(&[1, 1])
        .s(b"")
        .s(&[0xc3, 0x28])
        .ws(&[0; 23])
        .ws(&[0; 15]);
    let e = f.encode(msg::REPL_TOKEN).unwrap_err();
    assert_eq!(
        (e.kind, e.path_string().as_str()),
        (ErrorKind::InvalidUtf8, "repl.language")
    );
    // The NON_ASCII bit on a length is a hint, not part of the length.
    let mut f = Flat::default();
    f.ws(&[0, 0]).s("é".as_bytes());
    *f.words.last_mut().unwrap() |= codec::NON_ASCII;
    f.ws(&[0; 18]).w(0);
    assert_eq!(
        f.encode(msg::REPL_TOKEN).unwrap(),
        W::new().len_field(3, "é".as_bytes()).done()
    );
}

// ---------------------------------------------------------------------------------------
// Hostile input never panics
// ---------------------------------------------------------------------------------------

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hostile_every_truncation_of_a_full_token() {
    let bytes = full_token_bytes();
    let mut errors = 0;
    for n in 0..bytes.len() {
        for message in 0..MESSAGES.len() {
            check_hostile(message, &bytes[..n]);
        }
        if decode(msg::REPL_TOKEN, &bytes[..n], &lim()).is_err() {
            errors += 1;
        }
    }
    // Most cuts land inside a field.
    assert!(errors > bytes.len() / 2, "{errors} of {}", bytes.len());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hostile_every_single_bit_flip_of_a_full_token() {
    let bytes = full_token_bytes();
    let mut buf = bytes.clone();
    for i in 0..bytes.len() {
        for bit in 0..8 {
            buf[i] ^= 1 << bit;
            check_hostile(msg::REPL_TOKEN, &buf);
            buf[i] ^= 1 << bit;
        }
    }
    assert_eq!(buf, bytes);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hostile_random_byte_strings() {
    let mut rng = Rng::new(0x5eed);
    for i in 0..4000 {
        let len = rng.below(80) as usize;
        let bytes = rng.bytes(len);
        check_hostile((i % MESSAGES.len() as u64) as usize, &bytes);
    }
    // Random mutations of a valid token: overwrite, insert, delete.
    let full = full_token_bytes();
    for _ in 0..2000 {
        let mut b = full.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(b.len() as u64 + 1) as usize;
            match rng.below(3) {
                0 if at < b.len() => b[at] = rng.next() as u8,
                1 => b.insert(at, rng.next() as u8),
                _ if at < b.len() => {
                    b.remove(at);
                }
                _ => {}
            }
        }
        check_hostile(msg::REPL_TOKEN, &b);
    }
    // Random sequences of plausible tags, so deeper code paths are reached.
    for _ in 0..2000 {
        let mut w = W::new();
        for _ in 0..rng.below(12) {
            let number = [1, 2, 3, 6, 7, 8, 9, 10, 12, 13, 14, 5, 20][rng.below(13) as usize];
            let wt = [0, 1, 2, 2, 2, 3, 4, 5][rng.below(8) as usize];
            w = w.tag(number, wt);
            match wt {
                0 => w = w.varint(rng.next() >> rng.below(64)),
                1 => w = w.raw(&rng.bytes(8)),
                5 => w = w.raw(&rng.bytes(4)),
                2 => {
                    let n = rng.below(12) as usize;
                    w = w.varint(n as u64).raw(&rng.bytes(n));
                }
                _ => {}
            }
        }
        check_hostile(msg::REPL_TOKEN, &w.done());
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hostile_random_word_sequences_into_encode() {
    let mut rng = Rng::new(42);
    let area = rng.bytes(64);
    let check = |message: usize, words: &[u32], bytes: &[u8]| {
        if let Ok(out) = encode(message, words, bytes) {
            // Whatever encode accepts, decode reads back (up to the largest depth limit).
            let limits = Limits {
                max_depth: goval_token::codec::MAX_DEPTH_LIMIT,
                ..lim()
            };
            let words = decode_to_flat(message, &out, &limits)
                .unwrap_or_else(|e| panic!("{words:?} encoded to {out:02x?}: {e}"));
            assert_eq!(
                encode(message, &words, &out).unwrap(),
                out,
                "not canonical: {words:?}"
            );
        }
    };
    for i in 0..4000 {
        let len = rng.below(48) as usize;
        let words: Vec<u32> = (0..len)
            .map(|_| match rng.below(4) {
                0 => rng.next() as u32,
                _ => rng.below(4) as u32,
            })
            .collect();
        check((i % (MESSAGES.len() as u64 + 1)) as usize, &words, &area);
    }
    // Single-word mutations of a valid flat description.
    let full = full_token_bytes();
    let words = flat(msg::REPL_TOKEN, &full);
    let mut ok = 0;
    for i in 0..words.len() {
        for v in [0, 1, 2, 3, 5, 255, 1 << 31, u32::MAX, rng.next() as u32] {
            let mut w = words.clone();
            w[i] = v;
            if encode(msg::REPL_TOKEN, &w, &full).is_ok() {
                ok += 1;
            }
            check(msg::REPL_TOKEN, &w, &full);
        }
        // Drop a word, and duplicate one.
        let mut w = words.clone();
        w.remove(i);
        check(msg::REPL_TOKEN, &w, &full);
        let mut w = words.clone();
        w.insert(i, words[i]);
        check(msg::REPL_TOKEN, &w, &full);
    }
    assert!(ok > 0);
}

// ---------------------------------------------------------------------------------------
// The object model
// ---------------------------------------------------------------------------------------

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn object_model_of_a_full_token() {
    let bytes = full_token_bytes();
    let model = to_model(&decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap(), &bytes);
    let expected = serde_json::json!({
        "iat": { "seconds": { "$bigint": "1700000000" }, "nanos": 123456789 },
        "exp": { "seconds": { "$bigint": "1700003600" }, "nanos": 999999999 },
        "salt": "sAlT-_0123456789abcdefgh",
        "cluster": "global 🌍 clüster",
        "persistence": "EPHEMERAL",
        "metadata": { "case": "repl", "value": {
            "id": "9a7b3c2e-1111-4222-8333-444455556666", "language": "python3",
            "bucket": "replit-repls", "slug": "my-répl-🐍", "user": "ユーザー", "sourceRepl": "source",
            "database": "", "buckets": null, "userId": null, "isTeam": false, "roles": [], "logFields": "",
            "org": null, "useReplShield": false, "connectorsHost": "", "customSkillsBucket": ""
        }},
        "resourceLimits": {
            "net": true, "memory": { "$bigint": "2147483648" }, "threads": 0.5, "shares": 1024,
            "disk": { "$bigint": "9007199254740993" }, "cache": "NONE", "restrictNetwork": false,
            "scratchDisk": { "$bigint": "0" }, "minimumDisk": { "$bigint": "0" }
        },
        "format": "JSON",
        "presenced": { "bearerID": 4294967295u32, "bearerName": "bearer 👩‍💻" },
        "flags": ["a", "", "ßeta-🚩", "x".repeat(200)],
        "features": [], "interactiveResourceLimits": null, "buildInfo": null, "pid2Info": null,
        "paid": false, "replexec": false, "externalSecrets": [], "before": null, "resourceTier": "",
    });
    assert!(json_eq(&model, &expected), "{model:#}");
    let empty = to_model(&decode(msg::REPL_TOKEN, &[], &lim()).unwrap(), &[]);
    let expected = serde_json::json!({
        "iat": null, "exp": null, "salt": "", "cluster": "", "persistence": "PERSISTENT",
        "metadata": { "case": null }, "resourceLimits": null, "format": "PROTOBUF",
        "presenced": null, "flags": [],
        "features": [], "interactiveResourceLimits": null, "buildInfo": null, "pid2Info": null,
        "paid": false, "replexec": false, "externalSecrets": [], "before": null, "resourceTier": "",
    });
    assert!(json_eq(&empty, &expected), "{empty:#}");
}

// ---------------------------------------------------------------------------------------
// The boundary (src/boundary.rs): buffers JS writes into, one call, a result block
// ---------------------------------------------------------------------------------------

/// The result block of a call, as JS reads it: `[status, body…]` (its length word dropped).
fn result_words(result: &[u32]) -> Vec<u32> {
    assert_eq!(
        result[layout::RESULT_LENGTH as usize] as usize,
        result.len()
    );
    result[1..].to_vec()
}

/// Decodes as the JS side does: the bytes written into the shared byte buffer, one call.
fn boundary_decode(
    scratch: &mut Scratch,
    message: u32,
    bytes: &[u8],
    max_bytes: u32,
    max_depth: u32,
) -> Vec<u32> {
    scratch.reserve(0, bytes.len());
    scratch.buffers().1[..bytes.len()].copy_from_slice(bytes);
    result_words(scratch.decode(message, bytes.len() as u32, max_bytes, max_depth))
}

/// Encodes as the JS side does: words and bytes written into the shared buffers, one call.
fn boundary_encode(
    scratch: &mut Scratch,
    message: u32,
    words: &[u32],
    bytes: &[u8],
) -> Result<Vec<u8>, Vec<u32>> {
    scratch.reserve(words.len(), bytes.len());
    let (w, b) = scratch.buffers();
    w[..words.len()].copy_from_slice(words);
    b[..bytes.len()].copy_from_slice(bytes);
    let result = result_words(scratch.encode(message, words.len() as u32, bytes.len() as u32));
    if result[0] != 0 {
        return Err(result);
    }
    // Addresses are 32-bit in wasm (natively only their low word is passed).
    assert_eq!(result[1], scratch.output().as_ptr() as usize as u32);
    assert_eq!(result[2] as usize, scratch.output().len());
    Ok(scratch.output().to_vec())
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn boundary_passes_flat_words_and_error_words() {
    let mut scratch = Scratch::new();
    let control = scratch.reserve(3, 5);
    // SAFETY: the control block is four words.
    let control = unsafe { core::slice::from_raw_parts(control, 4) }.to_vec();
    assert!(control[layout::CONTROL_WORDS_CAPACITY as usize] >= 3);
    assert!(control[layout::CONTROL_BYTES_CAPACITY as usize] >= 5);

    let bytes = full_token_bytes();
    let words = boundary_decode(&mut scratch, msg::REPL_TOKEN as u32, &bytes, 1 << 20, 64);
    assert_eq!(words[0], 0);
    // The input is left ASCII, its ASCII bytes (the strings JS reads from it) in place.
    let masked: Vec<u8> = bytes.iter().map(|b| b & 0x7f).collect();
    assert_eq!(&scratch.buffers().1[..bytes.len()], masked.as_slice());
    assert_eq!(&words[1..], flat(msg::REPL_TOKEN, &bytes).as_slice());
    assert_eq!(
        boundary_encode(&mut scratch, msg::REPL_TOKEN as u32, &words[1..], &bytes),
        Ok(bytes.clone())
    );

    // Error words: code, offset + 1, a lo/hi, b lo/hi, segment count, segments.
    let repl = W::new().len_field(1, &[0xff]).done();
    let bad = W::new().len_field(7, &repl).done();
    let e = boundary_decode(&mut scratch, msg::REPL_TOKEN as u32, &bad, 1 << 20, 64);
    let field = layout::PATH_FIELD;
    assert_eq!(
        e,
        vec![
            ErrorKind::InvalidUtf8 as u32,
            4,
            0,
            0,
            0,
            0,
            2,
            field,
            (msg::REPL_TOKEN as u32) << 16 | 5,
            field,
            (msg::REPL as u32) << 16
        ]
    );
    let e = boundary_decode(&mut scratch, msg::REPL_TOKEN as u32, &bytes, 10, 64);
    assert_eq!(
        e[..7],
        [
            ErrorKind::TooLarge as u32,
            1,
            bytes.len() as u32,
            0,
            10,
            0,
            0
        ]
    );
    assert_eq!(
        boundary_decode(&mut scratch, 99, &[], 10, 64)[0],
        ErrorKind::Malformed as u32
    );
    // A length past the buffer is malformed, never a panic.
    assert_eq!(
        result_words(scratch.decode(0, u32::MAX, u32::MAX, 64))[0],
        ErrorKind::Malformed as u32
    );
    assert_eq!(
        result_words(scratch.encode(0, u32::MAX, 0))[0],
        ErrorKind::Malformed as u32
    );

    // Five words run out inside `cluster`: path segment (field, ReplToken << 16 | field 3).
    let cluster = (msg::REPL_TOKEN as u32) << 16 | 3;
    assert_eq!(
        boundary_encode(&mut scratch, msg::REPL_TOKEN as u32, &[0; 5], &[]),
        Err(vec![
            ErrorKind::Malformed as u32,
            0,
            0,
            0,
            0,
            0,
            1,
            field,
            cluster
        ])
    );
    let mut f = token_prefix();
    f.w(1).unknown(3, 2, b"x");
    assert_eq!(
        boundary_encode(&mut scratch, msg::REPL_TOKEN as u32, &f.words, &f.bytes),
        Err(vec![
            ErrorKind::UnknownIsKnown as u32,
            0,
            3,
            0,
            2,
            0,
            2,
            layout::PATH_UNKNOWN,
            0,
            layout::PATH_INDEX,
            0
        ])
    );
    // Growing keeps what was written.
    scratch.reserve(2, 2);
    scratch.buffers().0[..2].copy_from_slice(&[7, 9]);
    scratch.reserve(100_000, 100_000);
    assert_eq!(&scratch.buffers().0[..2], &[7, 9]);
}

// ---------------------------------------------------------------------------------------
// Golden vectors (tests/golden/vectors.json, made by protobufjs, protobuf-es and by hand)
// ---------------------------------------------------------------------------------------

const VECTORS: &str = include_str!("../golden/vectors.json");

/// Valid protobuf that breaks a well-known type's rule, rejected by design (as in the JS tests).
const REJECTED_BY_DESIGN: &[(&str, &str)] = &[("timestamp_negative_nanos", "iat.nanos")];

fn unhex(hex: &str) -> Vec<u8> {
    assert_eq!(hex.len() % 2, 0);
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn golden_vectors_decode_to_their_model_and_reencode() {
    let vectors: Vec<serde_json::Value> = serde_json::from_str(VECTORS).unwrap();
    assert!(vectors.len() >= 40, "{} vectors", vectors.len());
    let mut checked = 0;
    for v in &vectors {
        let name = v["name"].as_str().unwrap();
        let bytes = unhex(v["hex"].as_str().unwrap());
        if let Some((_, path)) = REJECTED_BY_DESIGN.iter().find(|(n, _)| *n == name) {
            let e = decode_err(msg::REPL_TOKEN, &bytes);
            assert_eq!(
                (e.kind, e.path_string().as_str()),
                (ErrorKind::NanosOutOfRange, *path),
                "{name}"
            );
            continue;
        }
        let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let model = to_model(&d, &bytes);
        assert!(
            json_eq(&model, &v["model"]),
            "{name}: got {model}\nexpected {}",
            v["model"]
        );
        let again = reencode(msg::REPL_TOKEN, &bytes);
        if v["roundtrip"] == true {
            assert_eq!(hex(&again), hex(&bytes), "{name}: re-encoding differs");
        }
        let d2 = decode(msg::REPL_TOKEN, &again, &lim()).unwrap();
        assert!(
            json_eq(&to_model(&d2, &again), &v["model"]),
            "{name}: re-encoded bytes decode differently"
        );
        checked += 1;
    }
    assert_eq!(checked + REJECTED_BY_DESIGN.len(), vectors.len());
}

// ---------------------------------------------------------------------------------------
// The fields of @replit/protocol 0.4.27
// ---------------------------------------------------------------------------------------

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_token_with_every_newer_field_decodes_by_name_and_reencodes_as_prost_writes_it() {
    use goval_token::schema::api::{
        feature, repl_token::ExternalSecret, Boosted, Buckets, BuildInfo, Feature, Org, Pid2Binary,
        UserId,
    };
    let mut token = full_token();
    token.persistence = 3; // READ_ONLY
    token.format = 3; // RIVER
    token.metadata = Some(Metadata::Repl(Repl {
        id: "r".into(),
        database: "db".into(),
        buckets: Some(Buckets {
            snapshots: "s".into(),
            metadata: "m".into(),
            disk_blocks: "d".into(),
        }),
        user_id: Some(UserId {
            id: -7,
            environment: 1,
        }),
        is_team: true,
        roles: vec!["admin".into(), "".into()],
        log_fields: "{}".into(),
        org: Some(Org {
            id: "o".into(),
            r#type: 2,
            slug: "acme".into(),
            is_enterprise: true,
        }),
        use_repl_shield: true,
        connectors_host: "c".into(),
        custom_skills_bucket: "k".into(),
        ..Default::default()
    }));
    token.resource_limits = Some(ResourceLimits {
        cache: 2,
        restrict_network: true,
        scratch_disk: 1 << 40,
        minimum_disk: -1,
        ..Default::default()
    });
    token.features = vec![
        Feature {
            feature: Some(feature::Feature::Boosted(Boosted {})),
            required: true,
        },
        Feature::default(),
    ];
    token.interactive_resource_limits = Some(ResourceLimits {
        memory: 5,
        ..Default::default()
    });
    token.build_info = Some(BuildInfo {
        deployment_id: "dep".into(),
        origin_repl_id: "origin".into(),
        ..Default::default()
    });
    token.pid2_info = Some(Pid2Binary {
        version: "v1".into(),
    });
    token.paid = true;
    token.replexec = true;
    token.external_secrets = vec![ExternalSecret {
        name: "K".into(),
        presigned_url: "https://x.example/".into(),
    }];
    token.before = ts(1_600_000_000, 5);
    token.resource_tier = "paid-large".into();

    let bytes = token.encode_to_vec();
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    assert!(d.unknown.is_empty());
    let model = to_model(&d, &bytes);
    assert_eq!(model["persistence"], "READ_ONLY");
    assert_eq!(model["format"], "RIVER");
    assert_eq!(model["metadata"]["value"]["org"]["type"], "TEAM");
    assert_eq!(model["metadata"]["value"]["userId"]["environment"], "PRODUCTION");
    assert_eq!(model["resourceLimits"]["cache"], "REPL");
    assert_eq!(model["features"][0]["feature"]["case"], "boosted");
    assert_eq!(model["features"][0]["required"], true);
    assert_eq!(model["features"][1]["feature"]["case"], serde_json::Value::Null);
    assert_eq!(model["buildInfo"]["originReplId"], "origin");
    assert_eq!(model["pid2Info"]["version"], "v1");
    assert_eq!(model["externalSecrets"][0]["presignedUrl"], "https://x.example/");
    assert_eq!(model["paid"], true);
    assert_eq!(model["replexec"], true);
    assert_eq!(model["resourceTier"], "paid-large");
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), token);
}
