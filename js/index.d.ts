// The public API. Everything schema-shaped (the object model `X`/`XInit`, the JSON types
// `XJson`, and encodeX/decodeX/xToJson/xFromJson for every message) is generated from
// proto/ into gen/api.d.ts; this file adds the hand-written functions and the errors.
import type {
  GovalSigningAuthority,
  GovalSigningAuthorityInit,
  ReplToken,
  ReplTokenInit,
  Timestamp,
  TimestampInit,
  TokenVersion,
  UnknownField,
} from './gen/api.js';

export * from './gen/api.js';

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

/** The value given to a `…FromJson` function is not valid proto3 JSON for the message. */
export declare class JsonError extends GovalTokenError {
  readonly name: 'JsonError';
}

/**
 * A new token as the object model, from anything `encodeReplToken` accepts. Defaults:
 * `iat` now, `exp` one hour after `iat`, a random 24-character base64url `salt`;
 * whatever `init` gives wins.
 */
export declare function createReplToken(init?: ReplTokenInit): ReplToken & { iat: Timestamp; exp: Timestamp };

export declare function timestampFromDate(date: Date): Timestamp;
/** Throws when the time is outside what a `Date` can hold. */
export declare function timestampToDate(timestamp: TimestampInit): Date;
export declare function timestampNow(): Timestamp;

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
