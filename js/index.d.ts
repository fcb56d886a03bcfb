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

/**
 * Every error's `code`: stable, one per error class (`ERR_TOKEN_EXPIRED` is always a
 * `TokenExpiredError`), and for a `GovalTokenError` itself what went wrong:
 * `ERR_INVALID_OPTION` (an option or argument the function does not take),
 * `ERR_UNSUPPORTED_PLATFORM` (no WebCrypto, Ed25519, secure random source or environment),
 * `ERR_NO_IDENTITY` (`identitySignerFromEnv`: the environment holds no repl identity),
 * `ERR_REENTRANT_CALL` (an encode called from a getter of the value being encoded),
 * `ERR_INTERNAL` (a bug: please report it).
 */
export type GovalTokenErrorCode =
  | 'ERR_ENCODE'
  | 'ERR_DECODE'
  | 'ERR_JSON'
  | 'ERR_TOKEN_FORMAT'
  | 'ERR_TOKEN_SIGNATURE'
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_TOKEN_NOT_YET_VALID'
  | 'ERR_TOKEN_CLAIM'
  | 'ERR_KEY'
  | 'ERR_INVALID_OPTION'
  | 'ERR_UNSUPPORTED_PLATFORM'
  | 'ERR_NO_IDENTITY'
  | 'ERR_REENTRANT_CALL'
  | 'ERR_INTERNAL';
/** Why a string is not a readable repl token: `TokenFormatError.reason`. */
export type TokenFormatReason =
  | 'not-a-string'
  | 'too-long'
  | 'not-paseto'
  | 'jwt'
  | 'key-not-token'
  | 'truncated'
  | 'unsupported-version'
  | 'unsupported-purpose'
  | 'invalid-base64url'
  | 'empty-footer'
  | 'payload-too-short'
  | 'body-not-base64'
  | 'footer-not-base64'
  | 'invalid-message'
  | 'invalid-footer'
  | 'unsupported-footer-version'
  | 'not-identity-token'
  | 'not-ghostwriter-token'
  | 'certificate-not-token'
  | 'invalid-certificate'
  | 'no-signer'
  | 'chain-too-deep';
/** Which claim a `TokenClaimError` is about. */
export type TokenClaimName =
  | 'cluster'
  | 'replId'
  | 'issuer'
  | 'keyId'
  | 'aud'
  | 'originReplid'
  | 'replid'
  | 'user'
  | 'userId'
  | 'subcluster'
  | 'deployment'
  | 'org'
  | 'replCreatedAt'
  | 'flag'
  | 'unknown';
/** The link of a certificate chain an error is about: depth 0 is the token itself, 1 the certificate that signed it, …. */
export interface ErrorLink {
  depth: number;
  issuer: string;
  keyId: string | undefined;
}

/**
 * The base class of every error this package throws; also thrown itself for bad options (an
 * unknown option, a negative `clockSkewSeconds`) and a platform without Ed25519. Compare
 * `error.code` or `error.name` (both stable, even minified) or use `instanceof`; messages never
 * hold key material.
 * @example
 * try {
 *   // @ts-expect-error: cluster is a string; the wrong type is the point here
 *   encodeReplToken({ cluster: 42 });
 * } catch (error) {
 *   if (error instanceof GovalTokenError) console.log(error.name, error.path); // EncodeError cluster
 * }
 */
export declare class GovalTokenError extends Error {
  /** Stable: 'GovalTokenError', or the subclass's name ('EncodeError', 'TokenFormatError', …). */
  readonly name: string;
  /** Stable, for code to test: see `GovalTokenErrorCode`. */
  readonly code: GovalTokenErrorCode;
  /** The offending field, such as `resourceLimits.memory` or `flags[2]`; `''` for the whole value. */
  readonly path: string;
  /** For an error about a token with a certificate chain: the link it is about. */
  readonly link?: ErrorLink;
}
/**
 * A value given to an `encode…`, `…ToJson` or `createReplToken` is not what the schema allows
 * (also `timestampToDate` for a time a `Date` cannot hold). `path` names the field.
 * @example
 * // EncodeError: presenced.bearerId: unknown field, did you mean bearerID?
 */
export declare class EncodeError extends GovalTokenError {
  readonly name: 'EncodeError';
  readonly code: 'ERR_ENCODE';
}
/**
 * The bytes given to a `decode…` function are not a valid message, or exceed `maxBytes` /
 * `maxDepth`. `path` names the field, `offset` the byte.
 * @example
 * // DecodeError: resourceLimits.memory: the bytes end in the middle of a field (at byte 3)
 */
export declare class DecodeError extends GovalTokenError {
  readonly name: 'DecodeError';
  readonly code: 'ERR_DECODE';
  /** Where in the given bytes decoding failed, when known. */
  readonly offset: number | undefined;
}

/**
 * The value given to a `…FromJson` function is not valid proto3 JSON for the message: an
 * unknown key (with a "did you mean"), two members of one oneof, a wrong type, a number out
 * of range. `path` names the field.
 */
export declare class JsonError extends GovalTokenError {
  readonly name: 'JsonError';
  readonly code: 'ERR_JSON';
}

