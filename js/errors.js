// Every error the package throws. Each class has a stable `name` (set on the prototype, so
// minifiers cannot change it) and a `path` naming the offending field.

export class GovalTokenError extends Error {
  /**
   * @param {string} detail what is wrong, without the path
   * @param {{ path?: string, cause?: unknown }} [info]
   */
  constructor(detail, info = {}) {
    const path = info.path ?? '';
    super(path ? `${path}: ${detail}` : detail, info.cause === undefined ? undefined : { cause: info.cause });
    this.path = path;
  }
}
GovalTokenError.prototype.name = 'GovalTokenError';

/** A value given to an `encode…` or `create…` function is not what the schema allows. */
export class EncodeError extends GovalTokenError {}
EncodeError.prototype.name = 'EncodeError';

/** The bytes given to a `decode…` function are not a valid message. */
export class DecodeError extends GovalTokenError {
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
}
DecodeError.prototype.name = 'DecodeError';

/** The value given to a `…FromJson` function is not valid proto3 JSON for the message. */
export class JsonError extends GovalTokenError {}
JsonError.prototype.name = 'JsonError';

/** A problem with a token string or its contents. */
export class TokenError extends GovalTokenError {}
TokenError.prototype.name = 'TokenError';

/**
 * The string is not a readable repl token. `reason` says which way:
 * `not-a-string`, `not-paseto`, `jwt`, `key-not-token`, `truncated`, `unsupported-version`,
 * `unsupported-purpose`, `invalid-base64url`, `payload-too-short`, `body-not-base64`,
 * `footer-not-base64`, `invalid-message`, `invalid-footer`, `unsupported-footer-version`,
 * `too-long`.
 */
export class TokenFormatError extends TokenError {
  constructor(detail, info = {}) {
    super(info.offset === undefined ? detail : `${detail} (at byte ${info.offset} of the protobuf)`, info);
    this.reason = info.reason;
    /** For `invalid-message` and `invalid-footer`: where in the protobuf bytes decoding failed. */
    this.offset = info.offset;
  }
}
TokenFormatError.prototype.name = 'TokenFormatError';

/** The signature does not verify with the given public key. */
export class TokenSignatureError extends TokenError {}
TokenSignatureError.prototype.name = 'TokenSignatureError';

/** `now` is at or after the token's effective `exp`. */
export class TokenExpiredError extends TokenError {
  constructor(detail, info = {}) {
    super(detail, info);
    this.expiredAt = info.expiredAt;
    this.now = info.now;
  }
}
TokenExpiredError.prototype.name = 'TokenExpiredError';

/** `now` is before the token's effective `iat`. */
export class TokenNotYetValidError extends TokenError {
  constructor(detail, info = {}) {
    super(detail, info);
    this.validFrom = info.validFrom;
    this.now = info.now;
  }
}
TokenNotYetValidError.prototype.name = 'TokenNotYetValidError';

/** A claim (`cluster` or `replId`) differs from what `verifyToken` was told to expect. */
export class TokenClaimError extends TokenError {
  constructor(detail, info = {}) {
    super(detail, info);
    this.claim = info.claim;
    this.expected = info.expected;
    this.actual = info.actual;
  }
}
TokenClaimError.prototype.name = 'TokenClaimError';

/** A public or secret key in no accepted form, or not a valid Ed25519 key. */
export class KeyError extends GovalTokenError {}
KeyError.prototype.name = 'KeyError';
