// The JS side of the wasm boundary (src/boundary.rs): one wasm call per encode or decode.
// An encode's flat description and strings are written straight into buffers in wasm
// memory (`word`, `writeAsciiOrUtf8`, `writeByteArray`), then `gt_encode` turns them into
// protobuf bytes in place; a decode copies its input in and reads the flat description out
// of wasm memory. The word layouts are the constants in js/gen/constants.js.

import { DecodeError, EncodeError, GovalTokenError } from '../errors.js';
import {
  CODEC_ERROR,
  CODEC_ERRORS,
  CONTROL_BYTES_AT,
  CONTROL_BYTES_CAPACITY,
  CONTROL_WORDS_AT,
  CONTROL_WORDS_CAPACITY,
  ERROR_A,
  ERROR_B,
  ERROR_OFFSET,
  ERROR_SEGMENTS,
  FIELD_NAMES,
  NON_ASCII,
  PATH_FIELD,
  PATH_INDEX,
  PATH_UNKNOWN_NUMBER,
  RESULT_BODY,
  RESULT_OUTPUT_AT,
  RESULT_OUTPUT_LENGTH,
  RESULT_STATUS,
} from '../gen/constants.js';

const TWO_32 = 4294967296;
const utf8Encoder = new TextEncoder();

let wasm;
/** Views of wasm memory, renewed when memory grows (which detaches the old buffer). */
let U8 = new Uint8Array(0);
let U32 = new Uint32Array(0);
/** The shared buffers: word index and capacity, byte address and capacity. */
let wordsBase = 0;
let wordsCapacity = 0;
let bytesBase = 0;
let bytesCapacity = 0;
/** How much of them the encode being written has filled. */
let wordCount = 0;
let byteCount = 0;

/**
 * Called once by the entry (index.js, node.js) with the instance's exports, as wasm-bindgen's
 * glue `init()` / `initSync()` returns them: `memory` and the raw `gt_*` functions.
 */
export function install(exports) {
  wasm = exports;
  reserve(0, 0);
}

/** The instance's memory (for tests that watch its size; not part of the API). */
export function wasmMemory() {
  return wasm.memory;
}

function views() {
  if (U8.byteLength === 0) {
    U8 = new Uint8Array(wasm.memory.buffer);
    U32 = new Uint32Array(wasm.memory.buffer);
  }
}

/** Grows the shared buffers (rarely: they keep their size across calls). */
function reserve(words, bytes) {
  const control = wasm.gt_reserve(words, bytes) >>> 2;
  U8 = new Uint8Array(wasm.memory.buffer);
  U32 = new Uint32Array(wasm.memory.buffer);
  wordsBase = U32[control + CONTROL_WORDS_AT] >>> 2;
  wordsCapacity = U32[control + CONTROL_WORDS_CAPACITY];
  bytesBase = U32[control + CONTROL_BYTES_AT];
  bytesCapacity = U32[control + CONTROL_BYTES_CAPACITY];
}

// ---- encode ----

/**
 * `batch`: write the walk's strings with one native UTF-8 write per run of strings (Node's
 * `utf8Write`) rather than char by char; see `writeAsciiOrUtf8`.
 */
export function beginEncode(batch = true) {
  wordCount = 0;
  byteCount = 0;
  batching = batch && nodeUtf8Write !== undefined;
  pendingCount = 0;
  pendingText = '';
  views();
}

export function word(w) {
  if (wordCount === wordsCapacity) reserve(wordCount + 1, 0);
  U32[wordsBase + wordCount++] = w;
}

export function wordPair(a, b) {
  if (wordCount + 2 > wordsCapacity) reserve(wordCount + 2, 0);
  U32[wordsBase + wordCount++] = a;
  U32[wordsBase + wordCount++] = b;
}

function reserveBytes(n) {
  if (byteCount + n > bytesCapacity) reserve(0, byteCount + n);
}

/** Writes a byte array and its (offset, length) words. */
export function writeByteArray(data) {
  flushStrings();
  reserveBytes(data.length);
  U8.set(data, bytesBase + byteCount);
  wordPair(byteCount, data.length);
  byteCount += data.length;
}

// ---- strings in batches (Node) ----
//
// In Node one native `utf8Write` of the walk's strings joined is cheaper than a charCodeAt
// loop per string (in Chromium, `encodeInto` is not). So a string is first taken as ASCII:
// its range (as many bytes as chars) and words are laid out at once, its text joined to
// `pendingText`; `flushStrings` writes the run in one call, before any other bytes are
// written and before the core runs. Only if the UTF-8 is longer than the run (a non-ASCII
// char) are its strings looked at one by one: the ASCII ones written in place, the others
// appended as UTF-8 with their words patched. A lone surrogate throws `RETRY_UNBATCHED`,
// and the walk runs again string by string, which names the field (js/codec.js).

