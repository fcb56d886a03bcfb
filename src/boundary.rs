//! The JS ⇄ wasm boundary: one call per encode or decode. JS writes a call's input straight
//! into buffers that live here (their addresses are in the control block, which
//! [`Scratch::reserve`] returns and JS reads once, and again only after growing them), makes
//! the call, and reads the result block it returns. The `#[wasm_bindgen]` exports that wrap
//! these are in `src/runtime.rs`; the word layouts are the constants in build/tables.rs.

use alloc::vec::Vec;

use crate::codec::{self, Limits};
use crate::error::{CodecError, ErrorKind};
use crate::layout::*;
use crate::schema::MESSAGES;

/// The buffers shared with JS, reused across calls, so a call allocates nothing once they
/// have grown to fit.
pub struct Scratch {
    control: [u32; 4],
    /// The flat description of an encode; JS writes it. Its length is its capacity.
    words: Vec<u32>,
    /// The bytes of an encode's strings, or a decode's input; JS writes them.
    bytes: Vec<u8>,
    /// The result block of the last call.
    result: Vec<u32>,
    /// The protobuf bytes of the last encode.
    output: Vec<u8>,
    /// The decoder's working lists.
    work: codec::read::Work,
}

impl Default for Scratch {
    fn default() -> Self {
        Self::new()
    }
}

impl Scratch {
    pub const fn new() -> Self {
        Scratch {
            control: [0; 4],
            words: Vec::new(),
            bytes: Vec::new(),
            result: Vec::new(),
            output: Vec::new(),
            work: codec::read::Work::new(),
        }
    }

    /// Grows the buffers to hold at least `words` words and `bytes` bytes (keeping what JS
    /// wrote into them) and returns the control block: their addresses and capacities.
    pub fn reserve(&mut self, words: usize, bytes: usize) -> *const u32 {
        if words > self.words.len() {
            self.words
                .resize(words.max(2 * self.words.len()).max(256), 0);
        }
        if bytes > self.bytes.len() {
            self.bytes
                .resize(bytes.max(2 * self.bytes.len()).max(1024), 0);
        }
        self.control[CONTROL_WORDS_AT as usize] = self.words.as_ptr() as usize as u32;
        self.control[CONTROL_WORDS_CAPACITY as usize] = self.words.len() as u32;
        self.control[CONTROL_BYTES_AT as usize] = self.bytes.as_ptr() as usize as u32;
        self.control[CONTROL_BYTES_CAPACITY as usize] = self.bytes.len() as u32;
        self.control.as_ptr()
    }

    /// Decodes the first `len` bytes of the byte buffer as message `message`. The result
    /// block holds the flat description, or the error. The input is then made ASCII (each
    /// byte's top bit cleared): its ASCII strings are unchanged and where they were, so JS
    /// can read them all with one UTF-8 decode (cheaper in browsers than a latin1 one).
    pub fn decode(&mut self, message: u32, len: u32, max_bytes: u32, max_depth: u32) -> &[u32] {
        let out = &mut self.result;
        out.clear();
        out.extend([0, 0]);
        let limits = Limits {
            max_bytes: max_bytes as usize,
            max_depth,
        };
        let input = self.bytes.get(..len as usize);
        let result = match input {
            Some(input) if (message as usize) < MESSAGES.len() => {
                codec::read::decode_flat(message as usize, input, &limits, &mut self.work, out)
            }
            _ => Err(CodecError::new(ErrorKind::Malformed)),
        };
        if let Err(error) = result {
            out.truncate(1);
            push_error(&error, out);
        }
        out[RESULT_LENGTH as usize] = out.len() as u32;
        if let Some(input) = self.bytes.get_mut(..len as usize) {
            clear_top_bits(input);
        }
        &self.result
    }

    /// Encodes the first `word_count` words of the word buffer as message `message`, over
    /// the first `byte_count` bytes of the byte buffer. The result block holds the output's
    /// address and length, or the error.
    pub fn encode(&mut self, message: u32, word_count: u32, byte_count: u32) -> &[u32] {
        let out = &mut self.result;
        out.clear();
        let words = self.words.get(..word_count as usize);
        let bytes = self.bytes.get(..byte_count as usize);
        let result = match (words, bytes) {
            (Some(words), Some(bytes)) => {
                codec::encode_into(message as usize, words, bytes, &mut self.output)
            }
            _ => Err(CodecError::new(ErrorKind::Malformed)),
        };
        match result {
            Ok(()) => out.extend([
                4,
                0,
                self.output.as_ptr() as usize as u32,
                self.output.len() as u32,
            ]),
            Err(error) => {
                out.push(0);
                push_error(&error, out);
                out[RESULT_LENGTH as usize] = out.len() as u32;
            }
        }
        out
    }

    /// The output of the last successful encode.
    pub fn output(&self) -> &[u8] {
        &self.output
    }

    /// Where JS writes words and bytes (for tests of the boundary).
    pub fn buffers(&mut self) -> (&mut [u32], &mut [u8]) {
        (&mut self.words, &mut self.bytes)
    }
}

/// Clears each byte's top bit, eight bytes at a time (wasm32 has 64-bit integers).
fn clear_top_bits(bytes: &mut [u8]) {
    let mut chunks = bytes.chunks_exact_mut(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        chunk.copy_from_slice(&(word & 0x7f7f_7f7f_7f7f_7f7f).to_le_bytes());
    }
    chunks.into_remainder().iter_mut().for_each(|b| *b &= 0x7f);
}

/// The error words: code, offset + 1 (0: none), a and b (low, high), the path's segment
/// count, then each segment as (tag, value).
fn push_error(error: &CodecError, out: &mut Vec<u32>) {
    out.extend([
        error.kind as u32,
        error.offset.map_or(0, |o| o + 1),
        error.args[0] as u32,
        (error.args[0] >> 32) as u32,
        error.args[1] as u32,
        (error.args[1] >> 32) as u32,
        0,
    ]);
    let count_at = out.len() - 1;
    for segment in error.path() {
        out.extend(segment.to_words());
        out[count_at] += 1;
    }
}
