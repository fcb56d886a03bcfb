//! The fast path of decode: canonical input (fields in layout order, each at most once, a
//! repeated field's elements together) straight to the flat description, in one pass and
//! without building a tree. Every encoder, and every real token seen, writes that order.
//! Anything else, including every error, makes it give up, and [`super::decode`]'s merging
//! decoder does the work, so both paths always agree (the tests check it).

use alloc::vec::Vec;

use super::flat::{read_scalar, write_flat_value};
use super::wire::{self, read_tag, read_varint, skip_value, take};
use super::Limits;
use crate::schema::{message, Kind, MessageDesc, Slot, MESSAGES};

/// Why the fast path stopped: the input needs the merging decoder.
pub struct GiveUp;

type Fast<T> = core::result::Result<T, GiveUp>;

impl From<crate::error::CodecError> for GiveUp {
    fn from(_: crate::error::CodecError) -> Self {
        GiveUp
    }
}

struct Decoder<'a> {
    bytes: &'a [u8],
    out: &'a mut Vec<u32>,
    /// Unknown-field entries of the messages being decoded, innermost last.
    unknown: Vec<u32>,
}

/// Appends the flat description of canonical `bytes` to `out`, or gives up on anything else
/// (leaving `out` longer).
pub fn try_decode_canonical(
    message: usize,
    bytes: &[u8],
    limits: &Limits,
    out: &mut Vec<u32>,
) -> Fast<()> {
    if bytes.len() > limits.max_bytes {
        return Err(GiveUp);
    }
    let max_depth = limits.max_depth.min(super::MAX_DEPTH_LIMIT);
    let mut decoder = Decoder {
        bytes,
        out,
        unknown: Vec::new(),
    };
    decoder.message(message, 0, bytes.len(), max_depth)
}

impl Decoder<'_> {
    fn message(&mut self, m: usize, start: usize, end: usize, depth_left: u32) -> Fast<()> {
        if depth_left == 0 {
            return Err(GiveUp);
        }
        let desc = &MESSAGES[m];
        let unknown_base = self.unknown.len();
        let message_start = self.out.len();
        // The next slot to write; `open` is the count word of the repeated field just read.
        let mut next_slot = 0;
        let mut open: Option<(usize, usize)> = None;
        let mut pos = start;
        while pos < end {
            let tag = read_tag(self.bytes, &mut pos, end)?;
            if tag.wire_type == wire::END_GROUP {
                return Err(GiveUp);
            }
            let field = desc
                .field_by_number(tag.number)
                .filter(|&f| super::flat::fits(&desc.fields[f], tag.wire_type));
            let Some(field) = field else {
                let (data_start, data_end) =
                    skip_value(self.bytes, &mut pos, end, &tag, depth_left - 1)?;
                self.unknown.extend([
                    tag.number,
                    tag.wire_type as u32,
                    data_start as u32,
                    (data_end - data_start) as u32,
                ]);
                continue;
            };
            let f = &desc.fields[field];
            let slot = f.slot;
            if let Some((open_slot, count_at)) = open {
                if open_slot == slot {
                    self.repeated_elements(f.kind, tag.wire_type, &mut pos, end, count_at)?;
                    continue;
                }
            }
            if slot < next_slot {
                return Err(GiveUp);
            }
            for skipped in next_slot..slot {
                self.default_slot(desc, skipped);
            }
            next_slot = slot + 1;
            open = None;
            if f.repeated {
                let count_at = self.out.len();
                self.out.push(0);
                self.repeated_elements(f.kind, tag.wire_type, &mut pos, end, count_at)?;
                open = Some((slot, count_at));
            } else {
                if let Slot::Oneof(_, members) = desc.layout[slot] {
                    let case = members
                        .iter()
                        .position(|&i| i as usize == field)
                        .unwrap_or(0);
                    self.out.push(case as u32 + 1);
                }
                self.value(f.kind, f.target, &mut pos, end, depth_left)?;
            }
        }
        for skipped in next_slot..desc.layout.len() {
            self.default_slot(desc, skipped);
        }
        if m == message::TIMESTAMP {
            // seconds (2 words), then nanos: decode rejects nanos outside 0..999999999.
            if !super::valid_nanos(self.out[message_start + 2] as i32) {
                return Err(GiveUp);
            }
        }
        if m == message::DURATION {
            // seconds (2 words), then nanos: decode rejects a Duration out of range.
            let w = &self.out[message_start..message_start + 3];
            let seconds = ((w[1] as u64) << 32 | w[0] as u64) as i64;
            if super::check_duration(seconds, w[2] as i32).is_err() {
                return Err(GiveUp);
            }
        }
        let unknown_words = self.unknown.len() - unknown_base;
        self.out.push((unknown_words / 4) as u32);
        self.out.extend_from_slice(&self.unknown[unknown_base..]);
        self.unknown.truncate(unknown_base);
        Ok(())
    }

    fn repeated_elements(
        &mut self,
        kind: Kind,
        wire_type: u8,
        pos: &mut usize,
        end: usize,
        count_at: usize,
    ) -> Fast<()> {
        if kind.packable() && wire_type == wire::LEN {
            let len = read_varint(self.bytes, pos, end)?;
            let packed_start = take(pos, len, end, *pos)?;
            let mut p = packed_start;
            while p < *pos {
                self.value(kind, 0, &mut p, *pos, 0)?;
                self.out[count_at] += 1;
            }
        } else {
            // Repeated messages nest; nothing in this schema has them, so leave them to the
            // merging decoder rather than track depth here.
            if kind == Kind::Message {
                return Err(GiveUp);
            }
            self.value(kind, 0, pos, end, 0)?;
            self.out[count_at] += 1;
        }
        Ok(())
    }

    fn default_slot(&mut self, desc: &MessageDesc, slot: usize) {
        match desc.layout[slot] {
            Slot::Oneof(..) => self.out.push(0),
            Slot::Field(i) => {
                let f = &desc.fields[i];
                let words = if f.repeated || f.kind == Kind::Message {
                    1
                } else {
                    f.kind.words()
                };
                self.out.extend(core::iter::repeat_n(0, words));
            }
        }
    }

    /// One value, as [`super::flat::write_flat`] lays it out.
    fn value(
        &mut self,
        kind: Kind,
        target: usize,
        pos: &mut usize,
        end: usize,
        depth_left: u32,
    ) -> Fast<()> {
        if kind == Kind::Message {
            let len = read_varint(self.bytes, pos, end)?;
            let start = take(pos, len, end, *pos)?;
            self.out.push(1);
            return self.message(target, start, *pos, depth_left - 1);
        }
        let value = read_scalar(kind, self.bytes, pos, end)?;
        write_flat_value(kind, &value, self.out);
        Ok(())
    }
}
