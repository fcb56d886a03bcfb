//! Protobuf wire primitives over a byte slice with explicit bounds.

use alloc::vec::Vec;

use crate::error::{CodecError, ErrorKind, Result};

pub const MAX_FIELD_NUMBER: u64 = crate::layout::MAX_FIELD_NUMBER as u64;

pub const VARINT: u8 = 0;
pub const FIXED64: u8 = 1;
pub const LEN: u8 = 2;
pub const START_GROUP: u8 = 3;
pub const END_GROUP: u8 = 4;
pub const FIXED32: u8 = 5;

/// Reads a varint starting at `*pos`, which must stay below `end`.
#[inline]
pub fn read_varint(bytes: &[u8], pos: &mut usize, end: usize) -> Result<u64> {
    // Most varints (every tag here, most lengths) are one byte.
    if let Some(&byte) = bytes.get(*pos) {
        if byte < 0x80 && *pos < end {
            *pos += 1;
            return Ok(u64::from(byte));
        }
    }
    read_long_varint(bytes, pos, end)
}

#[inline(never)]
fn read_long_varint(bytes: &[u8], pos: &mut usize, end: usize) -> Result<u64> {
    let start = *pos;
    let mut value: u64 = 0;
    let mut shift = 0;
    loop {
        if *pos >= end {
            return Err(CodecError::new(ErrorKind::Truncated).at(start));
        }
        let byte = bytes[*pos];
        *pos += 1;
        if shift == 63 && byte > 1 {
            return Err(CodecError::new(ErrorKind::VarintTooLong).at(start));
        }
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Ok(value);
        }
        shift += 7;
    }
}

/// Advances over `n` bytes, failing when they are not all there.
#[inline]
pub fn take(pos: &mut usize, n: u64, end: usize, value_start: usize) -> Result<usize> {
    let start = *pos;
    if n > (end - start) as u64 {
        return Err(CodecError::new(ErrorKind::Truncated).at(value_start));
    }
    *pos = start + n as usize;
    Ok(start)
}

pub struct Tag {
    pub number: u32,
    pub wire_type: u8,
}

/// Reads a field key and checks its number and wire type.
pub fn read_tag(bytes: &[u8], pos: &mut usize, end: usize) -> Result<Tag> {
    let start = *pos;
    let key = read_varint(bytes, pos, end)?;
    let number = key >> 3;
    let wire_type = (key & 7) as u8;
    if number == 0 || number > MAX_FIELD_NUMBER {
        return Err(CodecError::new(ErrorKind::InvalidFieldNumber)
            .at(start)
            .with_args(number, 0));
    }
    if wire_type > FIXED32 {
        return Err(CodecError::new(ErrorKind::InvalidWireType)
            .at(start)
            .with_args(wire_type as u64, 0));
    }
    Ok(Tag {
        number: number as u32,
        wire_type,
    })
}

/// Reads the key of a message's next field: as [`read_tag`], and an end-group tag, which
/// only [`skip_value`] meets inside a group, is an error here.
#[inline]
pub fn read_field_tag(bytes: &[u8], pos: &mut usize, end: usize) -> Result<Tag> {
    let tag_start = *pos;
    let tag = read_tag(bytes, pos, end)?;
    if tag.wire_type == END_GROUP {
        return Err(CodecError::new(ErrorKind::UnexpectedEndGroup)
            .at(tag_start)
            .with_args(tag.number as u64, 0));
    }
    Ok(tag)
}

/// Skips the value of a field whose tag was just read, and returns the range of its data:
/// the value without the tag, without the length prefix for `LEN`, and up to and including
/// the end tag for groups.
pub fn skip_value(
    bytes: &[u8],
    pos: &mut usize,
    end: usize,
    tag: &Tag,
    depth_left: u32,
) -> Result<(usize, usize)> {
    let value_start = *pos;
    match tag.wire_type {
        VARINT => {
            read_varint(bytes, pos, end)?;
            Ok((value_start, *pos))
        }
        FIXED64 => {
            take(pos, 8, end, value_start)?;
            Ok((value_start, *pos))
        }
        FIXED32 => {
            take(pos, 4, end, value_start)?;
            Ok((value_start, *pos))
        }
        LEN => {
            let len = read_varint(bytes, pos, end)?;
            let start = take(pos, len, end, value_start)?;
            Ok((start, *pos))
        }
        START_GROUP => {
            if depth_left == 0 {
                return Err(CodecError::new(ErrorKind::TooDeep).at(value_start));
            }
            loop {
                let tag_start = *pos;
                let inner = read_tag(bytes, pos, end)?;
                if inner.wire_type == END_GROUP {
                    if inner.number != tag.number {
                        return Err(CodecError::new(ErrorKind::GroupMismatch)
                            .at(tag_start)
                            .with_args(tag.number as u64, inner.number as u64));
                    }
                    return Ok((value_start, *pos));
                }
                skip_value(bytes, pos, end, &inner, depth_left - 1)?;
            }
        }
        _ => Err(CodecError::new(ErrorKind::UnexpectedEndGroup)
            .at(value_start)
            .with_args(tag.number as u64, 0)),
    }
}

#[inline]
pub fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// How many bytes the varint of `value` takes.
#[inline]
pub fn varint_len(value: u64) -> usize {
    // 1 + one byte per 7 bits above the first 7 (64 - leading zeros, rounded up).
    ((64 - (value | 1).leading_zeros() as usize) + 6) / 7
}

#[inline]
pub fn write_tag(out: &mut Vec<u8>, number: u32, wire_type: u8) {
    write_varint(out, (u64::from(number) << 3) | u64::from(wire_type));
}
