//! The Rust test suite, shared by three harnesses: `tests/native.rs` (plain `cargo test`),
//! `tests/node.rs` (wasm32 in Node) and `tests/browser.rs` (wasm32 in headless Chromium).
//! Every test carries both attributes below, so the same assertions run on all three.
//!
//! Helpers are in `support`; the tests, one module per behaviour they pin down.

#![allow(dead_code, deprecated)]

mod support;

mod boundary;
mod decode_errors;
mod defaults;
mod encode_errors;
mod flat;
mod golden;
mod hostile;
mod merge;
mod model;
mod prost_differential;
mod schema;
mod unknown;