/**
 * A new token as the object model, from anything `encodeReplToken` accepts, checked as
 * encode checks it. Defaults: `iat` now, `exp` one hour after `iat`, a random 24-character
 * base64url `salt` (from `crypto.getRandomValues`); whatever `init` gives wins.
 * @param init The fields to set; the oneof is `metadata: { case: 'repl', value: {…} }`.
 * @returns A new `ReplToken` with `iat` and `exp` set.
 * @throws {EncodeError} For a bad field (its `path` names it), or when `init` is not a plain object.
 * @example
 * const token = createReplToken({
 *   cluster: 'global',
 *   metadata: { case: 'repl', value: { id: '1f0c…', language: 'python3' } },
 * });
 */
export declare function createReplToken(init?: ReplTokenInit): ReplToken & { iat: Timestamp; exp: Timestamp };

/**
 * A `Date` as a Timestamp, to the millisecond.
 * @param date The time.
 * @returns `{ seconds: bigint, nanos: number }`.
 * @throws {EncodeError} When `date` is not a `Date`, or an invalid one.
 * @example
 * timestampFromDate(new Date('2024-01-02T03:04:05.678Z')); // { seconds: 1704164645n, nanos: 678000000 }
 */
export declare function timestampFromDate(date: Date): Timestamp;
/**
 * A Timestamp as a `Date` (nanoseconds below a millisecond are dropped).
 * @param timestamp A Timestamp in any input form: `{ seconds, nanos }`, a `Date`, or an RFC 3339 string.
 * @returns The `Date`.
 * @throws {EncodeError} For an invalid Timestamp, or a time outside what a `Date` can hold.
 * @example
 * timestampToDate({ seconds: 1704164645n, nanos: 678000000 }).toISOString(); // '2024-01-02T03:04:05.678Z'
 */
export declare function timestampToDate(timestamp: TimestampInit): Date;
/**
 * The current time as a Timestamp, to the millisecond.
 * @returns `{ seconds: bigint, nanos: number }`.
 */
export declare function timestampNow(): Timestamp;

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
  /**
   * What the body is: a ReplToken (footer version BARE_REPL_TOKEN or no footer); `parseToken`
   * also reads TYPE_AWARE_TOKEN bodies (TypeAwareParsedToken, GovalTokenParsedToken).
   */
  messageType: 'ReplToken';
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
  now?: TimestampInit | false | undefined;
  /** Seconds of leeway on each side of the lifetime. Default 0. */
  clockSkewSeconds?: number;
  /** The token's `cluster` must equal this. */
  cluster?: string;
  /** The id of the token's `repl` or `id` metadata must equal this. */
  replId?: string;
  /** The footer's `issuer` must equal this. */
  issuer?: string;
  /** The footer's `keyId` must equal this (a token signed through a certificate has none). */
  keyId?: string;
  /**
   * The flags the certificate that signed the token must hold. Default `['MINT_GOVAL_TOKEN']`:
   * a repl's identity key (its certificate holds IDENTITY) cannot mint ReplTokens. A token
   * signed by a root key directly needs no flag. `[]` requires none: dangerous, as any repl's
   * identity key can then mint tokens that verify.
   */
  flags?: FlagClaim[];
}

export interface InspectOptions {
  /** The time to judge the token at. Default: the current time. */
  now?: TimestampInit | undefined;
  /** As the verify functions' `flags`; default the token kind's (MINT_GOVAL_TOKEN, IDENTITY, GHOSTWRITER). */
  flags?: FlagClaim[];
  /**
   * Check the signature with this key; without it `signature` is 'not-checked'. A key source
   * (or any key, for a token signed through certificates) checks every signature of the
   * chain and each certificate's claims against its signer's.
   */
  publicKey?: PublicKeyInput | PublicKeySource | undefined;
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
  /** A ReplToken's report; identity and Ghostwriter tokens have a TypeAwareTokenReport. */
  messageType: 'ReplToken';
  /**
   * The headline. With a `publicKey`, the verify functions' own verdict: 'valid' exactly when
   * they accept the token (for an identity token, whatever its audience), else
   * 'signature-invalid', 'expired' / 'not-yet-valid', or 'invalid' (a certificate or claim
   * not authorized; see `problem`). Without one: the time, or 'signature-not-checked'.
   */
  verdict: 'valid' | 'signature-invalid' | 'expired' | 'not-yet-valid' | 'invalid' | 'signature-not-checked';
  /** 'not-checked' unless a `publicKey` was given (or the check stopped before the signatures). */
  signature: 'valid' | 'invalid' | 'not-checked';
  /** Why the verify functions refuse the token (`name: message`), or null. */
  problem: string | null;
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
  /** How long the repl may sit idle, as proto3 JSON writes a Duration (e.g. `1800s`); null when unset. */
  idleTimeout: string | null;
  footer: { keyId: string | null; signedCert: string | null; issuer: string; version: TokenVersion | number } | null;
  /** The certificates that signed the token, root-first; empty for a root-key signature. */
  chain: ChainLinkReport[];
  unknownFields: UnknownFieldReport[];
  /** Plain-language notes: defaults applied, deprecated values, fields from newer schemas. */
  notes: string[];
}

/**
 * The base class of the token errors: `TokenFormatError`, `TokenSignatureError`,
 * `TokenExpiredError`, `TokenNotYetValidError`, `TokenClaimError`.
 */
