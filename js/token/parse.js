// Reading a repl token without its key (PASETO v2.public, body = base64 text of a ReplToken
// protobuf, footer = base64 text of a GovalSigningAuthority): `parseToken`, and the pieces
// of it that the verdict (js/chain/verify.js) reuses once a signature holds. The text is
// split and checked in js/token/paseto.js; here the base64 text and the protobuf inside.

import {
  decodeGovalCert,
  decodeGovalReplIdentity,
  decodeGovalSigningAuthority,
  decodeGovalToken,
  decodeReplToken,
  govalTokenToJson,
} from '../gen/api.js';
import { TokenFormatError } from '../errors.js';
import { decodeBase64Text } from '../lib/base64.js';
import { splitToken } from './paseto.js';

/**
 * The standard base64 text of a token part and its bytes, or the part's TokenFormatError. The
 * bytes may be in an array the next call reuses: decode them first.
 */
function readBase64Part(bytes, reason, part) {
  // Slot 2: the bytes are decoded before the next part is read (see decodeNative).
  const decoded = decodeBase64Text(bytes, 2);
  if (decoded === undefined) {
    throw new TokenFormatError(`the ${part === 'message' ? 'signed body' : 'footer'} is not standard base64 text`, { reason, path: part });
  }
  return decoded;
}

/** The DecodeError of the codec, as a TokenFormatError of the token part it came from. */
export function asTokenFormatError(error, part, what) {
  if (error?.name !== 'DecodeError') throw error;
  const prefix = error.path ? `${error.path}: ` : '';
  let detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  if (error.offset !== undefined) detail = detail.replace(/ \(at byte \d+\)$/, '');
  return new TokenFormatError(`the ${part} is not a valid ${what}: ${detail}`, {
    reason: part === 'message' ? 'invalid-message' : 'invalid-footer',
    path: error.path ? `${part}.${error.path}` : part,
    offset: error.offset,
    cause: error,
  });
}

/** True for a byte of standard base64 text (`=` included). */
function isBase64Byte(b) {
  return (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 47 && b <= 57) || b === 43 || b === 61;
}

/** True when every byte is base64 text. */
function allBase64(bytes) {
  for (let i = 0; i < bytes.length; i++) if (!isBase64Byte(bytes[i])) return false;
  return true;
}

/**
 * For a token whose text does not read, the part that looks cut short, or `undefined`: a
 * signed body's text always has a length divisible by 4 (so does a footer's), and 64 random
 * signature bytes are never all base64 text.
 */
function cutShortPart({ body, signature, footer }) {
  if (footer !== undefined) return footer.length % 4 !== 0 && allBase64(footer) ? 'footer' : undefined;
  return allBase64(signature) || (body.length % 4 !== 0 && allBase64(body)) ? 'payload' : undefined;
}

/** `read()`, or, when it fails on a token that looks cut short, a `truncated` error. */
function unlessCutShort(parts, read) {
  try {
    return read();
  } catch (error) {
    const part = error?.name === 'TokenFormatError' ? cutShortPart(parts) : undefined;
    if (part === undefined) throw error;
    throw new TokenFormatError(`the ${part} ends early: the token looks cut short; copy all of it`, { reason: 'truncated', path: part, cause: error });
  }
}

