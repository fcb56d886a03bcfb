// The JS half of the codec: plain objects ⇄ the flat description that the wasm core reads
// and writes (layout in src/codec/mod.rs). Each direction walks the object model once and
// crosses into wasm once. The field tables come from the wasm module, which generated them
// from proto/ at build time.

import { DecodeError, EncodeError, GovalTokenError } from './errors.js';

const TWO_32 = 4294967296;
const NON_ASCII = 0x80000000;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const DEFAULT_MAX_BYTES = 1 << 20;
const DEFAULT_MAX_DEPTH = 64;
const TIMESTAMP = 'google.protobuf.Timestamp';
const WIRE_TYPES = [0, 1, 2, 3, 5];
const SIGNED_64 = new Set(['int64', 'sint64', 'sfixed64']);
const UNSIGNED_64 = new Set(['uint64', 'fixed64']);

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();
const scratch = new DataView(new ArrayBuffer(8));

/**
 * Builds the codec over an initialised wasm-bindgen module (`wasm`: its JS functions,
 * `exports`: the raw instance exports, for `memory`) and the generated per-message code.
 */
export function createCodec(wasm, exports, generated) {
  const schema = JSON.parse(wasm.schema());
  for (const [index, message] of schema.messages.entries()) {
    message.index = index;
    message.isTimestamp = message.fullName === TIMESTAMP;
    message.keys = new Set(['$unknown', ...message.oneofs]);
    for (const field of message.fields) {
      if (field.oneof === null) message.keys.add(field.name);
      if (field.kind === 'message') field.message = schema.messages[field.target];
      if (field.kind === 'enum') field.enum = schema.enums[field.target];
    }
    message.oneofSlots = message.oneofs.map((name, o) => ({
      oneof: name,
      members: message.fields.filter((f) => f.oneof === o),
    }));
    message.slots = message.layout.map((slot) =>
      slot.field !== undefined ? { field: message.fields[slot.field] } : message.oneofSlots[slot.oneof],
    );
  }
  for (const e of schema.enums) {
    e.byNumber = new Map(e.values.map(([name, number]) => [number, name]));
    e.byName = new Map(e.values);
  }
  const byName = new Map(schema.messages.map((m) => [m.name, m]));

  const latin1 = latin1Reader();

  // Views of wasm memory, renewed whenever memory grows (which detaches the old buffer).
  let memoryWords = new Uint32Array(exports.memory.buffer);
  let memoryBytes = new Uint8Array(exports.memory.buffer);
  function views() {
    // Growing wasm memory detaches the old buffer, whose views then have length 0.
    if (memoryBytes.byteLength === 0) {
      memoryWords = new Uint32Array(exports.memory.buffer);
      memoryBytes = new Uint8Array(exports.memory.buffer);
    }
  }

  // ---- decode: flat description → object ----

  function decode(message, bytes, options) {
    if (!(bytes instanceof Uint8Array)) {
      throw new DecodeError(`expected a Uint8Array, got ${describe(bytes)}`);
    }
    const { maxBytes, maxDepth } = options === undefined ? DEFAULT_OPTIONS : decodeOptions(options);
    if (bytes.length > maxBytes) {
      // Checked before the copy into wasm memory, which never shrinks; worded by the core.
      throw coreError([10, 1, bytes.length, 0, maxBytes, 0, 0], DecodeError);
    }
    const input = wasm.scratch_input(bytes.length);
    views();
    memoryBytes.set(bytes, input);
    const at = wasm.decode_scratch(message.index, maxBytes, maxDepth) >>> 2;
    views();
    const words = memoryWords;
    if (words[at + 1] !== 0) throw coreError(words.slice(at + 1, at + words[at]), DecodeError);
    // Read straight from wasm memory: nothing calls into wasm until the object is built.
    return generatedCode.read[message.index]({ w: words, p: at + 2, bytes, text: undefined });
  }

  const helpers = {
    readString(r) {
      const start = r.w[r.p];
      const len = r.w[r.p + 1];
      r.p += 2;
      if (len === 0) return '';
      if (len & NON_ASCII) return utf8Decoder.decode(r.bytes.subarray(start, start + (len & ~NON_ASCII)));
      // One latin1 string of the whole input, then substrings: in Chromium that beats a
      // decoder call or a char-by-char build per string, even for short ones.
      if (r.text === undefined) r.text = latin1(r.bytes);
      return r.text.substring(start, start + len);
    },
    readBytes(r) {
      const start = r.w[r.p];
      const len = r.w[r.p + 1] & ~NON_ASCII;
      r.p += 2;
      return r.bytes.slice(start, start + len);
    },
    readFloat(r) {
      scratch.setUint32(0, r.w[r.p++], true);
      return scratch.getFloat32(0, true);
    },
    readDouble(r) {
      scratch.setUint32(0, r.w[r.p], true);
      scratch.setUint32(4, r.w[r.p + 1], true);
      r.p += 2;
      return scratch.getFloat64(0, true);
    },
    readInt64(r) {
      const value = int64FromWords(r.w[r.p], r.w[r.p + 1]);
      r.p += 2;
      return value;
    },
    readUint64(r) {
      const value = uint64FromWords(r.w[r.p], r.w[r.p + 1]);
      r.p += 2;
      return value;
    },
    readUnknown(r, count) {
      const unknown = new Array(count);
      for (let i = 0; i < count; i++) {
        const w = r.w;
        const p = r.p;
        unknown[i] = { no: w[p], wireType: w[p + 1], data: r.bytes.slice(w[p + 2], w[p + 2] + w[p + 3]) };
        r.p = p + 4;
      }
      return unknown;
    },
    corrupt() {
      return new GovalTokenError('internal error: malformed flat description');
    },

    unknownKey(messageIndex, key) {
      const message = schema.messages[messageIndex];
      const suggestion = nearest(key, message.keys);
      fail(key, suggestion ? `unknown field, did you mean ${suggestion}?` : `unknown field of ${message.name}`);
    },
    checkNanos(nanos) {
      if (nanos !== undefined && (!Number.isInteger(nanos) || nanos < 0 || nanos > 999999999)) {
        fail('nanos', `expected an integer in 0..999999999, got ${describe(nanos)}`);
      }
    },
    writeString(value, key) {
      if (value === undefined) return out.word2(0, 0);
      if (typeof value !== 'string') fail(key, `expected a string, got ${describe(value)}`);
      if (!out.string(value)) {
        fail(key, `the string has a lone surrogate at index ${loneSurrogateIndex(value)}, which UTF-8 cannot encode`);
      }
    },
    writeBytes(value, key) {
      if (value === undefined) return out.word2(0, 0);
      if (!(value instanceof Uint8Array)) fail(key, `expected a Uint8Array, got ${describe(value)}`);
      out.bytesOf(value);
    },
    writeBool(value, key) {
      if (value === undefined) return out.word(0);
      if (typeof value !== 'boolean') fail(key, `expected a boolean, got ${describe(value)}`);
      out.word(value ? 1 : 0);
    },
    writeInt32(value, key) {
      if (value === undefined) return out.word(0);
      if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
        fail(key, `expected an integer in -2147483648..2147483647, got ${describe(value)}`);
      }
      out.word(value >>> 0);
    },
    writeUint32(value, key) {
      if (value === undefined) return out.word(0);
      if (!Number.isInteger(value) || value < 0 || value > 4294967295) {
        fail(key, `expected an integer in 0..4294967295, got ${describe(value)}`);
      }
      out.word(value);
    },
    writeFloat(value, key) {
      if (value === undefined) return out.word(0);
      if (typeof value !== 'number') fail(key, `expected a number, got ${describe(value)}`);
      scratch.setFloat32(0, value, true);
      out.word(scratch.getUint32(0, true));
    },
    writeDouble(value, key) {
      if (value === undefined) return out.word2(0, 0);
      if (typeof value !== 'number') fail(key, `expected a number, got ${describe(value)}`);
      scratch.setFloat64(0, value, true);
      out.word2(scratch.getUint32(0, true), scratch.getUint32(4, true));
    },
    writeInt64(value, signed, key) {
      if (value === undefined) return out.word2(0, 0);
      writeInt64(toInt64(value, signed, key));
    },
    writeEnum(field, value, key) {
      out.word(enumNumber(field.enum, value, key));
    },
    writeMessage(field, writer, value, key) {
      if (value === undefined) return out.word(0);
      if (field.message.isTimestamp && (value instanceof Date || typeof value === 'string')) {
        out.word(1);
        return writeTimestampFields(timestampFromInput(value, key));
      }
      if (!isPlainObject(value)) fail(key, `expected ${expected(field)}, got ${describe(value)}`);
      out.word(1);
      path.push(key);
      writer(value);
      path.pop();
    },
    writeRepeated,
    writeOneof,
    writeUnknown,
  };
  const generatedCode = generated(helpers, schema);

  // ---- encode: object → flat description ----

  const out = new FlatWriter();
  /** The field path of the value being written, for error messages. */
  const path = [];

  function encode(message, value) {
    out.reset();
    path.length = 0;
    if (message.isTimestamp && (value instanceof Date || typeof value === 'string')) {
      writeTimestampFields(timestampFromInput(value, undefined));
    } else {
      if (!isPlainObject(value)) {
        fail(undefined, `expected a plain object for ${message.name}, got ${describe(value)}`);
      }
      generatedCode.write[message.index](value);
    }
    const words = wasm.scratch_words(out.wordCount) >>> 2;
    const input = wasm.scratch_input(out.byteCount);
    views();
    memoryWords.set(out.words.subarray(0, out.wordCount), words);
    memoryBytes.set(out.bytes.subarray(0, out.byteCount), input);
    const length = wasm.encode_scratch(message.index);
    if (length < 0) throw coreError(wasm.last_error(), EncodeError);
    const at = wasm.scratch_output();
    views();
    return pool.take(memoryBytes, at, length);
  }

  function fail(key, detail) {
    throw new EncodeError(detail, { path: pathString(key) });
  }

  function pathString(key) {
    let s = '';
    for (const segment of key === undefined ? path : [...path, key]) {
      if (typeof segment === 'number') s += `[${segment}]`;
      else s += s === '' ? segment : `.${segment}`;
    }
    return s;
  }

  function writeRepeated(field, value) {
    if (value === undefined) {
      out.word(0);
      return;
    }
    if (!Array.isArray(value)) fail(field.name, `expected an array, got ${describe(value)}`);
    out.word(value.length);
    path.push(field.name);
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) fail(i, `expected ${expected(field)}, got undefined`);
      writeValue(field, value[i], i);
    }
    path.pop();
  }

  function writeOneof(slot, value) {
    if (value === undefined) {
      out.word(0);
      return;
    }
    if (!isPlainObject(value)) {
      fail(slot.oneof, `expected { case, value }, got ${describe(value)}`);
    }
    for (const key in value) {
      if (key !== 'case' && key !== 'value') fail(slot.oneof, `unexpected key "${key}": a oneof is { case, value }`);
    }
    const c = value.case;
    const cases = () => slot.members.map((m) => `"${m.name}"`).join(', ');
    if (c === undefined) {
      if (value.value !== undefined) fail(slot.oneof, `has a value but no case; case must be one of ${cases()}`);
      out.word(0);
      return;
    }
    let index = 0;
    while (index < slot.members.length && slot.members[index].name !== c) index++;
    if (index === slot.members.length) {
      fail(`${slot.oneof}.case`, `unknown case ${describe(c)}, expected one of ${cases()} or undefined`);
    }
    const member = slot.members[index];
    if (value.value === undefined) fail(`${slot.oneof}.value`, `expected ${expected(member)} for case "${c}"`);
    out.word(index + 1);
    path.push(slot.oneof);
    writeValue(member, value.value, 'value');
    path.pop();
  }

  function writeUnknown(value) {
    if (value === undefined) {
      out.word(0);
      return;
    }
    if (!Array.isArray(value)) fail('$unknown', `expected an array of { no, wireType, data }, got ${describe(value)}`);
    out.word(value.length);
    path.push('$unknown');
    for (let i = 0; i < value.length; i++) {
      const entry = value[i];
      if (!isPlainObject(entry)) fail(i, `expected { no, wireType, data }, got ${describe(entry)}`);
      for (const key in entry) {
        if (key !== 'no' && key !== 'wireType' && key !== 'data') fail(i, `unexpected key "${key}" in an unknown field`);
      }
      const { no, wireType, data } = entry;
      if (!Number.isInteger(no) || no < 1 || no > 536870911) {
        fail(i, `no must be a field number in 1..536870911, got ${describe(no)}`);
      }
      if (!WIRE_TYPES.includes(wireType)) fail(i, `wireType must be one of 0, 1, 2, 3, 5, got ${describe(wireType)}`);
      if (!(data instanceof Uint8Array)) fail(i, `data must be a Uint8Array, got ${describe(data)}`);
      out.word(no);
      out.word(wireType);
      out.bytesOf(data);
    }
    path.pop();
  }

  /** Writes one element of a repeated field or one oneof member, by its kind. */
  function writeValue(field, value, key) {
    switch (field.kind) {
      case 'string':
        return helpers.writeString(value, key);
      case 'bytes':
        return helpers.writeBytes(value, key);
      case 'message':
        return helpers.writeMessage(field, generatedCode.write[field.target], value, key);
      case 'bool':
        return helpers.writeBool(value, key);
      case 'enum':
        return helpers.writeEnum(field, value, key);
      case 'int32':
      case 'sint32':
      case 'sfixed32':
        return helpers.writeInt32(value, key);
      case 'uint32':
      case 'fixed32':
        return helpers.writeUint32(value, key);
      case 'float':
        return helpers.writeFloat(value, key);
      case 'double':
        return helpers.writeDouble(value, key);
      default:
        return helpers.writeInt64(value, SIGNED_64.has(field.kind), key);
    }
  }

  function writeInt64(value) {
    if (typeof value === 'number') {
      const high = Math.floor(value / TWO_32);
      return out.word2(value - high * TWO_32, high >>> 0);
    }
    return out.word2(Number(BigInt.asUintN(32, value)), Number(BigInt.asUintN(32, value >> 32n)));
  }

  /** A safe-integer number (kept as a number, it is cheaper) or a bigint, range-checked. */
  function toInt64(value, signed, key) {
    if (typeof value === 'number' && Number.isSafeInteger(value) && (signed || value >= 0)) return value;
    const range = signed ? '-9223372036854775808..9223372036854775807' : '0..18446744073709551615';
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        fail(key, `expected a safe integer, a bigint or a decimal string, got ${describe(value)}`);
      }
      fail(key, `expected an integer in ${range}, got ${value}`);
    }
    let big = value;
    if (typeof value === 'string') {
      if (!(signed ? /^-?[0-9]+$/ : /^[0-9]+$/).test(value)) {
        fail(key, `expected a decimal integer string, got ${describe(value)}`);
      }
      big = BigInt(value);
    } else if (typeof value !== 'bigint') {
      fail(key, `expected a bigint, a safe integer or a decimal string, got ${describe(value)}`);
    }
    if (signed ? big < INT64_MIN || big > INT64_MAX : big < 0n || big > UINT64_MAX) {
      fail(key, `expected an integer in ${range}, got ${describe(value)}`);
    }
    // Small bigints are written as numbers, which is cheaper.
    return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
  }

  function enumNumber(e, value, key) {
    if (value === undefined) return 0;
    if (typeof value === 'string') {
      const number = e.byName.get(value);
      if (number === undefined) {
        const names = e.values.map(([name]) => `"${name}"`).join(', ');
        fail(key, `unknown ${e.name} name ${describe(value)}, expected one of ${names} or a number`);
      }
      return number >>> 0;
    }
    if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
      fail(key, `expected a ${e.name} name or an int32 number, got ${describe(value)}`);
    }
    return value >>> 0;
  }

  function writeTimestampFields({ seconds, nanos }) {
    writeInt64(seconds);
    out.word(nanos);
    out.word(0); // no unknown fields
  }

  /** A Date or an RFC 3339 string as `{ seconds, nanos }` (seconds a number). */
  function timestampFromInput(value, key) {
    if (value instanceof Date) {
      const ms = value.getTime();
      if (Number.isNaN(ms)) fail(key, 'the Date is invalid');
      const seconds = Math.floor(ms / 1000);
      return { seconds, nanos: (ms - seconds * 1000) * 1e6 };
    }
    const parsed = parseRfc3339(value);
    if (typeof parsed === 'string') fail(key, `${parsed}: ${describe(value)}`);
    return parsed;
  }

  // ---- Timestamp helpers ----

  function timestampFromDate(date) {
    if (!(date instanceof Date)) {
      throw new EncodeError(`timestampFromDate expects a Date, got ${describe(date)}`);
    }
    path.length = 0;
    const { seconds, nanos } = timestampFromInput(date, undefined);
    return { seconds: BigInt(seconds), nanos };
  }

  function timestampToDate(ts) {
    const t = decode(byName.get('Timestamp'), encode(byName.get('Timestamp'), ts));
    const ms = Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6);
    const date = new Date(ms);
    if (Number.isNaN(date.getTime())) {
      throw new EncodeError(`seconds ${t.seconds} is outside the range of a Date`, { path: 'seconds' });
    }
    return date;
  }

  function timestampNow() {
    return timestampFromDate(new Date());
  }

  /** The error that error words (src/wasm.rs) starting at `at` describe. */
  function coreError(words, ErrorClass, at = 0) {
    const w = (i) => words[at + i];
    const text = wasm
      .error_text(w(0))
      .replace('{a}', String(w(2) + w(3) * TWO_32))
      .replace('{b}', String(w(4) + w(5) * TWO_32));
    const segments = [];
    for (let i = 0; i < w(6); i++) {
      const tag = w(7 + 2 * i);
      const value = w(8 + 2 * i);
      if (tag === 0) segments.push(schema.messages[value >>> 16].fields[value & 0xffff].name);
      else if (tag === 1) segments.push(value);
      else if (tag === 2) segments.push(`#${value}`);
      else segments.push('$unknown');
    }
    path.length = 0;
    path.push(...segments);
    const info = { path: pathString(undefined) };
    if (w(1) !== 0) info.offset = w(1) - 1;
    return new ErrorClass(text, info);
  }

  /** Builds `message` from a flat description at `words[pos]` over `bytes`. */
  function materialize(message, words, pos, bytes) {
    const reader = { w: words, p: pos, bytes, text: undefined };
    const object = generatedCode.read[message.index](reader);
    return { object, end: reader.p };
  }

  function randomSalt() {
    const salt = wasm.random_salt();
    if (salt === undefined) throw new GovalTokenError('no secure random source (crypto.getRandomValues) is available');
    return salt;
  }

  return {
    schema,
    message: (name) => byName.get(name),
    encode,
    decode,
    materialize,
    coreError,
    timestampFromDate,
    timestampToDate,
    timestampNow,
    randomSalt,
  };
}

