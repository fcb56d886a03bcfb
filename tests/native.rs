//! The shared suite (tests/common) natively: `cargo test`.
#![cfg(not(target_arch = "wasm32"))]

mod common;
