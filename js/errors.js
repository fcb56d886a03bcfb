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
