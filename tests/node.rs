//! The shared suite (tests/common) as wasm32 in Node:
//! `cargo test --target wasm32-unknown-unknown --test node` (runner: wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

mod common;
