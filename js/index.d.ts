// The public API. The object model types (ReplToken, ReplTokenInit, …) are generated from
// proto/ by build.rs into goval_token.d.ts, from which the build extracts model.d.ts.
import type {
  ClassroomMetadata,
  GovalSigningAuthority,
  GovalSigningAuthorityInit,
  ClassroomMetadataInit,
  Presenced,
  PresencedInit,
  Repl,
  ReplID,
  ReplIDInit,
  ReplInit,
  ReplToken,
  ReplTokenInit,
  ResourceLimits,
  ResourceLimitsInit,
  Timestamp,
  TimestampInit,
  TokenVersion,
  UnknownField,
} from './model.js';

export type {
  ClassroomMetadata,
  ClassroomMetadataInit,
  GovalSigningAuthority,
  GovalSigningAuthorityInit,
  Int64Input,
  Persistence,
  Presenced,
  PresencedInit,
  Repl,
  ReplID,
  ReplIDInit,
  ReplInit,
  ReplToken,
  ReplTokenInit,
  ResourceLimits,
  ResourceLimitsInit,
  Timestamp,
  TimestampInit,
  TimestampInitFields,
  TokenVersion,
  UnknownField,
  WireFormat,
} from './model.js';

/** The base class of every error this package throws. */
export declare class GovalTokenError extends Error {
  /** Stable: 'GovalTokenError', or the subclass's name ('EncodeError', 'TokenFormatError', …). */
  readonly name: string;
  /** The offending field, such as `resourceLimits.memory` or `flags[2]`; `''` for the whole value. */
  readonly path: string;
}
/** A value given to an `encode…` or `create…` function is not what the schema allows. */
export declare class EncodeError extends GovalTokenError {
  readonly name: 'EncodeError';
}
/** The bytes given to a `decode…` function are not a valid message. */
export declare class DecodeError extends GovalTokenError {
  readonly name: 'DecodeError';
  /** Where in the given bytes decoding failed, when known. */
  readonly offset: number | undefined;
}

export interface DecodeOptions {
  /** Inputs longer than this are rejected before decoding. Default 1 MiB. */
  maxBytes?: number;
  /** How deeply messages and groups may nest, 1..100. Default 64. */
  maxDepth?: number;
}

export declare function encodeReplToken(value: ReplTokenInit): Uint8Array;
export declare function decodeReplToken(bytes: Uint8Array, options?: DecodeOptions): ReplToken;
export declare function encodeRepl(value: ReplInit): Uint8Array;
export declare function decodeRepl(bytes: Uint8Array, options?: DecodeOptions): Repl;
export declare function encodeResourceLimits(value: ResourceLimitsInit): Uint8Array;
export declare function decodeResourceLimits(bytes: Uint8Array, options?: DecodeOptions): ResourceLimits;
export declare function encodeReplID(value: ReplIDInit): Uint8Array;
export declare function decodeReplID(bytes: Uint8Array, options?: DecodeOptions): ReplID;
export declare function encodeClassroomMetadata(value: ClassroomMetadataInit): Uint8Array;
export declare function decodeClassroomMetadata(bytes: Uint8Array, options?: DecodeOptions): ClassroomMetadata;
export declare function encodePresenced(value: PresencedInit): Uint8Array;
export declare function decodePresenced(bytes: Uint8Array, options?: DecodeOptions): Presenced;
export declare function encodeTimestamp(value: TimestampInit): Uint8Array;
export declare function decodeTimestamp(bytes: Uint8Array, options?: DecodeOptions): Timestamp;
export declare function encodeGovalSigningAuthority(value: GovalSigningAuthorityInit): Uint8Array;
export declare function decodeGovalSigningAuthority(bytes: Uint8Array, options?: DecodeOptions): GovalSigningAuthority;

/**
 * A new token as the object model, from anything `encodeReplToken` accepts. Defaults:
 * `iat` now, `exp` one hour after `iat`, a random 24-character base64url `salt`,
 * `persistence` "PERSISTENT", `format` "PROTOBUF"; whatever `init` gives wins.
 */
export declare function createReplToken(init?: ReplTokenInit): ReplToken & { iat: Timestamp; exp: Timestamp };

export declare function timestampFromDate(date: Date): Timestamp;
/** Throws when the time is outside what a `Date` can hold. */
export declare function timestampToDate(timestamp: TimestampInit): Date;
export declare function timestampNow(): Timestamp;

// ---- proto3 JSON ----

import type { Persistence, WireFormat } from './model.js';

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** The value given to a `…FromJson` function is not valid proto3 JSON for the message. */
export declare class JsonError extends GovalTokenError {
  readonly name: 'JsonError';
}

