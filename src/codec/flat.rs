//! The pieces both decoders share (which wire types a field takes, reading one scalar's bits)
//! and, for the tree decoder, writing a tree out as the flat description (layout in
//! [`super`]).

#[cfg(not(feature = "runtime"))]
use alloc::vec::Vec;

#[cfg(not(feature = "runtime"))]
use super::decode::{DecodedMessage, Value};
use super::wire::{self, read_varint, take};
use crate::error::{CodecError, ErrorKind, Result};
#[cfg(not(feature = "runtime"))]
use crate::schema::Slot;
use crate::schema::{FieldDesc, Kind};

/// Whether a value of this wire type can be read as `field`.
pub(super) fn fits(field: &FieldDesc, wire_type: u8) -> bool {
    wire_type == field.kind.wire_type()
        || (field.repeated && wire_type == wire::LEN && field.kind.packable())
}

#[cfg(not(feature = "runtime"))]
pub(super) fn read_len(bytes: &[u8], pos: &mut usize, end: usize) -> Result<(usize, usize)> {
    let value_start = *pos;
    let len = read_varint(bytes, pos, end)?;
    let start = take(pos, len, end, value_start)?;
    Ok((start, *pos))
}

fn read_fixed(bytes: &[u8], pos: &mut usize, end: usize, n: usize) -> Result<u64> {
    let start = take(pos, n as u64, end, *pos)?;
    let mut value = 0u64;
    for (i, b) in bytes[start..start + n].iter().enumerate() {
        value |= u64::from(*b) << (8 * i);
    }
    Ok(value)
}

/// Reads one value of a non-message kind, in its logical form (see [`Value::Scalar`]).
#[cfg(not(feature = "runtime"))]
pub(super) fn read_scalar(kind: Kind, bytes: &[u8], pos: &mut usize, end: usize) -> Result<Value> {
    let value_start = *pos;
    if let Kind::String | Kind::Bytes = kind {
        let (s, e) = read_len(bytes, pos, end)?;
        let data = &bytes[s..e];
        let ascii = data.is_ascii();
        if kind == Kind::String && !ascii && core::str::from_utf8(data).is_err() {
            return Err(CodecError::new(ErrorKind::InvalidUtf8).at(value_start));
        }
        return Ok(Value::Bytes {
            start: s as u32,
            len: (e - s) as u32,
            ascii,
        });
    }
    read_bits(kind, bytes, pos, end).map(Value::Scalar)
}

/// Reads one value of a kind that is neither length-delimited nor a message: its logical
/// bits (sign-extended integers, IEEE bits for floats, 0/1 for bool).
pub(super) fn read_bits(kind: Kind, bytes: &[u8], pos: &mut usize, end: usize) -> Result<u64> {
    // One read per wire type, then the kind's conversion (smaller than a read per kind).
    let raw = match kind.wire_type() {
        wire::FIXED64 => read_fixed(bytes, pos, end, 8)?,
        wire::FIXED32 => read_fixed(bytes, pos, end, 4)?,
        wire::VARINT => read_varint(bytes, pos, end)?,
        // Never asked (their callers read length-delimited values themselves): an error
        // rather than a panic, whose message the wasm would carry.
        _ => return Err(CodecError::new(ErrorKind::Malformed)),
    };
    Ok(match kind {
        Kind::Bool => (raw != 0) as u64,
        // Protobuf truncates 32-bit varints; int32 and enums are then sign-extended.
        Kind::Uint32 => raw as u32 as u64,
        Kind::Int32 | Kind::Enum | Kind::Sfixed32 => raw as u32 as i32 as i64 as u64,
        Kind::Sint32 => {
            let n = raw as u32;
            ((n >> 1) as i32 ^ -((n & 1) as i32)) as i64 as u64
        }
        Kind::Sint64 => (raw >> 1) ^ (raw & 1).wrapping_neg(),
        _ => raw,
    })
}

/// Writes the flat description of `message` (layout in [`super`]).
#[cfg(not(feature = "runtime"))]
pub fn write_flat(message: &DecodedMessage, out: &mut Vec<u32>) {
    let desc = message.desc();
    for slot in desc.layout {
        match *slot {
            Slot::Field(i) => write_flat_value(desc.fields[i].kind, &message.values[i], out),
            Slot::Oneof(o, members) => match message.oneof_cases[o] {
                None => out.push(0),
                Some(field) => {
                    let case = members.iter().position(|&m| m as usize == field).unwrap();
                    out.push(case as u32 + 1);
                    write_flat_value(desc.fields[field].kind, &message.values[field], out);
                }
            },
        }
    }
    out.push(message.unknown.len() as u32);
    for u in &message.unknown {
        out.extend([u.number, u.wire_type as u32, u.start, u.len]);
    }
}

#[cfg(not(feature = "runtime"))]
pub(super) fn write_flat_value(kind: Kind, value: &Value, out: &mut Vec<u32>) {
    match value {
        Value::Absent => match kind {
            Kind::Message => out.push(0),
            Kind::String | Kind::Bytes => out.extend([0, 0]),
            kind => out.extend(core::iter::repeat_n(0, kind.words())),
        },
        Value::Scalar(bits) => {
            out.push(*bits as u32);
            if kind.words() == 2 {
                out.push((*bits >> 32) as u32);
            }
        }
        Value::Bytes { start, len, ascii } => {
            out.extend([*start, *len | if *ascii { 0 } else { super::NON_ASCII }])
        }
        Value::Message(nested) => {
            out.push(1);
            write_flat(nested, out);
        }
        Value::Repeated(items) => {
            out.push(items.len() as u32);
            for item in items {
                write_flat_value(kind, item, out);
            }
        }
    }
}
