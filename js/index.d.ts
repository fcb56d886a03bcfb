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

/** A public key: 32 raw bytes, or text: base64, base64url, hex, PEM (SPKI) or PASERK `k2.public.…`. */
export type PublicKeyInput = Uint8Array | string;
/**
 * A secret key: a 32-byte seed or 64 bytes (seed, then public key), or text: base64,
 * base64url, hex, PEM (PKCS#8) or PASERK `k2.secret.…`.
 */
export type SecretKeyInput = Uint8Array | string;

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
  /** Check the time: valid from `iat` (unset: the UNIX epoch) until `exp` (unset: `iat` + 1 h). */
  now?: TimestampInit;
  /** Seconds of leeway on each side of the lifetime, when `now` is given. Default 0. */
  clockSkewSeconds?: number;
  /** The token's `cluster` must equal this. */
  cluster?: string;
  /** The id of the token's `repl` or `id` metadata must equal this. */
  replId?: string;
}

export interface InspectOptions {
  /** The time to judge the token at. Default: now. */
  now?: TimestampInit;
  /** Check the signature with this key. */
  publicKey?: PublicKeyInput;
}

export interface UnknownFieldReport {
  /** Where it is, e.g. `resourceLimits.#7`. */
  path: string;
  /** The message it is in, e.g. `ResourceLimits`. */
  message: string;
  no: number;
  /** The name newer schemas give it, when known (e.g. `restrictNetwork`). */
  name: string | undefined;
  wireType: 'varint' | 'fixed64' | 'length-delimited' | 'group' | 'fixed32';
  /** Length of its data in bytes. */
  length: number;
  hex: string;
}

/** What `inspectToken` reports: plain strings and numbers for people. */
export interface TokenReport {
  status: 'valid' | 'expired' | 'not-yet-valid';
  /** Seconds from now until the effective `exp`; negative once expired. */
  secondsLeft: number;
  now: string;
  /** RFC 3339, or `undefined` when unset. */
  iat: string | undefined;
  exp: string | undefined;
  /** `iat`, or the UNIX epoch when unset. */
  effectiveIat: string;
  /** `exp`, or `iat` + 1 h when unset. */
  effectiveExp: string;
  iatDefaulted: boolean;
  expDefaulted: boolean;
  lifetimeSeconds: number;
  signature: 'valid' | 'invalid' | 'not checked';
  cluster: string;
  salt: string;
  /** The enum name; a value from newer schemas reads like `READ_ONLY (3)`. */
  persistence: string;
  format: string;
  metadata: { kind: 'repl' | 'id' | 'classroom' | 'none'; [field: string]: string | UnknownField[] | undefined };
  /** The id of `repl` or `id` metadata. */
  replId: string | undefined;
  /** Memory and disk in binary units, e.g. `2 GiB (2147483648 bytes)`. */
  resourceLimits: { net: boolean; memory: string; threads: number; shares: number; disk: string } | undefined;
  presenced: { bearerID: number; bearerName: string } | undefined;
  flags: string[];
  footer:
    | { keyId: string | undefined; signedCert: string | undefined; issuer: string; version: TokenVersion | number }
    | undefined;
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

/** Takes a token (or a `wss://…/wsv2/<token>` URL) apart without checking its signature. */
export declare function parseToken(input: string): ParsedToken;
/** Parses, checks the Ed25519 signature, then the time and claims asked for. */
export declare function verifyToken(input: string, publicKey: PublicKeyInput, options?: VerifyOptions): ParsedToken;
/** Signs a ReplToken into a v2.public token; no footer part when `footer` is omitted. */
export declare function signToken(message: ReplTokenInit, secretKey: SecretKeyInput, footer?: GovalSigningAuthorityInit): string;
/** A new key pair: `publicKey` (32 bytes) and `secretKey` (seed then public key, 64 bytes). */
export declare function generateSigningKeyPair(): { publicKey: Uint8Array; secretKey: Uint8Array };
/** A plain report of everything in a token, for people; odd but well-formed tokens are reported, not thrown. */
export declare function inspectToken(input: string, options?: InspectOptions): TokenReport;
