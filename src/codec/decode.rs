//! Protobuf bytes to a [`DecodedMessage`] tree, with proto3 merge semantics, for native Rust
//! code and as the reference the tests hold the shipped decoder ([`super::read`]) to; it is
//! not in the wasm. [`super::flat`] writes the tree out as the flat description.

use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;

use super::flat::{fits, read_len, read_scalar};
use super::wire::{self, read_field_tag, read_varint, skip_value, take, Tag};
use super::Limits;
use crate::error::{CodecError, ErrorKind, PathSegment, Result};
use crate::schema::{Kind, MessageDesc, MESSAGES};

/// A decoded value. Strings, bytes and unknown fields point into the input.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Absent,
    /// The logical value's bits: sign-extended integers, IEEE bits for floats, 0/1 for bool.
    Scalar(u64),
    Bytes {
        start: u32,
        len: u32,
        ascii: bool,
    },
    Message(Box<DecodedMessage>),
    Repeated(Vec<Value>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnknownField {
    pub number: u32,
    pub wire_type: u8,
    pub start: u32,
    pub len: u32,
}

#[derive(Clone, Debug)]
pub struct DecodedMessage {
    pub message: usize,
    /// Where the value of its last piece began in the input (a nested message's length
    /// prefix): a Timestamp or Duration refused after merging is reported there.
    pub at: u32,
    /// One entry per field of the message, in declaration order.
    pub values: Vec<Value>,
    /// For each oneof, the field index of its set member.
    pub oneof_cases: Vec<Option<usize>>,
    pub unknown: Vec<UnknownField>,
}

impl DecodedMessage {
    pub fn new(message: usize) -> Self {
        let desc = &MESSAGES[message];
        DecodedMessage {
            message,
            at: 0,
            values: desc
                .fields
                .iter()
                .map(|f| {
                    if f.repeated {
                        Value::Repeated(Vec::new())
                    } else {
                        Value::Absent
                    }
                })
                .collect(),
            oneof_cases: vec![None; desc.oneof_count],
            unknown: Vec::new(),
        }
    }

    pub fn desc(&self) -> &'static MessageDesc {
        &MESSAGES[self.message]
    }
}

/// Equal values; where they were in the input does not count.
impl PartialEq for DecodedMessage {
    fn eq(&self, other: &Self) -> bool {
        self.message == other.message
            && self.values == other.values
            && self.oneof_cases == other.oneof_cases
            && self.unknown == other.unknown
    }
}

/// Decodes `bytes` as the message at `message` in [`MESSAGES`].
pub fn decode(message: usize, bytes: &[u8], limits: &Limits) -> Result<DecodedMessage> {
    if bytes.len() > limits.max_bytes {
        return Err(CodecError::new(ErrorKind::TooLarge)
            .at(0)
            .with_args(bytes.len() as u64, limits.max_bytes as u64));
    }
    let mut decoded = DecodedMessage::new(message);
    let max_depth = limits.max_depth.min(super::MAX_DEPTH_LIMIT);
    merge(&mut decoded, bytes, 0, bytes.len(), max_depth)?;
    check_times(&decoded)?;
    Ok(decoded)
}

