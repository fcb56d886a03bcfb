//! The TypeScript output, `js/gen/api.d.ts`: the object model (`X`, what decode returns;
//! `XInit`, what encode takes), the proto3 JSON types (`XJson`) and the per-message
//! functions, with the `.proto` comments as JSDoc.

use std::fmt::Write as _;

use crate::js::HEADER;
use crate::schema::{is_64_bit, lower_first, Field, Message, Schema, Slot};

pub fn declarations(schema: &Schema) -> String {
    let mut s = String::from(HEADER);
    s.push_str(PRELUDE);
    for e in &schema.enums {
        s.push_str(&jsdoc(&e.comment, false, ""));
        let names: Vec<String> = e.values.iter().map(|(n, _)| format!("{n:?}")).collect();
        writeln!(s, "export type {} = {};\n", e.name, names.join(" | ")).unwrap();
    }
    for m in schema.messages.iter().filter(|m| !m.map_entry) {
        model(&mut s, schema, m, false);
        model(&mut s, schema, m, true);
        json_type(&mut s, schema, m);
        functions(&mut s, m);
    }
    s
}

const PRELUDE: &str = "
/** A field this schema does not know, kept so that re-encoding loses nothing. */
export interface UnknownField {
  /** The field number. */
  no: number;
  /** 0 varint, 1 fixed64, 2 length-delimited, 3 group, 5 fixed32. */
  wireType: 0 | 1 | 2 | 3 | 5;
  /** The value without its tag (and without the length prefix for wire type 2). */
  data: Uint8Array;
}

/** A 64-bit integer as input: a bigint, a safe-integer number or a decimal string. */
export type Int64Input = bigint | number | string;

export interface DecodeOptions {
  /** Inputs longer than this are rejected before decoding. Default 1 MiB. */
  maxBytes?: number;
  /** How deeply messages and groups may nest, 1..100. Default 64. */
  maxDepth?: number;
}

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

export interface ToJsonOptions {
  /**
   * Also write fields that hold their default (`0`, `\"0\"`, `\"\"`, `false`, `[]`, an enum's
   * zero name). Absent message fields are never written. Default false.
   */
  emitDefaults?: boolean;
  /**
   * Leave out `$unknown` fields, which proto3 JSON cannot hold. Default false: they throw
   * an EncodeError whose `path` ends in `$unknown`.
   */
  dropUnknownFields?: boolean;
}

export interface FromJsonOptions {
  /** Skip keys the schema does not know, and unknown enum names (the field keeps its default). Default false. */
  ignoreUnknownFields?: boolean;
}

/** A double or float in proto3 JSON. */
export type DoubleJson = number | 'NaN' | 'Infinity' | '-Infinity';

";

fn model(s: &mut String, schema: &Schema, m: &Message, input: bool) {
    let type_name = if input {
        format!("{}Init", m.name)
    } else {
        m.name.clone()
    };
    let fields_name = if input && m.is_timestamp() {
        format!("{type_name}Fields")
    } else {
        type_name.clone()
    };
    if input {
        writeln!(
            s,
            "/** What `encode{0}` accepts for a {0}: every field is optional. */",
            m.name
        )
        .unwrap();
    } else {
        s.push_str(&jsdoc(&m.comment, false, ""));
    }
    writeln!(s, "export interface {fields_name} {{").unwrap();
    for slot in m.layout() {
        match slot {
            Slot::Field(i) => {
                let f = &m.fields[i];
                s.push_str(&jsdoc(&f.comment, f.deprecated, "  "));
                let ty = field_type(schema, f, input);
                if input {
                    // `| undefined` lets a decoded object (absent message fields are
                    // `undefined`) be encoded again under exactOptionalPropertyTypes.
                    writeln!(s, "  {}?: {ty} | undefined;", f.json_name).unwrap();
                } else if f.kind == "message" && !f.repeated && !f.map {
                    writeln!(s, "  {}: {ty} | undefined;", f.json_name).unwrap();
                } else {
                    writeln!(s, "  {}: {ty};", f.json_name).unwrap();
                }
            }
            Slot::Oneof(o) => {
                let mut cases: Vec<String> = m
                    .members(o)
                    .into_iter()
                    .map(|i| {
                        let f = &m.fields[i];
                        let deprecated = if f.deprecated {
                            "/** @deprecated */ "
                        } else {
                            ""
                        };
                        format!(
                            "\n    | {deprecated}{{ case: {:?}; value: {} }}",
                            f.json_name,
                            field_type(schema, f, input)
                        )
                    })
                    .collect();
                cases.push("\n    | { case: undefined; value?: undefined }".into());
                if input {
                    cases.push("\n    | undefined".into());
                }
                writeln!(
                    s,
                    "  {}{}: {};",
                    m.oneofs[o],
                    if input { "?" } else { "" },
                    cases.concat()
                )
                .unwrap();
            }
        }
    }
    s.push_str("  /** Fields unknown to this schema; present only when there are some. */\n  $unknown?: UnknownField[];\n}\n\n");
    if fields_name != type_name {
        writeln!(
            s,
            "/** A Timestamp as input: fields, a `Date`, or an RFC 3339 string. */\nexport type {type_name} = {fields_name} | Date | string;\n"
        )
        .unwrap();
    }
}

