// The walk between plain objects and the flat description (src/codec/mod.rs has its
// layout): the helpers that the generated per-message readers and writers (js/gen/codec.js)
// call, with every check of a JS value and every EncodeError's wording; and the entry
// points the generated API calls. Bytes are parsed only in the wasm core.

import {
  asciiText,
  beginEncode,
  coreError,
  decodeBytes,
  finishEncode,
  flushStrings,
  finishValidate,
  loneSurrogateIndex,
  word,
  wordPair,
  writeAsciiOrUtf8,
  writeByteArray,
} from './boundary.js';
import { DecodeError, EncodeError, GovalTokenError } from '../errors.js';
import { hasOwn, isPlainObject, ownValue, plainPrototype } from '../lib/object.js';
import { readOptions } from '../lib/options.js';
import { describe, nearest } from '../lib/text.js';
import { parseRfc3339 } from '../lib/time.js';
import {
  CODEC_ERROR,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  MAX_DEPTH_LIMIT,
  MAX_FIELD_NUMBER,
  MESSAGE_NAMES,
  NON_ASCII,
  TIMESTAMP_MESSAGE,
} from '../gen/constants.js';

const TWO_32 = 4294967296;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const WIRE_TYPES = [0, 1, 2, 3, 5];
const DEFAULT_OPTIONS = { maxBytes: DEFAULT_MAX_BYTES, maxDepth: DEFAULT_MAX_DEPTH };
const DECODE_OPTIONS = ['maxBytes', 'maxDepth'];

// ignoreBOM: a leading U+FEFF is part of the string as signed, not a byte-order mark to drop.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const scratch = new DataView(new ArrayBuffer(8));

// ---- the generated API's entry points ----

/** `message`: the index of the message; `write`: its generated writer. */
export function encodeMessage(message, write, value) {
  writeTop(message, write, value);
  return finishEncode(message);
}

/**
 * The object model of any input form of a message, checked exactly as encode checks it, in
 * one wasm call and without protobuf bytes: the generated writer lays it out, the core
 * checks that, and the generated reader reads the same flat description back.
 */
export function normalize(message, write, read, value) {
  writeTop(message, write, value);
  return read(finishValidate(message));
}

/** Whether a walk is writing into the shared buffers (a getter may call back into us). */
let walking = false;

/** Writes a top-level value of a message (a Timestamp also as a Date or RFC 3339 string). */
function writeTop(message, write, value) {
  if (walking) {
    throw new GovalTokenError('encode… or …ToJson was called from inside a value being encoded (a getter); call it before or after', { code: 'ERR_REENTRANT_CALL' });
  }
  walking = true;
  try {
    writeTopWalk(message, write, value, true);
    flushStrings();
  } catch {
    // Strings are checked when written, after the walk (js/codec/boundary.js): walk again string
    // by string, which throws the error of the first bad value in layout order.
    writeTopWalk(message, write, value, false);
  } finally {
    walking = false;
  }
}

function writeTopWalk(message, write, value, batch) {
  beginEncode(batch);
  path.length = 0;
  objectPrototypeEnumerable = hasEnumerableKey(Object.prototype);
  if (message === TIMESTAMP_MESSAGE && (value instanceof Date || typeof value === 'string')) {
    writeTimeFields(timeFromInput(value, undefined));
    return;
  }
  const proto = plainPrototype(value);
  if (proto === undefined) {
    fail(undefined, `expected a plain object for ${MESSAGE_NAMES[message]}, got ${describe(value)}`);
  }
  write(value, inheritsKeys(proto));
}

/** `read`: the message's generated reader. */
export function decodeMessage(message, read, bytes, options) {
  if (!(bytes instanceof Uint8Array)) {
    throw new DecodeError(`expected a Uint8Array, got ${describe(bytes)}`);
  }
  const { maxBytes, maxDepth } = options === undefined ? DEFAULT_OPTIONS : decodeOptions(options);
  if (bytes.length > maxBytes) {
    // Checked before the copy into wasm memory, which never shrinks.
    throw coreError([0, CODEC_ERROR.TooLarge, 1, bytes.length, 0, maxBytes, 0, 0], 0, DecodeError);
  }
  return read(decodeBytes(message, bytes, maxBytes, maxDepth));
}

