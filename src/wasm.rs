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

/// `[0, flat description…]`, or the error words (first word non-zero).
#[wasm_bindgen(skip_typescript)]
pub fn decode(message: u32, bytes: &[u8], max_bytes: u32, max_depth: u32) -> Vec<u32> {
    if message as usize >= crate::schema::MESSAGES.len() {
        return error_words(&CodecError::new(ErrorKind::Malformed));
    }
    let limits = Limits {
        max_bytes: max_bytes as usize,
        max_depth,
    };
    let decoded = match codec::decode(message as usize, bytes, &limits) {
        Ok(decoded) => decoded,
        Err(error) => return error_words(&error),
    };
    let mut words = Vec::with_capacity(64);
    words.push(0);
    codec::decode::write_flat(&decoded, &mut words);
    words
}

/// The encoded bytes, or `undefined` with the error words left for [`last_error`].
#[wasm_bindgen(skip_typescript)]
pub fn encode(message: u32, words: &[u32], bytes: &[u8]) -> Option<Vec<u8>> {
    match codec::encode(message as usize, words, bytes) {
        Ok(out) => Some(out),
        Err(error) => {
            LAST_ERROR.with(|last| *last.borrow_mut() = error_words(&error));
            None
        }
    }
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

// ---- tokens ----

#[cfg(feature = "tokens")]
mod tokens;
