//! Round trips through the flat description.

use super::support::*;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn empty_input_decodes_to_all_absent_and_reencodes_empty() {
    for message in 0..MESSAGES.len() {
        let words = flat(message, &[]);
        assert_eq!(words, empty_flat(message), "{}", MESSAGES[message].name);
        // A map entry writes its key and value even when empty, as protobuf's encoders do.
        let empty: &[u8] = if MESSAGES[message].map_entry {
            &[0x0a, 0, 0x12, 0]
        } else {
            &[]
        };
        assert_eq!(encode(message, &words, &[]).unwrap(), empty);
    }
    // 24 words for ReplToken: iat, exp, salt×2, cluster×2, persistence, oneof, resourceLimits,
    // format, presenced, flags count, features count, interactiveResourceLimits, buildInfo,
    // pid2Info, paid, replexec, externalSecrets count, before, resourceTier×2, idleTimeout,
    // unknown count.
    assert_eq!(empty_flat(msg::REPL_TOKEN), vec![0; 24]);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn full_repl_token_round_trips_through_flat() {
    let bytes = full_token_bytes();
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_nested_type_round_trips_through_flat() {
    let cases: Vec<(usize, Vec<u8>)> = vec![
        (
            msg::TIMESTAMP,
            Timestamp {
                seconds: -62_135_596_800,
                nanos: 999_999_999,
            }
            .encode_to_vec(),
        ),
        (
            msg::TIMESTAMP,
            Timestamp {
                seconds: i64::MAX,
                nanos: 1,
            }
            .encode_to_vec(),
        ),
        (
            msg::REPL,
            Repl {
                id: "id".into(),
                language: "nodejs".into(),
                bucket: "b".into(),
                slug: "slüg".into(),
                user: "👤".into(),
                source_repl: "src".into(),
                ..Default::default()
            }
            .encode_to_vec(),
        ),
        (
            msg::RESOURCE_LIMITS,
            ResourceLimits {
                net: true,
                memory: i64::MIN,
                threads: f64::NAN,
                shares: f64::NEG_INFINITY,
                disk: i64::MAX,
                ..Default::default()
            }
            .encode_to_vec(),
        ),
        (
            msg::CLASSROOM_METADATA,
            ClassroomMetadata {
                id: "c".into(),
                language: "java".into(),
            }
            .encode_to_vec(),
        ),
        (
            msg::REPL_ID,
            ReplId {
                id: "r".into(),
                source_repl: "ß".into(),
            }
            .encode_to_vec(),
        ),
        (
            msg::PRESENCED,
            Presenced {
                bearer_id: u32::MAX,
                bearer_name: "🐻".into(),
            }
            .encode_to_vec(),
        ),
    ];
    for (message, bytes) in cases {
        assert!(!bytes.is_empty());
        assert_eq!(
            reencode(message, &bytes),
            bytes,
            "{}",
            MESSAGES[message].name
        );
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn flat_layout_matches_the_documented_word_order() {
    let token = ReplToken {
        iat: ts(5, 6),
        salt: "ab".into(),
        cluster: "é".into(),
        persistence: 2,
        metadata: Some(Metadata::Id(ReplId {
            id: "x".into(),
            source_repl: String::new(),
        })),
        resource_limits: Some(ResourceLimits {
            memory: -2,
            threads: 1.5,
            ..Default::default()
        }),
        format: 1,
        flags: vec!["f".into()],
        ..Default::default()
    };
    let bytes = token.encode_to_vec();
    let words = flat(msg::REPL_TOKEN, &bytes);
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    let range = |i: usize| match &d.values[i] {
        Value::Bytes { start, len, ascii } => {
            [*start, *len | if *ascii { 0 } else { codec::NON_ASCII }]
        }
        other => panic!("not bytes: {other:?}"),
    };
    let id_range = match &d.values[6] {
        Value::Message(m) => match &m.values[0] {
            Value::Bytes { start, len, .. } => [*start, *len],
            v => panic!("{v:?}"),
        },
        v => panic!("{v:?}"),
    };
    let flag_range = match &d.values[11] {
        Value::Repeated(items) => match &items[0] {
            Value::Bytes { start, len, .. } => [*start, *len],
            v => panic!("{v:?}"),
        },
        v => panic!("{v:?}"),
    };
    let threads = 1.5f64.to_bits();
    let mut expected = vec![];
    expected.extend([1, 5, 0, 6, 0]); // iat: present, seconds lo/hi, nanos, no unknown
    expected.push(0); // exp absent
    expected.extend(range(2)); // salt
    expected.extend(range(3)); // cluster (non-ASCII: bit 31)
    assert_ne!(range(3)[1] & codec::NON_ASCII, 0);
    expected.push(2); // persistence
    expected.extend([2, 1]); // oneof case 2 (id), message present
    expected.extend(id_range);
    expected.extend([0, 0, 0]); // sourceRepl empty, no unknown
    expected.extend([
        1,
        0,
        (-2i64) as u32,
        u32::MAX,
        threads as u32,
        (threads >> 32) as u32,
        0,
        0,
        0,
        0,
        0, // cache, restrictNetwork, scratchDisk, minimumDisk:
        0,
        0,
        0,
        0,
        0,
        0,
    ]);
    expected.push(1); // format
    expected.push(0); // presenced absent
    expected.push(1); // one flag
    expected.extend(flag_range);
    // features, interactiveResourceLimits, buildInfo, pid2Info, paid, replexec,
    // externalSecrets, before, resourceTier×2, idleTimeout
    expected.extend([0; 11]);
    expected.push(0); // no unknown fields
    assert_eq!(words, expected);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hand_written_flat_encodes_to_what_prost_reads() {
    let mut f = Flat::default();
    f.ws(&[1]).w64(100).w(7).w(0); // iat {100, 7}
    f.w(0); // exp
    f.s(b"salty"); // salt
    f.s("καλημέρα".as_bytes()); // cluster
    f.w(u32::MAX); // persistence -1
    f.w(3).w(1).s(b"cls").s(b"go").w(0); // oneof classroom
    f.w(1)
        .w(1)
        .w64(1 << 40)
        .w64(2.25f64.to_bits())
        .w64(0)
        .w64(u64::MAX)
        .ws(&[0; 6]) // cache, restrictNetwork, scratchDisk, minimumDisk
        .w(0); // resourceLimits
    f.w(0); // format
    f.w(1).w(7).s(b"").w(0); // presenced {7, ""}
    f.w(2).s(b"one").s(b""); // flags
    f.ws(&[0; 11]); // the fields of @replit/protocol 0.4.27, unset
    f.w(0); // unknown
    let bytes = f.encode(msg::REPL_TOKEN).unwrap();
    let t = ReplToken::decode(bytes.as_slice()).unwrap();
    let expected = ReplToken {
        iat: ts(100, 7),
        salt: "salty".into(),
        cluster: "καλημέρα".into(),
        persistence: -1,
        metadata: Some(Metadata::Classroom(ClassroomMetadata {
            id: "cls".into(),
            language: "go".into(),
        })),
        resource_limits: Some(ResourceLimits {
            net: true,
            memory: 1 << 40,
            threads: 2.25,
            shares: 0.0,
            disk: -1,
            ..Default::default()
        }),
        presenced: Some(Presenced {
            bearer_id: 7,
            bearer_name: String::new(),
        }),
        flags: vec!["one".into(), "".into()],
        ..Default::default()
    };
    assert_eq!(t, expected);
    assert_eq!(bytes, expected.encode_to_vec());
}
