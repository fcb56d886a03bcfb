//! What only the shipped wasm has (the `runtime` feature, set by scripts/build.mjs): the
//! exports JS calls, a small allocator, and a panic handler that traps (no panic message
//! and no `core::fmt` in the wasm: JS words every error, and a trap is a bug).

use core::ptr::addr_of_mut;

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

/// Grows the shared buffers; returns the control block's address.
#[no_mangle]
pub extern "C" fn gt_reserve(words: u32, bytes: u32) -> *const u32 {
    scratch().reserve(words as usize, bytes as usize)
}

/// Decodes the byte buffer's first `len` bytes; returns the result block's address.
#[no_mangle]
pub extern "C" fn gt_decode(message: u32, len: u32, max_bytes: u32, max_depth: u32) -> *const u32 {
    scratch()
        .decode(message, len, max_bytes, max_depth)
        .as_ptr()
}

/// Encodes the flat description in the shared buffers; returns the result block's address.
#[no_mangle]
pub extern "C" fn gt_encode(message: u32, word_count: u32, byte_count: u32) -> *const u32 {
    scratch().encode(message, word_count, byte_count).as_ptr()
}
