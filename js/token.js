// Repl tokens (PASETO v2.public) over the Rust core in src/token: parse, verify, sign,
// generate keys. The core returns numbers; this file builds the objects and words the errors.

import { describe, formatRfc3339, isPlainObject, latin1Reader } from './codec.js';
import {
  DecodeError,
  GovalTokenError,
  KeyError,
  TokenClaimError,
  TokenExpiredError,
  TokenFormatError,
  TokenNotYetValidError,
  TokenSignatureError,
} from './errors.js';

const TWO_32 = 4294967296;
const latin1 = latin1Reader();
const NO_FOOTER = 0xffffffff;

const KEY_PROBLEMS = {
  1: (n, secret) => `expected ${secret ? 'a 32-byte seed or 64 bytes (seed, then public key)' : '32 bytes'}, got ${n} bytes`,
  2: () => 'not a key in any accepted form: raw bytes, base64, base64url, hex, PEM or PASERK',
  3: (n, secret) => `the PEM block is not an Ed25519 ${secret ? 'PKCS#8 private' : 'SPKI public'} key`,
  4: (n, secret) => `a PASERK key must start with ${secret ? 'k2.secret.' : 'k2.public.'}`,
  5: () => 'the 32 bytes are not an Ed25519 public key (not a point on the curve)',
  6: () => 'the last 32 bytes are not the public key of the first 32',
};

