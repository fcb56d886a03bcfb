//! Golden vectors (tests/golden/vectors.json, made by protobufjs, protobuf-es and by hand).

use super::support::*;

const VECTORS: &str = include_str!("../golden/vectors.json");

/// Valid protobuf that breaks a well-known type's rule, rejected by design (as in the JS tests).
const REJECTED_BY_DESIGN: &[(&str, &str)] = &[("timestamp_negative_nanos", "iat.nanos")];

fn unhex(hex: &str) -> Vec<u8> {
    assert_eq!(hex.len() % 2, 0);
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn golden_vectors_decode_to_their_model_and_reencode() {
    let vectors: Vec<serde_json::Value> = serde_json::from_str(VECTORS).unwrap();
    assert!(vectors.len() >= 40, "{} vectors", vectors.len());
    let mut checked = 0;
    for v in &vectors {
        let name = v["name"].as_str().unwrap();
        let bytes = unhex(v["hex"].as_str().unwrap());
        if let Some((_, path)) = REJECTED_BY_DESIGN.iter().find(|(n, _)| *n == name) {
            let e = decode_err(msg::REPL_TOKEN, &bytes);
            assert_eq!(
                (e.kind, e.path_string().as_str()),
                (ErrorKind::NanosOutOfRange, *path),
                "{name}"
            );
            continue;
        }
        let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let model = to_model(&d, &bytes);
        assert!(
            json_eq(&model, &v["model"]),
            "{name}: got {model}\nexpected {}",
            v["model"]
        );
        let again = reencode(msg::REPL_TOKEN, &bytes);
        if v["roundtrip"] == true {
            assert_eq!(hex(&again), hex(&bytes), "{name}: re-encoding differs");
        }
        let d2 = decode(msg::REPL_TOKEN, &again, &lim()).unwrap();
        assert!(
            json_eq(&to_model(&d2, &again), &v["model"]),
            "{name}: re-encoded bytes decode differently"
        );
        checked += 1;
    }
    assert_eq!(checked + REJECTED_BY_DESIGN.len(), vectors.len());
}
