// The floor: a hand-written plain-JS codec for api.ReplToken (and the GovalSigningAuthority
// footer) over exactly our object model (js/codec.js): int64 as bigint, enum names, the
// oneof as { case, value }, absent messages undefined, unknown fields kept in $unknown.
// No validation and no options: the fastest code a person would write for this one message,
// to show what plain JS can do. Plain ES module: runs in Node and in the benchmark page.

const TWO_32 = 4294967296;
const PERSISTENCE = ['PERSISTENT', 'EPHEMERAL', 'NONE'];
const WIRE_FORMAT = ['PROTOBUF', 'JSON'];
const TOKEN_VERSION = ['BARE_REPL_TOKEN', 'TYPE_AWARE_TOKEN'];
const METADATA = ['repl', 'id', 'classroom'];

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();
const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);

// ---------------------------------------------------------------- encode ----

let buf = new Uint8Array(1024);
let pos = 0;

function reserve(n) {
  if (pos + n <= buf.length) return;
  const bigger = new Uint8Array(Math.max(buf.length * 2, pos + n));
  bigger.set(buf.subarray(0, pos));
  buf = bigger;
}

function varint32(v) {
  reserve(5);
  v >>>= 0;
  while (v > 127) {
    buf[pos++] = (v & 127) | 128;
    v >>>= 7;
  }
  buf[pos++] = v;
}

/** A 64-bit varint from its unsigned 32-bit halves. */
function varint64(lo, hi) {
  reserve(10);
  while (hi !== 0) {
    buf[pos++] = (lo & 127) | 128;
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  while (lo > 127) {
    buf[pos++] = (lo & 127) | 128;
    lo >>>= 7;
  }
  buf[pos++] = lo;
}

function int64(tag, v) {
  if (v === undefined || v === 0n || v === 0) return;
  reserve(11);
  buf[pos++] = tag;
  let lo;
  let hi;
  if (typeof v === 'bigint') {
    const n = Number(v);
    if (Number.isSafeInteger(n)) v = n;
  }
  if (typeof v === 'number') {
    hi = Math.floor(v / TWO_32);
    lo = v - hi * TWO_32;
    hi >>>= 0;
  } else {
    lo = Number(BigInt.asUintN(32, v));
    hi = Number(BigInt.asUintN(32, v >> 32n));
  }
  varint64(lo, hi);
}

function tagged(tag) {
  reserve(11);
  buf[pos++] = tag;
}

function string(tag, s) {
  if (!s) return;
  reserve(s.length + 6);
  buf[pos++] = tag;
  const lengthAt = pos++;
  const start = pos;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) break;
    buf[pos++] = c;
  }
  if (i < s.length) {
    reserve(s.length * 3 + 1);
    pos += utf8Encoder.encodeInto(s.substring(i), buf.subarray(pos)).written;
  }
  finishLength(lengthAt, start);
}

/** Writes the length of the field whose bytes run from `start` to `pos` at `lengthAt`. */
function finishLength(lengthAt, start) {
  const len = pos - start;
  if (len < 128) {
    buf[lengthAt] = len;
    return;
  }
  let size = 1;
  for (let v = len >>> 7; v > 0; v >>>= 7) size++;
  reserve(size);
  buf.copyWithin(start + size - 1, start, pos);
  pos += size - 1;
  let v = len;
  let at = lengthAt;
  while (v > 127) {
    buf[at++] = (v & 127) | 128;
    v >>>= 7;
  }
  buf[at] = v;
}

function beginMessage(tag) {
  reserve(2);
  buf[pos++] = tag;
  return pos++;
}

function endMessage(lengthAt) {
  finishLength(lengthAt, lengthAt + 1);
}

function double(tag, v) {
  if (v === undefined || Object.is(v, 0)) return;
  reserve(9);
  buf[pos++] = tag;
  f64[0] = v;
  for (let i = 0; i < 8; i++) buf[pos + i] = f64Bytes[i];
  pos += 8;
}