/** Checks decode options that were given (own properties only, through the one options reader). */
function decodeOptions(options) {
  const given = readOptions(options, DECODE_OPTIONS, undefined, { ErrorClass: DecodeError, objectPath: '' });
  const maxBytes = given.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = given.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxBytes) || maxBytes < 0 || maxBytes > 0x7fffffff) {
    throw new DecodeError(`expected an integer in 0..2147483647, got ${describe(maxBytes)}`, { path: 'options.maxBytes' });
  }
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
    throw new DecodeError(`expected an integer in 1..${MAX_DEPTH_LIMIT}, got ${describe(maxDepth)}`, { path: 'options.maxDepth' });
  }
  return { maxBytes, maxDepth };
}

// ---- readers: flat description → values ----

export function readString(r) {
  const start = r.w[r.p];
  const len = r.w[r.p + 1];
  r.p += 2;
  if (len === 0) return '';
  if (len & NON_ASCII) return utf8Decoder.decode(r.bytes.subarray(start, start + (len & ~NON_ASCII)));
  // One string of the whole input, then substrings: in Chromium that beats a decoder call
  // or a char-by-char build per string, even for short ones.
  if (r.text === undefined) r.text = asciiText(r);
  return r.text.substring(start, start + len);
}

export function readBytes(r) {
  const start = r.w[r.p];
  const len = r.w[r.p + 1] & ~NON_ASCII;
  r.p += 2;
  return r.bytes.slice(start, start + len);
}

export function readFloat(r) {
  scratch.setUint32(0, r.w[r.p++], true);
  return scratch.getFloat32(0, true);
}

export function readDouble(r) {
  scratch.setUint32(0, r.w[r.p], true);
  scratch.setUint32(4, r.w[r.p + 1], true);
  r.p += 2;
  return scratch.getFloat64(0, true);
}

export function readInt64(r) {
  const low = r.w[r.p];
  const high = r.w[r.p + 1];
  r.p += 2;
  // Exact as a double while |value| < 2^53.
  if (high < 0x200000 || high >= 0xffe00000) return BigInt((high | 0) * TWO_32 + low);
  return BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low));
}

export function readUint64(r) {
  const low = r.w[r.p];
  const high = r.w[r.p + 1];
  r.p += 2;
  if (high < 0x200000) return BigInt(high * TWO_32 + low);
  return (BigInt(high) << 32n) | BigInt(low);
}

export function readUnknown(r, count) {
  const unknown = new Array(count);
  for (let i = 0; i < count; i++) {
    const w = r.w;
    const p = r.p;
    const len = w[p + 3] & ~NON_ASCII;
    unknown[i] = { no: w[p], wireType: w[p + 1], data: r.bytes.slice(w[p + 2], w[p + 2] + len) };
    r.p = p + 4;
  }
  return unknown;
}

/**
 * A map<string, string> field: its entries (each 1, key, value, unknown fields) as an object
 * of strings, keys in the order first seen, the last value of a key repeated on the wire
 * winning (as protobuf's maps do). Unknown fields inside an entry are dropped. Every key an
 * own data property, `__proto__` included: nothing reaches a prototype.
 */
export function readStringMap(r) {
  const count = r.w[r.p++];
  const map = {};
  for (let i = 0; i < count; i++) {
    r.p++; // the entry is present
    const key = readString(r);
    const value = readString(r);
    r.p += 4 * r.w[r.p] + 1; // an entry's unknown fields
    defineEntry(map, key, value);
  }
  return map;
}

