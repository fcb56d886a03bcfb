// The object model's helpers beyond the generated per-message functions: Timestamps ⇄
// Dates, and a new ReplToken with the schema's defaults.

import { normalize, timeFromInput } from './walk.js';
import { EncodeError, GovalTokenError } from '../errors.js';
import { readReplToken, readTimestamp, writeReplToken, writeTimestamp } from '../gen/codec.js';
import { DEFAULT_LIFETIME_SECONDS, MESSAGE_NAMES, SALT_LENGTH, TIMESTAMP_MESSAGE } from '../gen/constants.js';
import { URL_ALPHABET } from '../lib/base64.js';
import { isPlainObject } from '../lib/object.js';
import { describe } from '../lib/text.js';
import { dateOf } from '../lib/time.js';

export function timestampFromDate(date) {
  if (!(date instanceof Date)) {
    throw new EncodeError(`timestampFromDate expects a Date, got ${describe(date)}`);
  }
  const { seconds, nanos } = timeFromInput(date, undefined);
  return { seconds: BigInt(seconds), nanos };
}

export function timestampToDate(timestamp) {
  const t = normalize(TIMESTAMP_MESSAGE, writeTimestamp, readTimestamp, timestamp);
  const date = dateOf(t);
  if (date === undefined) throw new EncodeError(`seconds ${t.seconds} is outside the range of a Date`, { path: 'seconds' });
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
  const token = normalize(MESSAGE_NAMES.indexOf('ReplToken'), writeReplToken, readReplToken, init);
  if (!Object.hasOwn(init, 'iat') || init.iat === undefined) token.iat = timestampNow();
  if (!Object.hasOwn(init, 'exp') || init.exp === undefined) {
    token.exp = { seconds: token.iat.seconds + BigInt(DEFAULT_LIFETIME_SECONDS), nanos: token.iat.nanos };
  }
  if (!Object.hasOwn(init, 'salt') || init.salt === undefined) token.salt = randomSalt();
  return token;
}

/** SALT_LENGTH random base64url characters (144 bits) from the platform's CSPRNG. */
function randomSalt() {
  const random = globalThis.crypto?.getRandomValues;
  if (typeof random !== 'function') {
    throw new GovalTokenError('no secure random source (crypto.getRandomValues) is available', { code: 'ERR_UNSUPPORTED_PLATFORM' });
  }
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
  // 64 divides 256, so masking keeps every character equally likely.
  let salt = '';
  for (const b of bytes) salt += URL_ALPHABET[b & 63];
  return salt;
}
