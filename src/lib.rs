//! goval-token: the Replit goval `ReplToken` codec, for JS through WebAssembly.
//!
//! - [`schema`]: types and field tables generated from `proto/`;
//! - [`codec`]: protobuf bytes ⇄ the flat description the JS object builder reads;
//! - [`error`]: the one error type, with field paths;
//! - `wasm`: the `#[wasm_bindgen]` exports (wasm32 only).

pub mod codec;
pub mod error;
pub mod random;
pub mod schema;

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use error::{CodecError, ErrorKind};

#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: a wasm32 instance without threads runs one call at a time.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