/// Every Timestamp and Duration in `decoded`, as merged (a bad value that a later piece
/// overrides is fine), in field order.
fn check_times(decoded: &DecodedMessage) -> Result<()> {
    check_timestamp(decoded, decoded.at as usize)?;
    for (i, f) in decoded.desc().fields.iter().enumerate() {
        let path = PathSegment::Field {
            message: decoded.message as u16,
            field: i as u16,
        };
        match &decoded.values[i] {
            Value::Message(nested) => check_times(nested).map_err(|e| e.within(path))?,
            Value::Repeated(items) if f.kind == Kind::Message => {
                for (index, item) in items.iter().enumerate() {
                    if let Value::Message(nested) = item {
                        check_times(nested)
                            .map_err(|e| e.within(PathSegment::Index(index as u32)).within(path))?;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A Timestamp's nanos outside 0..999999999 could not be encoded again: reject it here.
/// So is a Duration out of range or of mixed signs.
fn check_timestamp(decoded: &DecodedMessage, offset: usize) -> Result<()> {
    if decoded.message == crate::schema::message::DURATION {
        return check_duration(decoded, offset);
    }
    if decoded.message != crate::schema::message::TIMESTAMP {
        return Ok(());
    }
    let nanos_field = decoded.desc().field_by_number(2).expect("Timestamp.nanos");
    if let Value::Scalar(bits) = decoded.values[nanos_field] {
        if !super::valid_nanos(bits as i32) {
            return Err(CodecError::new(ErrorKind::NanosOutOfRange)
                .at(offset)
                .within(PathSegment::Field {
                    message: decoded.message as u16,
                    field: nanos_field as u16,
                }));
        }
    }
    Ok(())
}

fn check_duration(decoded: &DecodedMessage, offset: usize) -> Result<()> {
    let desc = decoded.desc();
    let seconds_field = desc.field_by_number(1).expect("Duration.seconds");
    let nanos_field = desc.field_by_number(2).expect("Duration.nanos");
    let bits = |field: usize| match decoded.values[field] {
        Value::Scalar(bits) => bits,
        _ => 0,
    };
    let seconds = bits(seconds_field) as i64;
    let nanos = bits(nanos_field) as i32;
    super::check_duration(seconds, nanos).map_err(|at_seconds| {
        CodecError::new(ErrorKind::DurationOutOfRange)
            .at(offset)
            .within(PathSegment::Field {
                message: decoded.message as u16,
                field: if at_seconds {
                    seconds_field
                } else {
                    nanos_field
                } as u16,
            })
    })
}

/// Decodes `bytes[start..end]` into `target`, merging as protobuf parsers must: the last
/// scalar wins, repeated fields append, and a message seen twice merges.
fn merge(
    target: &mut DecodedMessage,
    bytes: &[u8],
    start: usize,
    end: usize,
    depth_left: u32,
) -> Result<()> {
    if depth_left == 0 {
        return Err(CodecError::new(ErrorKind::TooDeep).at(start));
    }
    let desc = target.desc();
    let mut pos = start;
    while pos < end {
        let tag = read_field_tag(bytes, &mut pos, end)?;
        // A known number with a wire type that does not fit is an unknown field, as in the
        // C++ and Go runtimes: kept and written back, never misread.
        match desc
            .field_by_number(tag.number)
            .filter(|&field| fits(&desc.fields[field], tag.wire_type))
        {
            Some(field) => merge_field(target, field, &tag, bytes, &mut pos, end, depth_left)
                .map_err(|e| {
                    e.within(PathSegment::Field {
                        message: target.message as u16,
                        field: field as u16,
                    })
                })?,
            None => {
                let (data_start, data_end) = skip_value(bytes, &mut pos, end, &tag, depth_left - 1)
                    .map_err(|e| e.within(PathSegment::UnknownNumber(tag.number)))?;
                target.unknown.push(UnknownField {
                    number: tag.number,
                    wire_type: tag.wire_type,
                    start: data_start as u32,
                    len: (data_end - data_start) as u32,
                });
            }
        }
    }
    Ok(())
}

fn merge_field(
    target: &mut DecodedMessage,
    field: usize,
    tag: &Tag,
    bytes: &[u8],
    pos: &mut usize,
    end: usize,
    depth_left: u32,
) -> Result<()> {
    let f = &target.desc().fields[field];
    let value_start = *pos;
    if f.repeated {
        let Value::Repeated(items) = &mut target.values[field] else {
            unreachable!("repeated fields start as Value::Repeated")
        };
        if f.kind.packable() && tag.wire_type == wire::LEN {
            let len = read_varint(bytes, pos, end)?;
            let packed_start = take(pos, len, end, value_start)?;
            let mut p = packed_start;
            while p < *pos {
                let index = items.len() as u32;
                let item = read_scalar(f.kind, bytes, &mut p, *pos)
                    .map_err(|e| e.within(PathSegment::Index(index)))?;
                items.push(item);
            }
            return Ok(());
        }
        let index = items.len() as u32;
        let item = match f.kind {
            Kind::Message => read_len(bytes, pos, end).and_then(|(s, e)| {
                let mut nested = DecodedMessage::new(f.target);
                nested.at = value_start as u32;
                merge(&mut nested, bytes, s, e, depth_left - 1)?;
                Ok(Value::Message(Box::new(nested)))
            }),
            kind => read_scalar(kind, bytes, pos, end),
        }
        .map_err(|e| e.within(PathSegment::Index(index)))?;
        items.push(item);
        return Ok(());
    }
    if let Some(oneof) = f.oneof {
        let case = &mut target.oneof_cases[oneof as usize];
        if let Some(previous) = *case {
            if previous != field {
                target.values[previous] = Value::Absent;
            }
        }
        *case = Some(field);
    }
    if f.kind == Kind::Message {
        let (s, e) = read_len(bytes, pos, end)?;
        let slot = &mut target.values[field];
        if !matches!(slot, Value::Message(_)) {
            *slot = Value::Message(Box::new(DecodedMessage::new(f.target)));
        }
        let Value::Message(nested) = slot else {
            unreachable!()
        };
        nested.at = value_start as u32;
        return merge(nested, bytes, s, e, depth_left - 1);
    }
    target.values[field] = read_scalar(f.kind, bytes, pos, end)?;
    Ok(())
}
