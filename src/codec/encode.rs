//! The flat description (see [`super`]) to protobuf bytes. The description comes from JS,
//! so every read is checked: a malformed one is an error, never a panic.

use alloc::vec::Vec;

use super::wire::{self, read_varint, skip_value, write_tag, write_varint, Tag};
use crate::error::{CodecError, ErrorKind, PathSegment, Result};
use crate::schema::{FieldDesc, Kind, Slot, MESSAGES};

/// Encodes the flat description `words` of the message at `message` in [`MESSAGES`];
/// strings, bytes and unknown-field data are `(offset, length)` ranges of `bytes`.
pub fn encode(message: usize, words: &[u32], bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() + words.len());
    encode_into(message, words, bytes, &mut out)?;
    Ok(out)
}

/// As [`encode`], into `out` (cleared first), so a caller can reuse one buffer.
pub fn encode_into(message: usize, words: &[u32], bytes: &[u8], out: &mut Vec<u8>) -> Result<()> {
    out.clear();
    if message >= MESSAGES.len() {
        return Err(CodecError::new(ErrorKind::Malformed));
    }
    let mut reader = Reader {
        words,
        pos: 0,
        bytes,
    };
    encode_message(message, &mut reader, out)?;
    if reader.pos != words.len() {
        return Err(CodecError::new(ErrorKind::Malformed));
    }
    Ok(())
}

/// Writes a length-delimited field whose body `body` writes straight into `out`: one byte is
/// kept for the length, and the body moves only when its length needs more.
fn write_delimited(
    out: &mut Vec<u8>,
    number: u32,
    body: impl FnOnce(&mut Vec<u8>) -> Result<()>,
) -> Result<()> {
    write_tag(out, number, wire::LEN);
    let length_at = out.len();
    out.push(0);
    body(out)?;
    let length = out.len() - length_at - 1;
    if length < 0x80 {
        out[length_at] = length as u8;
    } else {
        // Make room for the longer length (no allocation: this runs for every message of
        // 128 bytes or more), then write it in place.
        let extra = wire::varint_len(length as u64) - 1;
        let body_end = out.len();
        out.resize(body_end + extra, 0);
        out.copy_within(length_at + 1..body_end, length_at + 1 + extra);
        let mut at = length_at;
        let mut value = length;
        while value >= 0x80 {
            out[at] = value as u8 | 0x80;
            value >>= 7;
            at += 1;
        }
        out[at] = value as u8;
    }
    Ok(())
}

struct Reader<'a> {
    words: &'a [u32],
    pos: usize,
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn word(&mut self) -> Result<u32> {
        let w = *self
            .words
            .get(self.pos)
            .ok_or_else(|| CodecError::new(ErrorKind::Malformed))?;
        self.pos += 1;
        Ok(w)
    }

    fn range(&mut self) -> Result<&'a [u8]> {
        let start = self.word()? as usize;
        let len = (self.word()? & !super::NON_ASCII) as usize;
        self.bytes
            .get(start..start.saturating_add(len))
            .ok_or_else(|| CodecError::new(ErrorKind::Malformed))
    }
}

fn encode_message(message: usize, reader: &mut Reader, out: &mut Vec<u8>) -> Result<()> {
    let desc = &MESSAGES[message];
    let path = |field: usize| PathSegment::Field {
        message: message as u16,
        field: field as u16,
    };
    for slot in desc.layout {
        match *slot {
            Slot::Field(i) => {
                let f = &desc.fields[i];
                if message == crate::schema::message::TIMESTAMP && f.number == 2 {
                    check_nanos(reader).map_err(|e| e.within(path(i)))?;
                }
                if message == crate::schema::message::DURATION && f.number == 1 {
                    // seconds (2 words), then nanos: both are checked before either is written.
                    check_duration(reader).map_err(|(e, field)| e.within(path(field)))?;
                }
                let result = if f.repeated {
                    encode_repeated(f, reader, out)
                } else {
                    encode_value(f, reader, out, desc.map_entry)
                };
                result.map_err(|e| e.within(path(i)))?;
            }
            Slot::Oneof(_, members) => {
                let case = reader.word()? as usize;
                if case == 0 {
                    continue;
                }
                let field = *members
                    .get(case - 1)
                    .ok_or_else(|| CodecError::new(ErrorKind::Malformed))?
                    as usize;
                // A set oneof member is written even when it holds its default.
                encode_value(&desc.fields[field], reader, out, true)
                    .map_err(|e| e.within(path(field)))?;
            }
        }
    }
    let count = reader.word()?;
    for index in 0..count {
        encode_unknown(message, reader, out).map_err(|e| {
            e.within(PathSegment::Index(index))
                .within(PathSegment::Unknown)
        })?;
    }
    Ok(())
}

/// Decode rejects a Timestamp whose nanos are outside 0..999999999, so encode does too.
fn check_nanos(reader: &Reader) -> Result<()> {
    match reader.words.get(reader.pos) {
        Some(&nanos) if super::valid_nanos(nanos as i32) => Ok(()),
        Some(_) => Err(CodecError::new(ErrorKind::NanosOutOfRange)),
        None => Err(CodecError::new(ErrorKind::Malformed)),
    }
}

/// Decode rejects a Duration out of range or of mixed signs, so encode does too; the error
/// and the index of the field at fault.
fn check_duration(reader: &Reader) -> core::result::Result<(), (CodecError, usize)> {
    let words = reader
        .words
        .get(reader.pos..reader.pos + 3)
        .ok_or_else(|| (CodecError::new(ErrorKind::Malformed), 0))?;
    let seconds = ((words[1] as u64) << 32 | words[0] as u64) as i64;
    super::check_duration(seconds, words[2] as i32).map_err(|seconds| {
        (
            CodecError::new(ErrorKind::DurationOutOfRange),
            usize::from(!seconds),
        )
    })
}