const nodeUtf8Write = typeof globalThis.Buffer === 'function' ? globalThis.Buffer.prototype.utf8Write : undefined;
let batching = false;
let pendingText = '';
let pendingStart = 0;
let pendingCount = 0;
const pendingStrings = [];
/** For each pending string, the index of its offset word. */
let pendingWords = new Int32Array(64);

/** Thrown by flushStrings when a pending string has a lone surrogate. */
const RETRY_UNBATCHED = Symbol('retry the walk string by string');

/** Writes the pending run of strings (see above); throws RETRY_UNBATCHED on a lone surrogate. */
export function flushStrings() {
  if (pendingCount === 0) return;
  const length = byteCount - pendingStart;
  // Room for the UTF-8 of the whole run (3 bytes a char at most), so it is never cut short
  // and a longer one always shows.
  reserveBytes(2 * length);
  const written = nodeUtf8Write.call(U8, pendingText, bytesBase + pendingStart, 3 * length);
  const count = pendingCount;
  pendingCount = 0;
  pendingText = '';
  if (written !== length) rewriteStrings(count);
}

function rewriteStrings(count) {
  let at = pendingStart;
  for (let k = 0; k < count; k++) {
    const s = pendingStrings[k];
    pendingStrings[k] = undefined;
    const n = s.length;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      U8[bytesBase + at + i] = c;
    }
    if (i < n) {
      if (!isWellFormed(s)) throw RETRY_UNBATCHED;
      const start = byteCount;
      reserveBytes(n * 3);
      byteCount += utf8Encoder.encodeInto(s, U8.subarray(bytesBase + start, bytesBase + bytesCapacity)).written;
      U32[wordsBase + pendingWords[k]] = start;
      U32[wordsBase + pendingWords[k] + 1] = (byteCount - start) | NON_ASCII;
    }
    at += n;
  }
}

/**
 * Writes a string as UTF-8 and its (offset, length) words, the length marked NON_ASCII when
 * it is not all ASCII; false when it has a lone surrogate (nothing is then written). When
 * batching, the string is laid out now and written by `flushStrings`.
 */
export function writeAsciiOrUtf8(s) {
  if (batching) {
    const n = s.length;
    if (pendingCount === 0) pendingStart = byteCount;
    if (pendingCount === pendingWords.length) {
      const grown = new Int32Array(pendingCount * 2);
      grown.set(pendingWords);
      pendingWords = grown;
    }
    pendingStrings[pendingCount] = s;
    pendingWords[pendingCount++] = wordCount;
    pendingText += s;
    reserveBytes(n);
    wordPair(byteCount, n);
    byteCount += n;
    return true;
  }
  return writeStringNow(s);
}

function writeStringNow(s) {
  const n = s.length;
  reserveBytes(n);
  const start = byteCount;
  const at = bytesBase + start;
  const bytes = U8;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) break;
    bytes[at + i] = c;
  }
  if (i === n) {
    byteCount = start + n;
    wordPair(start, n);
    return true;
  }
  const rest = s.substring(i);
  if (!isWellFormed(rest)) return false;
  // Count the ASCII head as written, so that growing the buffer keeps it.
  byteCount = start + i;
  reserveBytes(rest.length * 3);
  const written = utf8Encoder.encodeInto(rest, U8.subarray(bytesBase + byteCount, bytesBase + bytesCapacity)).written;
  byteCount += written;
  wordPair(start, (byteCount - start) | NON_ASCII);
  return true;
}

/**
 * Encodes the flat description written since `beginEncode` as message `message`; returns
 * the result block's word index (`ok`), or throws the core's error as `ErrorClass`.
 */
function runEncode(message, ErrorClass) {
  if (pendingCount !== 0) throw new GovalTokenError('internal error: strings left unwritten', { code: 'ERR_INTERNAL' });
  const at = wasm.gt_encode(message, wordCount, byteCount) >>> 2;
  views();
  if (U32[at + RESULT_STATUS] !== 0) throw coreError(U32, at, ErrorClass);
  return at;
}

/** The protobuf bytes of the flat description written since `beginEncode`. */
export function finishEncode(message) {
  const at = runEncode(message, EncodeError);
  return pool.take(U8, U32[at + RESULT_OUTPUT_AT], U32[at + RESULT_OUTPUT_LENGTH]);
}

