//! The decoder the wasm ships: protobuf bytes straight to the flat description (layout in
//! [`super`]), for any input, with proto3 merge semantics and every error worded (offset and
//! field path). It builds no tree: each message is read in two passes over its bytes.
//!
//! 1. Its fields are read in arrival order: each known value is read and checked (a string's
//!    UTF-8 too) and kept as an [`Occurrence`], as its flat words or, for a message or a
//!    packed run, its byte range; unknown fields are kept as they come.
//! 2. The layout is written slot by slot from the occurrences: a scalar's last value wins, a
//!    repeated field appends, the pieces of a message field seen several times are decoded
//!    as one message (protobuf's merge is exactly that), and a oneof takes its last member.
//!
//! Canonical input (every encoder's order) keeps its occurrences in slot order, and pass 2
//! walks them once; any other order is sorted by slot first (a counting sort: linear).
//! [`super::decode`]'s tree decoder (not in the wasm) is the reference the tests hold this to.

use alloc::vec::Vec;

use super::flat::{fits, read_bits};
use super::wire::{self, read_field_tag, skip_value};
use super::Limits;
use crate::error::{CodecError, ErrorKind, PathSegment, Result};
use crate::schema::{message, Kind, MessageDesc, Slot, MESSAGES};

/// One known field's value, as read in pass 1.
#[derive(Clone, Copy)]
struct Occurrence {
    field: u8,
    slot: u8,
    /// A packed run of a repeated scalar field.
    packed: bool,
    /// The value's first byte (for `LEN`, its length prefix): errors point here.
    at: u32,
    /// A scalar's flat words (the second unused for one-word kinds); for a message or a
    /// packed run, the range of its data.
    words: [u32; 2],
}

/// The decoder's working lists, kept between calls (by src/boundary.rs) so that a decode
/// allocates nothing once they have grown to fit.
#[derive(Default)]
pub struct Work {
    /// Occurrences of the messages being read, innermost last.
    found: Vec<Occurrence>,
    /// Unknown-field entries of the messages being read, innermost last.
    unknown: Vec<u32>,
    /// The byte ranges of the messages being read (a message field seen several times has
    /// several), innermost last.
    pieces: Vec<(u32, u32)>,
    /// For sorting occurrences that came out of slot order: a copy, and where each slot
    /// starts.
    sorted: Vec<Occurrence>,
    starts: Vec<u32>,
}