const DEFAULT_OPTIONS = { maxBytes: DEFAULT_MAX_BYTES, maxDepth: DEFAULT_MAX_DEPTH };

/**
 * Encode results are cut from shared 8 KiB buffers, as Node's Buffer pool does: allocating
 * a fresh ArrayBuffer per call would cost more than the encoding. Two results may share an
 * `ArrayBuffer`; `bytes.slice()` gives one of its own.
 */
class OutputPool {
  constructor() {
    this.buffer = new ArrayBuffer(8192);
    this.offset = 0;
  }

  take(source, at, length) {
    if (length > 1024) return source.slice(at, at + length);
    if (this.offset + length > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(8192);
      this.offset = 0;
    }
    const bytes = new Uint8Array(this.buffer, this.offset, length);
    bytes.set(source.subarray(at, at + length));
    this.offset = (this.offset + length + 7) & ~7;
    return bytes;
  }
}
const pool = new OutputPool();

/** Checks decode options that were given (`decode` uses DEFAULT_OPTIONS for none). */
function decodeOptions(options) {
  if (!isPlainObject(options)) throw new DecodeError(`options must be an object, got ${describe(options)}`);
  for (const key in options) {
    if (key !== 'maxBytes' && key !== 'maxDepth') {
      throw new DecodeError(`unknown option "${key}" (known: maxBytes, maxDepth)`, { path: 'options' });
    }
  }
  const { maxBytes = DEFAULT_MAX_BYTES, maxDepth = DEFAULT_MAX_DEPTH } = options;
  if (!Number.isInteger(maxBytes) || maxBytes < 0 || maxBytes > 0x7fffffff) {
    throw new DecodeError(`expected an integer in 0..2147483647, got ${describe(maxBytes)}`, { path: 'options.maxBytes' });
  }
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > 100) {
    throw new DecodeError(`expected an integer in 1..100, got ${describe(maxDepth)}`, { path: 'options.maxDepth' });
  }
  return { maxBytes, maxDepth };
}