/**
 * Checks the flat description written since `beginEncode` as the encoder does (the core's
 * checks run; its bytes are not used) and returns a reader over the description itself.
 */
export function finishValidate(message, ErrorClass = EncodeError) {
  runEncode(message, ErrorClass);
  const bytes = U8.subarray(bytesBase, bytesBase + byteCount);
  return { w: U32.subarray(wordsBase, wordsBase + wordCount), p: 0, bytes, text: undefined, asciiAt: -1 };
}

// ---- decode ----

/** Decodes `bytes`; returns a reader at the flat description (read it before the next call). */
export function decodeBytes(message, bytes, maxBytes, maxDepth) {
  if (bytes.length > bytesCapacity) reserve(0, bytes.length);
  views();
  U8.set(bytes, bytesBase);
  const at = wasm.gt_decode(message, bytes.length, maxBytes, maxDepth) >>> 2;
  views();
  if (U32[at + RESULT_STATUS] !== 0) throw coreError(U32, at, DecodeError);
  return { w: U32, p: at + RESULT_BODY, bytes, text: undefined, asciiAt: bytesBase };
}

const nodeLatin1 = typeof globalThis.Buffer === 'function' ? globalThis.Buffer.prototype.latin1Slice : undefined;
// ignoreBOM: a leading U+FEFF is part of the string as signed, not a byte-order mark to drop.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
// TextDecoder('latin1') is windows-1252, which maps 0x80-0x9F elsewhere; only the ASCII
// strings of the text are read, so that never shows.
const latin1Decoder = new TextDecoder('latin1');

/**
 * The bytes a reader reads as one string of one char per byte, for its ASCII strings to be
 * cut from: in Node by Buffer's latin1, else by one UTF-8 decode of the input as the core
 * left it, all ASCII (see src/boundary.rs), which browsers decode faster than latin1.
 */
export function asciiText(r) {
  if (nodeLatin1 !== undefined) return nodeLatin1.call(r.bytes, 0, r.bytes.length);
  if (r.asciiAt >= 0) return utf8Decoder.decode(U8.subarray(r.asciiAt, r.asciiAt + r.bytes.length));
  return latin1Decoder.decode(r.bytes);
}

// ---- errors ----

/** The error that the error words of a result block at word `at` of `words` describe. */
export function coreError(words, at, ErrorClass) {
  const w = (i) => words[at + i];
  const [, fixedClass, template] = CODEC_ERRORS[w(RESULT_STATUS)] ?? CODEC_ERRORS[CODEC_ERROR.Malformed];
  const text = template
    .replace('{a}', String(w(ERROR_A) + w(ERROR_A + 1) * TWO_32))
    .replace('{b}', String(w(ERROR_B) + w(ERROR_B + 1) * TWO_32));
  let path = '';
  for (let i = 0; i < w(ERROR_SEGMENTS); i++) {
    const tag = w(ERROR_SEGMENTS + 1 + 2 * i);
    const value = w(ERROR_SEGMENTS + 2 + 2 * i);
    if (tag === PATH_INDEX) path += `[${value}]`;
    else {
      const name = tag === PATH_FIELD ? FIELD_NAMES[value >>> 16][value & 0xffff] : tag === PATH_UNKNOWN_NUMBER ? `#${value}` : '$unknown';
      path += path === '' ? name : `.${name}`;
    }
  }
  const info = { path };
  if (w(ERROR_OFFSET) !== 0) info.offset = w(ERROR_OFFSET) - 1;
  const Class = fixedClass === 'DecodeError' ? DecodeError : fixedClass === 'EncodeError' ? EncodeError : ErrorClass;
  return new Class(text, info);
}

// ---- output ----

/**
 * Encode results are cut from shared 64 KiB buffers, as Node's Buffer pool does: allocating
 * an ArrayBuffer per call costs more than the encoding (in Chromium 7-9 µs each). Two
 * results may share an `ArrayBuffer`; `bytes.slice()` gives one of its own.
 */
class OutputPool {
  constructor() {
    this.buffer = new ArrayBuffer(0);
    this.offset = 0;
  }

  take(source, at, length) {
    if (length > 4096) return source.slice(at, at + length);
    if (this.offset + length > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(65536);
      this.offset = 0;
    }
    const bytes = new Uint8Array(this.buffer, this.offset, length);
    bytes.set(source.subarray(at, at + length));
    this.offset = (this.offset + length + 7) & ~7;
    return bytes;
  }
}
const pool = new OutputPool();

export function isWellFormed(s) {
  return typeof s.isWellFormed === 'function' ? s.isWellFormed() : loneSurrogateIndex(s) < 0;
}

export function loneSurrogateIndex(s) {
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
