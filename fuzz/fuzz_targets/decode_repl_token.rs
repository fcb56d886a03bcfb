//! Any bytes into the ReplToken decoder: an error or a message, never a panic; and a message
//! decode accepted survives encode → decode unchanged (see common::check_round_trip). The
//! decoder the wasm ships (codec::read) agrees with the tree decoder on every input: both
//! refuse it, or both give the same flat description.
#![no_main]

mod common;

use goval_token::codec::{self, Limits};
use goval_token::schema::message;
use libfuzzer_sys::fuzz_target;

/// The shipped decoder and the tree decoder agree on `data`.
fn check_decoders_agree(message: usize, data: &[u8], limits: &Limits) {
    let mut shipped = Vec::new();
    let mut tree = Vec::new();
    let a = codec::read::decode_flat(message, data, limits, &mut Default::default(), &mut shipped);
    let b = codec::decode_into_flat_merging(message, data, limits, &mut tree);
    match (a, b) {
        (Ok(()), Ok(())) => assert_eq!(shipped, tree, "the decoders disagree"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("shipped decoder {a:?}, tree decoder {b:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    check_decoders_agree(message::REPL_TOKEN, data, &Limits::default());
    check_decoders_agree(message::REPL_TOKEN, data, &Limits { max_bytes: data.len(), max_depth: 2 });
    check_decoders_agree(message::GOVAL_SIGNING_AUTHORITY, data, &Limits::default());
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
