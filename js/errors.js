// Every error the package throws. Each class has a stable `name` (set on the prototype, so
// minifiers cannot change it), a stable `code` (one of ERROR_CODES, as jose's
// ERR_JWT_EXPIRED) and a `path` naming the offending field. The lists below are closed: the
// declarations (index.d.ts) spell the same unions, and tests/js/errors.test.mjs checks that
// the two and every error the code raises agree.

// The lists are plain literals, not frozen: the browser entry is one minified file, and
// minifying drops `@__PURE__`, so a bundler would keep any `Object.freeze(…)` call.

/** Every `code`: one per error class, and for GovalTokenError itself, what went wrong. */
export const ERROR_CODES = [
  'ERR_ENCODE',
  'ERR_DECODE',
  'ERR_JSON',
  'ERR_TOKEN_FORMAT',
  'ERR_TOKEN_SIGNATURE',
  'ERR_TOKEN_EXPIRED',
  'ERR_TOKEN_NOT_YET_VALID',
  'ERR_TOKEN_CLAIM',
  'ERR_KEY',
  'ERR_INVALID_OPTION', // GovalTokenError: an option or argument that is not what the function takes
  'ERR_UNSUPPORTED_PLATFORM', // GovalTokenError: no WebCrypto, no Ed25519, no secure random source, no environment
  'ERR_NO_IDENTITY', // GovalTokenError: the environment holds no repl identity (identitySignerFromEnv)
  'ERR_REENTRANT_CALL', // GovalTokenError: encode… called from a getter of the value being encoded
  'ERR_INTERNAL', // GovalTokenError: a bug in this package
];

/** Every TokenFormatError `reason`. */
export const TOKEN_FORMAT_REASONS = [
  'not-a-string',
  'too-long',
  'not-paseto',
  'jwt',
  'key-not-token',
  'truncated',
  'unsupported-version',
  'unsupported-purpose',
  'invalid-base64url',
  'empty-footer',
  'payload-too-short',
  'body-not-base64',
  'footer-not-base64',
  'invalid-message',
  'invalid-footer',
  'unsupported-footer-version',
  'not-identity-token',
  'not-ghostwriter-token',
  'certificate-not-token',
  'invalid-certificate',
  'no-signer',
  'chain-too-deep',
];

/**
 * Every TokenClaimError `claim`: what the caller asked for (cluster, replId, issuer, keyId,
 * aud, originReplid), a certificate claim not covered (replid … replCreatedAt, and `unknown`
 * for a claim this schema lacks), or a missing `flag`.
 */
export const CLAIM_NAMES = [
  'cluster',
  'replId',
  'issuer',
  'keyId',
  'aud',
  'originReplid',
  'replid',
  'user',
  'userId',
  'subcluster',
  'deployment',
  'org',
  'replCreatedAt',
  'flag',
  'unknown',
];

export class GovalTokenError extends Error {
  /**
   * @param {string} detail what is wrong, without the path
   * @param {{ path?: string, cause?: unknown, code?: string }} [info] `code`: GovalTokenError's own (the subclasses have one each)
   */
  constructor(detail, info = {}) {
    const path = info.path ?? '';
    super(path ? `${path}: ${detail}` : detail, info.cause === undefined ? undefined : { cause: info.cause });
    this.code = CLASS_CODES[this.name] ?? info.code ?? 'ERR_INVALID_OPTION';
    this.path = path;
  }
}
GovalTokenError.prototype.name = 'GovalTokenError';

/**
 * Puts an error class's name on its prototype, as the built-in errors have it, and returns the
 * class (the name is spelled out: minifiers rename classes). Called as a pure call, so that a
 * bundler drops the classes an app never uses (a bare `X.prototype.name = …` statement would
 * keep every one).
 */
function named(ErrorClass, name) {
  ErrorClass.prototype.name = name;
  return ErrorClass;
}

const CLASS_CODES = {
  EncodeError: 'ERR_ENCODE',
  DecodeError: 'ERR_DECODE',
  JsonError: 'ERR_JSON',
  TokenFormatError: 'ERR_TOKEN_FORMAT',
  TokenSignatureError: 'ERR_TOKEN_SIGNATURE',
  TokenExpiredError: 'ERR_TOKEN_EXPIRED',
  TokenNotYetValidError: 'ERR_TOKEN_NOT_YET_VALID',
  TokenClaimError: 'ERR_TOKEN_CLAIM',
  KeyError: 'ERR_KEY',
};

/** A value given to an `encode…` or `create…` function is not what the schema allows. */
export const EncodeError = /* @__PURE__ */ named(class EncodeError extends GovalTokenError {}, 'EncodeError');

/** The bytes given to a `decode…` function are not a valid message. */
export const DecodeError = /* @__PURE__ */ named(class DecodeError extends GovalTokenError {
  /**
   * @param {string} detail
   * @param {{ path?: string, offset?: number, cause?: unknown }} [info]
   */
  constructor(detail, info = {}) {
    const offset = info.offset;
    super(offset === undefined ? detail : `${detail} (at byte ${offset})`, info);
    /** Where in the given bytes decoding failed, when known. */
    this.offset = offset;
  }
}, 'DecodeError');

/** The value given to a `…FromJson` function is not valid proto3 JSON for the message. */
export const JsonError = /* @__PURE__ */ named(class JsonError extends GovalTokenError {}, 'JsonError');

/** A problem with a token string or its contents. */
export const TokenError = /* @__PURE__ */ named(class TokenError extends GovalTokenError {}, 'TokenError');

/** The string is not a readable repl token. `reason` (one of TOKEN_FORMAT_REASONS) says which way. */
export const TokenFormatError = /* @__PURE__ */ named(class TokenFormatError extends TokenError {
  constructor(detail, info = {}) {
    super(info.offset === undefined ? detail : `${detail} (at byte ${info.offset} of the protobuf)`, info);
    this.reason = info.reason;
    /** For `invalid-message` and `invalid-footer`: where in the protobuf bytes decoding failed. */
    this.offset = info.offset;
  }
}, 'TokenFormatError');

/** The signature does not verify with the given public key. */
export const TokenSignatureError = /* @__PURE__ */ named(class TokenSignatureError extends TokenError {}, 'TokenSignatureError');

/** `now` is at or after the token's effective `exp`. */
export const TokenExpiredError = /* @__PURE__ */ named(class TokenExpiredError extends TokenError {
  constructor(detail, info = {}) {
    super(detail, info);
    this.expiredAt = info.expiredAt;
    this.now = info.now;
  }
}, 'TokenExpiredError');

/** `now` is before the token's effective `iat`. */
export const TokenNotYetValidError = /* @__PURE__ */ named(class TokenNotYetValidError extends TokenError {
  constructor(detail, info = {}) {
    super(detail, info);
    this.validFrom = info.validFrom;
    this.now = info.now;
  }
}, 'TokenNotYetValidError');

/** A claim (one of CLAIM_NAMES) is not what was asked for, or not covered by the certificate that signed it. */
export const TokenClaimError = /* @__PURE__ */ named(class TokenClaimError extends TokenError {
  constructor(detail, info = {}) {
    super(detail, info);
    this.claim = info.claim;
    this.expected = info.expected;
    this.actual = info.actual;
  }
}, 'TokenClaimError');

/** A public or secret key in no accepted form, or not a valid Ed25519 key. */
export const KeyError = /* @__PURE__ */ named(class KeyError extends GovalTokenError {}, 'KeyError');