/** Reads what the signature covers: the body and footer texts and their protobuf. */
function readParts(parts) {
  // The footer first (its version says what the body is); each part's bytes are decoded
  // before the next part is read, as readBase64Part's shared slot requires.
  let footer;
  let footerBase64 = '';
  if (parts.footer !== undefined) {
    const read = unlessCutShort(parts, () => readBase64Part(parts.footer, 'footer-not-base64', 'footer'));
    footerBase64 = read.text;
    try {
      footer = decodeGovalSigningAuthority(read.bytes);
    } catch (error) {
      throw asTokenFormatError(error, 'footer', 'GovalSigningAuthority');
    }
    footerVersion(footer);
  }
  const body = unlessCutShort(parts, () => readBase64Part(parts.body, 'body-not-base64', 'message'));
  // TYPE_AWARE bodies are identities or GovalTokens; the rest ReplTokens (or certificates).
  let messageType = 'ReplToken';
  const message = unlessCutShort(parts, () => {
    try {
      if (footer?.version === 'TYPE_AWARE_TOKEN') {
        let decoded;
        try {
          ({ messageType, message: decoded } = decodeTypeAware(body.bytes));
        } catch (error) {
          // A certificate signed under a TYPE_AWARE footer (as go-replidentity's own) reads as
          // neither an identity nor a GovalToken: name it, as a root-signed one below.
          const cert = certificateOrUndefined(body.bytes);
          if (cert === undefined) throw error;
          messageType = 'GovalCert';
          return cert;
        }
        return decoded;
      }
      const token = decodeReplToken(body.bytes);
      // A root-signed certificate reads as a ReplToken whose cluster is its certified key.
      if (looksLikePublicKey(token.cluster)) {
        messageType = 'GovalCert';
        return decodeGovalCert(body.bytes);
      }
      return token;
    } catch (error) {
      throw asTokenFormatError(error, 'message', footer?.version === 'TYPE_AWARE_TOKEN' ? 'GovalReplIdentity' : 'ReplToken');
    }
  });
  return {
    version: 'v2',
    purpose: 'public',
    messageType,
    message,
    footer,
    signature: parts.signature,
    messageBase64: body.text,
    footerBase64,
    token: parts.token,
  };
}

/** The footer's version ('BARE_REPL_TOKEN' without a footer), or a TokenFormatError unless this package knows it. */
export function footerVersion(footer) {
  const version = footer?.version ?? 'BARE_REPL_TOKEN';
  if (version === 'BARE_REPL_TOKEN' || version === 'TYPE_AWARE_TOKEN') return version;
  throw new TokenFormatError(`footer version ${version} is not one this package knows (BARE_REPL_TOKEN, TYPE_AWARE_TOKEN)`, {
    reason: 'unsupported-footer-version',
    path: 'footer.version',
  });
}

/** `bytes` as a GovalCert when they decode as one whose publicKey is a key, else undefined. */
function certificateOrUndefined(bytes) {
  try {
    const cert = decodeGovalCert(bytes);
    return looksLikePublicKey(cert.publicKey) ? cert : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a ReplToken's cluster is a public key, as a certificate's key: the body is then a GovalCert. */
export function looksLikePublicKey(cluster) {
  const text = cluster.trimStart();
  return text.startsWith('k2.public.') || text.startsWith('-----BEGIN');
}

/**
 * The body of a TYPE_AWARE token: a GovalToken when it decodes cleanly as one (set times or
 * body, nothing unknown: Ghostwriter tokens), else a GovalReplIdentity (identity tokens).
 */
export function decodeTypeAware(bytes) {
  try {
    const token = decodeGovalToken(bytes);
    if (token.iat !== undefined || token.exp !== undefined || token.token.case !== undefined) {
      govalTokenToJson(token); // throws when any field is unknown to the schema
      return { messageType: 'GovalToken', message: token };
    }
  } catch {
    // not a GovalToken: an identity
  }
  return { messageType: 'GovalReplIdentity', message: decodeGovalReplIdentity(bytes) };
}

/** Takes a token (or a `wss://…/wsv2/<token>` URL) apart without checking its signature. */
export function parseToken(input) {
  // Synchronous from split to result, so the parts may live in reused arrays.
  return readParts(splitToken(input, true));
}

/** The repl id of a token's `repl` or `id` metadata; a classroom id names no repl. */
export function replIdOf(token) {
  const { metadata } = token;
  return metadata.case === 'repl' || metadata.case === 'id' ? metadata.value.id : undefined;
}