export interface ToJsonOptions {
  /**
   * Also write fields that hold their default (`0`, `"0"`, `""`, `false`, `[]`, an enum's
   * zero name). Absent message fields are never written. Default false.
   */
  emitDefaults?: boolean;
  /**
   * Leave out `$unknown` fields, which proto3 JSON cannot hold. Default false: they throw
   * an EncodeError whose `path` ends in `$unknown`.
   */
  dropUnknownFields?: boolean;
}

export interface FromJsonOptions {
  /** Skip keys the schema does not know, and unknown enum names (the field keeps its default). Default false. */
  ignoreUnknownFields?: boolean;
}

/** A double in proto3 JSON. */
export type DoubleJson = number | 'NaN' | 'Infinity' | '-Infinity';
/** A google.protobuf.Timestamp in proto3 JSON: RFC 3339 in UTC, e.g. "2024-01-02T03:04:05.678Z". */
export type TimestampJson = string;

// The proto3 JSON of each message, as `…ToJson` writes it (fields with defaults are absent
// unless `emitDefaults`). These are type aliases, so that each is also a JsonObject.
export type ReplJson = {
  id?: string;
  language?: string;
  bucket?: string;
  slug?: string;
  user?: string;
  sourceRepl?: string;
};
export type ResourceLimitsJson = {
  net?: boolean;
  /** int64 as a decimal string. */
  memory?: string;
  threads?: DoubleJson;
  shares?: DoubleJson;
  /** int64 as a decimal string. */
  disk?: string;
};
export type ReplIDJson = { id?: string; sourceRepl?: string };
export type ClassroomMetadataJson = { id?: string; language?: string };
export type PresencedJson = { bearerID?: number; bearerName?: string };
/** The oneof `metadata` is at most one of `repl`, `id`, `classroom`. */
export type ReplTokenJson = {
  iat?: TimestampJson;
  exp?: TimestampJson;
  salt?: string;
  cluster?: string;
  /** A name, or a number the schema does not know. */
  persistence?: Persistence | number;
  resourceLimits?: ResourceLimitsJson;
  /** A name, or a number the schema does not know. */
  format?: WireFormat | number;
  presenced?: PresencedJson;
  flags?: string[];
} & (
  | { repl?: ReplJson; id?: never; classroom?: never }
  | { repl?: never; id?: ReplIDJson; classroom?: never }
  | { repl?: never; id?: never; classroom?: ClassroomMetadataJson }
);
/** The oneof `cert` is at most one of `keyId`, `signedCert`. */
export type GovalSigningAuthorityJson = {
  version?: TokenVersion | number;
  issuer?: string;
} & ({ keyId?: string; signedCert?: never } | { keyId?: never; signedCert?: string });

// `…ToJson` takes anything the matching `encode…` takes and throws EncodeError. `…FromJson`
// takes a parsed JSON object (JSON or proto field names; `null` means the default) and
// returns the object model as `decode…` does; it throws JsonError.
export declare function replTokenToJson(token: ReplTokenInit | ReplToken, options?: ToJsonOptions): ReplTokenJson;
export declare function replTokenFromJson(json: JsonObject, options?: FromJsonOptions): ReplToken;
export declare function replToJson(repl: ReplInit | Repl, options?: ToJsonOptions): ReplJson;
export declare function replFromJson(json: JsonObject, options?: FromJsonOptions): Repl;
export declare function resourceLimitsToJson(limits: ResourceLimitsInit | ResourceLimits, options?: ToJsonOptions): ResourceLimitsJson;
export declare function resourceLimitsFromJson(json: JsonObject, options?: FromJsonOptions): ResourceLimits;
export declare function replIDToJson(replID: ReplIDInit | ReplID, options?: ToJsonOptions): ReplIDJson;
export declare function replIDFromJson(json: JsonObject, options?: FromJsonOptions): ReplID;
export declare function classroomMetadataToJson(metadata: ClassroomMetadataInit | ClassroomMetadata, options?: ToJsonOptions): ClassroomMetadataJson;
export declare function classroomMetadataFromJson(json: JsonObject, options?: FromJsonOptions): ClassroomMetadata;
export declare function presencedToJson(presenced: PresencedInit | Presenced, options?: ToJsonOptions): PresencedJson;
export declare function presencedFromJson(json: JsonObject, options?: FromJsonOptions): Presenced;
/** Throws an EncodeError for times outside 0001-01-01..9999-12-31 (UTC). */
export declare function timestampToJson(timestamp: TimestampInit | Timestamp, options?: ToJsonOptions): TimestampJson;
export declare function timestampFromJson(json: TimestampJson, options?: FromJsonOptions): Timestamp;
export declare function govalSigningAuthorityToJson(
  authority: GovalSigningAuthorityInit | GovalSigningAuthority,
  options?: ToJsonOptions,
): GovalSigningAuthorityJson;
export declare function govalSigningAuthorityFromJson(json: JsonObject, options?: FromJsonOptions): GovalSigningAuthority;

