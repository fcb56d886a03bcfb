// The public API. Every function takes and returns plain data; nothing needs `free()`.

import { describe, isPlainObject } from './codec.js';
import { EncodeError } from './errors.js';
import { state } from './state.js';

export { DecodeError, EncodeError, GovalTokenError } from './errors.js';
export {
  KeyError,
  TokenClaimError,
  TokenError,
  TokenExpiredError,
  TokenFormatError,
  TokenNotYetValidError,
  TokenSignatureError,
} from './errors.js';

/** How long a token lives when `exp` is not given, as the schema defines. */
const DEFAULT_LIFETIME_SECONDS = 3600n;

function encodeAs(name, value) {
  const codec = state.codec;
  return codec.encode(codec.message(name), value);
}

function decodeAs(name, bytes, options) {
  const codec = state.codec;
  return codec.decode(codec.message(name), bytes, options);
}

export function encodeReplToken(value) {
  return encodeAs('ReplToken', value);
}
export function decodeReplToken(bytes, options) {
  return decodeAs('ReplToken', bytes, options);
}
export function encodeRepl(value) {
  return encodeAs('Repl', value);
}
export function decodeRepl(bytes, options) {
  return decodeAs('Repl', bytes, options);
}
export function encodeResourceLimits(value) {
  return encodeAs('ResourceLimits', value);
}
export function decodeResourceLimits(bytes, options) {
  return decodeAs('ResourceLimits', bytes, options);
}
export function encodeReplID(value) {
  return encodeAs('ReplID', value);
}
export function decodeReplID(bytes, options) {
  return decodeAs('ReplID', bytes, options);
}
export function encodeClassroomMetadata(value) {
  return encodeAs('ClassroomMetadata', value);
}
export function decodeClassroomMetadata(bytes, options) {
  return decodeAs('ClassroomMetadata', bytes, options);
}
export function encodePresenced(value) {
  return encodeAs('Presenced', value);
}
export function decodePresenced(bytes, options) {
  return decodeAs('Presenced', bytes, options);
}
export function encodeTimestamp(value) {
  return encodeAs('Timestamp', value);
}
export function decodeTimestamp(bytes, options) {
  return decodeAs('Timestamp', bytes, options);
}

export function encodeGovalSigningAuthority(value) {
  return encodeAs('GovalSigningAuthority', value);
}
export function decodeGovalSigningAuthority(bytes, options) {
  return decodeAs('GovalSigningAuthority', bytes, options);
}

export function timestampFromDate(date) {
  return state.codec.timestampFromDate(date);
}
export function timestampToDate(timestamp) {
  return state.codec.timestampToDate(timestamp);
}
export function timestampNow() {
  return state.codec.timestampNow();
}

/**
 * A new token as the object model, from anything `encodeReplToken` accepts. Defaults:
 * `iat` now, `exp` one hour after `iat`, a random 24-character base64url `salt`;
 * whatever `init` gives wins.
 */
export function createReplToken(init = {}) {
  if (!isPlainObject(init)) {
    throw new EncodeError(`createReplToken expects a plain object or nothing, got ${describe(init)}`);
  }
  // One round trip validates every field and turns each input form into the object model.
  const token = decodeReplToken(encodeReplToken(init), { maxBytes: 0x7fffffff });
  if (init.iat === undefined) token.iat = timestampNow();
  if (init.exp === undefined) {
    token.exp = { seconds: token.iat.seconds + DEFAULT_LIFETIME_SECONDS, nanos: token.iat.nanos };
  }
  if (init.salt === undefined) token.salt = state.codec.randomSalt();
  return token;
}

// ---- proto3 JSON (js/json.js): toJson takes anything encode… takes; fromJson returns what
// decode… returns. ----

import { fromJsonAs, toJsonAs } from './json.js';

export { JsonError } from './errors.js';

export function replTokenToJson(token, options) {
  return toJsonAs('ReplToken', token, options);
}
export function replTokenFromJson(json, options) {
  return fromJsonAs('ReplToken', json, options);
}
export function replToJson(repl, options) {
  return toJsonAs('Repl', repl, options);
}
export function replFromJson(json, options) {
  return fromJsonAs('Repl', json, options);
}
export function resourceLimitsToJson(limits, options) {
  return toJsonAs('ResourceLimits', limits, options);
}
export function resourceLimitsFromJson(json, options) {
  return fromJsonAs('ResourceLimits', json, options);
}
export function replIDToJson(replID, options) {
  return toJsonAs('ReplID', replID, options);
}
export function replIDFromJson(json, options) {
  return fromJsonAs('ReplID', json, options);
}
export function classroomMetadataToJson(metadata, options) {
  return toJsonAs('ClassroomMetadata', metadata, options);
}
export function classroomMetadataFromJson(json, options) {
  return fromJsonAs('ClassroomMetadata', json, options);
}
export function presencedToJson(presenced, options) {
  return toJsonAs('Presenced', presenced, options);
}
export function presencedFromJson(json, options) {
  return fromJsonAs('Presenced', json, options);
}
export function timestampToJson(timestamp, options) {
  return toJsonAs('Timestamp', timestamp, options);
}
export function timestampFromJson(json, options) {
  return fromJsonAs('Timestamp', json, options);
}
export function govalSigningAuthorityToJson(authority, options) {
  return toJsonAs('GovalSigningAuthority', authority, options);
}
export function govalSigningAuthorityFromJson(json, options) {
  return fromJsonAs('GovalSigningAuthority', json, options);
}

// ---- tokens (js/token.js, js/inspect.js): plain JS over the platform's Ed25519. Every
// function that touches a key is async, in every environment alike. ----

export { generateSigningKeyPair, parseToken, signToken, verifyToken } from './token.js';
export { inspectToken } from './inspect.js';

// Readable printing of the object model: DevTools custom formatters and text for Node (js/devtools.js).
export { formatToken, installDevtoolsFormatters } from './devtools.js';