export declare class TokenError extends GovalTokenError {}
/**
 * The string is not a readable repl token; `reason` says which way, in words code can
 * test: a JWT (`jwt`), a key (`key-not-token`), a token cut short (`truncated`), another
 * PASETO version or purpose, bad base64url, a body or footer that is not a valid protobuf, ….
 * Thrown by `parseToken`, `verifyToken` and `inspectToken`. `Bearer <token>`, quotes and line
 * wrapping are not errors: they are taken off.
 * @example
 * try {
 *   parseToken(text);
 * } catch (error) {
 *   if (error instanceof TokenFormatError && error.reason === 'truncated') askForTheWholeToken();
 * }
 */
export declare class TokenFormatError extends TokenError {
  readonly name: 'TokenFormatError';
  readonly code: 'ERR_TOKEN_FORMAT';
  readonly reason: TokenFormatReason;
  /** For `invalid-message` and `invalid-footer`: the failing position in the protobuf bytes. */
  readonly offset: number | undefined;
}
/**
 * `verifyToken`: the Ed25519 signature does not verify with the given public key (a wrong
 * key, or a token changed after signing). Nothing in the token was decoded.
 */
export declare class TokenSignatureError extends TokenError {
  readonly name: 'TokenSignatureError';
  readonly code: 'ERR_TOKEN_SIGNATURE';
}
/**
 * `verifyToken` (unless `now: false`): `now` is at or after the token's effective `exp`
 * (`exp`, or `iat` + 1 h when unset), widened by `clockSkewSeconds`.
 */
export declare class TokenExpiredError extends TokenError {
  readonly name: 'TokenExpiredError';
  readonly code: 'ERR_TOKEN_EXPIRED';
  /** The effective `exp`; `undefined` only for a time beyond what a `Date` can hold (the message still says it). */
  readonly expiredAt: Date | undefined;
  /** The time the token was checked at; `undefined` only beyond what a `Date` can hold. */
  readonly now: Date | undefined;
}
/**
 * `verifyToken` (unless `now: false`): `now` is before the token's effective `iat`, widened
 * by `clockSkewSeconds`.
 */
export declare class TokenNotYetValidError extends TokenError {
  readonly name: 'TokenNotYetValidError';
  readonly code: 'ERR_TOKEN_NOT_YET_VALID';
  /** The effective `iat`; `undefined` only for a time beyond what a `Date` can hold. */
  readonly validFrom: Date | undefined;
  /** The time the token was checked at; `undefined` only beyond what a `Date` can hold. */
  readonly now: Date | undefined;
}
/**
 * A claim is not what was asked for, or not authorized: a value the caller expected
 * (`cluster`, `replId`, `issuer`, `keyId`, `aud`, `originReplid`), a value its signing
 * certificate does not cover (`replid`, `user`, `userId`, `cluster`, `subcluster`,
 * `deployment`, `org`), or a `flag` the signing certificate lacks. What the caller passed is
 * described (its length, a safe prefix), never quoted, in the message and in `expected`.
 */
export declare class TokenClaimError extends TokenError {
  readonly name: 'TokenClaimError';
  readonly code: 'ERR_TOKEN_CLAIM';
  /** Which claim. */
  readonly claim: TokenClaimName;
  /** What was required: the caller's value described, the flags required, or what the certificate holds. */
  readonly expected: unknown;
  /** What the token (or its certificate) holds. */
  readonly actual: unknown;
}
/**
 * A key in no accepted form, a public key (or 32 ambiguous bytes) given as the secret key,
 * a secret key given as the public key, or bytes that are not a valid Ed25519 key (off the
 * curve, non-canonical, small order). DER and PEM of other algorithms are named. The message
 * describes the key's form, never its bytes.
 */
export declare class KeyError extends GovalTokenError {
  readonly name: 'KeyError';
  readonly code: 'ERR_KEY';
}

/**
 * Takes a token apart **without** checking its signature (synchronous: no key is involved).
 * Use `verifyToken` for anything you act on.
 * @param input A token, a `wss://…/wsv2/<token>` URL, or either as pasted: `Bearer …`, in
 *   quotes or backticks, wrapped over lines.
 * @returns The decoded message and footer, the signature and the texts they came from.
 * @throws {TokenFormatError} When the input is not a readable v2.public repl token; see its `reason`.
 * @example
 * const parsed = parseToken(token);
 * if (parsed.messageType === 'ReplToken') console.log(parsed.message.cluster, parsed.footer?.issuer);
 */
export declare function parseToken(input: string): ParsedToken | TypeAwareParsedToken | GovalTokenParsedToken;
/**
 * Checks, in PASETO's order, the header, the base64url, the Ed25519 signature over PAE (before
 * anything inside the token is decoded), then the time at `now` (the current time unless
 * `now: false`) and the claims asked for.
 * @param input A token or a URL holding one, as `parseToken` takes it.
 * @param publicKey The issuer's Ed25519 public key, in any `PublicKeyInput` form.
 * @param options `now`, `clockSkewSeconds`, `cluster`, `replId`.
 * @returns A Promise of the parsed token, once every check passed.
 * @throws {TokenFormatError} Not a readable token.
 * @throws {TokenSignatureError} The signature does not verify with this key.
 * @throws {TokenExpiredError} Expired at `now`.
 * @throws {TokenNotYetValidError} Not valid yet at `now`.
 * @throws {TokenClaimError} `cluster` or `replId` differs.
 * @throws {KeyError} The key is in no accepted form or not a valid Ed25519 public key.
 * @throws {GovalTokenError} Bad options, or a platform without Ed25519.
 * @example
 * const { message } = await verifyToken(token, publicKey, { cluster: 'global', clockSkewSeconds: 30 }); // publicKey: 'k2.public.…', PEM, bytes…
 */
