//! The object model.

use super::support::*;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn object_model_of_a_full_token() {
    let bytes = full_token_bytes();
    let model = to_model(&decode(msg::REPL_TOKEN, &bytes, &lim()).unwrap(), &bytes);
    let expected = serde_json::json!({
        "iat": { "seconds": { "$bigint": "1700000000" }, "nanos": 123456789 },
        "exp": { "seconds": { "$bigint": "1700003600" }, "nanos": 999999999 },
        "salt": "sAlT-_0123456789abcdefgh",
        "cluster": "global 🌍 clüster",
        "persistence": "EPHEMERAL",
        "metadata": { "case": "repl", "value": {
            "id": "9a7b3c2e-1111-4222-8333-444455556666", "language": "python3",
            "bucket": "replit-repls", "slug": "my-répl-🐍", "user": "ユーザー", "sourceRepl": "source",
            "database": "", "buckets": null, "userId": null, "isTeam": false, "roles": [], "logFields": "",
            "org": null, "useReplShield": false, "connectorsHost": "", "backerJobMetadata": {},
            "customSkillsBucket": ""
        }},
        "resourceLimits": {
            "net": true, "memory": { "$bigint": "2147483648" }, "threads": 0.5, "shares": 1024,
            "disk": { "$bigint": "9007199254740993" }, "cache": "NONE", "restrictNetwork": false,
            "scratchDisk": { "$bigint": "0" }, "minimumDisk": { "$bigint": "0" }
        },
        "format": "JSON",
        "presenced": { "bearerID": 4294967295u32, "bearerName": "bearer 👩‍💻" },
        "flags": ["a", "", "ßeta-🚩", "x".repeat(200)],
        "features": [], "interactiveResourceLimits": null, "buildInfo": null, "pid2Info": null,
        "paid": false, "replexec": false, "externalSecrets": [], "before": null, "resourceTier": "",
        "idleTimeout": null,
    });
    assert!(json_eq(&model, &expected), "{model:#}");
    let empty = to_model(&decode(msg::REPL_TOKEN, &[], &lim()).unwrap(), &[]);
    let expected = serde_json::json!({
        "iat": null, "exp": null, "salt": "", "cluster": "", "persistence": "PERSISTENT",
        "metadata": { "case": null }, "resourceLimits": null, "format": "PROTOBUF",
        "presenced": null, "flags": [],
        "features": [], "interactiveResourceLimits": null, "buildInfo": null, "pid2Info": null,
        "paid": false, "replexec": false, "externalSecrets": [], "before": null, "resourceTier": "",
        "idleTimeout": null,
    });
    assert!(json_eq(&empty, &expected), "{empty:#}");
}
