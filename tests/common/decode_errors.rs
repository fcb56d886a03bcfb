//! Decode errors: kind, offset and path.

use super::support::*;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_truncated_varint() {
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x30, 0x80]),
        ErrorKind::Truncated,
        Some(1),
        "persistence",
    );
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x1a, 0x01, b'a', 0x80]),
        ErrorKind::Truncated,
        Some(3),
        "",
    );
    let rl = [0x10, 0xff, 0xff];
    let bytes = W::new().len_field(10, &rl).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::Truncated,
        Some(3),
        "resourceLimits.memory",
    );
    // Truncated inside an unknown field.
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x28, 0x80]),
        ErrorKind::Truncated,
        Some(1),
        "#5",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_truncated_length_and_length_past_end() {
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x1a]),
        ErrorKind::Truncated,
        Some(1),
        "salt",
    );
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x1a, 0x05, b'a']),
        ErrorKind::Truncated,
        Some(1),
        "salt",
    );
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x52, 0x02, 0x08]),
        ErrorKind::Truncated,
        Some(1),
        "resourceLimits",
    );
    // A length that fits in the outer message but runs past the nested one.
    let bytes = [0x3a, 0x03, 0x0a, 0x05, b'x'];
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::Truncated,
        Some(3),
        "repl.id",
    );
    // A huge length.
    let bytes = W::new().tag(14, 2).varint(u64::MAX >> 1).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::Truncated,
        Some(1),
        "flags[0]",
    );
    let bytes = W::new()
        .len_field(14, b"a")
        .tag(14, 2)
        .varint(1 << 40)
        .done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::Truncated,
        Some(4),
        "flags[1]",
    );
    // Fixed-width values cut short.
    let bytes = W::new().len_field(10, &[0x19, 1, 2, 3]).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::Truncated,
        Some(3),
        "resourceLimits.threads",
    );
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x5d, 1, 2, 3]),
        ErrorKind::Truncated,
        Some(1),
        "#11",
    );
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x59, 1, 2, 3]),
        ErrorKind::Truncated,
        Some(1),
        "#11",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_varint_longer_than_ten_bytes() {
    let mut bytes = vec![0x30];
    bytes.extend([0xff; 10]);
    bytes.push(0x01);
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::VarintTooLong,
        Some(1),
        "persistence",
    );
    // Ten bytes whose last carries more than bit 63.
    let mut bytes = vec![0x30];
    bytes.extend([0xff; 9]);
    bytes.push(0x02);
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::VarintTooLong,
        Some(1),
        "persistence",
    );
    // Exactly ten bytes with bit 63 set is fine.
    let mut ok = vec![0x30];
    ok.extend([0xff; 9]);
    ok.push(0x01);
    assert!(decode(msg::REPL_TOKEN, &ok, &lim()).is_ok());
    // A tag that is too long.
    let mut bytes = vec![0x1a, 0x00];
    bytes.extend([0x80; 10]);
    bytes.push(0x00);
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::VarintTooLong,
        Some(2),
        "",
    );
    // A length that is too long.
    let mut bytes = vec![0x1a];
    bytes.extend([0x80; 11]);
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::VarintTooLong,
        Some(1),
        "salt",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_invalid_wire_types_6_and_7() {
    for wt in [6u8, 7] {
        let e = decode_err(msg::REPL_TOKEN, &[0x08 | wt]);
        assert_err(&e, ErrorKind::InvalidWireType, Some(0), "");
        assert_eq!(e.args, [u64::from(wt), 0]);
        assert_eq!(e.message(), format!("wire type {wt} does not exist"));
        // Nested, after a known field.
        let bytes = W::new().len_field(7, &[0x0a, 0x00, 0x10 | wt]).done();
        assert_err(
            &decode_err(msg::REPL_TOKEN, &bytes),
            ErrorKind::InvalidWireType,
            Some(4),
            "repl",
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_field_number_zero_and_too_large() {
    let e = decode_err(msg::REPL_TOKEN, &[0x00, 0x00]);
    assert_err(&e, ErrorKind::InvalidFieldNumber, Some(0), "");
    assert_eq!(e.args, [0, 0]);
    let bytes = W::new()
        .len_field(3, b"ok")
        .tag(1 << 29, 0)
        .varint(1)
        .done();
    let e = decode_err(msg::REPL_TOKEN, &bytes);
    assert_err(&e, ErrorKind::InvalidFieldNumber, Some(4), "");
    assert_eq!(e.args, [1 << 29, 0]);
    let bytes = W::new().len_field(13, &[0x02, 0x00]).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::InvalidFieldNumber,
        Some(2),
        "presenced",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn wire_type_mismatch_on_a_known_field_is_kept_as_an_unknown_field() {
    // As in the C++ and Go runtimes: kept, written back, never misread.
    let unknown = |message: usize, bytes: &[u8]| -> Vec<(u32, u8, u32, u32)> {
        let d = decode(message, bytes, &lim()).unwrap_or_else(|e| panic!("{bytes:02x?}: {e}"));
        assert_eq!(reencode(message, bytes), bytes, "{bytes:02x?}");
        d.unknown
            .iter()
            .map(|u| (u.number, u.wire_type, u.start, u.len))
            .collect()
    };
    assert_eq!(unknown(msg::REPL_TOKEN, &[0x32, 0x00]), [(6, 2, 2, 0)]); // persistence as LEN
    assert_eq!(unknown(msg::REPL_TOKEN, &[0x18, 0x01]), [(3, 0, 1, 1)]); // salt as varint
    assert_eq!(unknown(msg::REPL_TOKEN, &[0x08, 0x01]), [(1, 0, 1, 1)]); // iat as varint
    assert_eq!(
        unknown(msg::REPL_TOKEN, &[0x75, 1, 2, 3, 4]),
        [(14, 5, 1, 4)]
    ); // flags as fixed32
    assert_eq!(unknown(msg::REPL_TOKEN, &[0x0b, 0x0c]), [(1, 3, 1, 1)]); // iat as a group
    let d = decode(msg::REPL_TOKEN, &[0x08, 0x01], &lim()).unwrap();
    assert_eq!(d.values[0], Value::Absent);
    // Nested: memory as fixed64, after a fitting memory.
    let rl = W::new()
        .varint_field(2, 7)
        .tag(2, 1)
        .raw(&[1, 0, 0, 0, 0, 0, 0, 0])
        .done();
    let bytes = W::new().len_field(10, &rl).done();
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    let Value::Message(m) = &d.values[8] else {
        panic!()
    };
    assert_eq!(m.values[1], Value::Scalar(7));
    assert_eq!(m.unknown.len(), 1);
    assert_eq!(
        (
            m.unknown[0].number,
            m.unknown[0].wire_type,
            m.unknown[0].start
        ),
        (2, 1, 5)
    );
    // Errors inside such a field are reported as in any unknown field.
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x19, 1, 2]),
        ErrorKind::Truncated,
        Some(1),
        "#3",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encode_error_timestamp_nanos_out_of_range() {
    for nanos in [-1i32, 1_000_000_000, i32::MIN] {
        // seconds (2 words), nanos, no unknown fields
        let words = [5, 0, nanos as u32, 0];
        let e = encode(msg::TIMESTAMP, &words, &[]).unwrap_err();
        assert_eq!(
            (e.kind, e.path_string().as_str()),
            (ErrorKind::NanosOutOfRange, "nanos")
        );
    }
    assert!(encode(msg::TIMESTAMP, &[5, 0, 999_999_999, 0], &[]).is_ok());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_timestamp_nanos_out_of_range() {
    for nanos in [-1, 1_000_000_000, i32::MIN, i32::MAX] {
        let bytes = ReplToken {
            iat: ts(1, nanos),
            ..Default::default()
        }
        .encode_to_vec();
        let e = decode_err(msg::REPL_TOKEN, &bytes);
        assert_err(&e, ErrorKind::NanosOutOfRange, Some(1), "iat.nanos");
        let bytes = ReplToken {
            salt: "s".into(),
            exp: ts(0, nanos),
            ..Default::default()
        }
        .encode_to_vec();
        assert_err(
            &decode_err(msg::REPL_TOKEN, &bytes),
            ErrorKind::NanosOutOfRange,
            Some(1),
            "exp.nanos",
        );
        let bytes = Timestamp { seconds: 0, nanos }.encode_to_vec();
        assert_err(
            &decode_err(msg::TIMESTAMP, &bytes),
            ErrorKind::NanosOutOfRange,
            Some(0),
            "nanos",
        );
    }
    // Checked after merging: a bad value that a later one overrides is fine.
    let bad = Timestamp {
        seconds: 0,
        nanos: -1,
    }
    .encode_to_vec();
    let good = Timestamp {
        seconds: 0,
        nanos: 5,
    }
    .encode_to_vec();
    let bytes = W::new().raw(&bad).raw(&good).done();
    assert!(decode(msg::TIMESTAMP, &bytes, &lim()).is_ok());
    // The same for a Timestamp field seen twice (its pieces merge), in both decoders: only
    // the merged value counts, and a bad one is reported where its last piece begins.
    let bytes = W::new().len_field(1, &bad).len_field(1, &good).done();
    check_paths_agree(msg::REPL_TOKEN, &bytes);
    assert_eq!(flat(msg::REPL_TOKEN, &bytes)[..4], [1, 0, 0, 5]);
    let w = W::new().len_field(1, &good);
    let last_piece = w.pos() + 1;
    let bytes = w.len_field(1, &bad).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::NanosOutOfRange,
        Some(last_piece),
        "iat.nanos",
    );
    // Both edges of the range decode.
    for nanos in [0, 999_999_999] {
        let bytes = ReplToken {
            iat: ts(-1, nanos),
            ..Default::default()
        }
        .encode_to_vec();
        assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    }
}

/// Durations outside duration.proto's rules, with the field at fault.
const BAD_DURATIONS: &[(i64, i32, &str)] = &[
    (315_576_000_001, 0, "seconds"),
    (-315_576_000_001, 0, "seconds"),
    (i64::MIN, 0, "seconds"),
    (1, -1, "nanos"),
    (-1, 1, "nanos"),
    (0, 1_000_000_000, "nanos"),
    (0, -1_000_000_000, "nanos"),
    (0, i32::MIN, "nanos"),
];

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encode_error_duration_out_of_range_or_mixed_signs() {
    for &(seconds, nanos, field) in BAD_DURATIONS {
        // seconds (2 words), nanos, no unknown fields
        let words = [seconds as u32, (seconds >> 32) as u32, nanos as u32, 0];
        let e = encode(msg::DURATION, &words, &[]).unwrap_err();
        assert_eq!(
            (e.kind, e.path_string().as_str()),
            (ErrorKind::DurationOutOfRange, field),
            "{seconds} {nanos}"
        );
    }
    for (seconds, nanos) in [
        (315_576_000_000i64, 999_999_999i32),
        (-315_576_000_000, -999_999_999),
        (0, -1),
        (0, 1),
        (-5, 0),
    ] {
        let words = [seconds as u32, (seconds >> 32) as u32, nanos as u32, 0];
        assert!(
            encode(msg::DURATION, &words, &[]).is_ok(),
            "{seconds} {nanos}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_duration_out_of_range_or_mixed_signs() {
    for &(seconds, nanos, field) in BAD_DURATIONS {
        let duration = Duration { seconds, nanos }.encode_to_vec();
        assert_err(
            &decode_err(msg::DURATION, &duration),
            ErrorKind::DurationOutOfRange,
            Some(0),
            field,
        );
        let bytes = ReplToken {
            idle_timeout: Some(Duration { seconds, nanos }),
            ..Default::default()
        }
        .encode_to_vec();
        assert_err(
            &decode_err(msg::REPL_TOKEN, &bytes),
            ErrorKind::DurationOutOfRange,
            Some(2),
            &format!("idleTimeout.{field}"),
        );
    }
    // Valid ones decode and re-encode to the same bytes, on both decoder paths.
    for (seconds, nanos) in [
        (315_576_000_000i64, 999_999_999i32),
        (-1, -1),
        (0, -999_999_999),
        (1800, 0),
    ] {
        let bytes = ReplToken {
            idle_timeout: Some(Duration { seconds, nanos }),
            ..Default::default()
        }
        .encode_to_vec();
        assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_invalid_utf8_in_string_has_field_path() {
    let repl = W::new().len_field(1, &[b'o', b'k', 0xff, 0xfe]).done();
    let bytes = W::new().len_field(7, &repl).done();
    let e = decode_err(msg::REPL_TOKEN, &bytes);
    assert_err(&e, ErrorKind::InvalidUtf8, Some(3), "repl.id");
    assert_eq!(
        e.to_string(),
        "repl.id: the string is not valid UTF-8 (at byte 3)"
    );
    let segments: Vec<PathSegment> = e.path().collect();
    assert_eq!(
        segments,
        [
            PathSegment::Field {
                message: msg::REPL_TOKEN as u16,
                field: 5
            },
            PathSegment::Field {
                message: msg::REPL as u16,
                field: 0
            }
        ]
    );
    // Oneof member `id` (a ReplID) and its `id` field.
    let inner = W::new().len_field(2, &[0xc3]).done(); // a lone lead byte
    let bytes = W::new().len_field(8, &inner).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::InvalidUtf8,
        Some(3),
        "id.sourceRepl",
    );
    // Surrogate code points (CESU) are invalid UTF-8.
    let bytes = W::new()
        .len_field(14, b"fine")
        .len_field(14, &[0xed, 0xa0, 0x80])
        .done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::InvalidUtf8,
        Some(7),
        "flags[1]",
    );
    let presenced = W::new()
        .len_field(2, &[0xf8, 0x88, 0x80, 0x80, 0x80])
        .done();
    let bytes = W::new().len_field(13, &presenced).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::InvalidUtf8,
        Some(3),
        "presenced.bearerName",
    );
    // Overlong encodings too; but invalid UTF-8 in an unknown LEN field is fine (bytes).
    assert_err(
        &decode_err(msg::REPL_TOKEN, &[0x1a, 0x02, 0xc0, 0x80]),
        ErrorKind::InvalidUtf8,
        Some(1),
        "salt",
    );
    assert!(decode(msg::REPL_TOKEN, &[0x2a, 0x02, 0xc0, 0x80], &lim()).is_ok());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_end_group_without_start() {
    let e = decode_err(msg::REPL_TOKEN, &[0x0c]);
    assert_err(&e, ErrorKind::UnexpectedEndGroup, Some(0), "");
    assert_eq!(e.args, [1, 0]);
    let bytes = W::new().len_field(3, b"s").tag(99, 4).done();
    let e = decode_err(msg::REPL_TOKEN, &bytes);
    assert_err(&e, ErrorKind::UnexpectedEndGroup, Some(3), "");
    assert_eq!(e.args, [99, 0]);
    let bytes = W::new().len_field(9, &[0x0a, 0x00, 0x1c]).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::UnexpectedEndGroup,
        Some(4),
        "classroom",
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_mismatched_group_end() {
    let bytes = W::new().tag(20, 3).varint_field(1, 1).tag(21, 4).done();
    let e = decode_err(msg::REPL_TOKEN, &bytes);
    assert_err(&e, ErrorKind::GroupMismatch, Some(4), "#20");
    assert_eq!(e.args, [20, 21]);
    assert_eq!(e.message(), "group 20 is closed by the end tag of field 21");
    // An unterminated group is truncated.
    let bytes = W::new().tag(20, 3).varint_field(1, 1).done();
    assert_err(
        &decode_err(msg::REPL_TOKEN, &bytes),
        ErrorKind::Truncated,
        Some(4),
        "#20",
    );
    // Nested in a known message.
    let inner = W::new().len_field(1, b"x").tag(30, 3).tag(31, 4).done();
    let bytes = W::new().len_field(7, &inner).done();
    let e = decode_err(msg::REPL_TOKEN, &bytes);
    assert_err(&e, ErrorKind::GroupMismatch, Some(7), "repl.#30");
}

fn nested_groups(depth: usize) -> Vec<u8> {
    let mut w = W::new();
    for _ in 0..depth {
        w = w.tag(20, 3);
    }
    for _ in 0..depth {
        w = w.tag(20, 4);
    }
    w.done()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_nesting_over_the_depth_limit() {
    // The top-level message counts as one level: 63 nested groups fit in 64 levels.
    let ok = nested_groups(63);
    assert_eq!(reencode(msg::REPL_TOKEN, &ok), ok);
    let e = decode_err(msg::REPL_TOKEN, &nested_groups(64));
    assert_err(&e, ErrorKind::TooDeep, Some(2 * 64), "#20");
    // Known nested messages count too.
    let bytes = W::new().len_field(7, &[0x0a, 0x00]).done();
    let limits = Limits {
        max_depth: 1,
        ..Limits::default()
    };
    assert_err(
        &decode_err_with(msg::REPL_TOKEN, &bytes, &limits),
        ErrorKind::TooDeep,
        Some(2),
        "repl",
    );
    assert!(decode(
        msg::REPL_TOKEN,
        &bytes,
        &Limits {
            max_depth: 2,
            ..Limits::default()
        }
    )
    .is_ok());
    let limits = Limits {
        max_depth: 0,
        ..Limits::default()
    };
    assert_err(
        &decode_err_with(msg::REPL_TOKEN, &[], &limits),
        ErrorKind::TooDeep,
        Some(0),
        "",
    );
    // A group inside a nested message at the limit.
    let bytes = W::new().len_field(7, &nested_groups(1)).done();
    let limits = Limits {
        max_depth: 2,
        ..Limits::default()
    };
    assert_err(
        &decode_err_with(msg::REPL_TOKEN, &bytes, &limits),
        ErrorKind::TooDeep,
        Some(4),
        "repl.#20",
    );
    assert!(decode(
        msg::REPL_TOKEN,
        &bytes,
        &Limits {
            max_depth: 3,
            ..Limits::default()
        }
    )
    .is_ok());
    // Whatever the largest depth limit decodes also encodes: 99 groups in 100 levels.
    let deepest = nested_groups(99);
    let limits = Limits {
        max_depth: 100,
        ..Limits::default()
    };
    let words = decode_to_flat(msg::REPL_TOKEN, &deepest, &limits).unwrap();
    assert_eq!(encode(msg::REPL_TOKEN, &words, &deepest).unwrap(), deepest);
    let limits = Limits {
        max_depth: u32::MAX,
        ..Limits::default()
    };
    assert_eq!(
        decode_err_with(msg::REPL_TOKEN, &nested_groups(100), &limits).kind,
        ErrorKind::TooDeep
    );
    // Very deep input fails cleanly rather than overflowing the stack.
    let e = decode_err(msg::REPL_TOKEN, &nested_groups(100_000));
    assert_eq!(e.kind, ErrorKind::TooDeep);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn decode_error_input_over_max_bytes() {
    let bytes = full_token_bytes();
    let n = bytes.len();
    let limits = Limits {
        max_bytes: n - 1,
        ..Limits::default()
    };
    let e = decode_err_with(msg::REPL_TOKEN, &bytes, &limits);
    assert_err(&e, ErrorKind::TooLarge, Some(0), "");
    assert_eq!(e.args, [n as u64, n as u64 - 1]);
    assert!(decode(
        msg::REPL_TOKEN,
        &bytes,
        &Limits {
            max_bytes: n,
            ..Limits::default()
        }
    )
    .is_ok());
    // The default limit is 1 MiB.
    let big = W::new().len_field(3, &vec![b'a'; 1 << 20]).done();
    assert_eq!(decode_err(msg::REPL_TOKEN, &big).kind, ErrorKind::TooLarge);
    let fits = W::new().len_field(3, &vec![b'a'; (1 << 20) - 4]).done();
    assert_eq!(fits.len(), 1 << 20);
    assert_eq!(reencode(msg::REPL_TOKEN, &fits), fits);
}