function enumValue(tag, v, names) {
  if (v === undefined) return;
  const n = typeof v === 'string' ? names.indexOf(v) : v;
  if (n === 0) return;
  tagged(tag);
  if (n < 0) varint64(n >>> 0, 0xffffffff);
  else varint32(n);
}

function unknown(list) {
  if (list === undefined) return;
  for (const { no, wireType, data } of list) {
    reserve(data.length + 20);
    varint32(((no << 3) | wireType) >>> 0);
    if (wireType === 2) varint32(data.length);
    buf.set(data, pos);
    pos += data.length;
  }
}

function timestamp(tag, t) {
  if (t === undefined) return;
  const at = beginMessage(tag);
  int64(0x08, t.seconds);
  if (t.nanos) {
    tagged(0x10);
    varint32(t.nanos);
  }
  unknown(t.$unknown);
  endMessage(at);
}

function replFields(r) {
  string(0x0a, r.id);
  string(0x12, r.language);
  string(0x1a, r.bucket);
  string(0x22, r.slug);
  string(0x2a, r.user);
  string(0x32, r.sourceRepl);
  unknown(r.$unknown);
}

function metadata(m) {
  if (m === undefined || m.case === undefined) return;
  const v = m.value;
  const at = beginMessage(m.case === 'repl' ? 0x3a : m.case === 'id' ? 0x42 : 0x4a);
  if (m.case === 'repl') {
    replFields(v);
  } else if (m.case === 'id') {
    string(0x0a, v.id);
    string(0x12, v.sourceRepl);
    unknown(v.$unknown);
  } else {
    string(0x0a, v.id);
    string(0x12, v.language);
    unknown(v.$unknown);
  }
  endMessage(at);
}

function resourceLimits(r) {
  if (r === undefined) return;
  const at = beginMessage(0x52);
  reserve(2);
  if (r.net) {
    buf[pos++] = 0x08;
    buf[pos++] = 1;
  }
  int64(0x10, r.memory);
  double(0x19, r.threads);
  double(0x21, r.shares);
  int64(0x28, r.disk);
  unknown(r.$unknown);
  endMessage(at);
}

function presenced(p) {
  if (p === undefined) return;
  const at = beginMessage(0x6a);
  if (p.bearerID) {
    tagged(0x08);
    varint32(p.bearerID);
  }
  string(0x12, p.bearerName);
  unknown(p.$unknown);
  endMessage(at);
}

/** ReplToken (our object model) → protobuf bytes. */
export function encodeReplToken(t) {
  pos = 0;
  timestamp(0x0a, t.iat);
  timestamp(0x12, t.exp);
  string(0x1a, t.salt);
  string(0x22, t.cluster);
  enumValue(0x30, t.persistence, PERSISTENCE);
  metadata(t.metadata);
  resourceLimits(t.resourceLimits);
  enumValue(0x60, t.format, WIRE_FORMAT);
  presenced(t.presenced);
  const flags = t.flags;
  if (flags !== undefined) {
    for (let i = 0; i < flags.length; i++) {
      if (flags[i] === '') emptyString(0x72);
      else string(0x72, flags[i]);
    }
  }
  unknown(t.$unknown);
  return buf.slice(0, pos);
}

/** A repeated string keeps its empty elements. */
function emptyString(tag) {
  reserve(2);
  buf[pos++] = tag;
  buf[pos++] = 0;
}

// ---------------------------------------------------------------- decode ----

/** The reader: `bytes`, position `p`; one module-level state, as generated code does. */
let bytes;
let p = 0;

function readVarint32() {
  let b = bytes[p++];
  if (b < 128) return b;
  let v = b & 127;
  b = bytes[p++];
  v |= (b & 127) << 7;
  if (b < 128) return v;
  b = bytes[p++];
  v |= (b & 127) << 14;
  if (b < 128) return v;
  b = bytes[p++];
  v |= (b & 127) << 21;
  if (b < 128) return v;
  b = bytes[p++];
  v |= b << 28;
  // Five more bytes at most (a negative int32 is written as 10 bytes).
  while (b >= 128 && p < bytes.length) b = bytes[p++];
  if (p > bytes.length) throw new RangeError('truncated varint');
  return v >>> 0;
}