/** `map[key] = value` as an own data property, whatever the key (`__proto__`) or Object.prototype's setters. */
export function defineEntry(map, key, value) {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

export function corrupt() {
  return new GovalTokenError('internal error: malformed flat description', { code: 'ERR_INTERNAL' });
}


// ---- writers: values → flat description ----

/** The field path of the value being written, for error messages. */
const path = [];

function fail(key, detail) {
  throw new EncodeError(detail, { path: pathString(key) });
}

/**
 * `resourceLimits.memory`, `flags[2]`, `repl.backerJobMetadata["JOB"]`: the path of the value
 * being written, or `segments` (a map key is a one-element array).
 */
export function pathString(key, segments = path) {
  let s = '';
  for (const segment of key === undefined ? segments : [...segments, key]) {
    if (typeof segment === 'number') s += `[${segment}]`;
    else if (Array.isArray(segment)) s += `[${JSON.stringify(segment[0])}]`;
    else s += s === '' ? segment : `.${segment}`;
  }
  return s;
}

export function endPath() {
  path.pop();
}

/**
 * Whether `for…in` over a plain object with prototype `proto` may list inherited keys: only
 * when `proto` has enumerable keys, that is when Object.prototype has been polluted (checked
 * once per call) or the object comes from another realm or Object.create(nullProtoObject).
 * The generated writers then drop the keys that are not the object's own: an inherited
 * value is never read.
 */
function inheritsKeys(proto) {
  return proto === Object.prototype ? objectPrototypeEnumerable : proto !== null && hasEnumerableKey(proto);
}
let objectPrototypeEnumerable = false;

function hasEnumerableKey(o) {
  for (const _ in o) return true;
  return false;
}

/**
 * `seen` (a generated writer's word of one bit per key, `keys[first]` as bit 0) without the
 * keys that are not `o`'s own: the slow path, for objects whose `for…in` lists inherited keys.
 */
export function ownOnly(o, keys, first, seen) {
  for (let bit = 0; bit < 31 && first + bit < keys.length; bit++) {
    if ((seen & (1 << bit)) !== 0 && !hasOwn(o, keys[first + bit])) seen ^= 1 << bit;
  }
  return seen;
}

/**
 * A key of `o` that is no field: an error when it is `o`'s own (inherited keys are ignored).
 * `members`: the message's oneof members by name, as `[oneof, case]`.
 */
export function unknownKey(o, key, known, messageName, members) {
  if (!hasOwn(o, key)) return;
  // Named only when it looks like a name: a misplaced value (a key, a token) is described.
  if (!looksLikeFieldName(key)) fail(undefined, `unknown field ${describe(key)} of ${messageName} (not a field name)`);
  const member = members?.get(key);
  if (member !== undefined) {
    const [oneof, c] = member;
    fail(key, `${oneof} is a oneof: write ${oneof}: { case: '${c}', value: … }`);
  }
  const suggestion = nearest(key, known);
  fail(key, suggestion ? `unknown field, did you mean ${suggestion}?` : `unknown field of ${messageName}`);
}

const FIELD_NAME = /^[$A-Za-z_][\w$]{0,39}$/;

/** Whether an unknown key may be quoted: a short identifier (no key or token text is one). */
export function looksLikeFieldName(key) {
  return FIELD_NAME.test(key);
}

export function checkNanos(nanos) {
  if (nanos !== undefined && (!Number.isInteger(nanos) || nanos < 0 || nanos > 999999999)) {
    fail('nanos', `expected an integer in 0..999999999, got ${describe(nanos)}`);
  }
}

export function writeString(value, key) {
  if (value === undefined) return wordPair(0, 0);
  if (typeof value !== 'string') fail(key, `expected a string, got ${describe(value)}`);
  if (!writeAsciiOrUtf8(value)) {
    fail(key, `the string has a lone surrogate at index ${loneSurrogateIndex(value)}, which UTF-8 cannot encode`);
  }
}

export function writeBytes(value, key) {
  if (value === undefined) return wordPair(0, 0);
  if (!(value instanceof Uint8Array)) fail(key, `expected a Uint8Array, got ${describe(value)}`);
  writeByteArray(value);
}

export function writeBool(value, key) {
  if (value === undefined) return word(0);
  if (typeof value !== 'boolean') fail(key, `expected a boolean, got ${describe(value)}`);
  word(value ? 1 : 0);
}

export function writeInt32(value, key) {
  if (value === undefined) return word(0);
  if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
    fail(key, `expected an integer in -2147483648..2147483647, got ${describe(value)}`);
  }
  word(value >>> 0);
}

