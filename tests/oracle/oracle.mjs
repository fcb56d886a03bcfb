// Independent reference codecs ("oracles") for api.ReplToken, used to produce
// and check golden vectors for our Rust/wasm codec. Two unrelated
// implementations are wrapped so that both speak OUR object model
// (see tests/golden/README section in tests/golden/generate.mjs):
//
//   - protobufjs (v8): parses proto/api/repl_token.proto text at runtime
//     (google/protobuf/timestamp.proto comes from protobufjs' bundled common
//     types), reflection-based encode/decode.
//   - @bufbuild/protobuf (protobuf-es v2): registry built at runtime from a
//     FileDescriptorSet compiled by the real `buf` compiler
//     (tests/oracle/gen/*.fds.json, made by tests/oracle/generate.mjs; the
//     committed JSON means runtime needs only `npm ci`).
//
// Exports (base schema):
//   encodeWithProtobufjs(model) / encodeWithProtobufEs(model) -> Uint8Array
//   decodeWithProtobufjs(bytes) / decodeWithProtobufEs(bytes) -> model
// and the same four for the EXTENDED schema (tests/oracle/proto-ext), whose
// models may carry the extra fields: *Ext variants.
//
// Unknown fields ($unknown: [{no, wireType, data}]): OUR data convention is
// "payload without tag; for wire type 2 also without the length prefix; for
// a group everything after the start tag up to and including the end tag".
//   - protobuf-es keeps $unknown with the same shape, BUT for wire type 2 its
//     `data` INCLUDES the varint length prefix -> converted both ways here.
//   - protobufjs v8 drops unknown fields by default; with
//     reader.discardUnknown = false it keeps `$unknowns` as raw records
//     (tag + payload). We turn that on and parse the records, so
//     decodeWithProtobufjs DOES report unknown fields. On encode, records are
//     rebuilt from our model and written after the known fields (as
//     protobufjs' encoder does with $unknowns).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import {
  create,
  createFileRegistry,
  fromBinary,
  fromJson,
  toBinary,
} from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";

const require = createRequire(import.meta.url);
const protobuf = require("protobufjs");

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const BASE_PROTO = join(repo, "proto", "api", "repl_token.proto");
const EXT_PROTO = join(here, "proto-ext", "api_ext", "repl_token_ext.proto");

// ---------------------------------------------------------------- varints ---

function writeVarint(n, out = []) {
  let v = BigInt.asUintN(64, BigInt(n));
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

function readVarint(bytes, pos) {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= bytes.length) throw new RangeError("truncated varint");
    const b = bytes[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) return [result, pos];
    shift += 7n;
  }
}

const u8 = (x) => Uint8Array.from(x); // always a plain Uint8Array (not Buffer)