let hiWord = 0;

/** Reads a 64-bit varint; returns the low 32 bits and leaves the high 32 in `hiWord`. */
function readVarint64() {
  let lo = 0;
  let hi = 0;
  let shift = 0;
  let b;
  for (; shift < 28; shift += 7) {
    b = bytes[p++];
    lo |= (b & 127) << shift;
    if (b < 128) {
      hiWord = 0;
      return lo >>> 0;
    }
  }
  b = bytes[p++];
  lo |= (b & 15) << 28;
  hi = (b & 127) >> 4;
  if (b >= 128) {
    for (shift = 3; shift < 32; shift += 7) {
      b = bytes[p++];
      hi |= (b & 127) << shift;
      if (b < 128) break;
    }
  }
  if (p > bytes.length) throw new RangeError('truncated varint');
  hiWord = hi >>> 0;
  return lo >>> 0;
}

function readInt64() {
  const lo = readVarint64();
  const hi = hiWord;
  if (hi < 0x200000) return BigInt(hi * TWO_32 + lo);
  if (hi >= 0xffe00000) return BigInt((hi | 0) * TWO_32 + lo);
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
}

/** The input as one char per byte, made on the first ASCII string; substrings of it are cheap. */
let text;
const latin1Decoder = new TextDecoder('latin1');
const NodeBuffer = globalThis.Buffer;
const wholeLatin1 =
  typeof NodeBuffer === 'function' && typeof NodeBuffer.prototype.latin1Slice === 'function'
    ? (b) => NodeBuffer.prototype.latin1Slice.call(b, 0, b.length)
    : (b) => latin1Decoder.decode(b);

function readString() {
  const len = readVarint32();
  const start = p;
  const end = (p += len);
  if (end > bytes.length) throw new RangeError('truncated string');
  for (let i = start; i < end; i++) {
    if (bytes[i] >= 0x80) return utf8Decoder.decode(bytes.subarray(start, end));
  }
  if (text === undefined) text = wholeLatin1(bytes);
  return text.substring(start, end);
}

function readDouble() {
  if (p + 8 > bytes.length) throw new RangeError('truncated double');
  for (let i = 0; i < 8; i++) f64Bytes[i] = bytes[p + i];
  p += 8;
  return f64[0];
}

/** Skips the field with `tag` and returns it as our $unknown entry. */
function readUnknown(tag) {
  const wireType = tag & 7;
  const no = tag >>> 3;
  let start = p;
  switch (wireType) {
    case 0:
      readVarint64();
      break;
    case 1:
      p += 8;
      break;
    case 2: {
      const len = readVarint32();
      start = p;
      p += len;
      break;
    }
    case 3:
      skipGroup(no);
      break;
    case 5:
      p += 4;
      break;
    default:
      throw new RangeError(`wire type ${wireType}`);
  }
  if (p > bytes.length) throw new RangeError('truncated field');
  return { no, wireType, data: bytes.slice(start, p) };
}

function skipGroup(no) {
  for (;;) {
    if (p >= bytes.length) throw new RangeError('unterminated group');
    const tag = readVarint32();
    if ((tag & 7) === 4) {
      if (tag >>> 3 !== no) throw new RangeError('mismatched group');
      return;
    }
    readUnknown(tag);
  }
}

function keepUnknown(object, tag) {
  (object.$unknown ??= []).push(readUnknown(tag));
}

function readEnum(names) {
  const n = readVarint32() | 0;
  return n >= 0 && n < names.length ? names[n] : n;
}

function readTimestamp(end) {
  const t = { seconds: 0n, nanos: 0 };
  while (p < end) {
    const tag = readVarint32();
    if (tag === 0x08) t.seconds = readInt64();
    else if (tag === 0x10) t.nanos = readVarint32() | 0;
    else keepUnknown(t, tag);
  }
  return t;
}