impl Work {
    pub const fn new() -> Self {
        Work {
            found: Vec::new(),
            unknown: Vec::new(),
            pieces: Vec::new(),
            sorted: Vec::new(),
            starts: Vec::new(),
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    out: &'a mut Vec<u32>,
    found: &'a mut Vec<Occurrence>,
    unknown: &'a mut Vec<u32>,
    pieces: &'a mut Vec<(u32, u32)>,
    sorted: &'a mut Vec<Occurrence>,
    starts: &'a mut Vec<u32>,
}

/// Appends the flat description of `bytes`, read as the message at `message` in
/// [`MESSAGES`], to `out`.
pub fn decode_flat(
    message: usize,
    bytes: &[u8],
    limits: &Limits,
    work: &mut Work,
    out: &mut Vec<u32>,
) -> Result<()> {
    if bytes.len() > limits.max_bytes {
        return Err(CodecError::new(ErrorKind::TooLarge)
            .at(0)
            .with_args(bytes.len() as u64, limits.max_bytes as u64));
    }
    // Lists an earlier call left behind when it failed.
    work.found.clear();
    work.unknown.clear();
    work.pieces.clear();
    let mut reader = Reader {
        bytes,
        out,
        found: &mut work.found,
        unknown: &mut work.unknown,
        pieces: &mut work.pieces,
        sorted: &mut work.sorted,
        starts: &mut work.starts,
    };
    reader.pieces.push((0, bytes.len() as u32));
    let start = reader.out.len();
    reader.message(message, 0, limits.max_depth.min(super::MAX_DEPTH_LIMIT))?;
    check_time(message, &reader.out[start..], 0)
}

/// The field at fault in `message`, for the path of an error.
fn at_field(message: usize, field: usize) -> PathSegment {
    PathSegment::Field {
        message: message as u16,
        field: field as u16,
    }
}

/// A Timestamp's nanos outside 0..999999999, or a Duration out of range or of mixed signs,
/// could not be encoded again: refused, after merging (`words` is the message's flat
/// description: seconds, two words, then nanos).
fn check_time(m: usize, words: &[u32], offset: usize) -> Result<()> {
    if m != message::TIMESTAMP && m != message::DURATION {
        return Ok(());
    }
    let seconds = ((words[1] as u64) << 32 | words[0] as u64) as i64;
    let nanos = words[2] as i32;
    let (kind, field) = if m == message::TIMESTAMP {
        if super::valid_nanos(nanos) {
            return Ok(());
        }
        (ErrorKind::NanosOutOfRange, 1)
    } else {
        match super::check_duration(seconds, nanos) {
            Ok(()) => return Ok(()),
            Err(at_seconds) => (ErrorKind::DurationOutOfRange, usize::from(!at_seconds)),
        }
    };
    Err(CodecError::new(kind).at(offset).within(at_field(m, field)))
}

impl Reader<'_> {
    /// Reads the message `m` from the pieces from `first` to the end of `self.pieces`.
    fn message(&mut self, m: usize, first: usize, depth_left: u32) -> Result<()> {
        if depth_left == 0 {
            return Err(CodecError::new(ErrorKind::TooDeep).at(self.pieces[first].0 as usize));
        }
        let desc = &MESSAGES[m];
        let found_base = self.found.len();
        let unknown_base = self.unknown.len();
        if !self.read_fields(desc, m, first, depth_left)? {
            self.sort_by_slot(found_base, desc.layout.len());
        }
        let found_end = self.found.len();
        // Pass 2: each slot's occurrences start where the previous slot's ended; the slots
        // between them are absent, and take their empty words at once.
        let zeros = desc.zeros;
        let mut slot = 0;
        let mut from = found_base;
        while from < found_end {
            let present = self.found[from].slot as usize;
            let mut to = from + 1;
            while to < found_end && self.found[to].slot as usize == present {
                to += 1;
            }
            self.absent(zeros[present] - zeros[slot]);
            self.write_slot(desc, m, present, from, to, depth_left)?;
            slot = present + 1;
            from = to;
        }
        self.absent(zeros[desc.layout.len()] - zeros[slot]);
        self.found.truncate(found_base);
        // The unknown fields, after the layout.
        let entries = &self.unknown[unknown_base..];
        self.out.push((entries.len() / 4) as u32);
        self.out.extend_from_slice(entries);
        self.unknown.truncate(unknown_base);
        Ok(())
    }

    /// Pass 1: every field of the pieces, in arrival order. Whether the known ones came in
    /// slot order.
    fn read_fields(
        &mut self,
        desc: &MessageDesc,
        m: usize,
        first: usize,
        depth_left: u32,
    ) -> Result<bool> {
        let bytes = self.bytes;
        let found_base = self.found.len();
        let mut in_order = true;
        let mut last_slot = 0;
        for piece in first..self.pieces.len() {
            let (start, end) = self.pieces[piece];
            let (mut pos, end) = (start as usize, end as usize);
            while pos < end {
                let tag = read_field_tag(bytes, &mut pos, end)?;
                let at = pos;
                // A known number with a wire type that does not fit is an unknown field, as
                // in the C++ and Go runtimes: kept and written back, never misread.
                let known = desc
                    .field_by_number(tag.number)
                    .filter(|&field| fits(&desc.fields[field], tag.wire_type));
                let Some(field) = known else {
                    let (data_start, data_end) =
                        skip_value(bytes, &mut pos, end, &tag, depth_left - 1)
                            .map_err(|e| e.within(PathSegment::UnknownNumber(tag.number)))?;
                    self.unknown.extend([
                        tag.number,
                        tag.wire_type as u32,
                        data_start as u32,
                        (data_end - data_start) as u32,
                    ]);
                    continue;
                };
                let f = &desc.fields[field];
                let packed = f.repeated && f.kind.packable() && tag.wire_type == wire::LEN;
                let words = match read_value(bytes, &mut pos, end, f.kind, packed) {
                    Ok(words) => words,
                    Err(e) => {
                        // An element of a repeated field is named by its index; a packed
                        // run's length by the field alone.
                        let e = if f.repeated && !packed {
                            e.within(PathSegment::Index(
                                self.elements_before(f.kind, field, found_base),
                            ))
                        } else {
                            e
                        };
                        return Err(e.within(at_field(m, field)));
                    }
                };
                let slot = f.slot;
                in_order &= slot >= last_slot;
                last_slot = slot;
                self.found.push(Occurrence {
                    field: field as u8,
                    slot: slot as u8,
                    packed,
                    at: at as u32,
                    words,
                });
            }
        }
        Ok(in_order)
    }

    /// How many elements `field` (repeated) has in this message's occurrences so far.
    fn elements_before(&self, kind: Kind, field: usize, found_base: usize) -> u32 {
        let mut count = 0;
        for o in &self.found[found_base..] {
            if o.field as usize != field {
                continue;
            }
            if o.packed {
                let [mut pos, end] = o.words.map(|w| w as usize);
                while pos < end && read_bits(kind, self.bytes, &mut pos, end).is_ok() {
                    count += 1;
                }
            } else {
                count += 1;
            }
        }
        count
    }

    /// Writes `words` zeros: absent slots.
    fn absent(&mut self, words: u16) {
        if words != 0 {
            let len = self.out.len();
            self.out.resize(len + words as usize, 0);
        }
    }

    /// Puts the occurrences from `base` in slot order, keeping arrival order within a slot
    /// (a counting sort: linear, whatever the input's order).
    fn sort_by_slot(&mut self, base: usize, slots: usize) {
        let starts = &mut *self.starts;
        starts.clear();
        starts.resize(slots + 1, 0);
        for o in &self.found[base..] {
            starts[o.slot as usize + 1] += 1;
        }
        for slot in 1..=slots {
            starts[slot] += starts[slot - 1];
        }
        let sorted = &mut *self.sorted;
        sorted.clear();
        sorted.extend_from_slice(&self.found[base..]);
        for o in sorted.iter() {
            let at = &mut starts[o.slot as usize];
            self.found[base + *at as usize] = *o;
            *at += 1;
        }
    }

    /// Pass 2 for one slot present in the input, from its occurrences `from..to`.
    fn write_slot(
        &mut self,
        desc: &MessageDesc,
        m: usize,
        slot: usize,
        from: usize,
        to: usize,
        depth_left: u32,
    ) -> Result<()> {
        match desc.layout[slot] {
            Slot::Field(field) => {
                let f = &desc.fields[field];
                if !f.repeated && f.kind != Kind::Message {
                    // A scalar: its last value, read and checked in pass 1.
                    let words = self.found[to - 1].words;
                    self.out.extend_from_slice(&words[..f.kind.words()]);
                    return Ok(());
                }
                if f.repeated {
                    self.repeated(from, to, f.kind, f.target, depth_left)
                } else {
                    self.run(from, to, f.kind, f.target, depth_left)
                }
                .map_err(|e| e.within(at_field(m, field)))
            }
            Slot::Oneof(_, members) => {
                let last = to - 1;
                // Each run of one member is read (so checked), and only the last one kept:
                // another member in between clears the value, as protobuf's oneofs do. (A
                // cleared member's Timestamps would be judged too, unlike the tree decoder's;
                // no oneof in this schema holds one.)
                let mut run_from = from;
                while run_from <= last {
                    let field = self.found[run_from].field;
                    let mut run_to = run_from + 1;
                    while run_to <= last && self.found[run_to].field == field {
                        run_to += 1;
                    }
                    let mark = self.out.len();
                    let case = members
                        .iter()
                        .position(|&i| i == u16::from(field))
                        .unwrap_or(0);
                    self.out.push(case as u32 + 1);
                    let f = &desc.fields[field as usize];
                    self.run(run_from, run_to, f.kind, f.target, depth_left)
                        .map_err(|e| e.within(at_field(m, field as usize)))?;
                    if run_to <= last {
                        self.out.truncate(mark);
                    }
                    run_from = run_to;
                }
                Ok(())
            }
        }
    }

    /// One field's value from its occurrences `from..to` (at least one): a message from all
    /// of their pieces, a scalar from the last.
    fn run(
        &mut self,
        from: usize,
        to: usize,
        kind: Kind,
        target: usize,
        depth_left: u32,
    ) -> Result<()> {
        if kind == Kind::Message {
            let first = self.pieces.len();
            for i in from..to {
                let [start, end] = self.found[i].words;
                self.pieces.push((start, end));
            }
            return self.nested(target, first, depth_left, self.found[to - 1].at);
        }
        let words = self.found[to - 1].words;
        self.out.extend_from_slice(&words[..kind.words()]);
        Ok(())
    }

    /// A repeated field: its count, then every element of its occurrences in `from..to`.
    fn repeated(
        &mut self,
        from: usize,
        to: usize,
        kind: Kind,
        target: usize,
        depth_left: u32,
    ) -> Result<()> {
        let count_at = self.out.len();
        self.out.push(0);
        let mut count = 0;
        for i in from..to {
            let o = self.found[i];
            if o.packed {
                let [mut pos, end] = o.words.map(|w| w as usize);
                while pos < end {
                    let bits = read_bits(kind, self.bytes, &mut pos, end)
                        .map_err(|e| e.within(PathSegment::Index(count)))?;
                    self.out.push(bits as u32);
                    if kind.words() == 2 {
                        self.out.push((bits >> 32) as u32);
                    }
                    count += 1;
                }
                continue;
            }
            if kind == Kind::Message {
                let first = self.pieces.len();
                self.pieces.push((o.words[0], o.words[1]));
                self.nested(target, first, depth_left, o.at)
                    .map_err(|e| e.within(PathSegment::Index(count)))?;
            } else {
                self.out.extend_from_slice(&o.words[..kind.words()]);
            }
            count += 1;
        }
        self.out[count_at] = count;
        Ok(())
    }

    /// A message value, from the pieces from `first` on (taken off again): 1, then its flat
    /// description, then its Timestamp or Duration check, reported at `at`.
    fn nested(&mut self, target: usize, first: usize, depth_left: u32, at: u32) -> Result<()> {
        self.out.push(1);
        let start = self.out.len();
        let result = self.message(target, first, depth_left - 1);
        self.pieces.truncate(first);
        result?;
        check_time(target, &self.out[start..], at as usize)
    }
}

/// Pass 1's read of one known value at `*pos`: its flat words, or for a message or a
/// packed run the range of its data.
#[inline(always)]
fn read_value(
    bytes: &[u8],
    pos: &mut usize,
    end: usize,
    kind: Kind,
    packed: bool,
) -> Result<[u32; 2]> {
    let at = *pos;
    if packed || matches!(kind, Kind::String | Kind::Bytes | Kind::Message) {
        let len = wire::read_varint(bytes, pos, end)?;
        let start = wire::take(pos, len, end, at)?;
        let data = &bytes[start..*pos];
        if packed || kind == Kind::Message {
            return Ok([start as u32, *pos as u32]);
        }
        let ascii = data.is_ascii();
        if kind == Kind::String && !ascii && core::str::from_utf8(data).is_err() {
            return Err(CodecError::new(ErrorKind::InvalidUtf8).at(at));
        }
        return Ok([
            start as u32,
            data.len() as u32 | if ascii { 0 } else { super::NON_ASCII },
        ]);
    }
    let bits = read_bits(kind, bytes, pos, end)?;
    Ok([bits as u32, (bits >> 32) as u32])
}
