//! Code generation from `proto/`, the one source of truth for the schema.
//!
//! From the `.proto` files (parsed by protox, so no `protoc` is needed) this writes:
//! - `api.rs`: prost types for native Rust users;
//! - `schema_table.rs`: the field tables that drive the wire codec in `src/codec`;
//! - `schema.json`: the same tables for the JS object builder (`js/codec.js`);
//! - `types.d.ts`: the TypeScript object model, appended to wasm-bindgen's `.d.ts`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{DescriptorProto, EnumDescriptorProto, FileDescriptorProto, FileDescriptorSet};

const PROTO_FILES: &[&str] = &["api/repl_token.proto", "api/signing.proto"];

/// The message whose input also accepts a `Date` or an RFC 3339 string.
const TIMESTAMP: &str = "google.protobuf.Timestamp";

fn main() {
    println!("cargo:rerun-if-changed=proto");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());

    let fds: FileDescriptorSet = protox::Compiler::new(["proto"])
        .expect("proto include path")
        .include_imports(true)
        .include_source_info(true)
        .open_files(PROTO_FILES)
        .unwrap_or_else(|e| panic!("parsing proto/: {e}"))
        .file_descriptor_set();

    prost_build::Config::new()
        .compile_fds(fds.clone())
        .expect("prost-build");

    let schema = Schema::collect(&fds);
    std::fs::write(out_dir.join("schema_table.rs"), schema.rust_table()).unwrap();
    std::fs::write(out_dir.join("schema.json"), schema.json()).unwrap();
    std::fs::write(out_dir.join("types.d.ts"), schema.typescript()).unwrap();
}

struct Field {
    number: i32,
    proto_name: String,
    json_name: String,
    kind: &'static str,
    repeated: bool,
    /// Index into `Schema::messages` or `Schema::enums`, for message and enum fields.
    target: Option<usize>,
    oneof: Option<usize>,
    comment: String,
    deprecated: bool,
}

struct Message {
    name: String,
    full_name: String,
    fields: Vec<Field>,
    oneofs: Vec<String>,
    comment: String,
}

struct Enum {
    name: String,
    values: Vec<(String, i32, bool)>,
    comment: String,
}

#[derive(Default)]
struct Schema {
    messages: Vec<Message>,
    enums: Vec<Enum>,
}

/// Raw descriptors with their source comments, before type names are resolved.
struct Pending<'a> {
    full_name: String,
    descriptor: &'a DescriptorProto,
    comments: HashMap<Vec<i32>, String>,
    path: Vec<i32>,
}

fn comments_of(file: &FileDescriptorProto) -> HashMap<Vec<i32>, String> {
    let mut map = HashMap::new();
    if let Some(info) = &file.source_code_info {
        for location in &info.location {
            if let Some(text) = &location.leading_comments {
                map.insert(location.path.clone(), text.trim().to_string());
            }
        }
    }
    map
}

