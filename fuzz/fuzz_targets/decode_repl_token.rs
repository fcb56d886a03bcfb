//! Any bytes into the ReplToken decoder: an error or a message, never a panic; and a message
//! decode accepted survives encode → decode unchanged (see common::check_round_trip).
#![no_main]

mod common;

use goval_token::codec::{self, Limits};
use goval_token::schema::message;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = codec::decode(message::REPL_TOKEN, data, &Limits::default()) {
        common::check_round_trip(message::REPL_TOKEN, &decoded, data);
    }
    // Tight limits must fail cleanly too.
    let tight = Limits { max_bytes: data.len(), max_depth: 2 };
    if let Ok(decoded) = codec::decode(message::REPL_TOKEN, data, &tight) {
        common::check_round_trip(message::REPL_TOKEN, &decoded, data);
    }
    // The footer message, over the same bytes.
    if let Ok(decoded) = codec::decode(message::GOVAL_SIGNING_AUTHORITY, data, &Limits::default()) {
        common::check_round_trip(message::GOVAL_SIGNING_AUTHORITY, &decoded, data);
    }
});