/** Growable word and byte buffers, reused across calls. */
class FlatWriter {
  constructor() {
    this.words = new Uint32Array(256);
    this.bytes = new Uint8Array(1024);
    this.wordCount = 0;
    this.byteCount = 0;
  }

  reset() {
    this.wordCount = 0;
    this.byteCount = 0;
  }

  word(w) {
    if (this.wordCount === this.words.length) this.growWords();
    this.words[this.wordCount++] = w;
  }

  word2(a, b) {
    if (this.wordCount + 2 > this.words.length) this.growWords();
    this.words[this.wordCount++] = a;
    this.words[this.wordCount++] = b;
  }

  growWords() {
    const words = new Uint32Array(this.words.length * 2);
    words.set(this.words);
    this.words = words;
  }

  reserveBytes(n) {
    if (this.byteCount + n <= this.bytes.length) return;
    const bytes = new Uint8Array(Math.max(this.bytes.length * 2, this.byteCount + n));
    bytes.set(this.bytes.subarray(0, this.byteCount));
    this.bytes = bytes;
  }

  bytesOf(data) {
    this.reserveBytes(data.length);
    this.bytes.set(data, this.byteCount);
    this.word2(this.byteCount, data.length);
    this.byteCount += data.length;
  }

  /** Writes a string as UTF-8; false when it has a lone surrogate. */
  string(s) {
    const start = this.byteCount;
    this.reserveBytes(s.length);
    const bytes = this.bytes;
    let i = 0;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      bytes[start + i] = c;
    }
    let end = start + i;
    if (i < s.length) {
      const rest = s.substring(i);
      if (!isWellFormed(rest)) return false;
      // Count the ASCII head as written, so that growing the buffer copies it too.
      this.byteCount = end;
      this.reserveBytes(rest.length * 3);
      end += utf8Encoder.encodeInto(rest, this.bytes.subarray(end)).written;
    }
    this.word2(start, end - start);
    this.byteCount = end;
    return true;
  }
}

