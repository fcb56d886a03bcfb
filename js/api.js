// The public API: the per-message functions generated from proto/ (js/gen/api.js), plus
// the hand-written ones below. Every function takes and returns plain data; nothing needs
// `free()`.

import { describe, isPlainObject, normalize, timeFromInput } from './codec/walk.js';
import { EncodeError, GovalTokenError } from './errors.js';
import { readReplToken, readTimestamp, writeReplToken, writeTimestamp } from './gen/codec.js';
import { DEFAULT_LIFETIME_SECONDS, MESSAGE_NAMES, SALT_LENGTH, TIMESTAMP_MESSAGE } from './gen/constants.js';

export * from './gen/api.js';
export { DecodeError, EncodeError, GovalTokenError, JsonError } from './errors.js';
export {
  KeyError,
  TokenClaimError,
  TokenError,
  TokenExpiredError,
  TokenFormatError,
  TokenNotYetValidError,
  TokenSignatureError,
} from './errors.js';

const REPL_TOKEN = MESSAGE_NAMES.indexOf('ReplToken');

export function timestampFromDate(date) {
  if (!(date instanceof Date)) {
    throw new EncodeError(`timestampFromDate expects a Date, got ${describe(date)}`);
  }
  const { seconds, nanos } = timeFromInput(date, undefined);
  return { seconds: BigInt(seconds), nanos };
}

export function timestampToDate(timestamp) {
  const t = normalize(TIMESTAMP_MESSAGE, writeTimestamp, readTimestamp, timestamp);
  const date = new Date(Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6));
  if (Number.isNaN(date.getTime())) {
    throw new EncodeError(`seconds ${t.seconds} is outside the range of a Date`, { path: 'seconds' });
  }
  return date;
}

export function timestampNow() {
  return timestampFromDate(new Date());
}

/**
 * A new token as the object model, from anything `encodeReplToken` accepts. Defaults:
 * `iat` now, `exp` DEFAULT_LIFETIME_SECONDS (one hour, the schema's rule) after `iat`, a
 * random 24-character base64url `salt`; whatever `init` gives wins.
 */
export function createReplToken(init = {}) {
  if (!isPlainObject(init)) {
    throw new EncodeError(`createReplToken expects a plain object or nothing, got ${describe(init)}`);
  }
  // Checks every field as encode does and turns each input form into the object model.
  const token = normalize(REPL_TOKEN, writeReplToken, readReplToken, init);
  if (!Object.hasOwn(init, 'iat') || init.iat === undefined) token.iat = timestampNow();
  if (!Object.hasOwn(init, 'exp') || init.exp === undefined) {
    token.exp = { seconds: token.iat.seconds + BigInt(DEFAULT_LIFETIME_SECONDS), nanos: token.iat.nanos };
  }
  if (!Object.hasOwn(init, 'salt') || init.salt === undefined) token.salt = randomSalt();
  return token;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** SALT_LENGTH random base64url characters (144 bits) from the platform's CSPRNG. */
function randomSalt() {
  const random = globalThis.crypto?.getRandomValues;
  if (typeof random !== 'function') {
    throw new GovalTokenError('no secure random source (crypto.getRandomValues) is available');
  }
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
  // 64 divides 256, so masking keeps every character equally likely.
  let salt = '';
  for (const b of bytes) salt += BASE64URL[b & 63];
  return salt;
}

// ---- tokens (js/token.js, js/verify.js, js/inspect.js): plain JS over the platform's
// Ed25519. Every function that touches a key is async, in every environment alike. ----

export { generateSigningKeyPair, parseToken, signToken } from './token/parse.js';
export { verifyIdentityToken, verifyToken } from './chain/verify.js';
export { inspectToken } from './report/inspect.js';

// Readable printing of the object model: DevTools custom formatters and text for Node (js/devtools.js).
export { formatToken, installDevtoolsFormatters } from './report/devtools.js';
// Identity tokens (js/identity.js; chains are js/chain.js's).
export { createIdentitySigner, signCertificate, signIdentityToken } from './chain/identity.js';