export declare function verifyToken(input: string, publicKey: PublicKeyInput | PublicKeySource, options?: VerifyOptions): Promise<VerifiedToken>;
/**
 * Signs a ReplToken into a v2.public token. No default is filled in: use `createReplToken`
 * for `iat`, `exp` and `salt`.
 * @param message The ReplToken, in any form `encodeReplToken` takes.
 * @param secretKey The Ed25519 secret key, only in a form that says it is secret (`SecretKeyInput`).
 * @param footer The footer (`GovalSigningAuthority`); the token has no footer part when omitted.
 * @param options `now` and `allowExpired` (see `SignOptions`): a token already expired is refused.
 * @returns A Promise of the token string, `v2.public.…`.
 * @throws {EncodeError} A bad field in `message` or `footer`, or a token already expired at
 *   `now` (most often: no `iat`, so issued at the UNIX epoch; `createReplToken` fills it in).
 * @throws {KeyError} The key is in no accepted form, is a public key, or its halves do not match.
 * @throws {GovalTokenError} A platform without Ed25519.
 * @example
 * const { secretKey } = await generateSigningKeyPair();
 * const token = await signToken(createReplToken({ cluster: 'global' }), secretKey, { issuer: 'localhost' });
 */
export declare function signToken(message: ReplTokenInit, secretKey: SecretKeyInput, footer?: GovalSigningAuthorityInit, options?: SignOptions): Promise<string>;

/** Options of `signToken` and `signCertificate`. */
export interface SignOptions {
  /** The time "already expired" is judged at. Default: the current time; `false` skips the check. */
  now?: TimestampInit | false | undefined;
  /** Sign even what is already expired at `now` (tests, replays of recorded tokens). Default false. */
  allowExpired?: boolean;
}
/**
 * A key pair as `generateSigningKeyPair` gives it. `secretKey` is not enumerable: spreads,
 * `Object.keys`, `structuredClone` and `JSON.stringify` leave it out, and Node's `util.inspect`
 * (`console.log`) prints `SigningKeyPair { publicKey: 'k2.public.…', secretKey: [redacted] }`.
 * Read `pair.secretKey` (or destructure it) where you need it.
 */
export interface SigningKeyPair {
  /** The public key: 32 bytes. */
  publicKey: Uint8Array;
  /** The secret key: 64 bytes, the seed then the public key (not enumerable). */
  secretKey: Uint8Array;
  /** `{ publicKey: 'k2.public.…' }`, never the secret key. */
  toJSON(): { publicKey: string };
}
/**
 * A new Ed25519 key pair from the platform's generator.
 * @returns A Promise of `publicKey` (32 bytes) and `secretKey` (the seed, then the public key:
 *   64 bytes), in a `SigningKeyPair` that prints without its secret.
 * @throws {GovalTokenError} A platform without Ed25519.
 * @example
 * const { publicKey, secretKey } = await generateSigningKeyPair();
 */
export declare function generateSigningKeyPair(): Promise<SigningKeyPair>;

/**
 * The forms `exportPublicKey` and `exportSecretKey` write: `'paserk'` (`k2.public.…`,
 * `k2.secret.…`), `'pem'` (SPKI `PUBLIC KEY`, PKCS#8 `PRIVATE KEY`, as node:crypto writes
 * them), `'jwk'` (an `Ed25519Jwk`, a plain object) or `'raw'` (a `Uint8Array`: 32 bytes for a
 * public key, 64 for a secret key, the seed then the public key).
 */
export type KeyExportFormat = 'paserk' | 'pem' | 'jwk' | 'raw';

/** A public key as `exportPublicKey(key, 'jwk')` writes it (an `Ed25519Jwk`, so it reads back). */
export type Ed25519PublicJwk = {
  kty: 'OKP';
  crv: 'Ed25519';
  /** The public key: 32 bytes as unpadded base64url. */
  x: string;
};
/** A secret key as `exportSecretKey(key, 'jwk')` writes it (an `Ed25519Jwk`, so it reads back). */
export type Ed25519SecretJwk = Ed25519PublicJwk & {
  /** The seed: 32 bytes as unpadded base64url. */
  d: string;
};

/** What `exportPublicKey` resolves to: a string (`paserk`, `pem`), a JWK or 32 bytes (`raw`). */
export type ExportedPublicKey<F extends KeyExportFormat> = F extends 'jwk' ? Ed25519PublicJwk : F extends 'raw' ? Uint8Array : string;
/** What `exportSecretKey` resolves to: a string (`paserk`, `pem`), a JWK or 64 bytes (`raw`). */
export type ExportedSecretKey<F extends KeyExportFormat> = F extends 'jwk' ? Ed25519SecretJwk : F extends 'raw' ? Uint8Array : string;