export function writeUint32(value, key) {
  if (value === undefined) return word(0);
  if (!Number.isInteger(value) || value < 0 || value > 4294967295) {
    fail(key, `expected an integer in 0..4294967295, got ${describe(value)}`);
  }
  word(value);
}

export function writeFloat(value, key) {
  if (value === undefined) return word(0);
  if (typeof value !== 'number') fail(key, `expected a number, got ${describe(value)}`);
  scratch.setFloat32(0, value, true);
  word(scratch.getUint32(0, true));
}

export function writeDouble(value, key) {
  if (value === undefined) return wordPair(0, 0);
  if (typeof value !== 'number') fail(key, `expected a number, got ${describe(value)}`);
  scratch.setFloat64(0, value, true);
  wordPair(scratch.getUint32(0, true), scratch.getUint32(4, true));
}

export function writeInt64(value, key) {
  if (value === undefined) return wordPair(0, 0);
  writeInt64Words(toInt64(value, true, key));
}

export function writeUint64(value, key) {
  if (value === undefined) return wordPair(0, 0);
  writeInt64Words(toInt64(value, false, key));
}

function writeInt64Words(value) {
  if (typeof value === 'number') {
    const high = Math.floor(value / TWO_32);
    return wordPair(value - high * TWO_32, high >>> 0);
  }
  return wordPair(Number(BigInt.asUintN(32, value)), Number(BigInt.asUintN(32, value >> 32n)));
}

const SAFE_MIN = -9007199254740991n;
const SAFE_MAX = 9007199254740991n;

/** A safe-integer number (kept as a number, it is cheaper) or a bigint, range-checked. */
function toInt64(value, signed, key) {
  if (typeof value === 'bigint') {
    // Through a Number when exact: two words from a double cost less than from a bigint.
    if (value >= SAFE_MIN && value <= SAFE_MAX && (signed || value >= 0n)) return Number(value);
  } else if (typeof value === 'number' && Number.isSafeInteger(value) && (signed || value >= 0)) {
    return value;
  }
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
  return big >= SAFE_MIN && big <= SAFE_MAX ? Number(big) : big;
}

/** `e`: the generated enum table `{ name, names, numbers }`. */
export function writeEnum(value, key, e) {
  if (value === undefined) return word(0);
  if (typeof value === 'string') {
    const i = e.names.indexOf(value);
    if (i < 0) {
      const names = e.names.map((name) => `"${name}"`).join(', ');
      fail(key, `unknown ${e.name} name ${describe(value)}, expected one of ${names} or a number`);
    }
    return word(e.numbers[i] >>> 0);
  }
  if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
    fail(key, `expected a ${e.name} name or an int32 number, got ${describe(value)}`);
  }
  word(value >>> 0);
}

/** A message field; `acceptsTime`: a Timestamp, which also takes a Date or RFC 3339 string. */
export function writeMessage(value, key, write, expected, acceptsTime) {
  if (value === undefined) return word(0);
  if (acceptsTime && (value instanceof Date || typeof value === 'string')) {
    word(1);
    return writeTimeFields(timeFromInput(value, key));
  }
  const proto = plainPrototype(value);
  if (proto === undefined) fail(key, `expected ${expected}, got ${describe(value)}`);
  word(1);
  path.push(key);
  write(value, inheritsKeys(proto));
  path.pop();
}

/**
 * A map<string, string> field from a plain object of strings: its own enumerable keys in
 * their order, each as an entry message (1, key, value, no unknown fields).
 */
export function writeStringMap(value, key) {
  if (value === undefined) return word(0);
  if (plainPrototype(value) === undefined) fail(key, `expected a plain object of strings, got ${describe(value)}`);
  const keys = Object.keys(value);
  word(keys.length);
  path.push(key);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = value[k];
    if (typeof v !== 'string') fail([k], `expected a string, got ${describe(v)}`);
    word(1);
    writeString(k, [k]);
    writeString(v, [k]);
    word(0);
  }
  path.pop();
}