/** Builds the token API over the initialised wasm module and the codec. */
export function createTokenApi(wasm, codec) {
  if (typeof wasm.token_parse !== 'function') {
    const missing = () => {
      throw new GovalTokenError('this build of goval-token has no token support (the Rust feature "tokens" was off)');
    };
    return { parseToken: missing, parseWithValidity: missing, verifyToken: missing, signToken: missing, generateSigningKeyPair: missing, publicKeyOf: missing, timeStatus: missing, instant: missing };
  }
  const replToken = codec.message('ReplToken');
  const footerMessage = codec.message('GovalSigningAuthority');
  const tokenVersion = codec.schema.enums.find((e) => e.name === 'TokenVersion');

  const int64 = (words, i) => BigInt.asIntN(64, (BigInt(words[i + 1]) << 32n) | BigInt(words[i]));

  /** The error that token error words describe; `input` helps word claim errors. */
  function tokenError(words, input, expected) {
    const code = words[0];
    const a = words[1] + (words[2] | 0) * TWO_32;
    const format = (reason, detail, path = '') => new TokenFormatError(detail, { reason, path });
    switch (code) {
      case 1:
        return format('not-paseto', 'not a repl token: expected v2.public.<payload>[.<footer>], or a URL with /wsv2/<token>');
      case 2:
        return format('unsupported-version', `PASETO v${a} is not supported: repl tokens are v2.public`);
      case 3:
        return format('unsupported-purpose', 'v2.local tokens are encrypted; repl tokens are v2.public (signed)');
      case 4:
        return format('invalid-base64url', 'the payload is not unpadded base64url', 'payload');
      case 5:
        return format('invalid-base64url', 'the footer is not unpadded base64url', 'footer');
      case 6:
        return format('payload-too-short', `the payload has ${a} bytes, fewer than the 64 of a signature`, 'payload');
      case 7:
        return format('body-not-base64', 'the signed body is not standard base64 text', 'message');
      case 8:
        return format('footer-not-base64', 'the footer is not standard base64 text', 'footer');
      case 9:
      case 10: {
        const part = code === 9 ? 'message' : 'footer';
        const cause = codec.coreError(words, DecodeError, 5);
        const what = code === 9 ? 'ReplToken' : 'GovalSigningAuthority';
        const detail = cause.message.slice(cause.path ? cause.path.length + 2 : 0).replace(/ \(at byte \d+\)$/, '');
        return new TokenFormatError(`the ${part} is not a valid ${what}: ${detail}`, {
          reason: code === 9 ? 'invalid-message' : 'invalid-footer',
          path: cause.path ? `${part}.${cause.path}` : part,
          offset: cause.offset,
          cause,
        });
      }
      case 11: {
        const name = tokenVersion.byNumber.get(a) ?? String(a);
        return format(
          'unsupported-footer-version',
          `footer version ${name} is not supported: only BARE_REPL_TOKEN bodies can be read`,
          'footer.version',
        );
      }
      case 12:
        return new TokenSignatureError('the signature does not verify with this public key', { path: 'signature' });
      case 13: {
        const expiredAt = int64(words, 1);
        const now = int64(words, 3);
        return new TokenExpiredError(
          `the token expired at ${rfc3339(expiredAt)}, ${now - expiredAt} s before now (${rfc3339(now)})`,
          { path: 'exp', expiredAt: timestampDate(expiredAt), now: timestampDate(now) },
        );
      }
      case 14: {
        const validFrom = int64(words, 1);
        const now = int64(words, 3);
        return new TokenNotYetValidError(
          `the token is valid from ${rfc3339(validFrom)}, ${validFrom - now} s after now (${rfc3339(now)})`,
          { path: 'iat', validFrom: timestampDate(validFrom), now: timestampDate(now) },
        );
      }
      case 15:
      case 16: {
        const token = parseToken(input).message;
        const claim = code === 15 ? 'cluster' : 'replId';
        const actual = code === 15 ? token.cluster : replIdOf(token);
        const shown = actual === undefined ? `no repl id (metadata ${token.metadata.case ?? 'unset'})` : JSON.stringify(actual);
        return new TokenClaimError(`the token has ${claim} ${shown}, not ${JSON.stringify(expected)}`, {
          path: code === 15 ? 'cluster' : 'metadata',
          claim,
          expected,
          actual,
        });
      }
      case 17:
        throw new Error('key errors are worded by keyError');
      case 19:
        return format('too-long', `the input is ${a} bytes of UTF-8, longer than any token this package reads (2 MiB)`);
      default:
        return new GovalTokenError('no secure random source (crypto.getRandomValues) is available');
    }
  }

  function keyError(words, what, secret) {
    return new KeyError(KEY_PROBLEMS[words[1]](words[3], secret), { path: what });
  }

  /** Splits a key argument into the core's (bytes, text) pair. */
  function keyArgs(key, what) {
    if (key instanceof Uint8Array) return [key, undefined];
    if (typeof key === 'string') return [undefined, key];
    throw new KeyError(`expected a Uint8Array or a string, got ${describe(key)}`, { path: what });
  }

  function checkInput(input) {
    if (typeof input !== 'string') {
      throw new TokenFormatError(`expected a token string, got ${describe(input)}`, { reason: 'not-a-string' });
    }
  }

  /** The parsed token from the core's words and the bytes it left. */
  function build(words, input) {
    const bytes = wasm.take_token_bytes();
    const [, tokenStart, tokenLength, messageB64Length, footerB64Length, messageLength, footerLength] = words;
    const hasFooter = footerB64Length !== NO_FOOTER;
    const footerTextLength = hasFooter ? footerB64Length : 0;
    let at = 0;
    const take = (n) => bytes.subarray(at, (at += n));
    const messageBase64 = latin1(take(messageB64Length));
    const footerBase64 = latin1(take(footerTextLength));
    const messageBytes = take(messageLength);
    const footerBytes = take(footerLength);
    const signature = bytes.slice(at, at + 64);
    const { object: message, end } = codec.materialize(replToken, words, 14, messageBytes);
    const footer = hasFooter ? codec.materialize(footerMessage, words, end, footerBytes).object : undefined;
    return {
      parsed: {
        version: 'v2',
        purpose: 'public',
        message,
        footer,
        signature,
        messageBase64,
        footerBase64,
        token: input.substring(tokenStart, tokenStart + tokenLength),
      },
      validity: {
        issuedAt: { seconds: int64(words, 7), nanos: words[9] },
        expiresAt: { seconds: int64(words, 10), nanos: words[12] },
        iatDefaulted: (words[13] & 1) !== 0,
        expDefaulted: (words[13] & 2) !== 0,
      },
    };
  }

  function parseWithValidity(input) {
    checkInput(input);
    const words = wasm.token_parse(input);
    if (words[0] !== 0) throw tokenError(words, input);
    return build(words, input);
  }

  function parseToken(input) {
    return parseWithValidity(input).parsed;
  }

  function verifyToken(input, publicKey, options) {
    checkInput(input);
    const { now, clockSkewSeconds, cluster, replId } = verifyOptions(options);
    const [keyBytes, keyText] = keyArgs(publicKey, 'publicKey');
    const words = wasm.token_verify(
      input,
      keyBytes,
      keyText,
      now !== undefined,
      now?.seconds ?? 0n,
      now?.nanos ?? 0,
      BigInt(clockSkewSeconds),
      cluster,
      replId,
    );
    if (words[0] === 17) throw keyError(words, 'publicKey', false);
    if (words[0] !== 0) throw tokenError(words, input, words[0] === 15 ? cluster : replId);
    return build(words, input).parsed;
  }

  function verifyOptions(options) {
    if (options === undefined) return { clockSkewSeconds: 0 };
    if (!isPlainObject(options)) throw new GovalTokenError(`options must be an object, got ${describe(options)}`);
    const known = ['now', 'clockSkewSeconds', 'cluster', 'replId'];
    for (const key in options) {
      if (!known.includes(key)) throw new GovalTokenError(`unknown option "${key}" (known: ${known.join(', ')})`, { path: 'options' });
    }
    const { now, clockSkewSeconds = 0, cluster, replId } = options;
    if (!Number.isSafeInteger(clockSkewSeconds) || clockSkewSeconds < 0) {
      throw new GovalTokenError(`expected a non-negative integer, got ${describe(clockSkewSeconds)}`, {
        path: 'options.clockSkewSeconds',
      });
    }
    for (const [name, value] of [['cluster', cluster], ['replId', replId]]) {
      if (value !== undefined && typeof value !== 'string') {
        throw new GovalTokenError(`expected a string, got ${describe(value)}`, { path: `options.${name}` });
      }
    }
    return { now: now === undefined ? undefined : instant(now, 'options.now'), clockSkewSeconds, cluster, replId };
  }

  /** `now` as a Timestamp: a Date, a Timestamp object or an RFC 3339 string. */
  function instant(value, path) {
    try {
      return codec.decode(codec.message('Timestamp'), codec.encode(codec.message('Timestamp'), value));
    } catch (error) {
      throw new GovalTokenError(`expected a Date, a Timestamp or an RFC 3339 string: ${error.message}`, { path, cause: error });
    }
  }

  function signToken(message, secretKey, footer) {
    const messageBytes = codec.encode(replToken, message);
    const footerBytes = footer === undefined ? undefined : codec.encode(footerMessage, footer);
    const [keyBytes, keyText] = keyArgs(secretKey, 'secretKey');
    const token = wasm.token_sign(messageBytes, footerBytes, keyBytes, keyText);
    if (token === undefined) throw keyError(wasm.last_error(), 'secretKey', true);
    return token;
  }

  function generateSigningKeyPair() {
    const bytes = wasm.generate_signing_key();
    if (bytes === undefined) throw new GovalTokenError('no secure random source (crypto.getRandomValues) is available');
    return { publicKey: bytes.slice(32), secretKey: bytes };
  }

  function publicKeyOf(secretKey) {
    const [keyBytes, keyText] = keyArgs(secretKey, 'secretKey');
    const publicKey = wasm.public_key_of(keyBytes, keyText);
    if (publicKey === undefined) throw keyError(wasm.last_error(), 'secretKey', true);
    return publicKey;
  }

  /** 'valid', 'expired' or 'not-yet-valid' at `now`, by the core's rule. */
  function timeStatus(validity, now, clockSkewSeconds = 0) {
    const status = wasm.token_time_status(
      validity.issuedAt.seconds,
      validity.issuedAt.nanos,
      validity.expiresAt.seconds,
      validity.expiresAt.nanos,
      now.seconds,
      now.nanos,
      BigInt(clockSkewSeconds),
    );
    return status === 0 ? 'valid' : status === 13 ? 'expired' : 'not-yet-valid';
  }

  return { parseToken, parseWithValidity, verifyToken, signToken, generateSigningKeyPair, publicKeyOf, timeStatus, instant };
}

/** The repl id of a token's `repl` or `id` metadata; a classroom id names no repl. */
export function replIdOf(token) {
  const { metadata } = token;
  return metadata.case === 'repl' || metadata.case === 'id' ? metadata.value.id : undefined;
}

function rfc3339(seconds) {
  return formatRfc3339(seconds, 0) ?? `${seconds} s after the epoch`;
}

function timestampDate(seconds) {
  const date = new Date(Number(seconds) * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