/**
 * A public key written in another form (as jose's `exportSPKI` and `exportJWK`): for a
 * certificate's `publicKey` (`'paserk'` or `'pem'`), a JWKS, a file.
 * @param key A public key in any `PublicKeyInput` form, **or a secret key** in any
 *   `SecretKeyInput` form: its public half is derived from the seed (a public half the form
 *   states must match). A non-extractable private `CryptoKey` is a `KeyError`.
 * @param format `'paserk'` (`k2.public.…`), `'pem'` (SPKI), `'jwk'` (`{ kty, crv, x }`) or
 *   `'raw'` (32 bytes).
 * @returns A Promise of the key in that form.
 * @throws {KeyError} `key` is in no accepted form, or not a valid Ed25519 key.
 * @throws {GovalTokenError} `ERR_INVALID_OPTION`: an unknown `format`.
 * @example
 * const { publicKey, secretKey } = await generateSigningKeyPair();
 * const paserk = await exportPublicKey(publicKey, 'paserk'); // 'k2.public.…'
 * const pem = await exportPublicKey(secretKey, 'pem'); // the same key, from the secret key
 */
export declare function exportPublicKey<F extends KeyExportFormat>(key: PublicKeyInput | SecretKeyInput, format: F): Promise<ExportedPublicKey<F>>;
/**
 * A secret key written in another form (as jose's `exportPKCS8` and `exportJWK`). The result
 * is secret: store it as you would the key.
 * @param key A secret key in any `SecretKeyInput` form (a public half it states must match
 *   its seed). A non-extractable private `CryptoKey` is a `KeyError`.
 * @param format `'paserk'` (`k2.secret.…`, as `REPL_IDENTITY_KEY`), `'pem'` (PKCS#8 v1),
 *   `'jwk'` (`{ kty, crv, x, d }`) or `'raw'` (64 bytes: the seed, then the public key, as
 *   `generateSigningKeyPair` and libsodium keep it; `{ seed: raw.subarray(0, 32) }` reads the
 *   seed alone back).
 * @returns A Promise of the key in that form.
 * @throws {KeyError} `key` is in no accepted form, is a public key, or its halves do not match.
 * @throws {GovalTokenError} `ERR_INVALID_OPTION`: an unknown `format`.
 * @example
 * const { secretKey } = await generateSigningKeyPair();
 * const paserk = await exportSecretKey(secretKey, 'paserk'); // 'k2.secret.…'
 * const jwk = await exportSecretKey(paserk, 'jwk');
 * jwk.kty; // 'OKP'
 */
export declare function exportSecretKey<F extends KeyExportFormat>(key: SecretKeyInput, format: F): Promise<ExportedSecretKey<F>>;
/**
 * A plain-data report of everything in a token, for people and code; odd but well-formed
 * tokens are reported, not thrown. Check `verdict`: 'valid' only with a signature checked.
 * @param input A token or a URL holding one, as `parseToken` takes it.
 * @param options `now` (default the current time) and `publicKey` (to check the signature).
 * @returns A Promise of the report; it survives `JSON.stringify` unchanged.
 * @throws {TokenFormatError} Not a readable token.
 * @throws {KeyError} A `publicKey` in no accepted form.
 * @example
 * const report = await inspectToken(token, { publicKey });
 * console.log(report.verdict); // 'valid', or why not
 * if (report.messageType === 'ReplToken') console.log(report.secondsLeft, report.unknownFields);
 */
export declare function inspectToken(input: string, options?: InspectOptions): Promise<TokenReport | TypeAwareTokenReport | UnreadableTokenReport>;

/** With a key: a token whose signature fails and whose body does not even read. */
export interface UnreadableTokenReport {
  messageType: null;
  verdict: 'signature-invalid' | 'invalid';
  signature: TokenReport['signature'];
  timeStatus: null;
  now: string;
  problem: string;
  notes: string[];
}

/**
 * A value of the object model (a ReplToken or another message, a Timestamp, or what
 * `parseToken`/`verifyToken` return) as readable indented text for a terminal or log:
 * Timestamps as RFC 3339 with the time from now, int64s as decimals, enums by name, bytes as
 * hex, unknown fields by number and wire type. The value is not changed.
 * @param value Any value; the object model's are shown readably.
 * @returns Multi-line text; strings are quoted, with control, bidi and invisible characters escaped.
 * @example
 * console.log(formatToken(parseToken(token)));
 */
export declare function formatToken(value: unknown): string;
/**
 * Turns the Chrome DevTools custom formatters (`globalThis.devtoolsFormatters`) for the object
 * model on (the default) or off (`false`); DevTools applies them when "Enable custom
 * formatters" is ticked in its settings.
 * @param enabled `false` removes them. Default `true`.
 * @returns Whether they are installed now.
 * @example
 * installDevtoolsFormatters(); // then console.log(decodeReplToken(bytes)) shows dates, enum names, hex
 */
export declare function installDevtoolsFormatters(enabled?: boolean): boolean;

// ---- identity tokens and certificate chains (js/chain.js) ----

import type {
  CertificateClaim,
  FlagClaim,
  GovalCert,
  GovalCertInit,
  GovalReplIdentity,
  GovalReplIdentityInit,
  GovalReplIdentityJson,
  GovalToken,
  GovalTokenJson,
} from './gen/api.js';

