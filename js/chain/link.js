// Errors about one link of a certificate chain: each names its link (depth 0 is the token,
// 1 the certificate that signed it, …) in its message, its path and `error.link`.

import { GovalTokenError, TokenFormatError } from '../errors.js';

/** Where a link's own token sits, as a path from the token: footer.signedCert… */
function linkPath(depth) {
  return Array.from({ length: depth }, () => 'footer.signedCert').join('.');
}

export function describeLink(level) {
  return { depth: level.depth, issuer: level.issuer, keyId: level.keyId };
}

export function linkFormatError(reason, detail, level, cause, path = '') {
  return linkError(new TokenFormatError(detail, { reason, path, cause }), describeLink(level));
}

/**
 * Names the link an error is about, in its message, its path and `error.link`
 * (`{ depth, issuer, keyId }`; depth 0 is the token itself, 1 the certificate that signed it).
 */
export function linkError(error, link) {
  const where = link.depth === 0 ? 'the token' : `the certificate at depth ${link.depth}`;
  const details = [];
  if (link.issuer) details.push(`issuer ${JSON.stringify(link.issuer)}`);
  if (link.keyId !== undefined) details.push(`signed by root key ${JSON.stringify(link.keyId)}`);
  if (link.signer !== undefined) details.push(`signed by the certificate at depth ${link.signer}`);
  const own = error.path && error.message.startsWith(`${error.path}: `) ? error.message.slice(error.path.length + 2) : error.message;
  const path = link.depth === 0 ? error.path : [linkPath(link.depth), error.path].filter(Boolean).join('.');
  error.message = `${path ? `${path}: ` : ''}${where}${details.length ? ` (${details.join(', ')})` : ''}: ${own}`;
  error.path = path;
  error.link = { depth: link.depth, issuer: link.issuer, keyId: link.keyId };
  return error;
}

/** Runs `fn`, naming the link in any token error it throws. */
export function atLink(level, fn) {
  try {
    return fn();
  } catch (error) {
    if (error instanceof GovalTokenError && level.depth > 0) throw linkError(error, describeLink(level));
    throw error;
  }
}
