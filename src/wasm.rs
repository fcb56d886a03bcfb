//! The `#[wasm_bindgen]` exports: thin wrappers that move flat data across the boundary.
//! The public JS API is built on them by `js/codec.js`; none of these is meant for users.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::codec::{self, Limits};
use crate::error::{CodecError, ErrorKind};

#[wasm_bindgen(typescript_custom_section)]
const OBJECT_MODEL: &str = include_str!(concat!(env!("OUT_DIR"), "/types.d.ts"));

thread_local! {
    static LAST_ERROR: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// `[code, offset + 1 (0: none), a low, a high, b low, b high, segments, segment words…]`.
fn error_words(error: &CodecError) -> Vec<u32> {
    let mut words = vec![
        error.kind as u32,
        error.offset.map_or(0, |o| o + 1),
        error.args[0] as u32,
        (error.args[0] >> 32) as u32,
        error.args[1] as u32,
        (error.args[1] >> 32) as u32,
        0,
    ];
    let mut segments = 0;
    for segment in error.path() {
        words.extend(segment.to_words());
        segments += 1;
    }
    words[6] = segments;
    words
}

/// The field tables, as JSON.
#[wasm_bindgen(skip_typescript)]
pub fn schema() -> String {
    crate::schema::SCHEMA_JSON.into()
}

/// Buffers shared with JS, reused across calls, so a call allocates nothing on either side
/// of the boundary: JS writes the input into `input` (and `words`), the core writes the
/// result into `output_words` or `output_bytes`, and JS reads it from wasm memory.
#[derive(Default)]
struct Scratch {
    input: Vec<u8>,
    words: Vec<u32>,
    output_words: Vec<u32>,
    output_bytes: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Makes the input buffer `len` bytes long and returns where it starts.
#[wasm_bindgen(skip_typescript)]
pub fn scratch_input(len: usize) -> *mut u8 {
    SCRATCH.with(|s| {
        let input = &mut s.borrow_mut().input;
        input.resize(len, 0);
        input.as_mut_ptr()
    })
}

/// Makes the word buffer `len` words long and returns where it starts.
#[wasm_bindgen(skip_typescript)]
pub fn scratch_words(len: usize) -> *mut u32 {
    SCRATCH.with(|s| {
        let words = &mut s.borrow_mut().words;
        words.resize(len, 0);
        words.as_mut_ptr()
    })
}

/// Decodes the input buffer. Returns where the result starts: its length in words, then
/// `0` and the flat description, or the error words.
#[wasm_bindgen(skip_typescript)]
pub fn decode_scratch(message: u32, max_bytes: u32, max_depth: u32) -> *const u32 {
    SCRATCH.with(|s| {
        let scratch = &mut *s.borrow_mut();
        let out = &mut scratch.output_words;
        out.clear();
        out.extend([0, 0]);
        let limits = Limits {
            max_bytes: max_bytes as usize,
            max_depth,
        };
        let result = if message as usize >= crate::schema::MESSAGES.len() {
            Err(CodecError::new(ErrorKind::Malformed))
        } else {
            codec::decode_into_flat(message as usize, &scratch.input, &limits, out)
        };
        if let Err(error) = result {
            out.truncate(1);
            out.extend(error_words(&error));
        }
        out[0] = out.len() as u32;
        out.as_ptr()
    })
}

/// Encodes the flat description in the word buffer over the input buffer. Returns the
/// length of the result at [`scratch_output`], or -1 with the error words left for
/// [`last_error`].
#[wasm_bindgen(skip_typescript)]
pub fn encode_scratch(message: u32) -> i32 {
    SCRATCH.with(|s| {
        let scratch = &mut *s.borrow_mut();
        let out = &mut scratch.output_bytes;
        match codec::encode_into(message as usize, &scratch.words, &scratch.input, out) {
            Ok(()) => out.len() as i32,
            Err(error) => {
                LAST_ERROR.with(|last| *last.borrow_mut() = error_words(&error));
                -1
            }
        }
    })
}

/// Where the last encode's result starts.
#[wasm_bindgen(skip_typescript)]
pub fn scratch_output() -> *const u8 {
    SCRATCH.with(|s| s.borrow().output_bytes.as_ptr())
}

#[wasm_bindgen(skip_typescript)]
pub fn last_error() -> Vec<u32> {
    LAST_ERROR.with(|last| std::mem::take(&mut *last.borrow_mut()))
}

/// The message of an error code, with `{a}` and `{b}` placeholders.
#[wasm_bindgen(skip_typescript)]
pub fn error_text(code: u32) -> String {
    ErrorKind::from_code(code)
        .unwrap_or(ErrorKind::Malformed)
        .text()
        .into()
}

#[wasm_bindgen(skip_typescript)]
pub fn random_salt() -> Option<String> {
    crate::random::salt()
}

