//! The wire codec, driven by the tables in [`crate::schema`].
//!
//! Both directions go through one *flat description* of a message, a `u32` sequence that
//! JS reads (after decode) or writes (before encode) straight in wasm memory, in one pass
//! (see src/boundary.rs for the calls). For each entry of the message's layout:
//! - a 32-bit scalar (int32, uint32, sint32, fixed32, sfixed32, enum, bool, float): 1 word;
//! - a 64-bit scalar (int64, uint64, sint64, fixed64, sfixed64, double): low word, high word;
//! - string or bytes: offset and length of its bytes in the input (after decode: bit 31 of
//!   the length is set when the bytes are not all ASCII);
//! - a message: 0 when absent, else 1 followed by the message;
//! - a repeated field: the element count, then each element as above (a map field is a
//!   repeated entry message: key 1, value 2, which JS turns into an object);
//! - a oneof: 0 when unset, else 1 + the member's position in the oneof, then its value;
//!
//! and after the layout: the number of unknown fields, then for each its number, wire type,
//! data offset and data length.

#[cfg(not(feature = "runtime"))]
pub mod decode;
pub mod encode;
pub mod flat;
pub mod read;
pub mod wire;

#[cfg(not(feature = "runtime"))]
pub use decode::{decode, DecodedMessage, UnknownField, Value};
pub use encode::{encode, encode_into};

use alloc::vec::Vec;

use crate::error::Result;

pub use crate::layout::{MAX_DEPTH_LIMIT, NON_ASCII};

/// Whether a Timestamp's nanos are in range. Decode rejects the others, so encode does
/// too: every decoded value must encode again.
pub fn valid_nanos(nanos: i32) -> bool {
    (0..=999_999_999).contains(&nanos)
}

/// The seconds of a Duration are within ±10,000 years (protobuf's duration.proto).
pub const DURATION_MAX_SECONDS: i64 = 315_576_000_000;

/// Whether a Duration is valid by duration.proto's rules: seconds within
/// ±[`DURATION_MAX_SECONDS`], nanos within -999999999..999999999 and never of the other sign
/// than a nonzero seconds. Decode rejects the others, so encode does too. `Err(true)`: the
/// seconds are at fault, `Err(false)`: the nanos.
pub fn check_duration(seconds: i64, nanos: i32) -> core::result::Result<(), bool> {
    if !(-DURATION_MAX_SECONDS..=DURATION_MAX_SECONDS).contains(&seconds) {
        return Err(true);
    }
    if !(-999_999_999..=999_999_999).contains(&nanos)
        || (seconds > 0 && nanos < 0)
        || (seconds < 0 && nanos > 0)
    {
        return Err(false);
    }
    Ok(())
}

/// The limits a decode works within.
pub struct Limits {
    pub max_bytes: usize,
    pub max_depth: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: crate::layout::DEFAULT_MAX_BYTES as usize,
            max_depth: crate::layout::DEFAULT_MAX_DEPTH,
        }
    }
}

/// Decodes `bytes` (any valid input) to the flat description.
pub fn decode_to_flat(message: usize, bytes: &[u8], limits: &Limits) -> Result<Vec<u32>> {
    let mut words = Vec::with_capacity(64);
    decode_into_flat(message, bytes, limits, &mut words)?;
    Ok(words)
}

/// Appends the flat description of `bytes` to `out` ([`read`], the decoder the wasm ships).
pub fn decode_into_flat(
    message: usize,
    bytes: &[u8],
    limits: &Limits,
    out: &mut Vec<u32>,
) -> Result<()> {
    read::decode_flat(message, bytes, limits, &mut read::Work::new(), out)
}

/// The tree decoder's flat description: the reference the tests hold [`read`] to.
#[cfg(not(feature = "runtime"))]
pub fn decode_into_flat_merging(
    message: usize,
    bytes: &[u8],
    limits: &Limits,
    out: &mut Vec<u32>,
) -> Result<()> {
    let decoded = decode(message, bytes, limits)?;
    flat::write_flat(&decoded, out);
    Ok(())
}
