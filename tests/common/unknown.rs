//! Unknown fields and unknown enum values.

use super::support::*;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unknown_fields_are_kept_with_their_ranges_and_reencoded_identically() {
    // Repl with an unknown varint (19) and an unknown LEN (20) after its known fields.
    let repl = W::new()
        .len_field(1, b"r")
        .varint_field(19, 300)
        .len_field(20, b"xy")
        .done();
    let w = W::new().len_field(3, b"s").len_field(7, &repl);
    let repl_start = 3 + 2; // salt field, repl tag and length byte
                            // Top-level unknowns after the known fields: wire types 0, 1, 2, 5 and a group.
    let w = w.varint_field(5, 150);
    let p5 = w.pos() - 2;
    let w = w.tag(11, 1).raw(&0x0102_0304_0506_0708u64.to_le_bytes());
    let p11 = w.pos() - 8;
    let w = w.tag(15, 2).varint(3).raw(b"abc");
    let p15 = w.pos() - 3;
    let w = w.tag(27, 5).raw(&[9, 8, 7, 6]);
    let p16 = w.pos() - 4;
    let w = w.tag(28, 3);
    let p17 = w.pos();
    let w = w
        .varint_field(1, 5)
        .tag(2, 3)
        .len_field(3, b"in")
        .tag(2, 4)
        .tag(28, 4);
    let end17 = w.pos();
    let w = w.varint_field(536_870_911, 1); // the largest field number
    let pmax = w.pos() - 1;
    let bytes = w.done();

    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    let got: Vec<(u32, u8, u32, u32)> = d
        .unknown
        .iter()
        .map(|u| (u.number, u.wire_type, u.start, u.len))
        .collect();
    assert_eq!(
        got,
        vec![
            (5, 0, p5, 2),
            (11, 1, p11, 8),
            (15, 2, p15, 3),
            (27, 5, p16, 4),
            (28, 3, p17, end17 - p17),
            (536_870_911, 0, pmax, 1),
        ]
    );
    // The group's data runs up to and including its end tag.
    assert_eq!(&bytes[(end17 - 2) as usize..end17 as usize], &[0xe4, 0x01]);
    let Value::Message(r) = &d.values[5] else {
        panic!()
    };
    let nested: Vec<(u32, u8, u32, u32)> = r
        .unknown
        .iter()
        .map(|u| (u.number, u.wire_type, u.start, u.len))
        .collect();
    let r0 = repl_start as u32;
    assert_eq!(nested, vec![(19, 0, r0 + 5, 2), (20, 2, r0 + 10, 2)]);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);

    // The flat description lists them after the layout: number, wire type, offset, length.
    let words = flat(msg::REPL_TOKEN, &bytes);
    assert_eq!(
        &words[words.len() - 25..words.len() - 20],
        &[6, 5, 0, p5, 2]
    );

    // prost drops them, but still reads the known fields.
    let t = ReplToken::decode(bytes.as_slice()).unwrap();
    assert_eq!(t.salt, "s");
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unknown_fields_in_every_nested_type_survive() {
    // Not in a map entry, which writes its key and value even when empty (JS drops an
    // entry's unknown fields: entries are no messages of the object model).
    for message in (0..MESSAGES.len()).filter(|&m| !MESSAGES[m].map_entry) {
        let unknown_no = MESSAGES[message]
            .fields
            .iter()
            .map(|f| f.number)
            .max()
            .unwrap_or(0) // ReplRuntimeDeployment has no fields
            + 1;
        let inner = W::new()
            .varint_field(unknown_no.into(), u64::MAX)
            .tag(unknown_no as u64 + 1, 3)
            .tag(unknown_no as u64 + 1, 4)
            .done();
        assert_eq!(
            reencode(message, &inner),
            inner,
            "{}",
            MESSAGES[message].name
        );
        let d = decode(message, &inner, &lim()).unwrap();
        assert_eq!(d.unknown.len(), 2);
        let u = &d.unknown[1];
        let end_tag = W::new().tag(unknown_no as u64 + 1, 4).done();
        assert_eq!(
            &inner[u.start as usize..(u.start + u.len) as usize],
            end_tag.as_slice(),
            "empty group: just its end tag"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unknown_fields_move_after_known_fields_on_reencode() {
    let bytes = W::new().varint_field(5, 1).len_field(3, b"s").done();
    assert_eq!(
        reencode(msg::REPL_TOKEN, &bytes),
        W::new().len_field(3, b"s").varint_field(5, 1).done()
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unknown_enum_values_survive() {
    let bytes = W::new().varint_field(6, 9).done();
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    assert_eq!(d.values[4], Value::Scalar(9));
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    assert_eq!(to_model(&d, &bytes)["persistence"], 9);

    // -1 is a 10-byte varint; it stays one.
    let bytes = W::new()
        .varint_field(6, u64::MAX)
        .varint_field(12, (-5i64) as u64)
        .done();
    assert_eq!(bytes.len(), 22);
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    assert_eq!(d.values[4], Value::Scalar(u64::MAX));
    assert_eq!(flat(msg::REPL_TOKEN, &bytes)[6], u32::MAX);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    let model = to_model(&d, &bytes);
    assert_eq!(model["persistence"], -1);
    assert_eq!(model["format"], -5);
    let t = ReplToken::decode(bytes.as_slice()).unwrap();
    assert_eq!((t.persistence, t.format), (-1, -5));

    // Known values come out as names.
    let bytes = W::new().varint_field(6, 2).varint_field(12, 1).done();
    let model = to_model(&decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap(), &bytes);
    assert_eq!(
        (model["persistence"].as_str(), model["format"].as_str()),
        (Some("NONE"), Some("JSON"))
    );
}
