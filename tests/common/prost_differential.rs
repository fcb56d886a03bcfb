//! Prost differential.

use super::support::*;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_shipped_decoder_matches_the_tree_decoder_in_any_order() {
    for token in prost_cases() {
        check_paths_agree(msg::REPL_TOKEN, &token.encode_to_vec());
    }
    // Out of order, a repeated scalar, a message seen twice and a oneof switch.
    for bytes in [
        &[0x22, 0x00, 0x1a, 0x00][..],
        &[0x22, 0x01, 0x61, 0x22, 0x01, 0x62],
        &[0x3a, 0x00, 0x42, 0x00],
    ] {
        check_paths_agree(msg::REPL_TOKEN, bytes);
        assert!(decode_to_flat(msg::REPL_TOKEN, bytes, &lim()).is_ok());
    }
}

fn prost_cases() -> Vec<ReplToken> {
    let int64s = [
        0,
        -1,
        (1i64 << 53) + 1,
        -(1i64 << 53) - 1,
        i64::MIN,
        i64::MAX,
        1,
    ];
    let doubles = [
        0.0,
        1.0,
        -1.5,
        f64::NAN,
        -f64::NAN,
        f64::from_bits(0x7ff8_dead_beef_0001),
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MIN_POSITIVE,
        5e-324,
        f64::MAX,
    ];
    let metadata = [
        None,
        full_token().metadata,
        Some(Metadata::Repl(Repl::default())),
        Some(Metadata::Id(ReplId {
            id: "🆔".into(),
            source_repl: "src-ü".into(),
        })),
        Some(Metadata::Id(ReplId::default())),
        Some(Metadata::Classroom(ClassroomMetadata {
            id: "κ".into(),
            language: "日本語".into(),
        })),
        Some(Metadata::Classroom(ClassroomMetadata::default())),
    ];
    let mut cases = vec![ReplToken::default(), full_token()];
    for (i, m) in metadata.iter().enumerate() {
        let mut t = full_token();
        t.metadata = m.clone();
        t.persistence = [0, 1, 2, 3, -1, i32::MIN, i32::MAX][i];
        t.format = [0, 1, 2, -7, 0, 1, 0][i];
        cases.push(t);
        cases.push(ReplToken {
            metadata: m.clone(),
            ..Default::default()
        });
    }
    for (i, &n) in int64s.iter().enumerate() {
        for (j, &d) in doubles.iter().enumerate() {
            let mut t = full_token();
            t.resource_limits = Some(ResourceLimits {
                net: (i + j) % 2 == 0,
                memory: n,
                threads: d,
                shares: doubles[(j + 3) % doubles.len()],
                disk: int64s[(i + j) % int64s.len()],
                ..Default::default()
            });
            t.iat = ts(n, [0, 999_999_999, 1, 500_000_000, 0, 999_999_999, 42][i]);
            t.exp = if j % 3 == 0 { None } else { ts(0, 0) };
            t.presenced = Some(Presenced {
                bearer_id: [0, 1, u32::MAX, 1 << 31][j % 4],
                bearer_name: ["", "a", "🙂", "mixed ascii and ü"][i % 4].into(),
            });
            cases.push(t);
        }
    }
    cases.push(ReplToken {
        salt: "\u{0}\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}".into(),
        ..Default::default()
    });
    cases.push(ReplToken {
        flags: vec![String::new(); 3],
        ..Default::default()
    });
    cases.push(ReplToken {
        resource_limits: Some(ResourceLimits::default()),
        presenced: Some(Presenced::default()),
        ..Default::default()
    });
    cases
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn prost_bytes_reencode_byte_identically_and_decode_to_the_same_value() {
    let cases = prost_cases();
    assert!(cases.len() > 80);
    for token in &cases {
        let prost_bytes = token.encode_to_vec();
        let ours = reencode(msg::REPL_TOKEN, &prost_bytes);
        assert_eq!(ours, prost_bytes, "byte mismatch for {token:?}");
        let back = ReplToken::decode(ours.as_slice()).unwrap();
        assert!(
            same_token(&back, token),
            "prost reads back {back:?}, wrote {token:?}"
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn prost_and_our_encoder_both_write_fields_in_field_number_order() {
    for token in prost_cases() {
        let prost_bytes = token.encode_to_vec();
        let numbers = field_numbers(&prost_bytes);
        assert!(
            numbers.windows(2).all(|w| w[0] <= w[1]),
            "prost order {numbers:?}"
        );
        let ours = reencode(msg::REPL_TOKEN, &prost_bytes);
        assert_eq!(field_numbers(&ours), numbers);
    }
    // Our encoder walks the layout, which is declaration order; the proto declares fields in
    // number order, so that is field-number order. Except Feature, declared as
    // @replit/protocol 0.4.27 declares it: its oneof (2, 5, 6) before `required` (3), which no
    // declaration order can interleave; a Feature with viktor or notary and required comes out
    // 5|6 before 3 (as that package's own encoder writes it), which decoders accept.
    let full = full_token_bytes();
    assert_eq!(
        field_numbers(&full),
        [1, 2, 3, 4, 6, 7, 10, 12, 13, 14, 14, 14, 14]
    );
    for m in MESSAGES {
        let numbers: Vec<u32> = m.fields.iter().map(|f| f.number).collect();
        if m.name == "Feature" {
            assert_eq!(numbers, [2, 5, 6, 3]);
            continue;
        }
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{}", m.name);
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn flat_values_match_prost_values() {
    // Scalars in the decoded tree hold the logical value's bits.
    let token = full_token();
    let bytes = token.encode_to_vec();
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    let Value::Message(rl) = &d.values[8] else {
        panic!()
    };
    let r = token.resource_limits.unwrap();
    assert_eq!(rl.values[0], Value::Scalar(1));
    assert_eq!(rl.values[1], Value::Scalar(r.memory as u64));
    assert_eq!(rl.values[2], Value::Scalar(r.threads.to_bits()));
    assert_eq!(rl.values[3], Value::Scalar(r.shares.to_bits()));
    assert_eq!(rl.values[4], Value::Scalar(r.disk as u64));
    let Value::Message(p) = &d.values[10] else {
        panic!()
    };
    assert_eq!(p.values[0], Value::Scalar(u64::from(u32::MAX)));
    assert_eq!(d.oneof_cases, vec![Some(5)]);
    let Value::Repeated(flags) = &d.values[11] else {
        panic!()
    };
    let strings: Vec<String> = flags
        .iter()
        .map(|v| match v {
            Value::Bytes { start, len, ascii } => {
                let s =
                    std::str::from_utf8(&bytes[*start as usize..(*start + *len) as usize]).unwrap();
                assert_eq!(*ascii, s.is_ascii());
                s.to_string()
            }
            v => panic!("{v:?}"),
        })
        .collect();
    assert_eq!(strings, token.flags);
}