impl Schema {
    fn collect(fds: &FileDescriptorSet) -> Schema {
        let mut pending = Vec::new();
        let mut enum_names = Vec::new();
        let mut schema = Schema::default();
        for file in &fds.file {
            let comments = comments_of(file);
            let prefix = file.package().to_string();
            for (i, e) in file.enum_type.iter().enumerate() {
                collect_enum(
                    &prefix,
                    e,
                    vec![5, i as i32],
                    &comments,
                    &mut enum_names,
                    &mut schema.enums,
                );
            }
            for (i, message) in file.message_type.iter().enumerate() {
                walk_message(
                    &prefix,
                    message,
                    vec![4, i as i32],
                    &comments,
                    &mut pending,
                    &mut enum_names,
                    &mut schema.enums,
                );
            }
        }
        let message_index: HashMap<String, usize> = pending
            .iter()
            .enumerate()
            .map(|(i, p)| (format!(".{}", p.full_name), i))
            .collect();
        let enum_index: HashMap<String, usize> = enum_names
            .iter()
            .enumerate()
            .map(|(i, n)| (format!(".{n}"), i))
            .collect();

        for p in &pending {
            let d = p.descriptor;
            let name = d.name().to_string();
            let mut fields = Vec::new();
            for (i, f) in d.field.iter().enumerate() {
                let mut path = p.path.clone();
                path.extend([2, i as i32]);
                let (kind, target) = match f.r#type() {
                    Type::Message => ("message", Some(message_index[f.type_name()])),
                    Type::Enum => ("enum", Some(enum_index[f.type_name()])),
                    Type::Group => panic!("{}: groups are not supported", f.name()),
                    other => (scalar_kind(other), None),
                };
                if f.proto3_optional() {
                    panic!("{}: proto3 optional is not supported yet", f.name());
                }
                fields.push(Field {
                    number: f.number(),
                    proto_name: f.name().to_string(),
                    json_name: f.json_name().to_string(),
                    kind,
                    repeated: f.label() == Label::Repeated,
                    target,
                    oneof: f.oneof_index.map(|o| o as usize),
                    comment: p.comments.get(&path).cloned().unwrap_or_default(),
                    deprecated: f.options.as_ref().is_some_and(|o| o.deprecated()),
                });
            }
            if d.options.as_ref().is_some_and(|o| o.map_entry()) {
                panic!("{name}: map fields are not supported yet");
            }
            schema.messages.push(Message {
                name,
                full_name: p.full_name.clone(),
                fields,
                oneofs: d.oneof_decl.iter().map(|o| lower_camel(o.name())).collect(),
                comment: p.comments.get(&p.path).cloned().unwrap_or_default(),
            });
        }
        let mut seen = HashMap::new();
        for (i, m) in schema.messages.iter().enumerate() {
            if let Some(j) = seen.insert(m.name.clone(), i) {
                panic!(
                    "two messages are named {} ({} and {}): the JS API needs unique names",
                    m.name, schema.messages[j].full_name, m.full_name
                );
            }
        }
        schema
    }

    /// The order in which both sides lay out a message: fields in declaration order, each
    /// oneof once, at the place of its first member.
    fn layout(message: &Message) -> Vec<Slot> {
        let mut slots = Vec::new();
        let mut oneofs_seen = vec![false; message.oneofs.len()];
        for (i, f) in message.fields.iter().enumerate() {
            match f.oneof {
                None => slots.push(Slot::Field(i)),
                Some(o) if !oneofs_seen[o] => {
                    oneofs_seen[o] = true;
                    slots.push(Slot::Oneof(o));
                }
                Some(_) => {}
            }
        }
        slots
    }

    fn rust_table(&self) -> String {
        let mut s = String::from("// @generated by build.rs from proto/; do not edit.\n\n");
        writeln!(s, "pub static MESSAGES: &[MessageDesc] = &[").unwrap();
        for m in &self.messages {
            writeln!(
                s,
                "    MessageDesc {{ name: {:?}, full_name: {:?}, oneofs: &{:?},",
                m.name, m.full_name, m.oneofs
            )
            .unwrap();
            let layout = Self::layout(m);
            let slot_of = |field: usize| {
                layout
                    .iter()
                    .position(|slot| match *slot {
                        Slot::Field(i) => i == field,
                        Slot::Oneof(o) => m.fields[field].oneof == Some(o),
                    })
                    .unwrap()
            };
            writeln!(s, "        fields: &[").unwrap();
            for (i, f) in m.fields.iter().enumerate() {
                writeln!(
                    s,
                    "            FieldDesc {{ number: {}, name: {:?}, kind: Kind::{}, repeated: {}, target: {}, oneof: {}, slot: {} }},",
                    f.number,
                    f.json_name,
                    rust_kind(f.kind),
                    f.repeated,
                    f.target.map_or(u16::MAX as usize, |t| t),
                    f.oneof.map_or(u16::MAX as usize, |o| o),
                    slot_of(i),
                )
                .unwrap();
            }
            writeln!(s, "        ],").unwrap();
            // Field index by number, for the small numbers that schemas use.
            let max_number = m.fields.iter().map(|f| f.number).max().unwrap_or(0);
            let by_number: Vec<u16> = if max_number <= 64 {
                (0..=max_number)
                    .map(|n| {
                        m.fields
                            .iter()
                            .position(|f| f.number == n)
                            .map_or(u16::MAX, |i| i as u16)
                    })
                    .collect()
            } else {
                Vec::new()
            };
            writeln!(s, "        by_number: &{by_number:?},").unwrap();
            let slots: Vec<String> = Self::layout(m)
                .into_iter()
                .map(|slot| match slot {
                    Slot::Field(i) => format!("Slot::Field({i})"),
                    Slot::Oneof(o) => format!(
                        "Slot::Oneof({o}, &{:?})",
                        m.fields
                            .iter()
                            .enumerate()
                            .filter(|(_, f)| f.oneof == Some(o))
                            .map(|(i, _)| i as u16)
                            .collect::<Vec<_>>()
                    ),
                })
                .collect();
            writeln!(s, "        layout: &[{}],\n    }},", slots.join(", ")).unwrap();
        }
        writeln!(s, "];\n\npub static ENUMS: &[EnumDesc] = &[").unwrap();
        for e in &self.enums {
            let values: Vec<String> = e
                .values
                .iter()
                .map(|(n, v, _)| format!("({n:?}, {v})"))
                .collect();
            writeln!(
                s,
                "    EnumDesc {{ name: {:?}, values: &[{}] }},",
                e.name,
                values.join(", ")
            )
            .unwrap();
        }
        writeln!(
            s,
            "];\n\n/// Message indices into [`MESSAGES`].\npub mod message {{"
        )
        .unwrap();
        for (i, m) in self.messages.iter().enumerate() {
            writeln!(s, "    pub const {}: usize = {i};", upper_snake(&m.name)).unwrap();
        }
        s.push_str("}\n");
        s
    }

    fn json(&self) -> String {
        let mut s = String::from("{\"messages\":[");
        for (i, m) in self.messages.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            write!(
                s,
                "{{\"name\":{:?},\"fullName\":{:?},\"oneofs\":{:?},\"fields\":[",
                m.name, m.full_name, m.oneofs
            )
            .unwrap();
            for (j, f) in m.fields.iter().enumerate() {
                if j > 0 {
                    s.push(',');
                }
                write!(
                    s,
                    "{{\"no\":{},\"name\":{:?},\"protoName\":{:?},\"kind\":{:?},\"repeated\":{},\"target\":{},\"oneof\":{}}}",
                    f.number,
                    f.json_name,
                    f.proto_name,
                    f.kind,
                    f.repeated,
                    f.target.map_or("null".into(), |t| t.to_string()),
                    f.oneof.map_or("null".into(), |o| o.to_string()),
                )
                .unwrap();
            }
            let slots: Vec<String> = Self::layout(m)
                .into_iter()
                .map(|slot| match slot {
                    Slot::Field(i) => format!("{{\"field\":{i}}}"),
                    Slot::Oneof(o) => format!("{{\"oneof\":{o}}}"),
                })
                .collect();
            write!(s, "],\"layout\":[{}]}}", slots.join(",")).unwrap();
        }
        s.push_str("],\"enums\":[");
        for (i, e) in self.enums.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            let values: Vec<String> = e
                .values
                .iter()
                .map(|(n, v, _)| format!("[{n:?},{v}]"))
                .collect();
            write!(
                s,
                "{{\"name\":{:?},\"values\":[{}]}}",
                e.name,
                values.join(",")
            )
            .unwrap();
        }
        s.push_str("]}");
        s
    }

    fn typescript(&self) -> String {
        let mut s = String::from(
            "\n// Object model generated from proto/ by build.rs.\n\n\
             /** A field this schema does not know, kept so that re-encoding loses nothing. */\n\
             export interface UnknownField {\n  /** The field number. */\n  no: number;\n  \
             /** 0 varint, 1 fixed64, 2 length-delimited, 3 group, 5 fixed32. */\n  \
             wireType: 0 | 1 | 2 | 3 | 5;\n  \
             /** The value without its tag (and without the length prefix for wire type 2). */\n  \
             data: Uint8Array;\n}\n\n\
             /** A 64-bit integer as input: a bigint, a safe-integer number or a decimal string. */\n\
             export type Int64Input = bigint | number | string;\n\n",
        );
        for e in &self.enums {
            s.push_str(&jsdoc(&e.comment, false, ""));
            let names: Vec<String> = e.values.iter().map(|(n, _, _)| format!("{n:?}")).collect();
            writeln!(s, "export type {} = {};\n", e.name, names.join(" | ")).unwrap();
        }
        for m in &self.messages {
            for input in [false, true] {
                let type_name = if input {
                    format!("{}Init", m.name)
                } else {
                    m.name.clone()
                };
                let fields_name = if input && m.full_name == TIMESTAMP {
                    format!("{}Fields", type_name)
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
                for slot in Self::layout(m) {
                    match slot {
                        Slot::Field(i) => {
                            let f = &m.fields[i];
                            s.push_str(&jsdoc(&f.comment, f.deprecated, "  "));
                            let ty = self.ts_field_type(f, input);
                            if input {
                                // `| undefined` lets a decoded object (absent message fields
                                // are `undefined`) be encoded again under exactOptionalPropertyTypes.
                                writeln!(s, "  {}?: {} | undefined;", f.json_name, ty).unwrap();
                            } else if f.kind == "message" && !f.repeated {
                                writeln!(s, "  {}: {} | undefined;", f.json_name, ty).unwrap();
                            } else {
                                writeln!(s, "  {}: {};", f.json_name, ty).unwrap();
                            }
                        }
                        Slot::Oneof(o) => {
                            let mut cases = Vec::new();
                            for f in m.fields.iter().filter(|f| f.oneof == Some(o)) {
                                let deprecated = if f.deprecated {
                                    "/** @deprecated */ "
                                } else {
                                    ""
                                };
                                cases.push(format!(
                                    "\n    | {deprecated}{{ case: {:?}; value: {} }}",
                                    f.json_name,
                                    self.ts_field_type(f, input)
                                ));
                            }
                            cases.push("\n    | { case: undefined; value?: undefined }".into());
                            writeln!(
                                s,
                                "  {}{}: {};",
                                m.oneofs[o],
                                if input { "?" } else { "" },
                                cases.concat() + if input { "\n    | undefined" } else { "" }
                            )
                            .unwrap();
                        }
                    }
                }
                writeln!(
                    s,
                    "  /** Fields unknown to this schema; present only when there are some. */\n  $unknown?: UnknownField[];\n}}\n"
                )
                .unwrap();
                if fields_name != type_name {
                    writeln!(
                        s,
                        "/** A Timestamp as input: fields, a `Date`, or an RFC 3339 string. */\n\
                         export type {type_name} = {fields_name} | Date | string;\n"
                    )
                    .unwrap();
                }
            }
        }
        s
    }

    fn ts_field_type(&self, f: &Field, input: bool) -> String {
        let base = match f.kind {
            "message" => {
                let name = &self.messages[f.target.unwrap()].name;
                if input {
                    format!("{name}Init")
                } else {
                    name.clone()
                }
            }
            "enum" => format!("{} | number", self.enums[f.target.unwrap()].name),
            "int64" | "uint64" | "sint64" | "fixed64" | "sfixed64" => {
                if input { "Int64Input" } else { "bigint" }.to_string()
            }
            "string" => "string".into(),
            "bytes" => "Uint8Array".into(),
            "bool" => "boolean".into(),
            _ => "number".into(),
        };
        match (f.repeated, input) {
            (false, _) => base,
            (true, false) if base.contains(' ') => format!("({base})[]"),
            (true, false) => format!("{base}[]"),
            (true, true) => format!("readonly ({base})[]"),
        }
    }
}