/** Starts a repeated field: its count; the array (its path entered) or undefined. */
export function beginRepeated(value, key) {
  if (value === undefined) {
    word(0);
    return undefined;
  }
  if (!Array.isArray(value)) fail(key, `expected an array, got ${describe(value)}`);
  word(value.length);
  path.push(key);
  return value;
}

export function element(array, i, expected) {
  const value = array[i];
  if (value === undefined) fail(i, `expected ${expected}, got undefined`);
  return value;
}

/** The value of the oneof member `oneofCase` found, for the generated writer to write. */
export let oneofValue;

/**
 * Checks a oneof `{ case, value }` (own keys only), writes its case word and returns it: 0
 * unset, else 1 + the member's index, with `oneofValue` set and the oneof's path entered.
 */
export function oneofCase(value, name, cases) {
  if (value === undefined) {
    word(0);
    return 0;
  }
  if (!isPlainObject(value)) fail(name, `expected { case, value }, got ${describe(value)}`);
  for (const key in value) {
    if (key !== 'case' && key !== 'value' && hasOwn(value, key)) {
      fail(name, `unexpected key "${key}": a oneof is { case, value }`);
    }
  }
  const c = ownValue(value, 'case');
  const v = ownValue(value, 'value');
  if (c === undefined) {
    if (v !== undefined) fail(name, `has a value but no case; case must be one of ${caseList(cases)}`);
    word(0);
    return 0;
  }
  const index = cases.indexOf(c);
  if (index < 0) fail(`${name}.case`, `unknown case ${describe(c)}, expected one of ${caseList(cases)} or undefined`);
  if (v === undefined) fail(`${name}.value`, `expected a value for case "${c}"`);
  word(index + 1);
  path.push(name);
  oneofValue = v;
  return index + 1;
}

// A function of the module, not a closure made on every call: the Node builds keep names
// (esbuild's keepNames), which would name each such closure with Object.defineProperty.
function caseList(cases) {
  return cases.map((m) => `"${m}"`).join(', ');
}

export function writeUnknown(value) {
  if (value === undefined) return word(0);
  if (!Array.isArray(value)) fail('$unknown', `expected an array of { no, wireType, data }, got ${describe(value)}`);
  word(value.length);
  path.push('$unknown');
  for (let i = 0; i < value.length; i++) {
    const entry = value[i];
    if (!isPlainObject(entry)) fail(i, `expected { no, wireType, data }, got ${describe(entry)}`);
    for (const key in entry) {
      if (key !== 'no' && key !== 'wireType' && key !== 'data' && hasOwn(entry, key)) {
        fail(i, `unexpected key ${looksLikeFieldName(key) ? `"${key}"` : describe(key)} in an unknown field`);
      }
    }
    const no = ownValue(entry, 'no');
    const wireType = ownValue(entry, 'wireType');
    const data = ownValue(entry, 'data');
    if (!Number.isInteger(no) || no < 1 || no > MAX_FIELD_NUMBER) {
      fail(i, `no must be a field number in 1..${MAX_FIELD_NUMBER}, got ${describe(no)}`);
    }
    if (!WIRE_TYPES.includes(wireType)) fail(i, `wireType must be one of 0, 1, 2, 3, 5, got ${describe(wireType)}`);
    if (!(data instanceof Uint8Array)) fail(i, `data must be a Uint8Array, got ${describe(data)}`);
    word(no);
    word(wireType);
    writeByteArray(data);
  }
  path.pop();
}

// ---- Timestamps from a Date or RFC 3339 text ----

function writeTimeFields({ seconds, nanos }) {
  writeInt64Words(seconds);
  word(nanos);
  word(0); // no unknown fields
}

/** A Date or an RFC 3339 string as `{ seconds, nanos }` (seconds a number). */
export function timeFromInput(value, key) {
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