/**
 * Where root public keys come from, by the key id (and issuer) a footer names:
 * - a map key id → public key (any accepted form, including the standard base64 of the raw 32
 *   bytes that REPL_PUBKEYS uses),
 * - the REPL_PUBKEYS JSON text itself,
 * - a function `(keyId, issuer) → key | undefined`, which may return a Promise.
 * An unknown key id is a `KeyError`.
 */
export type PublicKeySource =
  | { readonly [keyId: string]: PublicKeyInput }
  | string
  | ((keyId: string, issuer: string) => PublicKeyInput | undefined | null | Promise<PublicKeyInput | undefined | null>);

/** One certificate of a verified chain. */
export interface ChainLink {
  /** 1 for the certificate that signed the token, 2 for the one that signed it, … */
  depth: number;
  /** The `issuer` of the certificate's footer. */
  issuer: string;
  /** For the certificate a root key signed: that key's id; else undefined. */
  keyId: string | undefined;
  signedBy: 'root-key' | 'certificate';
  /**
   * Effective lifetime: `iat` until `exp`, each the UNIX epoch when unset (as go-replidentity
   * and replit-py read a certificate: one without `exp` has expired).
   */
  iat: Timestamp;
  exp: Timestamp;
  iatDefaulted: boolean;
  expDefaulted: boolean;
  claims: CertificateClaim[];
  /** Each claim in words, e.g. `repl id "…"`, `flag IDENTITY (may sign identity tokens)`. */
  claimsText: string[];
  /** The FlagClaim names among the claims (a number for a value this schema lacks). */
  flags: (FlagClaim | number)[];
  /** The key the certificate certifies: PASERK `k2.public.…` or a PEM PUBLIC KEY block. */
  publicKey: string;
  certificate: GovalCert;
  /** The certificate token itself. */
  token: string;
}

/** What a chain verification adds to its result. */
export interface ChainResult {
  /** The certificates, root-first; empty when a root key signed the token directly. */
  chain: ChainLink[];
  signedBy: 'root-key' | 'certificate';
  /** The flags of the certificate that signed the token; empty for a root-key signature. */
  flags: (FlagClaim | number)[];
  /** The key id of the root key the chain starts from. */
  rootKeyId: string | undefined;
}

/** What `verifyToken` resolves to: the parsed token, and for chains and key sources the chain. */
export type VerifiedToken = ParsedToken & Partial<ChainResult>;

/**
 * A TYPE_AWARE_TOKEN token taken apart by `parseToken`: a GovalReplIdentity body (identity
 * tokens), or a GovalToken when the body decodes cleanly as one (Ghostwriter).
 */
export interface TypeAwareParsedToken extends Omit<ParsedToken, 'messageType' | 'message'> {
  messageType: 'GovalReplIdentity';
  message: GovalReplIdentity;
}
export interface GovalTokenParsedToken extends Omit<ParsedToken, 'messageType' | 'message'> {
  messageType: 'GovalToken';
  message: GovalToken;
}

export interface VerifyIdentityOptions {
  /** Where the root keys come from (e.g. `process.env.REPL_PUBKEYS`). Required. */
  publicKeys: PublicKeySource | PublicKeyInput;
  /** Your repl id (REPL_ID), or several: the token's `aud` must equal one. Required. */
  audience: string | string[];
  /**
   * The flags the certificate that signed the token must hold. Default `['IDENTITY']`, as
   * go-replidentity's VerifyIdentity; `['RENEW_IDENTITY']` is its VerifyRenewIdentity. A
   * token signed by a root key directly holds no flags. `[]` requires none: dangerous.
   */
  flags?: FlagClaim[];
  /** go-replidentity's WithSource: when the token names an `originReplid`, it must be this. */
  source?: string;
  /** The time to check every certificate at; default the current time; `false` skips it. */
  now?: TimestampInit | false;
  /** Seconds of leeway on each side of each certificate's lifetime. Default 0. */
  clockSkewSeconds?: number;
}

export interface VerifiedIdentity extends ChainResult {
  identity: GovalReplIdentity;
  footer: GovalSigningAuthority;
  signature: Uint8Array;
  messageBase64: string;
  footerBase64: string;
  token: string;
}

/**
 * Verifies a Replit identity token and its certificate chain: every signature (each before
 * its body is decoded), each certificate's lifetime, that each certificate's claims are
 * covered by its signer's (SIGN_INTERMEDIATE_CERT, claims or ANY_* flags), that `aud` is
 * `audience`, and that the identity's repl id, user, user id, cluster, subcluster,
 * deployment and org are covered by the certificate that signed it. Rejects with
 * `TokenSignatureError`, `TokenExpiredError` / `TokenNotYetValidError`, `TokenClaimError`,
 * `KeyError` or `TokenFormatError`, each with `link: { depth, issuer, keyId }` (depth 0: the
 * token itself).
 * @param token The identity token (v2.public, TYPE_AWARE_TOKEN footer).
 * @param options The key source, the `audience` and the time (see `VerifyIdentityOptions`).
 * @returns A Promise of the verified identity and its chain.
 * @throws {TokenSignatureError} A signature in the chain does not verify.
 * @throws {TokenExpiredError} A certificate or the token is expired (also `TokenNotYetValidError`).
 * @throws {TokenClaimError} The audience differs, or a claim is not covered by its signer.
 * @throws {KeyError} A key id has no key in the source, or a key is not valid.
 * @throws {TokenFormatError} A token or certificate is not readable, or the chain is malformed.
 */