// ---- tokens (PASETO v2.public) ----
// Ed25519 comes from the platform (node:crypto in Node, WebCrypto in browsers), so every
// function that touches a key returns a Promise, in every environment alike.

/** An Ed25519 JSON Web Key (RFC 8037); `d` makes it a secret key. */
export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  /** The public key: 32 bytes as unpadded base64url. */
  x: string;
  /** The seed: 32 bytes as unpadded base64url (secret keys only). */
  d?: string;
  [member: string]: unknown;
}

/**
 * A key object of the platform: a node:crypto `KeyObject` or a WebCrypto `CryptoKey`
 * (typed structurally, so no DOM or Node types are needed).
 */
export interface PlatformKey {
  readonly type: string;
}

/**
 * A public key: 32 raw bytes; text: their base64, base64url or hex, PASERK `k2.public.…` or
 * PEM (SPKI); a public `KeyObject` or `CryptoKey`; or an Ed25519 JWK without `d`. Keys are
 * checked: canonical, on the curve, not of small order.
 */
export type PublicKeyInput = Uint8Array | string | PlatformKey | Ed25519Jwk;

/**
 * A secret key, only in a form that says it is one: PASERK `k2.secret.…`; PEM (PKCS#8); the
 * 64 bytes seed‖public key (raw, or as base64/base64url/hex text; the public half is
 * checked); a private `KeyObject` or `CryptoKey`; an Ed25519 JWK with `d`; or `{ seed }` for
 * a bare 32-byte seed. 32 bytes alone, or a public key in any form, is a `KeyError`.
 */
export type SecretKeyInput = Uint8Array | string | PlatformKey | Ed25519Jwk | { seed: Uint8Array };

/** A token taken apart by `parseToken` (or `verifyToken`, after its checks). */
export interface ParsedToken {
  version: 'v2';
  purpose: 'public';
  message: ReplToken;
  /** `undefined` when the token has no footer. */
  footer: GovalSigningAuthority | undefined;
  /** The 64-byte Ed25519 signature. */
  signature: Uint8Array;
  /** The signed body as it was in the token: standard base64 of the ReplToken protobuf. */
  messageBase64: string;
  /** The footer as it was: standard base64 of the GovalSigningAuthority protobuf; `''` when none. */
  footerBase64: string;
  /** The bare token, without the URL it may have come in. */
  token: string;
}

export interface VerifyOptions {
  /**
   * The time to check the token's lifetime at: valid from `iat` (unset: the UNIX epoch)
   * until `exp` (unset: `iat` + 1 h). Default (absent or `undefined`): the current time.
   * `false` skips the time check, and is the only way to.
   */
  now?: TimestampInit | false;
  /** Seconds of leeway on each side of the lifetime. Default 0. */
  clockSkewSeconds?: number;
  /** The token's `cluster` must equal this. */
  cluster?: string;
  /** The id of the token's `repl` or `id` metadata must equal this. */
  replId?: string;
}

export interface InspectOptions {
  /** The time to judge the token at. Default: the current time. */
  now?: TimestampInit;
  /** Check the signature with this key; without it `signature` is 'not-checked'. */
  publicKey?: PublicKeyInput;
}

export interface UnknownFieldReport {
  /** Where it is, e.g. `resourceLimits.#7`. */
  path: string;
  /** The message it is in, e.g. `ResourceLimits`. */
  message: string | null;
  no: number;
  /** The name newer schemas give it, when known (e.g. `restrictNetwork`), else null. */
  name: string | null;
  wireType: 'varint' | 'fixed64' | 'length-delimited' | 'group' | 'fixed32';
  /** Length of its data in bytes. */
  length: number;
  hex: string;
  /** The data as text when it is printable UTF-8 (length-delimited fields only), else null. */
  text: string | null;
}

/**
 * What `inspectToken` reports: plain data only (strings, numbers, booleans, null, arrays,
 * plain objects), so `JSON.parse(JSON.stringify(report))` equals it.
 */