function concat(...parts) {
  const len = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

// our unknown -> payload as found on the wire after the tag
function unknownWirePayload({ wireType, data }) {
  return wireType === 2 ? concat(u8(writeVarint(data.length)), data) : u8(data);
}

// ------------------------------------------------------------ protobuf-es ---

function loadEsRegistry(name) {
  const json = JSON.parse(readFileSync(join(here, "gen", `${name}.fds.json`), "utf8"));
  return createFileRegistry(fromJson(FileDescriptorSetSchema, json));
}

const esBase = loadEsRegistry("repl_token").getMessage("api.ReplToken");
const esExt = loadEsRegistry("repl_token_ext").getMessage("api.ReplToken");
if (!esBase || !esExt) throw new Error("api.ReplToken missing from descriptor set; run tests/oracle/generate.mjs");

function esEnumToModel(enumDesc, n) {
  const v = enumDesc.values.find((v) => v.number === n);
  return v ? v.name : n;
}
function modelEnumToNumber(enumDesc, v) {
  if (typeof v === "number") return v;
  const ev = enumDesc.values.find((x) => x.name === v);
  if (!ev) throw new Error(`unknown enum name ${v} for ${enumDesc.typeName}`);
  return ev.number;
}

function esValueToModel(field, v, kind = field.fieldKind) {
  switch (kind) {
    case "message":
      return v === undefined ? undefined : esMessageToModel(field.message, v);
    case "enum":
      return esEnumToModel(field.enum, v);
    case "scalar":
      return v;
  }
  throw new Error(`unsupported field kind ${kind}`);
}

function esMessageToModel(desc, msg) {
  const out = {};
  for (const member of desc.members) {
    if (member.kind === "oneof") {
      const o = msg[member.localName];
      if (o.case === undefined) {
        out[member.name] = { case: undefined };
      } else {
        const f = member.fields.find((f) => f.localName === o.case);
        out[member.name] = { case: f.jsonName, value: esValueToModel(f, o.value) };
      }
      continue;
    }
    const f = member;
    const v = msg[f.localName];
    if (f.fieldKind === "list") {
      out[f.jsonName] = v.map((x) => esValueToModel(f, x, f.listKind));
    } else if (f.fieldKind === "map") {
      if (f.mapKind !== "scalar") throw new Error("only maps of scalars are supported");
      out[f.jsonName] = Object.fromEntries(Object.entries(v));
    } else {
      out[f.jsonName] = esValueToModel(f, v);
    }
  }
  if (msg.$unknown && msg.$unknown.length) {
    out.$unknown = msg.$unknown.map(({ no, wireType, data }) => {
      if (wireType === 2) {
        const [, p] = readVarint(data, 0); // strip protobuf-es' length prefix
        data = data.subarray(p);
      }
      return { no, wireType, data: u8(data) };
    });
  }
  return out;
}

function modelValueToEs(field, v, kind = field.fieldKind) {
  switch (kind) {
    case "message":
      return modelToEsMessage(field.message, v);
    case "enum":
      return modelEnumToNumber(field.enum, v);
    case "scalar":
      return v;
  }
  throw new Error(`unsupported field kind ${kind}`);
}

function modelToEsMessage(desc, model) {
  const msg = create(desc);
  for (const member of desc.members) {
    if (member.kind === "oneof") {
      const o = model[member.name];
      if (o === undefined || o.case === undefined) continue;
      const f = member.fields.find((f) => f.jsonName === o.case);
      if (!f) throw new Error(`bad oneof case ${o.case}`);
      msg[member.localName] = { case: f.localName, value: modelValueToEs(f, o.value) };
      continue;
    }
    const f = member;
    const v = model[f.jsonName];
    if (v === undefined) continue;
    if (f.fieldKind === "list") msg[f.localName] = v.map((x) => modelValueToEs(f, x, f.listKind));
    else if (f.fieldKind === "map") msg[f.localName] = Object.fromEntries(Object.entries(v));
    else msg[f.localName] = modelValueToEs(f, v);
  }
  checkNoStrayKeys(model, desc.members.map((m) => (m.kind === "oneof" ? m.name : m.jsonName)));
  if (model.$unknown && model.$unknown.length) {
    msg.$unknown = model.$unknown.map((u) => ({ no: u.no, wireType: u.wireType, data: unknownWirePayload(u) }));
  }
  return msg;
}

function checkNoStrayKeys(model, known) {
  for (const k of Object.keys(model)) {
    if (k !== "$unknown" && !known.includes(k)) throw new Error(`model key ${k} not in schema`);
  }
}

// ------------------------------------------------------------- protobufjs ---

function loadPbjs(file) {
  const root = new protobuf.Root();
  root.loadSync(file, { keepCase: true });
  root.resolveAll();
  return root.lookupType("api.ReplToken");
}

const pbjsBase = loadPbjs(BASE_PROTO);
const pbjsExt = loadPbjs(EXT_PROTO);
const Long = protobuf.util.Long;
// OUR model's keys are proto3 JSON names (protoc's json_name: underscores dropped, the
// letter after each one upper-cased); protobufjs is loaded with keepCase, so map them.
const jsonName = (name) => name.replace(/_+([^_])/g, (_, c) => c.toUpperCase());
const LONG_TYPES = new Set(["int64", "uint64", "sint64", "fixed64", "sfixed64"]);

function pbjsScalarToModel(field, v) {
  if (LONG_TYPES.has(field.type)) {
    if (v === undefined || v === null) return 0n;
    if (typeof v === "number" || typeof v === "string") return BigInt(v);
    if (typeof v === "bigint") return v;
    return BigInt(Long.fromValue(v).toString()); // Long
  }
  if (field.type === "bytes") return u8(v ?? []);
  return v;
}

function pbjsValueToModel(field, v) {
  const rt = field.resolvedType;
  if (rt instanceof protobuf.Type) return v == null ? undefined : pbjsMessageToModel(rt, v);
  if (rt instanceof protobuf.Enum) {
    const n = v ?? 0;
    return rt.valuesById[n] ?? n;
  }
  return pbjsScalarToModel(field, v);
}

function parseRawRecord(raw) {
  const bytes = u8(raw);
  const [tag, p] = readVarint(bytes, 0);
  const no = Number(tag >> 3n);
  const wireType = Number(tag & 7n);
  let data = bytes.subarray(p);
  if (wireType === 2) {
    const [, q] = readVarint(bytes, p);
    data = bytes.subarray(q);
  }
  return { no, wireType, data: u8(data) };
}

function pbjsMessageToModel(type, msg) {
  const out = {};
  // Keys in field-number order of declaration; oneof at its first member.
  const seenOneofs = new Set();
  for (const f of type.fieldsArray) {
    if (f.partOf) {
      const o = f.partOf;
      if (seenOneofs.has(o.name)) continue;
      seenOneofs.add(o.name);
      const which = o.fieldsArray.find((m) => msg[m.name] != null && Object.prototype.hasOwnProperty.call(msg, m.name));
      out[jsonName(o.name)] = which ? { case: jsonName(which.name), value: pbjsValueToModel(which, msg[which.name]) } : { case: undefined };
      continue;
    }
    if (f.map) {
      out[jsonName(f.name)] = Object.fromEntries(Object.entries(msg[f.name] ?? {}));
      continue;
    }
    if (f.repeated) {
      out[jsonName(f.name)] = (msg[f.name] ?? []).map((x) => pbjsValueToModel(f, x));
    } else {
      out[jsonName(f.name)] = pbjsValueToModel(f, msg[f.name]);
    }
  }
  if (msg.$unknowns && msg.$unknowns.length) out.$unknown = msg.$unknowns.map(parseRawRecord);
  return out;
}

function modelValueToPbjs(field, v) {
  const rt = field.resolvedType;
  if (rt instanceof protobuf.Type) return modelToPbjsMessage(rt, v);
  if (rt instanceof protobuf.Enum) {
    if (typeof v === "number") return v;
    if (!(v in rt.values)) throw new Error(`unknown enum name ${v}`);
    return rt.values[v];
  }
  if (LONG_TYPES.has(field.type)) {
    return Long.fromString(BigInt(v).toString(), field.type === "uint64" || field.type === "fixed64");
  }
  return v;
}

// Builds a plain object for Type.encode. protobufjs v8 itself skips proto3
// implicit-presence zero values (keeping -0.0, like protoc/C++), so all
// keys may be passed.
function modelToPbjsMessage(type, model) {
  const obj = {};
  const known = [];
  for (const f of type.fieldsArray) {
    if (f.partOf) {
      const o = f.partOf;
      if (known.includes(jsonName(o.name))) continue;
      known.push(jsonName(o.name));
      const sel = model[jsonName(o.name)];
      if (sel && sel.case !== undefined) {
        const mf = o.fieldsArray.find((m) => jsonName(m.name) === sel.case);
        if (!mf) throw new Error(`bad oneof case ${sel.case}`);
        obj[mf.name] = modelValueToPbjs(mf, sel.value);
      }
      continue;
    }
    known.push(jsonName(f.name));
    const v = model[jsonName(f.name)];
    if (v === undefined) continue;
    if (f.map) obj[f.name] = Object.fromEntries(Object.entries(v));
    else obj[f.name] = f.repeated ? v.map((x) => modelValueToPbjs(f, x)) : modelValueToPbjs(f, v);
  }
  checkNoStrayKeys(model, known);
  if (model.$unknown && model.$unknown.length) {
    obj.$unknowns = model.$unknown.map((u) =>
      concat(u8(writeVarint((BigInt(u.no) << 3n) | BigInt(u.wireType))), unknownWirePayload(u)),
    );
  }
  return obj;
}

// ---------------------------------------------------------------- exports ---

function esEncode(desc, model) {
  return toBinary(desc, modelToEsMessage(desc, model));
}
function esDecode(desc, bytes) {
  return esMessageToModel(desc, fromBinary(desc, u8(bytes)));
}
function pbjsEncode(type, model) {
  return u8(type.encode(modelToPbjsMessage(type, model)).finish());
}
function pbjsDecode(type, bytes) {
  const reader = protobuf.Reader.create(u8(bytes));
  reader.discardUnknown = false; // keep unknown fields as raw records ($unknowns)
  const msg = type.decode(reader);
  if (reader.pos !== reader.len) throw new Error("protobufjs did not consume all input");
  return pbjsMessageToModel(type, msg);
}

/** Encode OUR model of api.ReplToken with protobufjs. */
export const encodeWithProtobufjs = (model) => pbjsEncode(pbjsBase, model);
/** Encode OUR model of api.ReplToken with @bufbuild/protobuf v2. */
export const encodeWithProtobufEs = (model) => esEncode(esBase, model);
/** Decode api.ReplToken bytes with @bufbuild/protobuf v2 into OUR model. */
export const decodeWithProtobufEs = (bytes) => esDecode(esBase, bytes);
/** Decode api.ReplToken bytes with protobufjs into OUR model (unknown fields kept). */
export const decodeWithProtobufjs = (bytes) => pbjsDecode(pbjsBase, bytes);

// Same, with the EXTENDED schema (tests/oracle/proto-ext). Its models use the
// same conventions and may set the extra fields (features, paid, ...).
export const encodeExtWithProtobufjs = (model) => pbjsEncode(pbjsExt, model);
export const encodeExtWithProtobufEs = (model) => esEncode(esExt, model);
export const decodeExtWithProtobufEs = (bytes) => esDecode(esExt, bytes);
export const decodeExtWithProtobufjs = (bytes) => pbjsDecode(pbjsExt, bytes);

export { writeVarint, readVarint };