function readRepl(end) {
  const r = { id: '', language: '', bucket: '', slug: '', user: '', sourceRepl: '' };
  while (p < end) {
    const tag = readVarint32();
    switch (tag) {
      case 0x0a: r.id = readString(); break;
      case 0x12: r.language = readString(); break;
      case 0x1a: r.bucket = readString(); break;
      case 0x22: r.slug = readString(); break;
      case 0x2a: r.user = readString(); break;
      case 0x32: r.sourceRepl = readString(); break;
      default: keepUnknown(r, tag);
    }
  }
  return r;
}

function readPair(end, second) {
  const r = { id: '', [second]: '' };
  while (p < end) {
    const tag = readVarint32();
    if (tag === 0x0a) r.id = readString();
    else if (tag === 0x12) r[second] = readString();
    else keepUnknown(r, tag);
  }
  return r;
}

function readResourceLimits(end) {
  const r = { net: false, memory: 0n, threads: 0, shares: 0, disk: 0n };
  while (p < end) {
    const tag = readVarint32();
    switch (tag) {
      case 0x08: r.net = readVarint64() !== 0 || hiWord !== 0; break;
      case 0x10: r.memory = readInt64(); break;
      case 0x19: r.threads = readDouble(); break;
      case 0x21: r.shares = readDouble(); break;
      case 0x28: r.disk = readInt64(); break;
      default: keepUnknown(r, tag);
    }
  }
  return r;
}

function readPresenced(end) {
  const r = { bearerID: 0, bearerName: '' };
  while (p < end) {
    const tag = readVarint32();
    if (tag === 0x08) r.bearerID = readVarint64();
    else if (tag === 0x12) r.bearerName = readString();
    else keepUnknown(r, tag);
  }
  return r;
}

/** The end of the length-delimited field that starts at `p`. */
function messageEnd() {
  const len = readVarint32();
  const end = p + len;
  if (end > bytes.length) throw new RangeError('truncated message');
  return end;
}

/** Protobuf bytes → ReplToken in our object model. */
export function decodeReplToken(input) {
  bytes = input;
  text = undefined;
  p = 0;
  const t = {
    iat: undefined,
    exp: undefined,
    salt: '',
    cluster: '',
    persistence: 'PERSISTENT',
    metadata: { case: undefined },
    resourceLimits: undefined,
    format: 'PROTOBUF',
    presenced: undefined,
    flags: [],
  };
  const end = input.length;
  while (p < end) {
    const tag = readVarint32();
    switch (tag) {
      case 0x0a: t.iat = readTimestamp(messageEnd()); break;
      case 0x12: t.exp = readTimestamp(messageEnd()); break;
      case 0x1a: t.salt = readString(); break;
      case 0x22: t.cluster = readString(); break;
      case 0x30: t.persistence = readEnum(PERSISTENCE); break;
      case 0x3a: t.metadata = { case: 'repl', value: readRepl(messageEnd()) }; break;
      case 0x42: t.metadata = { case: 'id', value: readPair(messageEnd(), 'sourceRepl') }; break;
      case 0x4a: t.metadata = { case: 'classroom', value: readPair(messageEnd(), 'language') }; break;
      case 0x52: t.resourceLimits = readResourceLimits(messageEnd()); break;
      case 0x60: t.format = readEnum(WIRE_FORMAT); break;
      case 0x6a: t.presenced = readPresenced(messageEnd()); break;
      case 0x72: t.flags.push(readString()); break;
      default: keepUnknown(t, tag);
    }
  }
  bytes = undefined;
  text = undefined;
  return t;
}

/** Protobuf bytes → GovalSigningAuthority (the token footer) in our object model. */
export function decodeGovalSigningAuthority(input) {
  bytes = input;
  text = undefined;
  p = 0;
  const a = { cert: { case: undefined }, version: 'BARE_REPL_TOKEN', issuer: '' };
  while (p < input.length) {
    const tag = readVarint32();
    switch (tag) {
      case 0x0a: a.cert = { case: 'keyId', value: readString() }; break;
      case 0x12: a.cert = { case: 'signedCert', value: readString() }; break;
      case 0x18: a.version = readEnum(TOKEN_VERSION); break;
      case 0x22: a.issuer = readString(); break;
      default: keepUnknown(a, tag);
    }
  }
  bytes = undefined;
  text = undefined;
  return a;
}

