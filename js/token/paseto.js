// PASETO v2.public: finding the token in a string or a `wss://…/wsv2/<token>` URL, splitting
// it into strict base64url parts, the pre-authentication encoding (PAE) that the signature
// covers, and signing and verifying those bytes with the platform's Ed25519 (js/crypto/).
// Reused by the certificate chain code. No top-level side effects.

import { decodeBase64Url, encodeBase64Url, asciiBytes, isBase64UrlAlphabet } from '../lib/base64.js';
import { describe } from '../lib/text.js';
import { ed25519, signatureProblem } from '../crypto/ed25519.js';
import { signBytes } from '../crypto/keys.js';
import { TokenFormatError } from '../errors.js';
import { MAX_TOKEN_BYTES } from '../gen/constants.js';

export const HEADER = 'v2.public.';
export const SIGNATURE_LENGTH = 64;
// MAX_TOKEN_BYTES: the longest input read, in bytes of UTF-8, refused before any other work.
export { MAX_TOKEN_BYTES } from '../gen/constants.js';

/**
 * PASETO's pre-authentication encoding: the piece count, then each piece's length and
 * bytes, lengths as little-endian 64-bit integers.
 * @param {Uint8Array[]} pieces
 */
export function pae(pieces) {
  let length = 8;
  for (const piece of pieces) length += 8 + piece.length;
  const out = new Uint8Array(length);
  let at = writeLength(out, 0, pieces.length);
  for (const piece of pieces) {
    at = writeLength(out, at, piece.length);
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

function writeLength(out, at, n) {
  out[at] = n & 0xff;
  out[at + 1] = (n >>> 8) & 0xff;
  out[at + 2] = (n >>> 16) & 0xff;
  out[at + 3] = (n >>> 24) & 0xff;
  const high = Math.floor(n / 4294967296);
  out[at + 4] = high & 0xff;
  out[at + 5] = (high >>> 8) & 0xff;
  out[at + 6] = (high >>> 16) & 0xff;
  out[at + 7] = (high >>> 24) & 0x7f; // PAE clears the top bit
  return at + 8;
}

let headerBytes;

/** The bytes a v2.public signature covers: PAE(header, body text M, footer text F). */
export function signedBytes(body, footer) {
  headerBytes ??= asciiBytes(HEADER).slice();
  return pae([headerBytes, body, footer ?? new Uint8Array(0)]);
}

function formatError(reason, detail, path = '') {
  return new TokenFormatError(detail, { reason, path });
}

/** UTF-8 length of a string, counted only as far as `limit` + 1. */
function utf8LengthOver(text, limit) {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let n = 0;
  for (let i = 0; i < text.length && n <= limit; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n > limit;
}

// Wrappers people paste tokens in: an HTTP `Bearer ` prefix, and a pair of quotes.
const BEARER = /bearer[\t ]+/iy;
const CLOSING_QUOTE = { '"': '"', "'": "'", '`': '`', '\u201c': '\u201d', '\u2018': '\u2019' };
const SPACE = /\s/;

/**
 * The text inside a token's wrappers: surrounding whitespace, a `Bearer ` prefix and matching
 * quotes or backticks, in any nesting. Returns `[from, to]`, indices into `input`.
 */
function unwrap(input) {
  let from = 0;
  let to = input.length;
  for (;;) {
    while (from < to && SPACE.test(input[from])) from++;
    while (to > from && SPACE.test(input[to - 1])) to--;
    BEARER.lastIndex = from;
    if (BEARER.test(input) && BEARER.lastIndex < to) {
      from = BEARER.lastIndex;
      continue;
    }
    const closing = CLOSING_QUOTE[input[from]];
    if (closing !== undefined && to - from >= 2 && input[to - 1] === closing) {
      from++;
      to--;
      continue;
    }
    return [from, to];
  }
}

/**
 * A token wrapped over lines, joined: a run of whitespace that holds a line break is dropped,
 * any other run kept. One pass over the text: no backtracking pattern sees untrusted input.
 */
function joinLines(text) {
  if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) return text;
  let out = '';
  let kept = 0; // text before this index is decided: copied to `out` or dropped
  for (let i = 0; i < text.length; ) {
    if (!SPACE.test(text[i])) {
      i++;
      continue;
    }
    let end = i;
    let breaks = false;
    while (end < text.length && SPACE.test(text[end])) {
      if (text[end] === '\n' || text[end] === '\r') breaks = true;
      end++;
    }
    if (breaks) {
      out += text.slice(kept, i);
      kept = end;
    }
    i = end;
  }
  return out + text.slice(kept);
}

/**
 * The bare token in a string: the string itself, or the path segment after `/wsv2/` of a
 * URL, taken out of its usual wrappers (surrounding whitespace, `Bearer `, quotes or
 * backticks) and joined when wrapped over lines. Nothing else is loosened: what remains must
 * be exactly a token. Returns `{ token, start }`, `start` in UTF-16 units of `input`.
 */
export function locateToken(input) {
  if (typeof input !== 'string') {
    throw new TokenFormatError(`expected a token string, got ${describe(input)}`, { reason: 'not-a-string' });
  }
  if (utf8LengthOver(input, MAX_TOKEN_BYTES)) {
    throw formatError('too-long', `the input is longer than any token this package reads (${MAX_TOKEN_BYTES / 1024} KiB of UTF-8)`);
  }
  const [from, to] = unwrap(input);
  const inner = input.slice(from, to);
  notAKey(inner);
  const text = joinLines(inner);
  const scheme = text.indexOf('://');
  if (scheme < 0) return { token: text, start: from };
  const marker = text.indexOf('/wsv2/', scheme + 3);
  if (marker < 0) throw formatError('not-paseto', NOT_PASETO);
  const begin = marker + 6;
  let end = begin;
  while (end < text.length && !'/?#'.includes(text[end])) end++;
  return { token: text.slice(begin, end), start: from + begin };
}

const NOT_PASETO = 'not a repl token: expected v2.public.<payload>[.<footer>], or a URL with /wsv2/<token>';
const PASERK = /^k[0-9]\.([a-z][a-z-]{1,15})\.[A-Za-z0-9_-]*$/;
const PEM_LABEL = /^-----BEGIN ([A-Z0-9 ]{1,40})-----/;

/** A key (PASERK or PEM) pasted where a token goes is named, by its kind only. */
function notAKey(text) {
  if (!text.startsWith('-----BEGIN')) {
    const paserk = PASERK.exec(text);
    if (paserk === null) return;
    const kind = `${text.slice(0, 3 + paserk[1].length)}.`;
    throw formatError('key-not-token', `this is a key (PASERK ${kind}…), not a token: a repl token starts with v2.public.`);
  }
  const label = PEM_LABEL.exec(text)?.[1];
  const what = label === undefined ? 'a PEM block' : / KEY$/.test(label) ? `a key (PEM ${label})` : `a PEM block (${label})`;
  throw formatError('key-not-token', `this is ${what}, not a token: a repl token starts with v2.public.`);
}

const JWT = /^eyJ[A-Za-z0-9_-]*$/;

/** What is wrong with text that is not canonical unpadded base64url. */
function base64UrlProblem(text) {
  const bad = /[^A-Za-z0-9_-]/.exec(text);
  if (bad === null) return 'its length or last character is not one unpadded base64url can have';
  const c = bad[0];
  const what =
    c === '=' ? 'padding ("=")'
      : c === '+' || c === '/' ? `"${c}" (standard base64, not base64url)`
        : c === ' ' ? 'a space'
          : SPACE.test(c) ? 'whitespace'
            : /^[\x21-\x7e]$/.test(c) ? `"${c}"` : `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `it holds ${what} at character ${bad.index + 1}, which base64url does not have`;
}

/**
 * A part's bytes. The last part of a token is where a copy that was cut short ends: there a
 * length base64url cannot have, or a final character with bits past the last byte, is
 * reported as `truncated`.
 */
function readPart(text, part, last, slot) {
  const bytes = decodeBase64Url(text, slot);
  if (bytes !== undefined) return bytes;
  if (last && isBase64UrlAlphabet(text)) {
    throw formatError('truncated', `the ${part} ends partway through a byte (${text.length} characters): the token looks cut short; copy all of it`, part);
  }
  throw formatError('invalid-base64url', `the ${part} is not unpadded base64url: ${base64UrlProblem(text)}`, part);
}

/**
 * Splits a v2.public token (or a URL holding one) into its byte parts, checking the header
 * and the strict base64url of each part, and nothing inside them: `body` is the signed text
 * M (unchecked bytes), `footer` the footer text F (or `undefined`), `signature` 64 bytes, a
 * fresh copy. `body` and `footer` may share memory with a pool (copying them costs more
 * than the rest of a parse): copy them before handing them out. `reuse`: they may be in
 * arrays the next `splitToken(…, true)` reuses (for a caller done with them before then).
 */
export function splitToken(input, reuse = false) {
  const { token, start } = locateToken(input);
  const parts = token.split('.');
  if (parts.length < 3 || parts.length > 4 || !/^v[0-9]$/.test(parts[0]) || (parts[1] !== 'public' && parts[1] !== 'local')) {
    if (token.length >= 3 && HEADER.startsWith(token)) {
      throw formatError('truncated', `the token ends within its header ${HEADER}: it looks cut short; copy all of it`);
    }
    if ((parts.length === 3 || parts.length === 5) && JWT.test(parts[0]) && parts.every(isBase64UrlAlphabet)) {
      throw formatError('jwt', 'this is a JWT (a JSON Web Token, eyJ….eyJ….…), not a repl token: repl tokens are PASETO, v2.public.<payload>[.<footer>]');
    }
    throw formatError('not-paseto', token === '' ? NOT_PASETO.replace(': expected', ': the input is empty; expected') : NOT_PASETO);
  }
  if (parts[0] !== 'v2') {
    throw formatError('unsupported-version', `PASETO ${parts[0]} is not supported: repl tokens are v2.public`);
  }
  if (parts[1] !== 'public') {
    throw formatError('unsupported-purpose', 'v2.local tokens are encrypted; repl tokens are v2.public (signed)');
  }
  const hasFooter = parts.length === 4;
  // One spelling per token: PASETO writes no "." without a footer, and a second spelling of
  // the same token would slip past a denylist or replay cache keyed on the string.
  if (hasFooter && parts[3] === '') {
    throw formatError('empty-footer', 'the token ends with "." and no footer: it looks cut short (copy all of it), or a "." was added (a token without a footer has no final ".")', 'footer');
  }
  const payload = readPart(parts[2], 'payload', !hasFooter, reuse ? 0 : undefined);
  if (payload.length < SIGNATURE_LENGTH) {
    throw hasFooter
      ? formatError('payload-too-short', `the payload has ${payload.length} bytes, fewer than the 64 of a signature`, 'payload')
      : formatError('truncated', `the payload has ${payload.length} bytes, fewer than the 64 of a signature: the token looks cut short; copy all of it`, 'payload');
  }
  const footer = hasFooter ? readPart(parts[3], 'footer', true, reuse ? 1 : undefined) : undefined;
  const cut = payload.length - SIGNATURE_LENGTH;
  return { token, start, body: payload.subarray(0, cut), signature: payload.slice(cut), footer };
}

/** Assembles a v2.public token from the body text M, its signature and the footer text F. */
export function joinToken(body, signature, footer) {
  const payload = new Uint8Array(body.length + signature.length);
  payload.set(body);
  payload.set(signature, body.length);
  // An empty footer is written as none: PASETO signs the two alike, and "…." is refused.
  return `${HEADER}${encodeBase64Url(payload)}${footer === undefined || footer.length === 0 ? '' : `.${encodeBase64Url(footer)}`}`;
}

// ---------------------------------------------------------------- signing and verifying

/**
 * Checks a v2.public signature (split by `splitToken`) with an imported public key: the
 * signature's encoding (S < L, R canonical and not of small order), then the platform's
 * Ed25519 over PAE(header, M, F). Resolves to true or false.
 */
export async function verifySignature(publicKey, parts) {
  if (signatureProblem(parts.signature) !== undefined) return false;
  return ed25519().verify(publicKey.handle, parts.signature, signedBytes(parts.body, parts.footer));
}

/** Signs the body text M and footer text F (bytes) into a token string. */
export async function signParts(secretKey, body, footer) {
  const signature = await signBytes(secretKey, signedBytes(body, footer));
  return joinToken(body, signature, footer);
}
