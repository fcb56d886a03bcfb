// Repl tokens (PASETO v2.public, body = base64 text of a ReplToken protobuf, footer = base64
// text of a GovalSigningAuthority): parse, sign, generate keys, and the signature and time
// pieces that js/verify.js (the one verdict) is built from. Plain JS over the
// platform's Ed25519 (js/ed25519.js) and the codec's public functions. Verification follows
// PASETO's order: header, base64url, the signature over PAE, and only then the base64 text
// and the protobuf inside, so a forged body is never decoded.

import {
  decodeGovalCert,
  decodeGovalReplIdentity,
  decodeGovalSigningAuthority,
  decodeGovalToken,
  decodeReplToken,
  decodeTimestamp,
  encodeGovalSigningAuthority,
  encodeReplToken,
  encodeTimestamp,
  govalTokenToJson,
} from '../gen/api.js';
import { describe } from '../codec/walk.js';
import { ed25519, signatureProblem } from '../crypto/ed25519.js';
import { GovalTokenError, TokenFormatError } from '../errors.js';
import { DEFAULT_LIFETIME_SECONDS } from '../gen/constants.js';
import { generateKeyPair, importSecretKey, signBytes } from '../crypto/keys.js';
import { asciiBytes, decodeBase64Text, encodeBase64, joinToken, signedBytes, splitToken } from './paseto.js';

const EPOCH = { seconds: 0n, nanos: 0 };

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

/**
 * The standard base64 text of a token part and its bytes, or the part's TokenFormatError. The
 * bytes may be in an array the next call reuses: decode them first.
 */
export function readBase64(bytes, reason, part) {
  // Slot 2: the bytes are decoded before the next part is read (see decodeNative).
  const decoded = decodeBase64Text(bytes, 2);
  if (decoded === undefined) {
    throw new TokenFormatError(`the ${part === 'message' ? 'signed body' : 'footer'} is not standard base64 text`, { reason, path: part });
  }
  return decoded;
}

/** The DecodeError of the codec, as a TokenFormatError of the token part it came from. */
export function protobufError(error, part, what) {
  if (error?.name !== 'DecodeError') throw error;
  const prefix = error.path ? `${error.path}: ` : '';
  let detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  if (error.offset !== undefined) detail = detail.replace(/ \(at byte \d+\)$/, '');
  return new TokenFormatError(`the ${part} is not a valid ${what}: ${detail}`, {
    reason: part === 'message' ? 'invalid-message' : 'invalid-footer',
    path: error.path ? `${part}.${error.path}` : part,
    offset: error.offset,
    cause: error,
  });
}

/** True for a byte of standard base64 text (`=` included). */
function isBase64Byte(b) {
  return (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 47 && b <= 57) || b === 43 || b === 61;
}

/** True when every byte is base64 text. */
function allBase64(bytes) {
  for (let i = 0; i < bytes.length; i++) if (!isBase64Byte(bytes[i])) return false;
  return true;
}

/**
 * For a token whose text does not read, the part that looks cut short, or `undefined`: a
 * signed body's text always has a length divisible by 4 (so does a footer's), and 64 random
 * signature bytes are never all base64 text.
 */
function cutShortPart({ body, signature, footer }) {
  if (footer !== undefined) return footer.length % 4 !== 0 && allBase64(footer) ? 'footer' : undefined;
  return allBase64(signature) || (body.length % 4 !== 0 && allBase64(body)) ? 'payload' : undefined;
}

/** `read()`, or, when it fails on a token that looks cut short, a `truncated` error. */
function unlessCutShort(parts, read) {
  try {
    return read();
  } catch (error) {
    const part = error?.name === 'TokenFormatError' ? cutShortPart(parts) : undefined;
    if (part === undefined) throw error;
    throw new TokenFormatError(`the ${part} ends early: the token looks cut short; copy all of it`, { reason: 'truncated', path: part, cause: error });
  }
}

/** Reads what the signature covers: the body and footer texts and their protobuf. */
function readParts(parts) {
  // The footer first (its version says what the body is); each part's bytes are decoded
  // before the next part is read, as readBase64's shared slot requires.
  let footer;
  let footerBase64 = '';
  if (parts.footer !== undefined) {
    const read = unlessCutShort(parts, () => readBase64(parts.footer, 'footer-not-base64', 'footer'));
    footerBase64 = read.text;
    try {
      footer = decodeGovalSigningAuthority(read.bytes);
    } catch (error) {
      throw protobufError(error, 'footer', 'GovalSigningAuthority');
    }
    if (footer.version !== 'BARE_REPL_TOKEN' && footer.version !== 'TYPE_AWARE_TOKEN') {
      throw new TokenFormatError(
        `footer version ${footer.version} is not one this package knows (BARE_REPL_TOKEN, TYPE_AWARE_TOKEN)`,
        { reason: 'unsupported-footer-version', path: 'footer.version' },
      );
    }
  }
  const body = unlessCutShort(parts, () => readBase64(parts.body, 'body-not-base64', 'message'));
  // TYPE_AWARE bodies are identities or GovalTokens; the rest ReplTokens (or certificates).
  let messageType = 'ReplToken';
  const message = unlessCutShort(parts, () => {
    try {
      if (footer?.version === 'TYPE_AWARE_TOKEN') {
        let decoded;
        ({ messageType, message: decoded } = decodeTypeAware(body.bytes));
        return decoded;
      }
      const token = decodeReplToken(body.bytes);
      // A root-signed certificate reads as a ReplToken whose cluster is its certified key.
      if (looksLikePublicKey(token.cluster)) {
        messageType = 'GovalCert';
        return decodeGovalCert(body.bytes);
      }
      return token;
    } catch (error) {
      throw protobufError(error, 'message', footer?.version === 'TYPE_AWARE_TOKEN' ? 'GovalReplIdentity' : 'ReplToken');
    }
  });
  return {
    version: 'v2',
    purpose: 'public',
    messageType,
    message,
    footer,
    signature: parts.signature,
    messageBase64: body.text,
    footerBase64,
    token: parts.token,
  };
}

