//! Proto3 merge semantics.

use super::support::*;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn merge_last_scalar_wins() {
    let bytes = W::new()
        .len_field(3, b"first")
        .varint_field(6, 1)
        .len_field(3, b"second")
        .varint_field(6, 2)
        .varint_field(12, 1)
        .varint_field(12, 0)
        .done();
    let expected = ReplToken {
        salt: "second".into(),
        persistence: 2,
        format: 0,
        ..Default::default()
    };
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), expected);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn merge_message_seen_twice_merges_fields() {
    let first = ResourceLimits {
        net: true,
        memory: 5,
        threads: 1.0,
        ..Default::default()
    }
    .encode_to_vec();
    let second = ResourceLimits {
        memory: 9,
        disk: 7,
        ..Default::default()
    }
    .encode_to_vec();
    let iat1 = Timestamp {
        seconds: 10,
        nanos: 0,
    }
    .encode_to_vec();
    let iat2 = Timestamp {
        seconds: 0,
        nanos: 20,
    }
    .encode_to_vec();
    let bytes = W::new()
        .len_field(1, &iat1)
        .len_field(10, &first)
        .len_field(3, b"between")
        .len_field(10, &second)
        .len_field(1, &iat2)
        .done();
    let expected = ReplToken {
        iat: ts(10, 20),
        salt: "between".into(),
        resource_limits: Some(ResourceLimits {
            net: true,
            memory: 9,
            threads: 1.0,
            shares: 0.0,
            disk: 7,
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), expected);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn merge_oneof_switch_keeps_only_the_last_member() {
    let repl_a = Repl {
        id: "a".into(),
        slug: "sa".into(),
        ..Default::default()
    }
    .encode_to_vec();
    let repl_b = Repl {
        language: "lb".into(),
        ..Default::default()
    }
    .encode_to_vec();
    let id = ReplId {
        id: "i".into(),
        ..Default::default()
    }
    .encode_to_vec();
    let class = ClassroomMetadata {
        id: "c".into(),
        ..Default::default()
    }
    .encode_to_vec();

    // repl, then id: id only.
    let bytes = W::new().len_field(7, &repl_a).len_field(8, &id).done();
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    assert_eq!(d.oneof_cases, vec![Some(6)]);
    assert_eq!(d.values[5], Value::Absent);
    let expected = ReplToken {
        metadata: Some(Metadata::Id(ReplId {
            id: "i".into(),
            ..Default::default()
        })),
        ..Default::default()
    };
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());

    // repl, id, repl: the second repl does not merge with the first, which the switch cleared.
    let bytes = W::new()
        .len_field(7, &repl_a)
        .len_field(8, &id)
        .len_field(7, &repl_b)
        .done();
    let expected = ReplToken {
        metadata: Some(Metadata::Repl(Repl {
            language: "lb".into(),
            ..Default::default()
        })),
        ..Default::default()
    };
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), expected);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());

    // repl twice in a row: merges, like any message field.
    let bytes = W::new().len_field(7, &repl_a).len_field(7, &repl_b).done();
    let expected = ReplToken {
        metadata: Some(Metadata::Repl(Repl {
            id: "a".into(),
            slug: "sa".into(),
            language: "lb".into(),
            ..Default::default()
        })),
        ..Default::default()
    };
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), expected);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());

    // classroom, id, classroom: last member wins.
    let bytes = W::new()
        .len_field(9, &class)
        .len_field(8, &id)
        .len_field(9, &class)
        .done();
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    assert_eq!(d.oneof_cases, vec![Some(7)]);
    assert_eq!(d.values[6], Value::Absent);
    assert_eq!(
        reencode(msg::REPL_TOKEN, &bytes),
        W::new().len_field(9, &class).done()
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn merge_repeated_fields_append() {
    let bytes = W::new()
        .len_field(14, b"one")
        .len_field(3, b"salt")
        .len_field(14, b"two")
        .varint_field(6, 1)
        .len_field(14, b"")
        .len_field(14, b"three")
        .done();
    let expected = ReplToken {
        salt: "salt".into(),
        persistence: 1,
        flags: vec!["one".into(), "two".into(), "".into(), "three".into()],
        ..Default::default()
    };
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), expected);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());
}
