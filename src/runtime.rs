//! What only the shipped wasm has (the `runtime` feature, which scripts/build.mjs passes to
//! `wasm-pack build`): the exports JS calls, bound by `#[wasm_bindgen]`, a small allocator,
//! and a panic handler that traps (no panic message and no `core::fmt` in the wasm: JS words
//! every error, and a trap is a bug).
//!
//! The exports take and return plain `u32`s: the return value is an address in wasm memory,
//! where js/codec/boundary.js reads the result through its own views. wasm-bindgen (without
//! its `std` feature) writes the module's start function and the JS glue that instantiates
//! it (`goval_token.js` in pkg/); js/index.js and js/node.js hand the instance's exports,
//! `memory` included, to `install()`.

use core::ptr::addr_of_mut;

use wasm_bindgen::prelude::wasm_bindgen;

use crate::boundary::Scratch;

#[global_allocator]
// SAFETY: a wasm32 instance without threads runs one call at a time.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

static mut SCRATCH: Scratch = Scratch::new();

fn scratch() -> &'static mut Scratch {
    // SAFETY: single-threaded, and the exports below never run inside one another.
    unsafe { &mut *addr_of_mut!(SCRATCH) }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// A wasm32 address, as JS indexes memory with it.
fn address(at: *const u32) -> u32 {
    at as usize as u32
}

/// Grows the shared buffers; returns the control block's address.
#[wasm_bindgen]
pub fn gt_reserve(words: u32, bytes: u32) -> u32 {
    address(scratch().reserve(words as usize, bytes as usize))
}

/// Decodes the byte buffer's first `len` bytes; returns the result block's address.
#[wasm_bindgen]
pub fn gt_decode(message: u32, len: u32, max_bytes: u32, max_depth: u32) -> u32 {
    address(
        scratch()
            .decode(message, len, max_bytes, max_depth)
            .as_ptr(),
    )
}

/// Encodes the flat description in the shared buffers; returns the result block's address.
#[wasm_bindgen]
pub fn gt_encode(message: u32, word_count: u32, byte_count: u32) -> u32 {
    address(scratch().encode(message, word_count, byte_count).as_ptr())
}
