// A token's time: when it is valid (the schema's rules for unset iat and exp), where `now`
// stands against that, and the options that set `now` and the clock skew.

import { decodeTimestamp, encodeTimestamp } from '../gen/api.js';
import { GovalTokenError } from '../errors.js';
import { DEFAULT_LIFETIME_SECONDS } from '../gen/constants.js';
import { ownValue } from '../lib/object.js';
import { describe } from '../lib/text.js';
import { compareTime, currentTime } from '../lib/time.js';

const EPOCH = { seconds: 0n, nanos: 0 };

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

/**
 * When a certificate (a GovalCert) is valid: as go-replidentity and replit-py read it, an unset
 * `iat` or `exp` is the UNIX epoch (`Timestamp.AsTime()` of nothing), so a certificate without
 * `exp` has expired. ReplTokens' "one hour after iat" is goval's rule for tokens, not theirs.
 */
export function certificateValidityOf(cert) {
  return {
    issuedAt: cert.iat ?? EPOCH,
    iatDefaulted: cert.iat === undefined,
    expiresAt: cert.exp ?? EPOCH,
    expDefaulted: cert.exp === undefined,
  };
}

function shift({ seconds, nanos }, by) {
  return { seconds: seconds + by, nanos };
}

/** 'in-range', 'expired' or 'not-yet-valid': `now` within `[iat, exp)`, widened by the skew. */
export function timeStatusOf(validity, now, clockSkewSeconds = 0) {
  const skew = BigInt(clockSkewSeconds);
  if (compareTime(shift(now, skew), validity.issuedAt) < 0) return 'not-yet-valid';
  if (compareTime(shift(now, -skew), validity.expiresAt) >= 0) return 'expired';
  return 'in-range';
}

/** The option `now` as a Timestamp: a Date, a Timestamp object or an RFC 3339 string. */
export function nowOption(value, path = 'options.now') {
  try {
    return decodeTimestamp(encodeTimestamp(value));
  } catch (error) {
    throw new GovalTokenError(`expected a Date, a Timestamp, an RFC 3339 string or false, got ${describe(value)}`, { path, cause: error });
  }
}

/** `{ now?: Timestamp, skew }`: the clock unless `now` is given, none with `now: false`. */
export function timeOptions(opts) {
  // Own properties only, whatever object the caller built (signToken passes `{ now }`).
  const now = ownValue(opts, 'now');
  const clockSkewSeconds = ownValue(opts, 'clockSkewSeconds') ?? 0;
  if (!Number.isSafeInteger(clockSkewSeconds) || clockSkewSeconds < 0) {
    throw new GovalTokenError(`expected a non-negative integer, got ${describe(clockSkewSeconds)}`, { path: 'options.clockSkewSeconds' });
  }
  if (now === false) return { now: undefined, skew: clockSkewSeconds };
  return { now: now === undefined ? currentTime() : nowOption(now), skew: clockSkewSeconds };
}