fn field_type(schema: &Schema, f: &Field, input: bool) -> String {
    if f.map {
        return if input {
            "{ readonly [key: string]: string }"
        } else {
            "{ [key: string]: string }"
        }
        .into();
    }
    let base = match f.kind {
        "message" => {
            let name = &schema.messages[f.target.unwrap()].name;
            if input {
                format!("{name}Init")
            } else {
                name.clone()
            }
        }
        "enum" => format!("{} | number", schema.enums[f.target.unwrap()].name),
        kind if is_64_bit(kind) => if input { "Int64Input" } else { "bigint" }.to_string(),
        "string" => "string".into(),
        "bytes" => "Uint8Array".into(),
        "bool" => "boolean".into(),
        _ => "number".into(),
    };
    match (f.repeated, input) {
        (false, _) => base,
        (true, false) if base.contains(' ') => format!("({base})[]"),
        (true, false) => format!("{base}[]"),
        (true, true) if base.contains(' ') => format!("readonly ({base})[]"),
        (true, true) => format!("readonly {base}[]"),
    }
}

fn json_field_type(schema: &Schema, f: &Field) -> String {
    if f.map {
        return "{ [key: string]: string }".into();
    }
    let base = match f.kind {
        "message" => format!("{}Json", schema.messages[f.target.unwrap()].name),
        "enum" => format!("{} | number", schema.enums[f.target.unwrap()].name),
        kind if is_64_bit(kind) => "string".into(),
        "string" | "bytes" => "string".into(),
        "bool" => "boolean".into(),
        "float" | "double" => "DoubleJson".into(),
        _ => "number".into(),
    };
    match f.repeated {
        true if base.contains(' ') => format!("({base})[]"),
        true => format!("{base}[]"),
        false => base,
    }
}

fn json_note(f: &Field) -> &'static str {
    match f.kind {
        kind if is_64_bit(kind) => "  /** A 64-bit integer as a decimal string. */\n",
        "bytes" => "  /** Standard base64. */\n",
        "enum" => "  /** A name, or a number the schema does not know. */\n",
        _ => "",
    }
}

/// `XJson`: a type alias (so that it is also a JsonObject), the oneofs as unions of objects
/// that each set at most one member.
fn json_type(s: &mut String, schema: &Schema, m: &Message) {
    if m.is_timestamp() {
        writeln!(s, "/** A {} in proto3 JSON: RFC 3339 in UTC, e.g. \"2024-01-02T03:04:05.678Z\". */\nexport type {}Json = string;\n", m.full_name, m.name).unwrap();
        return;
    }
    if m.is_duration() {
        writeln!(s, "/** A {} in proto3 JSON: seconds with 0, 3, 6 or 9 decimals and an \"s\", e.g. \"1.5s\", \"-0.000000001s\", \"3600s\". */\nexport type {}Json = string;\n", m.full_name, m.name).unwrap();
        return;
    }
    writeln!(s, "/** {} in proto3 JSON, as `{}ToJson` writes it (defaults left out unless `emitDefaults`). */", m.name, lower_first(&m.name)).unwrap();
    writeln!(s, "export type {}Json = {{", m.name).unwrap();
    for f in m.fields.iter().filter(|f| f.oneof.is_none()) {
        s.push_str(json_note(f));
        writeln!(s, "  {}?: {};", f.json_name, json_field_type(schema, f)).unwrap();
    }
    s.push('}');
    for o in 0..m.oneofs.len() {
        let members = m.members(o);
        let alternatives: Vec<String> = members
            .iter()
            .map(|&i| {
                let parts: Vec<String> = members
                    .iter()
                    .map(|&j| {
                        let f = &m.fields[j];
                        if i == j {
                            format!("{}?: {}", f.json_name, json_field_type(schema, f))
                        } else {
                            format!("{}?: never", f.json_name)
                        }
                    })
                    .collect();
                format!("\n  | {{ {} }}", parts.join("; "))
            })
            .collect();
        write!(
            s,
            " & (/* oneof {} */{}\n)",
            m.oneofs[o],
            alternatives.concat()
        )
        .unwrap();
    }
    s.push_str(";\n\n");
}

/// A field, a JS literal for it and its proto3 JSON, for the examples in the functions'
/// JSDoc: the first singular scalar field (strings first), or `None` for a message with none.
/// The examples run as written (tests/js/samples.test.mjs): each is self-contained, and a
/// trailing `// value` comment is checked.
fn example_field(m: &Message) -> Option<(&str, &'static str, &'static str)> {
    let scalar = |f: &&Field| !f.repeated && f.oneof.is_none() && f.target.is_none();
    let literal = |f: &Field| match f.kind {
        "string" => ("'example'", "\"example\""),
        "bool" => ("true", "true"),
        "bytes" => ("new Uint8Array([1, 2])", "\"AQI=\""),
        k if is_64_bit(k) => ("2n ** 31n", "\"2147483648\""),
        _ => ("2", "2"),
    };
    let field = m
        .fields
        .iter()
        .find(|f| scalar(f) && f.kind == "string")
        .or_else(|| m.fields.iter().find(scalar))?;
    let (js, json) = literal(field);
    Some((field.json_name.as_str(), js, json))
}