function isWellFormed(s) {
  return typeof s.isWellFormed === 'function' ? s.isWellFormed() : loneSurrogateIndex(s) < 0;
}

function loneSurrogateIndex(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return i;
    }
  }
  return -1;
}

function int64FromWords(low, high) {
  // Exact as a double while |value| < 2^53.
  if (high < 0x200000 || high >= 0xffe00000) return BigInt((high | 0) * TWO_32 + low);
  return BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low));
}

function uint64FromWords(low, high) {
  if (high < 0x200000) return BigInt(high * TWO_32 + low);
  return (BigInt(high) << 32n) | BigInt(low);
}

/** A function that turns all of a byte array into a string of one char per byte. */
export function latin1Reader() {
  const NodeBuffer = globalThis.Buffer;
  if (typeof NodeBuffer === 'function' && typeof NodeBuffer.prototype.latin1Slice === 'function') {
    return (bytes) => NodeBuffer.prototype.latin1Slice.call(bytes, 0, bytes.length);
  }
  const decoder = new TextDecoder('latin1');
  return (bytes) => decoder.decode(bytes);
}

export function isPlainObject(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

export function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return describeString(value);
    case 'bigint':
      return `${value}n`;
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'object': {
      if (isPlainObject(value)) return 'an object';
      const name = value.constructor?.name;
      return name ? `a ${name}` : 'an object';
    }
    default:
      return `a ${typeof value}`;
  }
}