fn encode_repeated(f: &FieldDesc, reader: &mut Reader, out: &mut Vec<u8>) -> Result<()> {
    let count = reader.word()?;
    if f.kind.packable() && count > 0 {
        write_delimited(out, f.number, |out| {
            for index in 0..count {
                let bits =
                    read_bits(f.kind, reader).map_err(|e| e.within(PathSegment::Index(index)))?;
                write_scalar(f.kind, bits, out);
            }
            Ok(())
        })?;
        return Ok(());
    }
    for index in 0..count {
        encode_value(f, reader, out, true).map_err(|e| e.within(PathSegment::Index(index)))?;
    }
    Ok(())
}

/// Encodes one value; a proto3 default is skipped unless `always` (oneof members and
/// repeated elements).
fn encode_value(f: &FieldDesc, reader: &mut Reader, out: &mut Vec<u8>, always: bool) -> Result<()> {
    match f.kind {
        Kind::Message => {
            if reader.word()? == 0 {
                return Ok(());
            }
            write_delimited(out, f.number, |out| encode_message(f.target, reader, out))?;
        }
        Kind::String | Kind::Bytes => {
            let data = reader.range()?;
            if f.kind == Kind::String && !data.is_ascii() && core::str::from_utf8(data).is_err() {
                return Err(CodecError::new(ErrorKind::InvalidUtf8));
            }
            if data.is_empty() && !always {
                return Ok(());
            }
            write_tag(out, f.number, wire::LEN);
            write_varint(out, data.len() as u64);
            out.extend_from_slice(data);
        }
        kind => {
            let bits = read_bits(kind, reader)?;
            if bits == 0 && !always {
                return Ok(());
            }
            write_tag(out, f.number, kind.wire_type());
            write_scalar(kind, bits, out);
        }
    }
    Ok(())
}

/// Reads a scalar's words as the 64-bit pattern of [`super::decode::Value::Scalar`].
fn read_bits(kind: Kind, reader: &mut Reader) -> Result<u64> {
    let low = reader.word()?;
    Ok(match kind {
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 | Kind::Enum => low as i32 as i64 as u64,
        Kind::Bool => {
            if low > 1 {
                return Err(CodecError::new(ErrorKind::Malformed));
            }
            low as u64
        }
        kind if kind.words() == 2 => u64::from(low) | u64::from(reader.word()?) << 32,
        _ => low as u64,
    })
}

fn write_scalar(kind: Kind, bits: u64, out: &mut Vec<u8>) {
    match kind {
        Kind::Double | Kind::Fixed64 | Kind::Sfixed64 => out.extend_from_slice(&bits.to_le_bytes()),
        Kind::Float | Kind::Fixed32 | Kind::Sfixed32 => {
            out.extend_from_slice(&(bits as u32).to_le_bytes())
        }
        Kind::Sint32 => {
            let n = bits as i32;
            write_varint(out, ((n << 1) ^ (n >> 31)) as u32 as u64)
        }
        Kind::Sint64 => {
            let n = bits as i64;
            write_varint(out, ((n << 1) ^ (n >> 63)) as u64)
        }
        _ => write_varint(out, bits),
    }
}

/// Checks one `$unknown` entry and writes it back as it was read.
fn encode_unknown(message: usize, reader: &mut Reader, out: &mut Vec<u8>) -> Result<()> {
    let number = reader.word()?;
    let wire_type = reader.word()?;
    let data = reader.range()?;
    if number == 0 || u64::from(number) > wire::MAX_FIELD_NUMBER {
        return Err(CodecError::new(ErrorKind::InvalidFieldNumber).with_args(number as u64, 0));
    }
    if wire_type > u32::from(wire::FIXED32) || wire_type == u32::from(wire::END_GROUP) {
        return Err(
            CodecError::new(ErrorKind::InvalidUnknownWireType).with_args(wire_type as u64, 0)
        );
    }
    let wire_type = wire_type as u8;
    // Decode keeps a known number with a wrong wire type as unknown; one that fits the field
    // would be read as that field, so it has to be set by name.
    let desc = &MESSAGES[message];
    if let Some(field) = desc.field_by_number(number) {
        if super::flat::fits(&desc.fields[field], wire_type) {
            return Err(CodecError::new(ErrorKind::UnknownIsKnown)
                .with_args(number as u64, wire_type as u64));
        }
    }
    let invalid = || CodecError::new(ErrorKind::InvalidUnknownData).with_args(wire_type as u64, 0);
    // The data must be exactly one value, as `skip_value` would have cut it out.
    let complete = match wire_type {
        wire::VARINT => {
            let mut pos = 0;
            read_varint(data, &mut pos, data.len()).is_ok() && pos == data.len()
        }
        wire::FIXED64 => data.len() == 8,
        wire::FIXED32 => data.len() == 4,
        wire::LEN => true,
        _ => {
            let mut pos = 0;
            let tag = Tag { number, wire_type };
            skip_value(data, &mut pos, data.len(), &tag, super::MAX_DEPTH_LIMIT).is_ok()
                && pos == data.len()
        }
    };
    if !complete {
        return Err(invalid());
    }
    write_tag(out, number, wire_type);
    if wire_type == wire::LEN {
        write_varint(out, data.len() as u64);
    }
    out.extend_from_slice(data);
    Ok(())
}