// ---------------------------------------------------------------- tokens ----

/** Both base64 alphabets (standard and URL-safe) → 6-bit values; 255 for other bytes. */
const BASE64 = new Uint8Array(256).fill(255);
for (let i = 0; i < 64; i++) {
  BASE64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
}
BASE64[45] = 62; // -
BASE64[95] = 63; // _

function bad() {
  throw new RangeError('bad base64');
}

/** Decodes base64 text (either alphabet, padding optional): where no native decoder exists. */
function base64FromString(s) {
  let length = s.length;
  while (length > 0 && s.charCodeAt(length - 1) === 61) length--;
  if (length % 4 === 1) bad();
  const out = new Uint8Array((length * 3) >>> 2);
  const full = length & ~3;
  let o = 0;
  let i = 0;
  let chars = 0; // every char code OR-ed: above 255 means a non-Latin-1 char
  let values = 0; // every 6-bit value OR-ed: above 63 means a char outside the alphabet
  for (; i < full; i += 4) {
    const ca = s.charCodeAt(i);
    const cb = s.charCodeAt(i + 1);
    const cc = s.charCodeAt(i + 2);
    const cd = s.charCodeAt(i + 3);
    chars |= ca | cb | cc | cd;
    const a = BASE64[ca & 255];
    const b = BASE64[cb & 255];
    const c = BASE64[cc & 255];
    const d = BASE64[cd & 255];
    values |= a | b | c | d;
    out[o++] = (a << 2) | (b >> 4);
    out[o++] = ((b & 15) << 4) | (c >> 2);
    out[o++] = ((c & 3) << 6) | d;
  }
  if (i < length) {
    const ca = s.charCodeAt(i);
    const cb = s.charCodeAt(i + 1);
    const cc = length - i === 3 ? s.charCodeAt(i + 2) : 65;
    chars |= ca | cb | cc;
    const a = BASE64[ca & 255];
    const b = BASE64[cb & 255];
    const c = BASE64[cc & 255];
    values |= a | b | c;
    out[o++] = (a << 2) | (b >> 4);
    if (length - i === 3) out[o++] = ((b & 15) << 4) | (c >> 2);
  }
  if (chars > 255 || values > 63) bad();
  return out;
}

function latin1(b) {
  return wholeLatin1(b);
}

/** base64 (either alphabet) → bytes with the runtime's native decoder where it has one. */
const fromBase64 =
  typeof NodeBuffer === 'function'
    ? (text, url) => NodeBuffer.from(text, url ? 'base64url' : 'base64')
    : typeof Uint8Array.fromBase64 === 'function'
      ? (text, url) => Uint8Array.fromBase64(text, url ? { alphabet: 'base64url' } : undefined)
      : (text) => base64FromString(text);

/**
 * Takes a v2.public repl token apart without checking the signature, as our parseToken
 * does: base64url payload = base64 text of the ReplToken + 64-byte signature; the footer is
 * base64url of the base64 text of a GovalSigningAuthority. base64 with the runtime's native
 * decoder (Buffer in Node, Uint8Array.fromBase64 in browsers that have it), else the table
 * decoder above.
 */
export function parseToken(input) {
  const parts = input.split('.');
  if (parts.length < 3 || parts.length > 4 || parts[0] !== 'v2' || parts[1] !== 'public') {
    throw new Error('not a v2.public token');
  }
  const payload = fromBase64(parts[2], true);
  const n = payload.length - 64;
  if (n < 0) throw new Error('payload too short');
  const messageBase64 = latin1(payload.subarray(0, n));
  const message = decodeReplToken(fromBase64(messageBase64, false));
  let footer;
  let footerBase64 = '';
  if (parts.length === 4) {
    footerBase64 = latin1(fromBase64(parts[3], true));
    footer = decodeGovalSigningAuthority(fromBase64(footerBase64, false));
  }
  return {
    version: 'v2',
    purpose: 'public',
    message,
    footer,
    signature: new Uint8Array(payload.subarray(n)),
    messageBase64,
    footerBase64,
    token: input,
  };
}
