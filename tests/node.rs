//! The shared suite (tests/common) as wasm32 in Node:
//! `wasm-pack test --node --mode no-install` (as scripts/rust-tests.sh runs it).
#![cfg(target_arch = "wasm32")]

mod common;