enum Slot {
    Field(usize),
    Oneof(usize),
}

fn walk_message<'a>(
    prefix: &str,
    message: &'a DescriptorProto,
    path: Vec<i32>,
    comments: &HashMap<Vec<i32>, String>,
    pending: &mut Vec<Pending<'a>>,
    enum_names: &mut Vec<String>,
    enums: &mut Vec<Enum>,
) {
    let full_name = format!("{prefix}.{}", message.name());
    for (i, e) in message.enum_type.iter().enumerate() {
        let mut enum_path = path.clone();
        enum_path.extend([4, i as i32]);
        collect_enum(&full_name, e, enum_path, comments, enum_names, enums);
    }
    pending.push(Pending {
        full_name: full_name.clone(),
        descriptor: message,
        comments: comments.clone(),
        path: path.clone(),
    });
    for (i, nested) in message.nested_type.iter().enumerate() {
        let mut nested_path = path.clone();
        nested_path.extend([3, i as i32]);
        walk_message(
            &full_name,
            nested,
            nested_path,
            comments,
            pending,
            enum_names,
            enums,
        );
    }
}

fn collect_enum(
    prefix: &str,
    e: &EnumDescriptorProto,
    path: Vec<i32>,
    comments: &HashMap<Vec<i32>, String>,
    enum_names: &mut Vec<String>,
    enums: &mut Vec<Enum>,
) {
    enum_names.push(format!("{prefix}.{}", e.name()));
    enums.push(Enum {
        name: e.name().to_string(),
        values: e
            .value
            .iter()
            .map(|v| {
                let deprecated = v.options.as_ref().is_some_and(|o| o.deprecated());
                (v.name().to_string(), v.number(), deprecated)
            })
            .collect(),
        comment: comments.get(&path).cloned().unwrap_or_default(),
    });
}

fn scalar_kind(t: Type) -> &'static str {
    match t {
        Type::Double => "double",
        Type::Float => "float",
        Type::Int64 => "int64",
        Type::Uint64 => "uint64",
        Type::Int32 => "int32",
        Type::Fixed64 => "fixed64",
        Type::Fixed32 => "fixed32",
        Type::Bool => "bool",
        Type::String => "string",
        Type::Bytes => "bytes",
        Type::Uint32 => "uint32",
        Type::Sfixed32 => "sfixed32",
        Type::Sfixed64 => "sfixed64",
        Type::Sint32 => "sint32",
        Type::Sint64 => "sint64",
        Type::Message | Type::Enum | Type::Group => unreachable!(),
    }
}

fn rust_kind(kind: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in kind.chars() {
        if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn lower_camel(name: &str) -> String {
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

fn upper_snake(name: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let boundary = i > 0
            && c.is_uppercase()
            && (chars[i - 1].is_lowercase() || chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
        if boundary {
            out.push('_');
        }
        out.extend(c.to_uppercase());
    }
    out
}

fn jsdoc(comment: &str, deprecated: bool, indent: &str) -> String {
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
