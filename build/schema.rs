//! The schema as the generators see it: messages, fields, oneofs and enums from the
//! FileDescriptorSet that protox compiled from `proto/`, with their source comments.

use std::collections::HashMap;

use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{DescriptorProto, EnumDescriptorProto, FileDescriptorProto, FileDescriptorSet};

/// The message whose input also accepts a `Date` or an RFC 3339 string, and whose JSON is
/// an RFC 3339 string.
pub const TIMESTAMP: &str = "google.protobuf.Timestamp";

/// The message whose JSON is a string of seconds, such as "1.5s".
pub const DURATION: &str = "google.protobuf.Duration";

pub struct Field {
    pub number: i32,
    pub proto_name: String,
    /// The proto3 JSON name: the key in the JS object model and in JSON.
    pub json_name: String,
    pub kind: &'static str,
    pub repeated: bool,
    /// Index into `Schema::messages` or `Schema::enums`, for message and enum fields.
    pub target: Option<usize>,
    pub oneof: Option<usize>,
    pub comment: String,
    pub deprecated: bool,
    /// A `map<string, string>`: on the wire a repeated entry message (key 1, value 2), in JS
    /// an object of strings.
    pub map: bool,
}

pub struct Message {
    pub name: String,
    pub full_name: String,
    pub fields: Vec<Field>,
    pub oneofs: Vec<String>,
    pub comment: String,
    /// The entry message protoc makes for a map field; it has no API of its own.
    pub map_entry: bool,
}

impl Message {
    pub fn is_timestamp(&self) -> bool {
        self.full_name == TIMESTAMP
    }

    pub fn is_duration(&self) -> bool {
        self.full_name == DURATION
    }

    /// The order in which both sides lay out a message: fields in declaration order, each
    /// oneof once, at the place of its first member.
    pub fn layout(&self) -> Vec<Slot> {
        let mut slots = Vec::new();
        let mut oneofs_seen = vec![false; self.oneofs.len()];
        for (i, f) in self.fields.iter().enumerate() {
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

    /// The member fields of oneof `o`, by index.
    pub fn members(&self, o: usize) -> Vec<usize> {
        (0..self.fields.len())
            .filter(|&i| self.fields[i].oneof == Some(o))
            .collect()
    }

    /// The keys of the object model: fields outside oneofs, oneofs, `$unknown`.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .layout()
            .into_iter()
            .map(|slot| match slot {
                Slot::Field(i) => self.fields[i].json_name.clone(),
                Slot::Oneof(o) => self.oneofs[o].clone(),
            })
            .collect();
        keys.push("$unknown".into());
        keys
    }
}

pub struct Enum {
    pub name: String,
    pub values: Vec<(String, i32)>,
    pub comment: String,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Slot {
    Field(usize),
    Oneof(usize),
}

#[derive(Default)]
pub struct Schema {
    pub messages: Vec<Message>,
    pub enums: Vec<Enum>,
}

/// A message descriptor with its source comments, before type names are resolved.
struct Pending<'a> {
    full_name: String,
    descriptor: &'a DescriptorProto,
    file: usize,
    path: Vec<i32>,
}

#[derive(Default)]
struct Collector<'a> {
    pending: Vec<Pending<'a>>,
    enum_names: Vec<String>,
    enums: Vec<Enum>,
    comments: Vec<HashMap<Vec<i32>, String>>,
    /// Full names (with the leading dot) of map entry messages.
    map_entries: std::collections::HashSet<String>,
}

fn comments_of(file: &FileDescriptorProto) -> HashMap<Vec<i32>, String> {
    let mut map = HashMap::new();
    for location in file.source_code_info.iter().flat_map(|i| &i.location) {
        if let Some(text) = &location.leading_comments {
            map.insert(location.path.clone(), text.trim().to_string());
        }
    }
    map
}

impl Schema {
    pub fn collect(fds: &FileDescriptorSet) -> Schema {
        let mut c = Collector::default();
        for (f, file) in fds.file.iter().enumerate() {
            c.comments.push(comments_of(file));
            for (i, e) in file.enum_type.iter().enumerate() {
                c.add_enum(file.package(), e, f, vec![5, i as i32]);
            }
            for (i, message) in file.message_type.iter().enumerate() {
                c.walk(file.package(), message, f, vec![4, i as i32]);
            }
        }
        let index = |names: Vec<&str>| -> HashMap<String, usize> {
            names
                .into_iter()
                .enumerate()
                .map(|(i, n)| (format!(".{n}"), i))
                .collect()
        };
        let message_index = index(c.pending.iter().map(|p| p.full_name.as_str()).collect());
        let enum_index = index(c.enum_names.iter().map(String::as_str).collect());
        let messages = c
            .pending
            .iter()
            .map(|p| c.message(p, &message_index, &enum_index))
            .collect();
        let schema = Schema {
            messages,
            enums: c.enums,
        };
        schema.check_unique_names();
        schema
    }

