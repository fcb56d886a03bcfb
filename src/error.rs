//! The one error type of the core. The wasm layer hands it to JS as numbers, where
//! `js/errors.js` turns it into a named `Error` with a field path.

use crate::schema::MESSAGES;

/// What went wrong. The discriminants cross the wasm boundary; never renumber them.
/// (4 was a wire type mismatch, which is now an unknown field.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum ErrorKind {
    Truncated = 1,
    VarintTooLong = 2,
    InvalidWireType = 3,
    InvalidFieldNumber = 5,
    InvalidUtf8 = 6,
    UnexpectedEndGroup = 7,
    GroupMismatch = 8,
    TooDeep = 9,
    TooLarge = 10,
    InvalidUnknownData = 11,
    UnknownIsKnown = 12,
    InvalidUnknownWireType = 13,
    Malformed = 14,
    NanosOutOfRange = 15,
}

impl ErrorKind {
    /// The message, with `{a}` and `{b}` standing for [`CodecError::args`].
    /// Kept free of `core::fmt` so that the wasm build stays small.
    pub fn text(self) -> &'static str {
        match self {
            ErrorKind::Truncated => "the bytes end in the middle of a field",
            ErrorKind::VarintTooLong => "a varint is longer than 10 bytes or overflows 64 bits",
            ErrorKind::InvalidWireType => "wire type {a} does not exist",
            ErrorKind::InvalidFieldNumber => "field number {a} is outside 1..536870911",
            ErrorKind::InvalidUtf8 => "the string is not valid UTF-8",
            ErrorKind::UnexpectedEndGroup => "an end-group tag (field {a}) with no group open",
            ErrorKind::GroupMismatch => "group {a} is closed by the end tag of field {b}",
            ErrorKind::TooDeep => "the message nests deeper than the depth limit",
            ErrorKind::TooLarge => {
                "the input is {a} bytes, over the limit of {b} (option maxBytes)"
            }
            ErrorKind::InvalidUnknownData => "data is not one complete value of wire type {a}",
            ErrorKind::UnknownIsKnown => {
                "field number {a} with wire type {b} is a field of this message: set it by its name"
            }
            ErrorKind::InvalidUnknownWireType => "wire type {a} is not one of 0, 1, 2, 3, 5",
            ErrorKind::Malformed => "internal error: malformed flat description",
            ErrorKind::NanosOutOfRange => "a Timestamp's nanos must be within 0..999999999",
        }
    }

    pub fn from_code(code: u32) -> Option<ErrorKind> {
        use ErrorKind::*;
        [
            Truncated,
            VarintTooLong,
            InvalidWireType,
            InvalidFieldNumber,
            InvalidUtf8,
            UnexpectedEndGroup,
            GroupMismatch,
            TooDeep,
            TooLarge,
            InvalidUnknownData,
            UnknownIsKnown,
            InvalidUnknownWireType,
            Malformed,
            NanosOutOfRange,
        ]
        .into_iter()
        .find(|k| *k as u32 == code)
    }
}

/// One step of the path from the top-level message to the failing value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathSegment {
    /// A field, by message index into `MESSAGES` and field index.
    Field { message: u16, field: u16 },
    /// An element of a repeated field or of `$unknown`.
    Index(u32),
    /// A field this schema does not know, by number.
    UnknownNumber(u32),
    /// The `$unknown` list of a message.
    Unknown,
}

impl PathSegment {
    /// Two words for the wasm boundary: a tag, then the value.
    pub fn to_words(self) -> [u32; 2] {
        match self {
            PathSegment::Field { message, field } => [0, (message as u32) << 16 | field as u32],
            PathSegment::Index(i) => [1, i],
            PathSegment::UnknownNumber(n) => [2, n],
            PathSegment::Unknown => [3, 0],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodecError {
    pub kind: ErrorKind,
    /// The position in the input bytes (decode only).
    pub offset: Option<u32>,
    pub args: [u64; 2],
    /// Innermost segment first; see [`CodecError::path`].
    reversed_path: Vec<PathSegment>,
}

impl CodecError {
    pub fn new(kind: ErrorKind) -> Self {
        CodecError {
            kind,
            offset: None,
            args: [0, 0],
            reversed_path: Vec::new(),
        }
    }

    pub fn at(mut self, offset: usize) -> Self {
        self.offset = Some(offset as u32);
        self
    }

    pub fn with_args(mut self, a: u64, b: u64) -> Self {
        self.args = [a, b];
        self
    }

    /// Adds the segment that encloses everything already on the path.
    pub fn within(mut self, segment: PathSegment) -> Self {
        self.reversed_path.push(segment);
        self
    }

    pub fn path(&self) -> impl Iterator<Item = PathSegment> + '_ {
        self.reversed_path.iter().rev().copied()
    }

    /// `resourceLimits.memory`, `flags[2]`, `repl.#17`, `$unknown[0]`.
    pub fn path_string(&self) -> String {
        let mut s = String::new();
        for segment in self.path() {
            match segment {
                PathSegment::Field { message, field } => {
                    if !s.is_empty() {
                        s.push('.');
                    }
                    s.push_str(MESSAGES[message as usize].fields[field as usize].name);
                }
                PathSegment::Index(i) => {
                    s.push('[');
                    s.push_str(&i.to_string());
                    s.push(']');
                }
                PathSegment::UnknownNumber(n) => {
                    if !s.is_empty() {
                        s.push('.');
                    }
                    s.push('#');
                    s.push_str(&n.to_string());
                }
                PathSegment::Unknown => {
                    if !s.is_empty() {
                        s.push('.');
                    }
                    s.push_str("$unknown");
                }
            }
        }
        s
    }

    pub fn message(&self) -> String {
        self.kind
            .text()
            .replace("{a}", &self.args[0].to_string())
            .replace("{b}", &self.args[1].to_string())
    }
}

impl std::fmt::Display for CodecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path_string();
        if !path.is_empty() {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.message())?;
        if let Some(offset) = self.offset {
            write!(f, " (at byte {offset})")?;
        }
        Ok(())
    }
}

impl std::error::Error for CodecError {}

pub type Result<T> = core::result::Result<T, CodecError>;
