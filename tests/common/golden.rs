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

// ---------------------------------------------------------------------------------------
// The fields of @replit/protocol 0.4.27
// ---------------------------------------------------------------------------------------

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_token_with_every_newer_field_decodes_by_name_and_reencodes_as_prost_writes_it() {
    use goval_token::schema::api::{
        feature, repl_token::ExternalSecret, Boosted, Buckets, BuildInfo, Feature, Org, Pid2Binary,
        UserId,
    };
    let mut token = full_token();
    token.persistence = 3; // READ_ONLY
    token.format = 3; // RIVER
    token.metadata = Some(Metadata::Repl(Repl {
        id: "r".into(),
        database: "db".into(),
        buckets: Some(Buckets {
            snapshots: "s".into(),
            metadata: "m".into(),
            disk_blocks: "d".into(),
        }),
        user_id: Some(UserId {
            id: -7,
            environment: 1,
        }),
        is_team: true,
        roles: vec!["admin".into(), "".into()],
        log_fields: "{}".into(),
        org: Some(Org {
            id: "o".into(),
            r#type: 2,
            slug: "acme".into(),
            is_enterprise: true,
        }),
        use_repl_shield: true,
        connectors_host: "c".into(),
        custom_skills_bucket: "k".into(),
        ..Default::default()
    }));
    token.resource_limits = Some(ResourceLimits {
        cache: 2,
        restrict_network: true,
        scratch_disk: 1 << 40,
        minimum_disk: -1,
        ..Default::default()
    });
    token.features = vec![
        Feature {
            feature: Some(feature::Feature::Boosted(Boosted {})),
            required: true,
        },
        Feature::default(),
    ];
    token.interactive_resource_limits = Some(ResourceLimits {
        memory: 5,
        ..Default::default()
    });
    token.build_info = Some(BuildInfo {
        deployment_id: "dep".into(),
        origin_repl_id: "origin".into(),
        ..Default::default()
    });
    token.pid2_info = Some(Pid2Binary {
        version: "v1".into(),
    });
    token.paid = true;
    token.replexec = true;
    token.external_secrets = vec![ExternalSecret {
        name: "K".into(),
        presigned_url: "https://x.example/".into(),
    }];
    token.before = ts(1_600_000_000, 5);
    token.resource_tier = "paid-large".into();

    let bytes = token.encode_to_vec();
    assert_eq!(reencode(msg::REPL_TOKEN, &bytes), bytes);
    let d = decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap();
    assert!(d.unknown.is_empty());
    let model = to_model(&d, &bytes);
    assert_eq!(model["persistence"], "READ_ONLY");
    assert_eq!(model["format"], "RIVER");
    assert_eq!(model["metadata"]["value"]["org"]["type"], "TEAM");
    assert_eq!(
        model["metadata"]["value"]["userId"]["environment"],
        "PRODUCTION"
    );
    assert_eq!(model["resourceLimits"]["cache"], "REPL");
    assert_eq!(model["features"][0]["feature"]["case"], "boosted");
    assert_eq!(model["features"][0]["required"], true);
    assert_eq!(
        model["features"][1]["feature"]["case"],
        serde_json::Value::Null
    );
    assert_eq!(model["buildInfo"]["originReplId"], "origin");
    assert_eq!(model["pid2Info"]["version"], "v1");
    assert_eq!(
        model["externalSecrets"][0]["presignedUrl"],
        "https://x.example/"
    );
    assert_eq!(model["paid"], true);
    assert_eq!(model["replexec"], true);
    assert_eq!(model["resourceTier"], "paid-large");
    assert_eq!(ReplToken::decode(bytes.as_slice()).unwrap(), token);
}
