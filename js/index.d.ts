// The public API. The object model types (ReplToken, ReplTokenInit, …) are generated from
// proto/ by build.rs into goval_token.d.ts.
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
} from './goval_token.js';

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
} from './goval_token.js';

/** The base class of every error this package throws. */
export declare class GovalTokenError extends Error {
  readonly name: 'GovalTokenError' | 'EncodeError' | 'DecodeError';
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
