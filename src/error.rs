//! The core's error: an [`ErrorKind`] (generated from the table in build/tables.rs, which
//! also gives JS its messages), a byte offset and a field path. The boundary hands it to JS
//! as words (`src/boundary.rs`), where `js/boundary.js` turns it into a DecodeError or an
//! EncodeError.

use alloc::boxed::Box;
#[cfg(not(feature = "runtime"))]
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::layout::{PATH_FIELD, PATH_INDEX, PATH_UNKNOWN, PATH_UNKNOWN_NUMBER};
#[cfg(not(feature = "runtime"))]
use crate::schema::MESSAGES;

include!(concat!(env!("OUT_DIR"), "/errors.rs"));

impl ErrorKind {
    pub fn from_code(code: u32) -> Option<ErrorKind> {
        ErrorKind::ALL.iter().copied().find(|k| *k as u32 == code)
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
            PathSegment::Field { message, field } => {
                [PATH_FIELD, (message as u32) << 16 | field as u32]
            }
            PathSegment::Index(i) => [PATH_INDEX, i],
            PathSegment::UnknownNumber(n) => [PATH_UNKNOWN_NUMBER, n],
            PathSegment::Unknown => [PATH_UNKNOWN, 0],
        }
    }
}

/// A codec error: boxed, so that a `Result` is one word and the success path, which every
/// field of every encode and decode takes, carries no error-sized value. Its parts are read
/// through `Deref` (`error.kind`, `error.offset`, `error.args`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodecError(Box<ErrorParts>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorParts {
    pub kind: ErrorKind,
    /// The position in the input bytes (decode only).
    pub offset: Option<u32>,
    pub args: [u64; 2],
    /// Innermost segment first; see [`CodecError::path`].
    reversed_path: Vec<PathSegment>,
}

impl core::ops::Deref for CodecError {
    type Target = ErrorParts;

    fn deref(&self) -> &ErrorParts {
        &self.0
    }
}

impl CodecError {
    #[cold]
    pub fn new(kind: ErrorKind) -> Self {
        CodecError(Box::new(ErrorParts {
            kind,
            offset: None,
            args: [0, 0],
            reversed_path: Vec::new(),
        }))
    }

    pub fn at(mut self, offset: usize) -> Self {
        self.0.offset = Some(offset as u32);
        self
    }

    pub fn with_args(mut self, a: u64, b: u64) -> Self {
        self.0.args = [a, b];
        self
    }

    /// Adds the segment that encloses everything already on the path.
    pub fn within(mut self, segment: PathSegment) -> Self {
        self.0.reversed_path.push(segment);
        self
    }

    pub fn path(&self) -> impl Iterator<Item = PathSegment> + '_ {
        self.reversed_path.iter().rev().copied()
    }

    /// `resourceLimits.memory`, `flags[2]`, `repl.#17`, `$unknown[0]`.
    #[cfg(not(feature = "runtime"))]
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

    #[cfg(not(feature = "runtime"))]
    pub fn message(&self) -> String {
        self.kind
            .text()
            .replace("{a}", &self.args[0].to_string())
            .replace("{b}", &self.args[1].to_string())
    }
}

/// For native callers and tests; the wasm never formats (JS words its errors).
#[cfg(not(feature = "runtime"))]
impl core::fmt::Display for CodecError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
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

#[cfg(not(feature = "runtime"))]
impl core::error::Error for CodecError {}

pub type Result<T> = core::result::Result<T, CodecError>;