/** Whether a ReplToken's cluster is a public key, as a certificate's key: the body is then a GovalCert. */
export function looksLikePublicKey(cluster) {
  const text = cluster.trimStart();
  return text.startsWith('k2.public.') || text.startsWith('-----BEGIN');
}

/**
 * The body of a TYPE_AWARE token: a GovalToken when it decodes cleanly as one (set times or
 * body, nothing unknown: Ghostwriter tokens), else a GovalReplIdentity (identity tokens).
 */
export function decodeTypeAware(bytes) {
  try {
    const token = decodeGovalToken(bytes);
    if (token.iat !== undefined || token.exp !== undefined || token.token.case !== undefined) {
      govalTokenToJson(token); // throws when any field is unknown to the schema
      return { messageType: 'GovalToken', message: token };
    }
  } catch {
    // not a GovalToken: an identity
  }
  return { messageType: 'GovalReplIdentity', message: decodeGovalReplIdentity(bytes) };
}

/** Takes a token (or a `wss://…/wsv2/<token>` URL) apart without checking its signature. */
export function parseToken(input) {
  // Synchronous from split to result, so the parts may live in reused arrays.
  return readParts(splitToken(input, true));
}

/** When a token is valid, by the schema's rules: `exp` unset is `iat` + 1 h, `iat` unset the epoch. */
export function validityOf(message) {
  const issuedAt = message.iat ?? EPOCH;
  return {
    issuedAt,
    iatDefaulted: message.iat === undefined,
    expiresAt: message.exp ?? { seconds: issuedAt.seconds + BigInt(DEFAULT_LIFETIME_SECONDS), nanos: issuedAt.nanos },
    expDefaulted: message.exp === undefined,
  };
}

function compare(a, b) {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  return a.nanos === b.nanos ? 0 : a.nanos < b.nanos ? -1 : 1;
}

function shift({ seconds, nanos }, by) {
  return { seconds: seconds + by, nanos };
}

/** 'in-range', 'expired' or 'not-yet-valid': `now` within `[iat, exp)`, widened by the skew. */
export function timeStatusOf(validity, now, clockSkewSeconds = 0) {
  const skew = BigInt(clockSkewSeconds);
  if (compare(shift(now, skew), validity.issuedAt) < 0) return 'not-yet-valid';
  if (compare(shift(now, -skew), validity.expiresAt) >= 0) return 'expired';
  return 'in-range';
}

/** The current time as a Timestamp. */
export function currentTime() {
  const ms = Date.now();
  const seconds = Math.floor(ms / 1000);
  return { seconds: BigInt(seconds), nanos: (ms - seconds * 1000) * 1e6 };
}

/** `now` as a Timestamp: a Date, a Timestamp object or an RFC 3339 string. */
export function instant(value, path) {
  try {
    return decodeTimestamp(encodeTimestamp(value));
  } catch (error) {
    throw new GovalTokenError(`expected a Date, a Timestamp, an RFC 3339 string or false, got ${describe(value)}`, { path, cause: error });
  }
}

/** RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits; years outside 0001-9999 in seconds. */
export function rfc3339({ seconds, nanos }) {
  const ms = Number(seconds) * 1000;
  if (!(ms >= -62135596800000 && ms <= 253402300799000)) return `${seconds} s after the UNIX epoch`;
  const digits = String(nanos).padStart(9, '0');
  const fraction = nanos === 0 ? '' : `.${nanos % 1e6 === 0 ? digits.slice(0, 3) : nanos % 1e3 === 0 ? digits.slice(0, 6) : digits}`;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `${fraction}Z`);
}

/** A Timestamp as a Date, or undefined outside a Date's range. */
export function dateOf({ seconds, nanos }) {
  const date = new Date(Number(seconds) * 1000 + Math.floor(nanos / 1e6));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The repl id of a token's `repl` or `id` metadata; a classroom id names no repl. */
export function replIdOf(token) {
  const { metadata } = token;
  return metadata.case === 'repl' || metadata.case === 'id' ? metadata.value.id : undefined;
}

/** Signs a ReplToken (any form `encodeReplToken` takes) into a v2.public token string. */
export async function signToken(message, secretKey, footer) {
  const messageBytes = encodeReplToken(message);
  const footerBytes = footer === undefined ? undefined : encodeGovalSigningAuthority(footer);
  const key = await importSecretKey(secretKey, 'secretKey');
  const body = asciiBytes(encodeBase64(messageBytes));
  return signParts(key, body, footerBytes === undefined ? undefined : asciiBytes(encodeBase64(footerBytes)));
}

/** A new Ed25519 key pair: `publicKey` (32 bytes), `secretKey` (seed, then public key: 64 bytes). */
export function generateSigningKeyPair() {
  return generateKeyPair();
}
