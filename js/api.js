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

// ---- BEGIN identity messages (issue 13): hand-written wrappers for the messages of
// proto/api/signing.proto; the `gen` branch generates these, so drop this block when merging
// it. ----

export function encodeOrg(value) {
  return encodeAs('Org', value);
}
export function decodeOrg(bytes, options) {
  return decodeAs('Org', bytes, options);
}
export function orgToJson(value, options) {
  return toJsonAs('Org', value, options);
}
export function orgFromJson(json, options) {
  return fromJsonAs('Org', json, options);
}
export function encodeCertificateClaim(value) {
  return encodeAs('CertificateClaim', value);
}
export function decodeCertificateClaim(bytes, options) {
  return decodeAs('CertificateClaim', bytes, options);
}
export function certificateClaimToJson(value, options) {
  return toJsonAs('CertificateClaim', value, options);
}
export function certificateClaimFromJson(json, options) {
  return fromJsonAs('CertificateClaim', json, options);
}
export function encodeGovalCert(value) {
  return encodeAs('GovalCert', value);
}
export function decodeGovalCert(bytes, options) {
  return decodeAs('GovalCert', bytes, options);
}
export function govalCertToJson(value, options) {
  return toJsonAs('GovalCert', value, options);
}
export function govalCertFromJson(json, options) {
  return fromJsonAs('GovalCert', json, options);
}
export function encodeGovalToken(value) {
  return encodeAs('GovalToken', value);
}
export function decodeGovalToken(bytes, options) {
  return decodeAs('GovalToken', bytes, options);
}
export function govalTokenToJson(value, options) {
  return toJsonAs('GovalToken', value, options);
}
export function govalTokenFromJson(json, options) {
  return fromJsonAs('GovalToken', json, options);
}
export function encodeGovalReplIdentity(value) {
  return encodeAs('GovalReplIdentity', value);
}
export function decodeGovalReplIdentity(bytes, options) {
  return decodeAs('GovalReplIdentity', bytes, options);
}
export function govalReplIdentityToJson(value, options) {
  return toJsonAs('GovalReplIdentity', value, options);
}
export function govalReplIdentityFromJson(json, options) {
  return fromJsonAs('GovalReplIdentity', json, options);
}
export function encodeBuildInfo(value) {
  return encodeAs('BuildInfo', value);
}
export function decodeBuildInfo(bytes, options) {
  return decodeAs('BuildInfo', bytes, options);
}
export function buildInfoToJson(value, options) {
  return toJsonAs('BuildInfo', value, options);
}
export function buildInfoFromJson(json, options) {
  return fromJsonAs('BuildInfo', json, options);
}
export function encodeReplRuntimeInteractive(value) {
  return encodeAs('ReplRuntimeInteractive', value);
}
export function decodeReplRuntimeInteractive(bytes, options) {
  return decodeAs('ReplRuntimeInteractive', bytes, options);
}
export function replRuntimeInteractiveToJson(value, options) {
  return toJsonAs('ReplRuntimeInteractive', value, options);
}
export function replRuntimeInteractiveFromJson(json, options) {
  return fromJsonAs('ReplRuntimeInteractive', json, options);
}
export function encodeReplRuntimeHosting(value) {
  return encodeAs('ReplRuntimeHosting', value);
}
export function decodeReplRuntimeHosting(bytes, options) {
  return decodeAs('ReplRuntimeHosting', bytes, options);
}
export function replRuntimeHostingToJson(value, options) {
  return toJsonAs('ReplRuntimeHosting', value, options);
}
export function replRuntimeHostingFromJson(json, options) {
  return fromJsonAs('ReplRuntimeHosting', json, options);
}
export function encodeReplRuntimeDeployment(value) {
  return encodeAs('ReplRuntimeDeployment', value);
}
export function decodeReplRuntimeDeployment(bytes, options) {
  return decodeAs('ReplRuntimeDeployment', bytes, options);
}
export function replRuntimeDeploymentToJson(value, options) {
  return toJsonAs('ReplRuntimeDeployment', value, options);
}
export function replRuntimeDeploymentFromJson(json, options) {
  return fromJsonAs('ReplRuntimeDeployment', json, options);
}

// ---- END identity messages ----

// Identity tokens and certificate chains (js/chain.js).
export { createIdentitySigner, signCertificate, signIdentityToken, verifyIdentityToken } from './chain.js';
