//! The two tables kept by hand that both languages share: the codec's errors and the
//! constants of the boundary. `build/main.rs` writes them out as Rust (`$OUT_DIR`) and JS
//! (`js/gen/constants.js`); nothing else spells these numbers or messages.

/// One codec error. `code` crosses the wasm boundary: never renumber or reuse one.
pub struct CodecErrorEntry {
    pub code: u32,
    pub name: &'static str,
    /// The JS class it is thrown as; `None`: the class of the call (DecodeError in decode…,
    /// EncodeError in encode… and …ToJson).
    pub class: Option<&'static str>,
    /// The message; `{a}` and `{b}` stand for the error's two arguments.
    pub message: &'static str,
}

const fn entry(
    code: u32,
    name: &'static str,
    class: Option<&'static str>,
    message: &'static str,
) -> CodecErrorEntry {
    CodecErrorEntry {
        code,
        name,
        class,
        message,
    }
}

const DECODE: Option<&str> = Some("DecodeError");
const ENCODE: Option<&str> = Some("EncodeError");
const EITHER: Option<&str> = None;

/// Code 4 (a wire type mismatch, now an unknown field) is retired.
pub const CODEC_ERRORS: &[CodecErrorEntry] = &[
    entry(
        1,
        "Truncated",
        DECODE,
        "the bytes end in the middle of a field",
    ),
    entry(
        2,
        "VarintTooLong",
        DECODE,
        "a varint is longer than 10 bytes or overflows 64 bits",
    ),
    entry(3, "InvalidWireType", DECODE, "wire type {a} does not exist"),
    entry(
        5,
        "InvalidFieldNumber",
        EITHER,
        "field number {a} is outside 1..536870911",
    ),
    entry(6, "InvalidUtf8", EITHER, "the string is not valid UTF-8"),
    entry(
        7,
        "UnexpectedEndGroup",
        DECODE,
        "an end-group tag (field {a}) with no group open",
    ),
    entry(
        8,
        "GroupMismatch",
        DECODE,
        "group {a} is closed by the end tag of field {b}",
    ),
    entry(
        9,
        "TooDeep",
        DECODE,
        "the message nests deeper than the depth limit",
    ),
    entry(
        10,
        "TooLarge",
        DECODE,
        "the input is {a} bytes, over the limit of {b} (option maxBytes)",
    ),
    entry(
        11,
        "InvalidUnknownData",
        ENCODE,
        "data is not one complete value of wire type {a}",
    ),
    entry(
        12,
        "UnknownIsKnown",
        ENCODE,
        "field number {a} with wire type {b} is a field of this message: set it by its name",
    ),
    entry(
        13,
        "InvalidUnknownWireType",
        ENCODE,
        "wire type {a} is not one of 0, 1, 2, 3, 5",
    ),
    entry(
        14,
        "Malformed",
        EITHER,
        "internal error: malformed flat description",
    ),
    entry(
        15,
        "NanosOutOfRange",
        EITHER,
        "a Timestamp's nanos must be within 0..999999999",
    ),
    entry(
        16,
        "DurationOutOfRange",
        EITHER,
        "a Duration's seconds must be within -315576000000..315576000000 and its nanos within -999999999..999999999, of the seconds' sign",
    ),
];

/// `(name, value, what it is)`: constants of the object model and of the boundary's word
/// layouts (see src/codec/mod.rs for the flat description itself).
pub const CONSTANTS: &[(&str, u32, &str)] = &[
    ("DEFAULT_MAX_BYTES", 1 << 20, "decode's default `maxBytes`: 1 MiB"),
    ("DEFAULT_MAX_DEPTH", 64, "decode's default `maxDepth`"),
    ("MAX_DEPTH_LIMIT", 100, "the largest `maxDepth` a caller may choose; encode checks groups in unknown fields to this depth"),
    ("MAX_FIELD_NUMBER", (1 << 29) - 1, "the largest protobuf field number"),
    ("DEFAULT_LIFETIME_SECONDS", 3600, "a token without `exp` expires this long after `iat` (the schema's rule)"),
    ("MAX_TOKEN_BYTES", 128 << 10, "the longest token text the package reads: 128 KiB of UTF-8, far past any real token (a two-certificate identity token is about 2 KB; eight lean certificates, the chain limit, about 66 KB)"),
    ("SALT_LENGTH", 24, "characters of base64url in a generated salt (144 bits)"),
    ("NON_ASCII", 1 << 31, "bit 31 of a string's length word in the flat description: its bytes are not all ASCII"),
    // The control block (`gt_reserve`): where JS writes a call's input.
    ("CONTROL_WORDS_AT", 0, "control block: byte address of the word buffer"),
    ("CONTROL_WORDS_CAPACITY", 1, "control block: capacity of the word buffer, in words"),
    ("CONTROL_BYTES_AT", 2, "control block: byte address of the byte buffer"),
    ("CONTROL_BYTES_CAPACITY", 3, "control block: capacity of the byte buffer, in bytes"),
    // The result block (`gt_decode`, `gt_encode`): word 0 its length in words, word 1 the
    // error code (0: success), then the flat description (decode), the output (encode) or
    // the error words.
    ("RESULT_LENGTH", 0, "result: its length in words"),
    ("RESULT_STATUS", 1, "result: 0, or the error code"),
    ("RESULT_BODY", 2, "result: the flat description of a decode"),
    ("RESULT_OUTPUT_AT", 2, "result: byte address of an encode's output"),
    ("RESULT_OUTPUT_LENGTH", 3, "result: length of an encode's output"),
    ("ERROR_OFFSET", 2, "error: the byte offset + 1 (0: none)"),
    ("ERROR_A", 3, "error: argument a, low word then high word"),
    ("ERROR_B", 5, "error: argument b, low word then high word"),
    ("ERROR_SEGMENTS", 7, "error: the number of path segments, each two words (tag, value) after it"),
    ("PATH_FIELD", 0, "path segment tag: a field, value message << 16 | field index"),
    ("PATH_INDEX", 1, "path segment tag: an element index"),
    ("PATH_UNKNOWN_NUMBER", 2, "path segment tag: a field number this schema does not know"),
    ("PATH_UNKNOWN", 3, "path segment tag: the `$unknown` list"),
];