// Prefixes that say what a string is without revealing any of its secret part.
const SAFE_PREFIXES = ['k2.secret.', 'k2.public.', 'v2.public.', 'v2.local.', '-----BEGIN'];

/**
 * A string by its length (and a recognisable prefix), never its text: a caller who swaps
 * arguments may pass a secret key where a message was expected, and error messages end up
 * in logs.
 */
function describeString(value) {
  if (value === '') return 'an empty string';
  const prefix = SAFE_PREFIXES.find((p) => value.startsWith(p));
  const length = `${value.length} character${value.length === 1 ? '' : 's'}`;
  return prefix === undefined ? `a string of ${length}` : `a string of ${length} starting "${prefix}"`;
}

function expected(field) {
  if (field.kind === 'message') {
    return field.message.isTimestamp
      ? 'a Timestamp object, a Date or an RFC 3339 string'
      : `a ${field.message.name} object`;
  }
  return field.kind === 'string' ? 'a string' : `a ${field.kind}`;
}

/** The closest known key, for "did you mean" hints. */
export function nearest(key, known) {
  let best;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits, for years 0001 to 9999; `undefined`
 * outside them.
 */
export function formatRfc3339(seconds, nanos) {
  const ms = Number(seconds) * 1000;
  if (!(ms >= -62135596800000 && ms <= 253402300799000)) return undefined;
  let fraction = '';
  if (nanos !== 0) {
    const digits = String(nanos).padStart(9, '0');
    fraction = `.${nanos % 1e6 === 0 ? digits.slice(0, 3) : nanos % 1e3 === 0 ? digits.slice(0, 6) : digits}`;
  }
  // toISOString writes years 0000-9999 with four digits and always three fraction digits.
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `${fraction}Z`);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** `{ seconds, nanos }` of an RFC 3339 date-time, or a string saying what is wrong. */
export function parseRfc3339(text) {
  const m = RFC3339.exec(text);
  if (!m) return 'expected an RFC 3339 date-time such as "2024-01-02T03:04:05.678Z"';
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 ? (leap ? 29 : 28) : daysInMonth;
  if (month < 1 || month > 12 || day < 1 || day > maxDay || hour > 23 || minute > 59 || second > 59) {
    return 'the date or time is out of range';
  }
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return 'the UTC offset is out of range';
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const seconds = date.getTime() / 1000 - offsetMinutes * 60;
  const nanos = m[7] === undefined ? 0 : Number(m[7].padEnd(9, '0'));
  return { seconds, nanos };
}