export declare function verifyIdentityToken(token: string, options: VerifyIdentityOptions): Promise<VerifiedIdentity>;

export interface VerifyGhostwriterOptions {
  /** As `VerifyOptions.now`: the time to check the token's own lifetime and its certificates' at; `false` skips. */
  now?: TimestampInit | false | undefined;
  /** Seconds of leeway on each side of each lifetime. Default 0. */
  clockSkewSeconds?: number;
  /**
   * The flags the certificate that signed the token must hold. Default `['GHOSTWRITER']`; a
   * token signed by a root key directly needs none (as replit-py). `[]` requires none: dangerous.
   */
  flags?: FlagClaim[];
  /** The token's `replid` must equal this. */
  replId?: string;
}

/** What `verifyGhostwriterToken` resolves to: the verified GovalToken, its parts and its chain. */
export interface VerifiedGhostwriterToken extends Omit<GovalTokenParsedToken, 'footer'>, ChainResult {
  footer: GovalSigningAuthority;
}

/**
 * Verifies a Ghostwriter token (a GovalToken body, TYPE_AWARE_TOKEN footer) as replit-py's
 * `verify_ghostwriter` does: the signatures of the token and its chain, the GHOSTWRITER flag
 * on the certificate that signed it (a root key needs none), and that the certificate covers
 * its `replid`. Stricter than replit-py: the token's own `iat`/`exp` are checked too.
 * @param token The Ghostwriter token.
 * @param publicKeys The root key, or a key source (REPL_PUBKEYS JSON, a map, a function).
 * @param options `now`, `clockSkewSeconds`, `flags`, `replId`.
 * @returns A Promise of the verified GovalToken and its chain.
 * @throws {TokenFormatError} Not a readable token, or not a Ghostwriter token (`reason` 'not-ghostwriter-token').
 * @throws {TokenSignatureError} A signature in the chain does not verify.
 * @throws {TokenExpiredError} The token or a certificate is expired (also `TokenNotYetValidError`).
 * @throws {TokenClaimError} The GHOSTWRITER flag is missing, the replid is not covered, or `replId` differs.
 * @throws {KeyError} A key id has no key in the source, or a key is not valid.
 * @example
 * const { REPL_PUBKEYS } = process.env; // the root keys, in a repl
 * if (!REPL_PUBKEYS) throw new Error('not in a repl');
 * const { message } = await verifyGhostwriterToken(token, REPL_PUBKEYS);
 * console.log(message.replid);
 */
export declare function verifyGhostwriterToken(token: string, publicKeys: PublicKeyInput | PublicKeySource, options?: VerifyGhostwriterOptions): Promise<VerifiedGhostwriterToken>;

export interface IdentitySignerOptions {
  /** This repl's identity token (REPL_IDENTITY): its replid and aud must be `replId`. */
  identityToken: string;
  /** The key its certificate certifies (REPL_IDENTITY_KEY, PASERK k2.secret.…). */
  secretKey: SecretKeyInput;
  /** This repl's id (REPL_ID). */
  replId: string;
  /** Where the root keys come from (REPL_PUBKEYS). */
  publicKeys: PublicKeySource | PublicKeyInput;
  now?: TimestampInit | false;
  clockSkewSeconds?: number;
}

export interface IdentitySigner {
  /** This repl's verified identity. */
  identity: GovalReplIdentity;
  chain: ChainLink[];
  /** The flags of the certificate that signed it (IDENTITY for REPL_IDENTITY, RENEW_IDENTITY for REPL_RENEWAL). */
  flags: ChainResult['flags'];
  /** A token proving this repl's identity to the repl whose id is `audience`. */
  sign(audience: string): Promise<string>;
}

/**
 * As go-replidentity's NewSigningAuthority: verifies `identityToken` (a mismatch of its
 * replid or aud with `replId` is a TokenClaimError; a secret key the certificate does not
 * certify a KeyError), then signs GovalReplIdentity { replid, user, slug, aud: audience }
 * (with the runtime, org, user id, build info, roles and origin repl id Go's Sign also
 * carries) under the identity token's own footer.
 * @param options The identity token, its secret key, the key source and this repl's id (see `IdentitySignerOptions`).
 * @returns A Promise of the signer: the verified identity, its chain and `sign(audience)`.
 * @throws {TokenClaimError} The token's repl id or audience is not `replId`.
 * @throws {KeyError} The secret key is not the one the certificate certifies, or in no accepted form.
 * @throws {TokenError} The identity token does not verify (as `verifyIdentityToken`).
 */
export declare function createIdentitySigner(options: IdentitySignerOptions): Promise<IdentitySigner>;