    fn check_unique_names(&self) {
        let mut seen = HashMap::new();
        for m in &self.messages {
            if let Some(other) = seen.insert(m.name.clone(), &m.full_name) {
                panic!(
                    "two messages are named {} ({other} and {}): the JS API needs unique names",
                    m.name, m.full_name
                );
            }
        }
    }
}

impl<'a> Collector<'a> {
    fn comment(&self, file: usize, path: &[i32]) -> String {
        self.comments[file].get(path).cloned().unwrap_or_default()
    }

    fn walk(&mut self, prefix: &str, message: &'a DescriptorProto, file: usize, path: Vec<i32>) {
        let full_name = format!("{prefix}.{}", message.name());
        if message.options.as_ref().is_some_and(|o| o.map_entry()) {
            let string_entry = message.field.len() == 2
                && message.field.iter().all(|f| f.r#type() == Type::String)
                && message.field[0].number() == 1
                && message.field[1].number() == 2;
            if !string_entry {
                panic!("{full_name}: only map<string, string> fields are supported");
            }
            self.map_entries.insert(format!(".{full_name}"));
        }
        for (i, e) in message.enum_type.iter().enumerate() {
            let mut enum_path = path.clone();
            enum_path.extend([4, i as i32]);
            self.add_enum(&full_name, e, file, enum_path);
        }
        self.pending.push(Pending {
            full_name: full_name.clone(),
            descriptor: message,
            file,
            path: path.clone(),
        });
        for (i, nested) in message.nested_type.iter().enumerate() {
            let mut nested_path = path.clone();
            nested_path.extend([3, i as i32]);
            self.walk(&full_name, nested, file, nested_path);
        }
    }

    fn add_enum(&mut self, prefix: &str, e: &EnumDescriptorProto, file: usize, path: Vec<i32>) {
        self.enum_names.push(format!("{prefix}.{}", e.name()));
        self.enums.push(Enum {
            name: e.name().to_string(),
            values: e
                .value
                .iter()
                .map(|v| (v.name().to_string(), v.number()))
                .collect(),
            comment: self.comment(file, &path),
        });
    }

    fn message(
        &self,
        p: &Pending,
        message_index: &HashMap<String, usize>,
        enum_index: &HashMap<String, usize>,
    ) -> Message {
        let d = p.descriptor;
        let fields = d
            .field
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let (kind, target) = match f.r#type() {
                    Type::Message => ("message", Some(message_index[f.type_name()])),
                    Type::Enum => ("enum", Some(enum_index[f.type_name()])),
                    Type::Group => panic!("{}: groups are not supported", f.name()),
                    other => (scalar_kind(other), None),
                };
                if f.proto3_optional() {
                    panic!("{}: proto3 optional is not supported yet", f.name());
                }
                let mut path = p.path.clone();
                path.extend([2, i as i32]);
                Field {
                    number: f.number(),
                    proto_name: f.name().to_string(),
                    json_name: f.json_name().to_string(),
                    kind,
                    repeated: f.label() == Label::Repeated,
                    target,
                    oneof: f.oneof_index.map(|o| o as usize),
                    comment: self.comment(p.file, &path),
                    deprecated: f.options.as_ref().is_some_and(|o| o.deprecated()),
                    map: f.r#type() == Type::Message && self.map_entries.contains(f.type_name()),
                }
            })
            .collect();
        Message {
            name: d.name().to_string(),
            full_name: p.full_name.clone(),
            fields,
            oneofs: d.oneof_decl.iter().map(|o| lower_camel(o.name())).collect(),
            comment: self.comment(p.file, &p.path),
            map_entry: self.map_entries.contains(&format!(".{}", p.full_name)),
        }
    }
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

pub fn is_64_bit(kind: &str) -> bool {
    matches!(kind, "int64" | "uint64" | "sint64" | "fixed64" | "sfixed64")
}

pub fn is_signed_64(kind: &str) -> bool {
    matches!(kind, "int64" | "sint64" | "sfixed64")
}

pub fn lower_camel(name: &str) -> String {
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

/// `ReplToken` → `replToken`, `ReplID` → `replID`.
pub fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn upper_snake(name: &str) -> String {
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
