//! Explicit defaults, -0.0.

use super::support::*;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn explicit_default_values_decode_and_reencode_omits_them() {
    let rl = W::new()
        .varint_field(1, 0)
        .varint_field(2, 0)
        .tag(3, 1)
        .raw(&0f64.to_le_bytes())
        .tag(4, 1)
        .raw(&0f64.to_le_bytes())
        .varint_field(5, 0)
        .done();
    let presenced = W::new().varint_field(1, 0).len_field(2, b"").done();
    let bytes = W::new()
        .len_field(3, b"") // salt ""
        .len_field(4, b"") // cluster ""
        .varint_field(6, 0) // persistence PERSISTENT
        .varint_field(12, 0) // format PROTOBUF
        .len_field(10, &rl)
        .len_field(13, &presenced)
        .done();
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    assert_eq!(d.values[4], Value::Scalar(0));
    assert!(matches!(d.values[2], Value::Bytes { len: 0, .. }));
    // Empty messages stay present (message fields have presence); their default fields go.
    let expected = W::new().len_field(10, &[]).len_field(13, &[]).done();
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected);
    let t = ReplToken::decode(expected.as_slice()).unwrap();
    assert_eq!(t.resource_limits, Some(ResourceLimits::default()));
    assert_eq!(t.presenced, Some(Presenced::default()));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn set_oneof_member_with_default_value_is_written() {
    for number in [7u64, 8, 9] {
        let bytes = W::new().len_field(number, &[]).done();
        assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
        let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
        assert!(d.oneof_cases[0].is_some());
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn negative_zero_double_is_kept_not_treated_as_default() {
    // Like protobuf-go and C++ (which test the bits), unlike prost (which tests `!= 0.0`).
    let rl = W::new().tag(3, 1).raw(&(-0.0f64).to_le_bytes()).done();
    let bytes = W::new().len_field(10, &rl).done();
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    let Value::Message(m) = &d.values[8] else {
        panic!()
    };
    assert_eq!(m.values[2], Value::Scalar((-0.0f64).to_bits()));
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    assert_eq!(
        to_model(&d, &bytes)["resourceLimits"]["threads"],
        tagged("$number", "-0".into())
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn non_canonical_varints_decode_and_reencode_canonically() {
    // persistence 1 as a 3-byte varint, bearerID 5 as a 10-byte varint (truncated to u32).
    let presenced = W::new()
        .tag(1, 0)
        .raw(&[0x85, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])
        .done();
    let bytes = W::new()
        .tag(6, 0)
        .raw(&[0x81, 0x80, 0x00])
        .len_field(13, &presenced)
        .done();
    let expected = ReplToken {
        persistence: 1,
        presenced: Some(Presenced {
            bearer_id: 5,
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), expected);
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), expected.encode_to_vec());
}
