// Base64 and base64url, strict (the one canonical spelling, for token parts and keys) and
// loose (proto3 JSON's any alphabet, padded or not), over the platform's decoders where they
// exist. Every base64 of the package is here.

const BASE64URL_TEXT = /^[A-Za-z0-9_-]*$/;
const ANY_BASE64_TEXT = /^[A-Za-z0-9+/_-]*$/;
const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function nodeBuffer() {
  const B = globalThis.Buffer;
  return typeof B === 'function' && typeof B.from === 'function' ? B : undefined;
}

/** The 6-bit value of one base64 or base64url character (the caller checked the alphabet). */
function sextet(code) {
  if (code >= 97) return code - 71; // a-z
  if (code === 95) return 63; // _
  if (code >= 65) return code - 65; // A-Z
  if (code >= 48) return code + 4; // 0-9
  return code === 43 || code === 45 ? 62 : 63; // + -  or  /
}

/** True when the bits after the last whole byte are zero (the only canonical spelling). */
function canonicalTail(text, length) {
  const rest = length % 4;
  if (rest === 0) return true;
  const last = sextet(text.charCodeAt(length - 1));
  return rest === 2 ? (last & 0x0f) === 0 : (last & 0x03) === 0;
}

/**
 * Decodes base64 (`url` false: padded) or base64url (unpadded) with the platform's decoder,
 * in its one canonical spelling only. `undefined`: not canonical; `null`: no platform
 * decoder. The platform decoders are lenient, each its own way, so each gets its own check,
 * cheaper than a regular expression over the text:
 * - Buffer skips characters outside the alphabet and takes both alphabets: the bytes are
 *   encoded back and must give the text;
 * - `fromBase64` throws on characters outside the alphabet, but skips whitespace, takes
 *   `=` in base64url and (unless strict) stray bits: any skipped character or padding
 *   leaves fewer bytes than the text's length promises, and the last character must carry
 *   no stray bits.
 */
function decodeNative(text, url, slot) {
  const B = nodeBuffer();
  if (B !== undefined) {
    const encoding = url ? 'base64url' : 'base64';
    const buffer = B.from(text, encoding);
    if (buffer.toString(encoding) !== text) return undefined;
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  }
  if (typeof Uint8Array.fromBase64 === 'function') {
    let length = text.length;
    if (!url) {
      if (length % 4 !== 0) return undefined;
      if (text.charCodeAt(length - 1) === 61) length -= text.charCodeAt(length - 2) === 61 ? 2 : 1;
    }
    if (length % 4 === 1 || !canonicalTail(text, length)) return undefined;
    const expected = (length * 3) >> 2;
    const options = { alphabet: url ? 'base64url' : 'base64' };
    try {
      if (slot === undefined) {
        const bytes = Uint8Array.fromBase64(text, options);
        return bytes.length === expected ? bytes : undefined;
      }
      // A new array costs browsers more than the decoding (about 1.2 µs in Chromium).
      let into = scratch[slot];
      if (into === undefined || into.length < expected) into = scratch[slot] = new Uint8Array(Math.max(expected, 1024));
      const { read, written } = into.setFromBase64(text, options);
      return read === text.length && written === expected ? into.subarray(0, written) : undefined;
    } catch {
      return undefined;
    }
  }
  return null;
}

/** Reused arrays for `slot`s (browsers only; Buffer has its own pool). */
const scratch = [];

/** Decodes checked base64 or base64url without padding (`length` characters of `text`). */
function decodeChecked(text, length) {
  const out = new Uint8Array((length * 3) >> 2);
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < length; i++) {
    value = (value << 6) | sextet(text.charCodeAt(i));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/**
 * Unpadded base64url in its one canonical spelling, or `undefined`. The result may share
 * memory with a pool: copy it before handing it out.
 */
export function decodeBase64Url(text, slot) {
  const native = decodeNative(text, true, slot);
  if (native !== null) return native;
  if (text.length % 4 === 1 || !BASE64URL_TEXT.test(text) || !canonicalTail(text, text.length)) return undefined;
  return decodeChecked(text, text.length);
}

/** Padded standard base64 in its one canonical spelling, or `undefined` (may share a pool, as above). */
export function decodeBase64(text, slot) {
  const native = decodeNative(text, false, slot);
  if (native !== null) return native;
  if (text.length % 4 !== 0 || !BASE64_TEXT.test(text)) return undefined;
  let length = text.length;
  while (length > 0 && text.charCodeAt(length - 1) === 61) length--;
  if (text.length - length > 2 || length % 4 === 1 || !canonicalTail(text, length)) return undefined;
  return decodeChecked(text, length);
}

/** Base64 (padded, standard) or base64url (unpadded) text of bytes. */
function encode(bytes, url) {
  const B = nodeBuffer();
  if (B !== undefined) return B.from(bytes.buffer, bytes.byteOffset, bytes.length).toString(url ? 'base64url' : 'base64');
  if (typeof bytes.toBase64 === 'function') return bytes.toBase64(url ? { alphabet: 'base64url', omitPadding: true } : undefined);
  const alphabet = url ? URL_ALPHABET : ALPHABET;
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63];
    if (rest === 2) out += alphabet[(n >> 6) & 63];
    if (!url) out += rest === 2 ? '=' : '==';
  }
  return out;
}

export function encodeBase64(bytes) {
  return encode(bytes, false);
}

export function encodeBase64Url(bytes) {
  return encode(bytes, true);
}

/** ASCII text as bytes (one byte per character; the caller knows it is ASCII). */
export function asciiBytes(text) {
  const B = nodeBuffer();
  if (B !== undefined) {
    const buffer = B.from(text, 'latin1');
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  }
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

// ignoreBOM: a leading U+FEFF is part of the string as signed, not a byte-order mark to drop.
// Made on first use: nothing runs at this module's top level.
let utf8Decoder;

/**
 * Standard base64 held as bytes (a token's body or footer text): `{ text, bytes }`, the text
 * and the bytes it encodes, or `undefined` unless it is canonical base64. The text is read
 * as one char per byte (latin1 in Node; elsewhere UTF-8, which reads ASCII alike and turns
 * any other byte into a non-ASCII char), and decodeBase64 refuses every non-base64 char.
 */
export function decodeBase64Text(bytes, slot) {
  const B = nodeBuffer();
  const text = B !== undefined ? B.prototype.latin1Slice.call(bytes, 0, bytes.length) : (utf8Decoder ??= new TextDecoder('utf-8', { ignoreBOM: true })).decode(bytes);
  const decoded = decodeBase64(text, slot);
  return decoded === undefined ? undefined : { text, bytes: decoded };
}

/** Whether the text uses only base64url's alphabet (any length). */
export function isBase64UrlAlphabet(text) {
  return BASE64URL_TEXT.test(text);
}

/**
 * Standard or URL-safe base64, padded or not, as proto3 JSON reads `bytes`; `undefined` for
 * anything else. Stray bits in the last character are ignored, as protobuf's JSON parsers do.
 */
export function decodeBase64Loose(text) {
  let length = text.length;
  if (length % 4 === 0 && text.charCodeAt(length - 1) === 61) length -= text.charCodeAt(length - 2) === 61 ? 2 : 1;
  const body = length === text.length ? text : text.slice(0, length);
  if (length % 4 === 1 || !ANY_BASE64_TEXT.test(body)) return undefined;
  return decodeChecked(body, length);
}
