//! Encode errors from bad flat input.

use super::support::*;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encode_error_malformed_words() {
    let malformed = |message: usize, words: &[u32], bytes: &[u8]| {
        let e = encode(message, words, bytes).expect_err("malformed input must fail");
        assert_eq!(e.kind, ErrorKind::Malformed, "{e}");
        assert_eq!(e.offset, None);
        e
    };
    malformed(msg::REPL_TOKEN, &[], &[]);
    malformed(msg::REPL_TOKEN, &[0; 23], &[]); // one word short
    malformed(msg::REPL_TOKEN, &[0; 25], &[]); // one word too many
    malformed(MESSAGES.len(), &[0; 24], &[]); // no such message
    malformed(usize::MAX, &[], &[]);
    // A string range outside the byte area.
    let mut words = vec![0u32; 24];
    words[2] = 1;
    words[3] = 5;
    let e = malformed(msg::REPL_TOKEN, &words, b"abcd");
    assert_eq!(e.path_string(), "salt");
    words[2] = u32::MAX;
    words[3] = u32::MAX;
    malformed(msg::REPL_TOKEN, &words, b"abcd");
    // A oneof case past its members.
    let mut words = vec![0u32; 24];
    words[7] = 4;
    malformed(msg::REPL_TOKEN, &words, &[]);
    words[7] = u32::MAX;
    malformed(msg::REPL_TOKEN, &words, &[]);
    // A bool that is neither 0 nor 1.
    let mut f = Flat::default();
    f.ws(&[0; 8])
        .w(1)
        .ws(&[2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        .ws(&[0; 15]);
    let e = malformed(msg::REPL_TOKEN, &f.words, &[]);
    assert_eq!(e.path_string(), "resourceLimits.net");
    // Counts that promise more than there is.
    let mut words = vec![0u32; 24];
    words[11] = u32::MAX;
    malformed(msg::REPL_TOKEN, &words, &[]);
    let mut words = vec![0u32; 24];
    words[23] = u32::MAX;
    malformed(msg::REPL_TOKEN, &words, &[]);
    // A nested message cut short.
    malformed(msg::REPL_TOKEN, &[1, 0, 0], &[]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encode_error_unknown_entry_with_a_known_field_number() {
    let mut f = token_prefix();
    f.w(2).unknown(5, 0, &[1]).unknown(3, 2, b"salt");
    let e = f.encode(msg::REPL_TOKEN).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownIsKnown);
    assert_eq!(e.args, [3, 2]);
    assert_eq!(e.path_string(), "$unknown[1]");
    // A known number with a wire type that does not fit the field is a valid unknown field.
    let mut f = token_prefix();
    f.w(2).unknown(3, 0, &[1]).unknown(14, 5, &[1, 2, 3, 4]);
    let bytes = f.encode(msg::REPL_TOKEN).unwrap();
    assert_eq!(bytes, [0x18, 0x01, 0x75, 1, 2, 3, 4]);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    // Nested: field 1 of Timestamp is `seconds`.
    let mut f = Flat::default();
    f.w(1).ws(&[0, 0, 0]).w(1).unknown(1, 0, &[1]);
    f.ws(&[0; 21]).w(0);
    let e = f.encode(msg::REPL_TOKEN).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownIsKnown);
    assert_eq!(e.path_string(), "iat.$unknown[0]");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encode_error_invalid_unknown_data() {
    let bad: &[(u32, &[u8])] = &[
        (0, &[]),
        (0, &[0x80]),
        (0, &[0x01, 0x01]),
        (0, &[0xff; 11]),
        (1, &[0; 7]),
        (1, &[0; 9]),
        (5, &[0; 3]),
        (5, &[0; 5]),
        (3, &[]),                 // no end tag
        (3, &[0x08, 0x01]),       // no end tag
        (3, &[0xac, 0x02]),       // end tag of field 37, not 40
        (3, &[0xc4, 0x02, 0x00]), // bytes after the end tag
        (3, &[0x0e, 0xc4, 0x02]), // wire type 6 inside
    ];
    for (wire_type, data) in bad {
        let mut f = token_prefix();
        f.w(1).unknown(40, *wire_type, data);
        let e = f.encode(msg::REPL_TOKEN).unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::InvalidUnknownData,
            "{wire_type} {data:02x?}: {e}"
        );
        assert_eq!(e.args, [u64::from(*wire_type), 0]);
        assert_eq!(e.path_string(), "$unknown[0]");
    }
    let good: &[(u32, &[u8])] = &[
        (0, &[0x00]),
        (
            0,
            &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
        ),
        (1, &[0; 8]),
        (5, &[0; 4]),
        (2, &[]),
        (2, &[0xff, 0x00]),
        (3, &[0xc4, 0x02]),
        (3, &[0x08, 0x01, 0x13, 0x14, 0xc4, 0x02]),
    ];
    for (wire_type, data) in good {
        let mut f = token_prefix();
        f.w(1).unknown(40, *wire_type, data);
        let bytes = f
            .encode(msg::REPL_TOKEN)
            .unwrap_or_else(|e| panic!("{wire_type} {data:02x?}: {e}"));
        let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
        let u = &d.unknown[0];
        assert_eq!((u.number, u32::from(u.wire_type)), (40, *wire_type));
        assert_eq!(&bytes[u.start as usize..(u.start + u.len) as usize], *data);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encode_error_invalid_unknown_wire_type_and_number() {
    for wt in [4u32, 6, 7, 8, u32::MAX] {
        let mut f = token_prefix();
        f.w(1).unknown(40, wt, &[]);
        let e = f.encode(msg::REPL_TOKEN).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidUnknownWireType, "{wt}");
        assert_eq!(e.args, [u64::from(wt), 0]);
    }
    for no in [0u32, 1 << 29, u32::MAX] {
        let mut f = token_prefix();
        f.w(1).unknown(no, 0, &[0]);
        let e = f.encode(msg::REPL_TOKEN).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidFieldNumber, "{no}");
        assert_eq!(e.path_string(), "$unknown[0]");
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn encode_error_invalid_utf8_string() {
    let mut f = Flat::default();
    f.ws(&[0, 0]).s(&[0xff]).ws(&[0; 18]).w(0);
    let e = f.encode(msg::REPL_TOKEN).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidUtf8);
    assert_eq!(e.path_string(), "salt");
    // In a repeated field and in a oneof member.
    let mut f = Flat::default();
    f.ws(&[0; 11])
        .w(2)
        .s(b"ok")
        .s(&[0xed, 0xb0, 0x80])
        .ws(&[0; 10])
        .w(0);
    assert_eq!(
        f.encode(msg::REPL_TOKEN).unwrap_err().path_string(),
        "flags[1]"
    );
    let mut f = Flat::default();
    f.ws(&[0; 7])
        .ws(&[1, 1])
        .s(b"")
        .s(&[0xc3, 0x28])
        .ws(&[0; 23])
        .ws(&[0; 16]);
    let e = f.encode(msg::REPL_TOKEN).unwrap_err();
    assert_eq!(
        (e.kind, e.path_string().as_str()),
        (ErrorKind::InvalidUtf8, "repl.language")
    );
    // The NON_ASCII bit on a length is a hint, not part of the length.
    let mut f = Flat::default();
    f.ws(&[0, 0]).s("é".as_bytes());
    *f.words.last_mut().unwrap() |= codec::NON_ASCII;
    f.ws(&[0; 19]).w(0);
    assert_eq!(
        f.encode(msg::REPL_TOKEN).unwrap(),
        W::new().len_field(3, "é".as_bytes()).done()
    );
}
