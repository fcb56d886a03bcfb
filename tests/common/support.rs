//! Helpers of the shared suite, and the crate's items every test module uses.

pub(crate) use goval_token::boundary::Scratch;
pub(crate) use goval_token::codec::{
    self, decode, decode_to_flat, encode, DecodedMessage, Limits, Value,
};
pub(crate) use goval_token::error::PathSegment;
pub(crate) use goval_token::schema::api::repl_token::{
    ClassroomMetadata, Metadata, Presenced, ReplId,
};
pub(crate) use goval_token::schema::api::{Repl, ReplToken, ResourceLimits};
pub(crate) use goval_token::schema::{
    message as msg, FieldDesc, Kind, MessageDesc, Slot, ENUMS, MESSAGES,
};
pub(crate) use goval_token::{layout, CodecError, ErrorKind};
pub(crate) use prost::Message as _;
pub(crate) use prost_types::{Duration, Timestamp};

/// A tiny deterministic PRNG (xorshift64*), so the hostile-input tests are reproducible.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub(crate) fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// Protobuf bytes written by hand, for inputs prost would never produce.
#[derive(Default)]
pub(crate) struct W(pub(crate) Vec<u8>);

impl W {
    pub(crate) fn new() -> Self {
        W(Vec::new())
    }
    pub(crate) fn varint(mut self, mut v: u64) -> Self {
        while v >= 0x80 {
            self.0.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
        self
    }
    pub(crate) fn tag(self, number: u64, wire_type: u64) -> Self {
        self.varint(number << 3 | wire_type)
    }
    pub(crate) fn raw(mut self, data: &[u8]) -> Self {
        self.0.extend_from_slice(data);
        self
    }
    pub(crate) fn len_field(self, number: u64, data: &[u8]) -> Self {
        self.tag(number, 2).varint(data.len() as u64).raw(data)
    }
    pub(crate) fn varint_field(self, number: u64, v: u64) -> Self {
        self.tag(number, 0).varint(v)
    }
    pub(crate) fn pos(&self) -> u32 {
        self.0.len() as u32
    }
    pub(crate) fn done(self) -> Vec<u8> {
        self.0
    }
}

/// A flat description written by hand, with its own byte area.
#[derive(Default)]
pub(crate) struct Flat {
    pub(crate) words: Vec<u32>,
    pub(crate) bytes: Vec<u8>,
}

impl Flat {
    pub(crate) fn w(&mut self, word: u32) -> &mut Self {
        self.words.push(word);
        self
    }
    pub(crate) fn ws(&mut self, words: &[u32]) -> &mut Self {
        self.words.extend_from_slice(words);
        self
    }
    pub(crate) fn w64(&mut self, v: u64) -> &mut Self {
        self.ws(&[v as u32, (v >> 32) as u32])
    }
    /// A string/bytes range over `data`, appended to the byte area.
    pub(crate) fn s(&mut self, data: &[u8]) -> &mut Self {
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(data);
        self.ws(&[start, data.len() as u32])
    }
    pub(crate) fn unknown(&mut self, number: u32, wire_type: u32, data: &[u8]) -> &mut Self {
        self.ws(&[number, wire_type]).s(data)
    }
    pub(crate) fn encode(&self, message: usize) -> Result<Vec<u8>, CodecError> {
        encode(message, &self.words, &self.bytes)
    }
}

pub(crate) fn lim() -> Limits {
    Limits::default()
}

pub(crate) fn flat(message: usize, bytes: &[u8]) -> Vec<u32> {
    decode_to_flat(message, bytes, &lim()).unwrap_or_else(|e| panic!("decode failed: {e}"))
}

/// Decode to the flat description, then encode it with the original bytes as the byte area.
pub(crate) fn reencode(message: usize, bytes: &[u8]) -> Vec<u8> {
    encode(message, &flat(message, bytes), bytes).unwrap_or_else(|e| panic!("encode failed: {e}"))
}

pub(crate) fn decode_err(message: usize, bytes: &[u8]) -> CodecError {
    decode_err_with(message, bytes, &lim())
}

pub(crate) fn decode_err_with(message: usize, bytes: &[u8], limits: &Limits) -> CodecError {
    check_same_error(message, bytes, limits);
    match decode(message, bytes, limits) {
        Ok(d) => panic!("expected an error, decoded {d:?}"),
        Err(e) => e,
    }
}

pub(crate) fn assert_err(e: &CodecError, kind: ErrorKind, offset: Option<u32>, path: &str) {
    assert_eq!(e.kind, kind, "kind of {e}");
    assert_eq!(e.offset, offset, "offset of {e}");
    assert_eq!(e.path_string(), path, "path of {e}");
}

pub(crate) fn ts(seconds: i64, nanos: i32) -> Option<Timestamp> {
    Some(Timestamp { seconds, nanos })
}

/// A token with every field set, the oneof on `repl`.
pub(crate) fn full_token() -> ReplToken {
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

pub(crate) fn full_token_bytes() -> Vec<u8> {
    full_token().encode_to_vec()
}

/// Doubles compared by bits, so NaN equals itself; everything else by `==`.
pub(crate) fn same_token(a: &ReplToken, b: &ReplToken) -> bool {
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
pub(crate) fn field_numbers(bytes: &[u8]) -> Vec<u32> {
    let decoded = walk(bytes);
    decoded.into_iter().map(|(n, _, _)| n).collect()
}

/// Splits well-formed bytes into (number, wire type, value bytes); groups are not expected.
pub(crate) fn walk(bytes: &[u8]) -> Vec<(u32, u8, Vec<u8>)> {
    pub(crate) fn varint(b: &[u8], p: &mut usize) -> u64 {
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

pub(crate) fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn tagged(key: &str, value: String) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    map.insert(key.into(), serde_json::Value::String(value));
    serde_json::Value::Object(map)
}

pub(crate) fn number(v: f64) -> serde_json::Value {
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
/// Whether `f` is a map field: a repeated `<Name>Entry` message nested in its own message.
fn is_map(desc: &MessageDesc, f: &FieldDesc) -> bool {
    f.repeated
        && f.kind == Kind::Message
        && MESSAGES[f.target].name.ends_with("Entry")
        && MESSAGES[f.target].full_name == format!("{}.{}", desc.full_name, MESSAGES[f.target].name)
}

pub(crate) fn to_model(m: &DecodedMessage, bytes: &[u8]) -> serde_json::Value {
    let desc = m.desc();
    let mut object = serde_json::Map::new();
    for slot in desc.layout {
        match *slot {
            Slot::Field(i) => {
                let f = &desc.fields[i];
                let v = if is_map(desc, f) {
                    // A map<string, string>: an object, the last value of a key winning.
                    let Value::Repeated(items) = &m.values[i] else {
                        panic!("map field without Value::Repeated")
                    };
                    let mut map = serde_json::Map::new();
                    for item in items {
                        let entry = value_model(f.kind, f.target, item, bytes);
                        map.insert(
                            entry["key"].as_str().unwrap().to_string(),
                            entry["value"].clone(),
                        );
                    }
                    map.into()
                } else if f.repeated {
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

pub(crate) fn value_model(kind: Kind, target: usize, v: &Value, bytes: &[u8]) -> serde_json::Value {
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
pub(crate) fn json_eq(a: &serde_json::Value, b: &serde_json::Value) -> bool {
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
pub(crate) fn empty_flat(message: usize) -> Vec<u32> {
    let mut words = Vec::new();
    codec::flat::write_flat(&DecodedMessage::new(message), &mut words);
    words
}

/// The decoder the wasm ships ([`codec::read`]) and the tree decoder agree: the same flat
/// description, or both an error (input with several faults may be refused for different
/// ones: the tree decoder meets them in byte order, the shipped one reads a message's own
/// fields before the messages nested in it).
pub(crate) fn check_paths_agree(message: usize, bytes: &[u8]) {
    both_decoders(message, bytes, &lim(), |_, _| {});
}

/// Input with one fault: both decoders refuse it alike (kind, offset and path).
pub(crate) fn check_same_error(message: usize, bytes: &[u8], limits: &Limits) {
    both_decoders(message, bytes, limits, |a, b| {
        assert_eq!(
            (a.kind, a.offset, a.path_string()),
            (b.kind, b.offset, b.path_string()),
            "the two decoders fail differently on {bytes:02x?}"
        )
    });
}

/// Decodes `bytes` with the shipped decoder and the tree decoder: the same flat description,
/// or both an error, which `errors` compares (shipped, tree).
fn both_decoders(
    message: usize,
    bytes: &[u8],
    limits: &Limits,
    errors: impl FnOnce(&CodecError, &CodecError),
) {
    let mut shipped = Vec::new();
    let mut tree = Vec::new();
    let a = codec::read::decode_flat(
        message,
        bytes,
        limits,
        &mut Default::default(),
        &mut shipped,
    );
    let b = codec::decode_into_flat_merging(message, bytes, limits, &mut tree);
    match (a, b) {
        (Ok(()), Ok(())) => assert_eq!(shipped, tree, "the two decoders disagree on {bytes:02x?}"),
        (Err(a), Err(b)) => errors(&a, &b),
        (a, b) => panic!("on {bytes:02x?} the shipped decoder gives {a:?}, the tree decoder {b:?}"),
    }
}

pub(crate) fn check_hostile(message: usize, bytes: &[u8]) {
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

/// The flat words of an empty ReplToken up to (not including) its unknown count.
pub(crate) fn token_prefix() -> Flat {
    let mut f = Flat::default();
    f.ws(&[0; 23]);
    f
}
