//! Schema sanity.

use super::support::*;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn schema_tables_match_the_proto() {
    // Every message and field the .proto files declare, read from their text here, is in
    // the generated tables with its number, JSON name, label and oneof.
    let mut declared = Vec::new();
    for text in PROTO_FILES {
        declared.extend(proto_fields(text));
    }
    let ours: Vec<&str> = MESSAGES
        .iter()
        .map(|m| m.name)
        .filter(|n| *n != "Timestamp" && *n != "Duration")
        .collect();
    let theirs: Vec<&str> = declared.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(ours.len(), theirs.len(), "messages: {ours:?} vs {theirs:?}");
    for (message, fields) in &declared {
        let desc = MESSAGES
            .iter()
            .find(|m| m.name == message)
            .unwrap_or_else(|| panic!("{message} missing"));
        let got: Vec<(String, u32, bool, bool)> = desc
            .fields
            .iter()
            .map(|f| (f.name.to_string(), f.number, f.repeated, f.oneof.is_some()))
            .collect();
        assert_eq!(&got, fields, "{message}");
    }
    assert_eq!(MESSAGES[msg::REPL_TOKEN].oneofs, ["metadata"]);
    assert_eq!(
        MESSAGES[msg::TIMESTAMP].full_name,
        "google.protobuf.Timestamp"
    );
    assert_eq!(
        MESSAGES[msg::DURATION].full_name,
        "google.protobuf.Duration"
    );
    let enums: Vec<&str> = ENUMS.iter().map(|e| e.name).collect();
    assert_eq!(
        enums,
        [
            "Environment",
            "OrgType",
            "Cachability",
            "Persistence",
            "WireFormat",
            "TokenVersion",
            "FlagClaim"
        ]
    );
}

const PROTO_FILES: &[&str] = &[
    include_str!("../../proto/api/repl_token.proto"),
    include_str!("../../proto/api/signing.proto"),
];

/// `(message, [(JSON name, number, repeated, in a oneof)])` of a .proto text, in declaration
/// order; enough of the grammar for this schema (one declaration per line).
/// A declared field: JSON name, number, repeated, in a oneof.
type DeclaredField = (String, u32, bool, bool);

fn proto_fields(text: &str) -> Vec<(String, Vec<DeclaredField>)> {
    let mut out: Vec<(String, Vec<DeclaredField>)> = Vec::new();
    // The open blocks: ("message", index into out) | ("enum", _) | ("oneof", _).
    let mut stack: Vec<(&str, usize)> = Vec::new();
    for line in text.lines() {
        let line = line.split("//").next().unwrap().trim();
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["message", name, "{"] => {
                out.push((name.to_string(), Vec::new()));
                stack.push(("message", out.len() - 1));
            }
            // A message with no fields: `message ReplRuntimeDeployment {}`.
            ["message", name, "{}"] => out.push((name.to_string(), Vec::new())),
            ["enum", _, "{"] => stack.push(("enum", 0)),
            ["oneof", _, "{"] => {
                let owner = stack.last().unwrap().1;
                stack.push(("oneof", owner));
            }
            ["}"] => {
                stack.pop();
            }
            _ if line.contains('=')
                && !line.starts_with("option")
                && !line.starts_with("syntax") =>
            {
                let Some(&(kind, owner)) = stack.last() else {
                    continue;
                };
                if kind == "enum" {
                    continue;
                }
                if words[0].starts_with("map<") {
                    // `map<string, string> name = n;`: a repeated entry message (key 1,
                    // value 2), which protoc names after the field and nests in its message.
                    let (name, number) = (words[2], words[4].trim_end_matches(';'));
                    out[owner]
                        .1
                        .push((json_name(name), number.parse().unwrap(), true, false));
                    let mut entry = json_name(name);
                    entry.replace_range(..1, &entry[..1].to_uppercase());
                    out.push((
                        format!("{entry}Entry"),
                        vec![
                            ("key".into(), 1, false, false),
                            ("value".into(), 2, false, false),
                        ],
                    ));
                    continue;
                }
                let repeated = words[0] == "repeated";
                let rest = &words[repeated as usize..];
                let (name, number) = (rest[1], rest[3].trim_end_matches(';'));
                out[owner].1.push((
                    json_name(name),
                    number.parse().unwrap(),
                    repeated,
                    kind == "oneof",
                ));
            }
            _ => {}
        }
    }
    // Nested messages are declared inside their parent but are messages of their own.
    out
}

/// protoc's JSON name: underscores dropped, the letter after each upper-cased.
fn json_name(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn error_kinds_round_trip_through_their_codes() {
    for code in (1..=16).filter(|&c| c != 4) {
        let kind = ErrorKind::from_code(code).unwrap();
        assert_eq!(kind as u32, code);
        assert!(!kind.text().is_empty());
    }
    assert_eq!(ErrorKind::from_code(0), None);
    assert_eq!(ErrorKind::from_code(4), None); // retired: was a wire type mismatch
    assert_eq!(ErrorKind::from_code(17), None);
}