export interface TokenReport {
  /**
   * The headline: 'valid' only when a signature was checked and holds and the time is in
   * range; otherwise the worst of 'signature-invalid', then 'expired' / 'not-yet-valid',
   * then 'signature-not-checked'.
   */
  verdict: 'valid' | 'signature-invalid' | 'expired' | 'not-yet-valid' | 'signature-not-checked';
  /** 'not-checked' unless a `publicKey` was given. */
  signature: 'valid' | 'invalid' | 'not-checked';
  /** The time alone, at `now`. */
  timeStatus: 'in-range' | 'expired' | 'not-yet-valid';
  /** Seconds from now until the effective `exp`; negative once expired. */
  secondsLeft: number;
  now: string;
  /** RFC 3339, or null when unset. */
  iat: string | null;
  exp: string | null;
  /** `iat`, or the UNIX epoch when unset. */
  effectiveIat: string;
  /** `exp`, or `iat` + 1 h when unset. */
  effectiveExp: string;
  iatDefaulted: boolean;
  expDefaulted: boolean;
  lifetimeSeconds: number;
  cluster: string;
  salt: string;
  /** The enum name; a value from newer schemas reads like `READ_ONLY (3)`. */
  persistence: string;
  format: string;
  /** The metadata's fields; unknown ones as `$unknown` reports. */
  metadata: { kind: 'repl' | 'id' | 'classroom' | 'none'; $unknown?: UnknownFieldReport[]; [field: string]: string | UnknownFieldReport[] | undefined };
  /** The id of `repl` or `id` metadata, else null. */
  replId: string | null;
  /** Memory and disk in binary units, e.g. `2 GiB (2147483648 bytes)`; NaN and ±Infinity as text. */
  resourceLimits: { net: boolean; memory: string; threads: number | string; shares: number | string; disk: string } | null;
  presenced: { bearerID: number; bearerName: string } | null;
  flags: string[];
  footer: { keyId: string | null; signedCert: string | null; issuer: string; version: TokenVersion | number } | null;
  unknownFields: UnknownFieldReport[];
  /** Plain-language notes: defaults applied, deprecated values, fields from newer schemas. */
  notes: string[];
}

/** A problem with a token string or its contents. */
export declare class TokenError extends GovalTokenError {}
/** The string is not a readable repl token; `reason` says which way. */
export declare class TokenFormatError extends TokenError {
  readonly name: 'TokenFormatError';
  readonly reason:
    | 'not-a-string'
    | 'not-paseto'
    | 'unsupported-version'
    | 'unsupported-purpose'
    | 'invalid-base64url'
    | 'payload-too-short'
    | 'body-not-base64'
    | 'footer-not-base64'
    | 'invalid-message'
    | 'invalid-footer'
    | 'unsupported-footer-version'
    | 'too-long';
  /** For `invalid-message` and `invalid-footer`: the failing position in the protobuf bytes. */
  readonly offset: number | undefined;
}
export declare class TokenSignatureError extends TokenError {
  readonly name: 'TokenSignatureError';
}
export declare class TokenExpiredError extends TokenError {
  readonly name: 'TokenExpiredError';
  readonly expiredAt: Date | undefined;
  readonly now: Date | undefined;
}
export declare class TokenNotYetValidError extends TokenError {
  readonly name: 'TokenNotYetValidError';
  readonly validFrom: Date | undefined;
  readonly now: Date | undefined;
}
export declare class TokenClaimError extends TokenError {
  readonly name: 'TokenClaimError';
  readonly claim: 'cluster' | 'replId';
  readonly expected: string;
  readonly actual: string | undefined;
}
export declare class KeyError extends GovalTokenError {
  readonly name: 'KeyError';
}

/**
 * Takes a token (or a `wss://…/wsv2/<token>` URL) apart **without** checking its signature
 * (synchronous: no key is involved). Throws a `TokenFormatError`.
 */
export declare function parseToken(input: string): ParsedToken;
/**
 * Checks, in PASETO's order, the header, the base64url, the Ed25519 signature over PAE (before
 * anything inside the token is decoded), then the time at `now` (the current time unless
 * `now: false`) and the claims asked for. Resolves to the parsed token; rejects with a
 * `TokenFormatError`, `TokenSignatureError`, `TokenExpiredError`, `TokenNotYetValidError`,
 * `TokenClaimError`, `KeyError`, or a `GovalTokenError` for bad options.
 */
export declare function verifyToken(input: string, publicKey: PublicKeyInput, options?: VerifyOptions): Promise<ParsedToken>;
/**
 * Signs a ReplToken (any form `encodeReplToken` takes; no default is filled in) into a
 * v2.public token; no footer part when `footer` is omitted.
 */
export declare function signToken(message: ReplTokenInit, secretKey: SecretKeyInput, footer?: GovalSigningAuthorityInit): Promise<string>;
/** A new key pair: `publicKey` (32 bytes) and `secretKey` (seed then public key, 64 bytes). */
export declare function generateSigningKeyPair(): Promise<{ publicKey: Uint8Array; secretKey: Uint8Array }>;
/**
 * A plain-data report of everything in a token, for people and code; odd but well-formed
 * tokens are reported, not thrown. Check `verdict`: 'valid' only with a signature checked.
 */
export declare function inspectToken(input: string, options?: InspectOptions): Promise<TokenReport>;
