//! The schema, generated from `proto/` by `build/`: prost types for native Rust users, and
//! the field tables that drive the codec in both directions.

/// Prost types for native Rust code (`api::ReplToken`, …). They do not keep unknown fields;
/// the codec in [`crate::codec`] does.
#[allow(clippy::all)]
pub mod api {
    include!(concat!(env!("OUT_DIR"), "/api.rs"));
}

/// A field's protobuf type, as far as the wire and the object model care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Double,
    Float,
    Int64,
    Uint64,
    Int32,
    Fixed64,
    Fixed32,
    Bool,
    String,
    Bytes,
    Uint32,
    Sfixed32,
    Sfixed64,
    Sint32,
    Sint64,
    Enum,
    Message,
}

impl Kind {
    /// The wire type of one value of this kind (not packed).
    pub fn wire_type(self) -> u8 {
        match self {
            Kind::Double | Kind::Fixed64 | Kind::Sfixed64 => 1,
            Kind::Float | Kind::Fixed32 | Kind::Sfixed32 => 5,
            Kind::String | Kind::Bytes | Kind::Message => 2,
            _ => 0,
        }
    }

    /// Whether repeated values of this kind may be packed into one length-delimited field.
    pub fn packable(self) -> bool {
        !matches!(self, Kind::String | Kind::Bytes | Kind::Message)
    }

    /// How many 32-bit words one value takes in the flat description.
    pub fn words(self) -> usize {
        match self {
            Kind::Double | Kind::Int64 | Kind::Uint64 | Kind::Fixed64 | Kind::Sfixed64 => 2,
            Kind::Sint64 | Kind::String | Kind::Bytes => 2,
            _ => 1,
        }
    }
}

#[derive(Debug)]
pub struct FieldDesc {
    pub number: u32,
    /// The proto3 JSON name, which is also the key in the JS object model (not in the
    /// shipped wasm, which never reads names).
    #[cfg(not(feature = "runtime"))]
    pub name: &'static str,
    pub kind: Kind,
    pub repeated: bool,
    /// For message and enum fields: the index into [`MESSAGES`] or [`ENUMS`].
    pub target: usize,
    /// The index of the oneof this field belongs to, if it is a oneof member.
    pub oneof: Option<u16>,
    /// The index of the layout slot that holds this field.
    pub slot: usize,
}

/// One entry of a message's layout in the flat description.
#[derive(Debug)]
pub enum Slot {
    Field(usize),
    /// A oneof and the indices of its member fields.
    Oneof(usize, &'static [u16]),
}

#[derive(Debug)]
pub struct MessageDesc {
    #[cfg(not(feature = "runtime"))]
    pub name: &'static str,
    #[cfg(not(feature = "runtime"))]
    pub full_name: &'static str,
    #[cfg(not(feature = "runtime"))]
    pub oneofs: &'static [&'static str],
    pub oneof_count: usize,
    pub fields: &'static [FieldDesc],
    /// Field index by field number (`u16::MAX`: none); empty when numbers run past 64.
    pub by_number: &'static [u16],
    pub layout: &'static [Slot],
    /// How many words the empty flat description has before each slot (the last entry: in
    /// all), so a decode writes a run of absent slots at once.
    pub zeros: &'static [u16],
    /// A map field's entry message: its key and value are written even when empty, as
    /// protobuf's own encoders do.
    pub map_entry: bool,
}

impl MessageDesc {
    #[inline]
    pub fn field_by_number(&self, number: u32) -> Option<usize> {
        if self.by_number.is_empty() {
            return self.fields.iter().position(|f| f.number == number);
        }
        match self.by_number.get(number as usize) {
            Some(&i) if i != u16::MAX => Some(i as usize),
            _ => None,
        }
    }
}

#[derive(Debug)]
pub struct EnumDesc {
    pub name: &'static str,
    pub values: &'static [(&'static str, i32)],
}

include!(concat!(env!("OUT_DIR"), "/schema_table.rs"));