fn functions(s: &mut String, m: &Message) {
    let name = &m.name;
    let lower = lower_first(name);
    let init = format!("{name}Init");
    let json_input = if m.is_timestamp() || m.is_duration() {
        format!("{name}Json")
    } else {
        "JsonObject".into()
    };
    // The example's input, how to read it back (with the value, checked), and its JSON text.
    let (value, read, json) = if m.is_timestamp() {
        (
            "new Date('2024-01-02T03:04:05Z')".to_string(),
            ".seconds; // 1704164645n".to_string(),
            "\"2024-01-02T03:04:05Z\"".to_string(),
        )
    } else if m.is_duration() {
        (
            "{ seconds: 90n, nanos: 500000000 }".to_string(),
            ".seconds; // 90n".to_string(),
            "\"90.500s\"".to_string(),
        )
    } else {
        match example_field(m) {
            Some((field, literal, json)) => (
                format!("{{ {field}: {literal} }}"),
                format!(".{field}; // {literal}"),
                format!("{{\"{field}\":{json}}}"),
            ),
            None => (
                "{}".to_string(),
                "; // every field at its default".to_string(),
                "{}".to_string(),
            ),
        }
    };
    writeln!(
        s,
        "/**\n \
         * Encodes a {name} as protobuf bytes. Takes every input form (a decoded {name} too) and\n \
         * checks every field: nothing the schema does not allow is written.\n \
         * @param value The {name}: plain data, every field optional.\n \
         * @returns The protobuf bytes, canonical (explicit defaults left out, unknown fields last).\n \
         * @throws {{EncodeError}} For a wrong type, an unknown key, an out-of-range number; its `path` names the field.\n \
         * @example\n \
         * const bytes = encode{name}({value});\n \
         * decode{name}(bytes){read}\n */\n\
         export declare function encode{name}(value: {init}): Uint8Array;\n\
         /**\n \
         * Decodes protobuf bytes into a {name}, as plain data; fields this schema does not know\n \
         * are kept in `$unknown`, so encoding it again loses nothing.\n \
         * @param bytes The protobuf bytes (not modified).\n \
         * @param options `maxBytes` (default 1 MiB) and `maxDepth` (default 64, at most 100).\n \
         * @returns The {name}: scalars at their default when absent, absent messages `undefined`.\n \
         * @throws {{DecodeError}} For invalid or oversized input; its `path` names the field and `offset` the byte.\n \
         * @example\n \
         * const {lower} = decode{name}(encode{name}({value}), {{ maxBytes: 64 * 1024 }});\n \
         * {lower}{read}\n */\n\
         export declare function decode{name}(bytes: Uint8Array, options?: DecodeOptions): {name};\n\
         /**\n \
         * The canonical proto3 JSON of a {name}, as plain JSON-compatible values (`JSON.stringify` it).\n \
         * @param value The {name}, in any input form encode{name} takes.\n \
         * @param options `emitDefaults` writes fields at their default; `dropUnknownFields` leaves `$unknown` out.\n \
         * @returns int64s as decimal strings, enums as names, bytes as base64, Timestamps as RFC 3339, Durations as \"1.5s\".\n \
         * @throws {{EncodeError}} For a value encode{name} refuses, or `$unknown` fields unless `dropUnknownFields`.\n \
         * @example\n \
         * JSON.stringify({lower}ToJson({value})); // '{json}'\n */\n\
         export declare function {lower}ToJson(value: {init} | {name}, options?: ToJsonOptions): {name}Json;\n\
         /**\n \
         * A {name} from its proto3 JSON, exactly as decode{name} would return it.\n \
         * @param json Parsed JSON (`JSON.parse` it first), with JSON or proto field names.\n \
         * @param options `ignoreUnknownFields` skips unknown keys and enum names.\n \
         * @returns The {name} in the object model.\n \
         * @throws {{JsonError}} For an unknown key (with a \"did you mean\"), a wrong type or an out-of-range number; its `path` names the field.\n \
         * @example\n \
         * {lower}FromJson(JSON.parse('{json}')){read}\n */\n\
         export declare function {lower}FromJson(json: {json_input}, options?: FromJsonOptions): {name};\n"
    )
    .unwrap();
}

pub fn jsdoc(comment: &str, deprecated: bool, indent: &str) -> String {
    if comment.is_empty() && !deprecated {
        return String::new();
    }
    let mut s = format!("{indent}/**\n");
    for line in comment.lines() {
        let line = line.trim_end().replace("*/", "*\\/");
        if line.is_empty() {
            writeln!(s, "{indent} *").unwrap();
        } else {
            writeln!(s, "{indent} * {}", line.trim_start()).unwrap();
        }
    }
    if deprecated {
        writeln!(s, "{indent} * @deprecated").unwrap();
    }
    writeln!(s, "{indent} */").unwrap();
    s
}
