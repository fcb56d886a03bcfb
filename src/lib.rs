//! goval-token: the protobuf codec of Replit's goval `ReplToken`, for JS through WebAssembly
//! (ARCHITECTURE.md has the picture).
//!
//! - [`schema`]: prost types and the codec's field tables, generated from `proto/`;
//! - [`codec`]: protobuf bytes ⇄ the flat description JS reads and writes;
//! - [`error`]: the codec's error (kind, offset, field path);
//! - [`boundary`]: the buffers JS writes into and the one call per encode or decode;
//! - [`layout`]: constants shared with JS;
//! - `runtime` (feature `runtime`, the shipped wasm only): the exports, allocator, panic
//!   handler. With it the crate is `no_std`.

#![cfg_attr(feature = "runtime", no_std)]

extern crate alloc;

pub mod boundary;
pub mod codec;
pub mod error;
pub mod layout;
pub mod schema;

#[cfg(feature = "runtime")]
mod runtime;

pub use error::{CodecError, ErrorKind};