export interface IdentitySignerFromEnvOptions {
  /** Sign with the renewal pair (REPL_RENEWAL, REPL_RENEWAL_KEY: RENEW_IDENTITY) instead of REPL_IDENTITY's. */
  renewal?: boolean;
  /** The variables to read. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * The token and key files tried before the variables, or `false` for none. Default for the
   * identity pair, as go-replidentity: `/tmp/replidentity` and `/tmp/replidentity.key`.
   */
  files?: { token: string; key: string } | false;
  /** As `createIdentitySigner`'s: the time the identity token is checked at. */
  now?: TimestampInit | false | undefined;
  clockSkewSeconds?: number;
}

/**
 * `createIdentitySigner` over this repl's environment, as go-replidentity's
 * `CreateIdentityTokenSigningAuthority`: the identity token and key (files first, then
 * REPL_IDENTITY / REPL_IDENTITY_KEY, or the REPL_RENEWAL pair), REPL_ID and REPL_PUBKEYS.
 * Node (or any runtime with `process.env`) only, unless `env` is given.
 * @param options `renewal`, `env`, `files`, `now`, `clockSkewSeconds`.
 * @returns A Promise of the signer: `sign(audience)` makes a token for another repl.
 * @throws {GovalTokenError} `ERR_NO_IDENTITY` when a variable or file is missing (not in a repl,
 *   or REPL_OWNER is five-nine); `ERR_UNSUPPORTED_PLATFORM` without an environment.
 * @throws {TokenError} The identity token does not verify (as `createIdentitySigner`).
 * @example
 * const signer = await identitySignerFromEnv();
 * const token = await signer.sign(otherReplId);
 */
export declare function identitySignerFromEnv(options?: IdentitySignerFromEnvOptions): Promise<IdentitySigner>;

/**
 * Signs a certificate (a GovalCert) with `secretKey`; `authority` names that key (its footer).
 * @param cert The certificate's claims, lifetime and the public key it certifies.
 * @param secretKey The signer's Ed25519 secret key (`SecretKeyInput`).
 * @param authority The footer naming the signing key (`keyId` or `signedCert`) and issuer.
 * @param options `now` and `allowExpired` (`SignOptions`): a certificate already expired is refused.
 * @returns A Promise of the certificate as a v2.public token.
 * @throws {EncodeError} A bad field in `cert` or `authority`; a `publicKey` that is not PASERK
 *   `k2.public.…` or a PEM `PUBLIC KEY` block holding a valid Ed25519 key (what
 *   go-replidentity reads; `exportPublicKey(key, 'paserk')` writes one), at path `publicKey`;
 *   or a certificate already expired at `now` (a certificate has no defaults: give `iat` and `exp`).
 * @throws {KeyError} The key is in no accepted form or is a public key.
 */
export declare function signCertificate(cert: GovalCertInit, secretKey: SecretKeyInput, authority: GovalSigningAuthorityInit, options?: SignOptions): Promise<string>;

/**
 * Signs an identity token; `authority.version` defaults to TYPE_AWARE_TOKEN.
 * @param identity The GovalReplIdentity to sign.
 * @param secretKey The secret key its certificate certifies (`SecretKeyInput`).
 * @param authority The footer, usually `{ signedCert: <certificate token> }`.
 * @returns A Promise of the identity token.
 * @throws {EncodeError} A bad field in `identity` or `authority`.
 * @throws {KeyError} The key is in no accepted form or is a public key.
 */
export declare function signIdentityToken(identity: GovalReplIdentityInit, secretKey: SecretKeyInput, authority: GovalSigningAuthorityInit): Promise<string>;

/** A certificate in `inspectToken`'s report (plain data). */
export interface ChainLinkReport {
  depth: number;
  issuer: string | null;
  keyId: string | null;
  signedBy: 'root-key' | 'certificate' | 'nothing' | null;
  iat?: string;
  exp?: string;
  iatDefaulted?: boolean;
  expDefaulted?: boolean;
  /** The certificate's lifetime at the report's `now`. */
  timeStatus?: 'in-range' | 'expired' | 'not-yet-valid';
  /** Claims in words. */
  claims?: string[];
  flags?: string[];
  publicKey?: string;
  /** Why the link could not be read, when it could not. */
  error?: string;
}

/** `inspectToken`'s report of an identity or Ghostwriter token (plain data). */
export interface TypeAwareTokenReport {
  verdict: TokenReport['verdict'];
  signature: TokenReport['signature'];
  problem: string | null;
  /** The worst of the token's own time (Ghostwriter) and its certificates'. */
  timeStatus: TokenReport['timeStatus'];
  secondsLeft: number | null;
  now: string;
  /** GovalCert: a certificate passed as a token (a root-signed one reads as a ReplToken whose cluster is a key). */
  messageType: 'GovalReplIdentity' | 'GovalToken' | 'GovalCert';
  /** An identity's lifetime is its chain's: the latest iat and the earliest exp. */
  effectiveIat: string | null;
  effectiveExp: string | null;
  /** For identity tokens: the GovalReplIdentity as proto3 JSON, defaults included. */
  identity?: GovalReplIdentityJson;
  /** For Ghostwriter tokens: the GovalToken as proto3 JSON, defaults included. */
  govalToken?: GovalTokenJson;
  /** For a certificate: its lifetime, claims in words, flags and certified key. */
  certificate?: { iat: string; exp: string; claims: string[]; flags: string[]; publicKey: string };
  footer: TokenReport['footer'];
  chain: ChainLinkReport[];
  notes: string[];
}
