// Certificate chains: the walk from a token's footer down to its root key and back up, and
// what certificates claim.
//
// A token's footer names its signer: a root key (`keyId`, looked up in the caller's key
// source) or a certificate (`signedCert`: a v2.public token whose body is a GovalCert that
// certifies a public key). We walk footers down to a key id, then verify back up: first every
// signature, each with the key its signer certifies, before any body is decoded; then each
// certificate's lifetime and that its claims are covered by its signer (attenuation). What
// the token itself may claim is decided in js/chain/verify.js, the one verdict.

import { decodeGovalCert, decodeGovalSigningAuthority } from '../gen/api.js';
import { KeyError, TokenClaimError, TokenExpiredError, TokenNotYetValidError, TokenSignatureError } from '../errors.js';
import { decodeBase64Text } from '../lib/base64.js';
import { isPlainObject } from '../lib/object.js';
import { describe, hasUnsafeChars } from '../lib/text.js';
import { dateOf, rfc3339 } from '../lib/time.js';
import { certifiedKeyForm, importPublicKey } from '../crypto/keys.js';
import { splitToken, verifySignature } from '../token/paseto.js';
import { certificateValidityOf, timeStatusOf } from '../token/time.js';
import { claimText, uncoveredClaim } from './claims.js';
import { atLink, describeLink, linkError, linkFormatError } from './link.js';

/** At most this many certificates between a token and its root key. */
const MAX_CHAIN_CERTIFICATES = 8;

// ---------------------------------------------------------------- key sources

/**
 * Whether `value` is a key source rather than one key: a function, REPL_PUBKEYS JSON text, or
 * a plain object that is not a JWK (a map key id → key).
 */
export function isKeySource(value) {
  if (typeof value === 'function') return true;
  if (typeof value === 'string') return value.trimStart().startsWith('{');
  return isPlainObject(value) && !isJwk(value);
}

/**
 * `(keyId, issuer, link) → Promise<imported key>` from what the caller gave: a map key id →
 * key, REPL_PUBKEYS JSON text, a function `(keyId, issuer) → key | undefined | Promise`, or
 * one key (the root for every key id).
 */
export function keySource(value, path = 'publicKeys') {
  if (typeof value === 'function') {
    return async (keyId, issuer, link) => {
      if (keyId === undefined) return undefined;
      const key = await value(keyId, issuer);
      if (key === undefined || key === null) throw unknownKey(keyId, issuer, link, path);
      return importKey(key, `${path}(${JSON.stringify(keyId)})`, link);
    };
  }
  if (typeof value === 'string' && value.trimStart().startsWith('{')) {
    let parsed;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new KeyError('expected REPL_PUBKEYS JSON (key id → base64 public key), but the text is not valid JSON', { path });
    }
    if (!isPlainObject(parsed)) throw new KeyError(`expected a JSON object of key id → public key, got ${describe(parsed)}`, { path });
    return mapSource(parsed, path);
  }
  if (isPlainObject(value) && !isJwk(value)) return mapSource(value, path);
  if (value === undefined || value === null) {
    throw new KeyError(`expected a public key or a key source (a map key id → key, REPL_PUBKEYS JSON or a function), got ${describe(value)}`, { path });
  }
  let imported;
  return (keyId, issuer, link) => (imported ??= importKey(value, path, link));
}

/**
 * The keys a map or REPL_PUBKEYS source holds (its own properties), for trying each on a
 * token whose footer does not read; none for a function, which can only be asked by key id.
 */
export function keysOf(value) {
  let map = value;
  if (typeof value === 'string') {
    try {
      map = JSON.parse(value);
    } catch {
      return [];
    }
  }
  return isPlainObject(map) ? Object.keys(map).map((id) => map[id]) : [];
}

function mapSource(map, path) {
  const cache = new Map();
  return async (keyId, issuer, link) => {
    if (keyId === undefined) return undefined;
    // Own properties only: a key id like "__proto__" or "constructor" names no key.
    if (typeof keyId !== 'string' || !Object.hasOwn(map, keyId)) throw unknownKey(keyId, issuer, link, path, Object.keys(map));
    if (!cache.has(keyId)) cache.set(keyId, importKey(map[keyId], `${path}[${JSON.stringify(keyId)}]`, link));
    return cache.get(keyId);
  };
}

async function importKey(key, path, link) {
  try {
    return await importPublicKey(key, path);
  } catch (error) {
    if (error instanceof KeyError && link) throw linkError(error, link);
    throw error;
  }
}

function unknownKey(keyId, issuer, link, path, known) {
  const list = known === undefined ? '' : known.length === 0 ? ' (the key source is empty)' : ` (it has ${known.slice(0, 8).map(shownKeyId).join(', ')}${known.length > 8 ? ', …' : ''})`;
  const error = new KeyError(`no public key for key id ${JSON.stringify(keyId)} of issuer ${JSON.stringify(issuer)}${list}`, { path });
  return link ? linkError(error, link) : error;
}

/**
 * A key id of the caller's key source, quoted when it is short enough to be one ("prod:1"):
 * any text of key material is longer, and a map built the wrong way round is described.
 */
function shownKeyId(id) {
  return id.length <= 24 && !hasUnsafeChars(id) ? JSON.stringify(id) : describe(id);
}

/** A JWK, or `{ seed }` (a secret key form), is one key, not a map of key ids. */
function isJwk(value) {
  return Object.hasOwn(value, 'kty') || Object.hasOwn(value, 'seed');
}

// ---------------------------------------------------------------- the walk

/**
 * Verifies the chain under a token (its parts, from `splitToken`) and resolves to the verified
 * body of the token itself, its footer, its parts, the certificates root-first (`chain`) and
 * the one that signed the token (`signingCertificate`, undefined for a root-key signature).
 * `source`: from `keySource`; `time`: `{ now?: Timestamp, skew }` (no `now`: no lifetime
 * checks); `state.footersRead` becomes true once every footer read (before any signature is
 * checked), `state.signature` 'valid' once every signature holds.
 */
export async function verifyChain(tokenParts, source, time, state = {}) {
  // Down: read each footer, the one thing read before a signature is checked (it names the
  // signer). Bodies are decoded only after their signature holds.
  const levels = [];
  let parts = tokenParts;
  for (let depth = 0; ; depth++) {
    const level = { depth, parts, footer: undefined, issuer: '', keyId: undefined };
    level.footer = parts.footer === undefined ? undefined : readFooter(parts.footer, level);
    level.issuer = level.footer?.issuer ?? '';
    levels.push(level);
    if (level.footer === undefined) {
      if (depth > 0) throw linkFormatError('no-signer', 'the certificate has no footer naming its signer', level);
      break;
    }
    const { cert } = level.footer;
    if (cert.case === 'keyId') {
      level.keyId = cert.value;
      break;
    }
    if (cert.case !== 'signedCert') throw linkFormatError('no-signer', 'the footer names neither a key id nor a signing certificate', level);
    if (depth === MAX_CHAIN_CERTIFICATES) {
      throw linkFormatError('chain-too-deep', `more than ${MAX_CHAIN_CERTIFICATES} certificates between the token and its root key`, { ...level, depth: depth + 1 });
    }
    const next = { depth: depth + 1, issuer: '' };
    parts = atLink(next, () => splitToken(cert.value));
  }

  // Up, signatures only: the root key checks the deepest link; each certificate's key the next.
  state.footersRead = true;
  const root = levels[levels.length - 1];
  let key = await source(root.keyId, root.issuer, describeLink(root));
  if (key === undefined) throw linkError(new KeyError('the token has no footer naming its key, so a key source cannot pick one: give its public key itself', { path: 'footer' }), describeLink(root));
  const certificates = []; // root-first
  let body;
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    if (!(await verifySignature(key, level.parts))) {
      const below = certificates[certificates.length - 1];
      const by = below ? `the key certified by the certificate at depth ${below.level.depth}` : root.keyId === undefined ? 'the given public key' : `root key ${JSON.stringify(root.keyId)}`;
      throw linkError(new TokenSignatureError(`the signature does not verify with ${by}`, { path: 'signature' }), describeLink(level));
    }
    body = readBody(level);
    if (i === 0) break;
    let cert;
    try {
      cert = decodeGovalCert(body.bytes);
    } catch (error) {
      throw linkFormatError('invalid-certificate', `the body is not a valid GovalCert: ${error.message}`, level, error);
    }
    key = await importCertifiedKey(cert.publicKey, level);
    certificates.push({ level, cert });
  }
  state.signature = 'valid';

  // Then what each certificate may be: in its lifetime, and within its signer's claims.
  let signer; // the certificate that signed the current one
  const chain = [];
  for (const { level, cert } of certificates) {
    const link = certificateLink(level, cert, signer ? 'certificate' : 'root-key');
    checkLifetime(link, time, level);
    if (signer) checkAttenuation(link, signer, level);
    chain.push(link);
    signer = link;
  }
  const top = levels[0];
  return { body, footer: top.footer, parts: top.parts, chain, signingCertificate: signer };
}

/** A footer's GovalSigningAuthority, read before any signature is checked: it names the signer. */
export function readFooter(footerText, level) {
  // No slot: fresh arrays, as links are held across awaits.
  const bytes = decodeBase64Text(footerText)?.bytes;
  if (bytes === undefined) throw linkFormatError('footer-not-base64', 'the footer is not standard base64 text', level, undefined, 'footer');
  try {
    return decodeGovalSigningAuthority(bytes);
  } catch (error) {
    throw linkFormatError('invalid-footer', `the footer is not a valid GovalSigningAuthority: ${error.message}`, level, error, 'footer');
  }
}

/** A verified body's base64 text and bytes. */
export function readBody(level) {
  const read = decodeBase64Text(level.parts.body);
  if (read === undefined) throw linkFormatError('body-not-base64', 'the signed body is not standard base64 text', level, undefined, 'message');
  return read;
}

async function importCertifiedKey(publicKey, level) {
  // A certificate names its key as PASERK k2.public (exactly: go-replidentity reads 53
  // characters, nothing around them) or a PEM PUBLIC KEY block, nothing else.
  const form = certifiedKeyForm(publicKey);
  if (form === undefined || (form === 'paserk' && publicKey.trim() !== publicKey)) {
    throw linkError(
      new KeyError(`the certificate's publicKey is neither PASERK k2.public (with nothing around it) nor a PEM PUBLIC KEY block (${publicKey.length} characters)`, { path: 'publicKey' }),
      describeLink(level),
    );
  }
  return importKey(publicKey.trim(), 'publicKey', describeLink(level));
}

/** A certificate as the chain reports it. */
function certificateLink(level, cert, signedBy) {
  const validity = certificateValidityOf(cert);
  return {
    depth: level.depth,
    issuer: level.issuer,
    keyId: level.keyId,
    signedBy,
    iat: validity.issuedAt,
    exp: validity.expiresAt,
    iatDefaulted: validity.iatDefaulted,
    expDefaulted: validity.expDefaulted,
    claims: cert.claims,
    claimsText: cert.claims.map(claimText),
    flags: cert.claims.filter((c) => c.claim.case === 'flag').map((c) => c.claim.value),
    publicKey: cert.publicKey,
    certificate: cert,
    token: level.parts.token,
  };
}

function checkLifetime(link, time, level) {
  if (time.now === undefined) return;
  const validity = { issuedAt: link.iat, expiresAt: link.exp };
  const status = timeStatusOf(validity, time.now, time.skew);
  if (status === 'not-yet-valid') {
    throw linkError(
      new TokenNotYetValidError(`the certificate is valid from ${rfc3339(link.iat)}, after now (${rfc3339(time.now)})`, {
        path: 'iat',
        validFrom: dateOf(link.iat),
        now: dateOf(time.now),
      }),
      describeLink(level),
    );
  }
  if (status === 'expired') {
    throw linkError(
      new TokenExpiredError(`the certificate expired at ${rfc3339(link.exp)}, before now (${rfc3339(time.now)})`, {
        path: 'exp',
        expiredAt: dateOf(link.exp),
        now: dateOf(time.now),
      }),
      describeLink(level),
    );
  }
}

/** A certificate signed by a certificate: the signer may sign certificates and covers every claim. */
function checkAttenuation(child, signer, level) {
  if (!signer.flags.includes('SIGN_INTERMEDIATE_CERT')) {
    throw linkError(
      new TokenClaimError(`the certificate at depth ${signer.depth} that signed it lacks the SIGN_INTERMEDIATE_CERT flag`, {
        path: 'claims',
        claim: 'flag',
        expected: 'SIGN_INTERMEDIATE_CERT',
        actual: signer.flags,
      }),
      describeLink(level),
    );
  }
  const uncovered = uncoveredClaim(child.claims, signer.claims);
  if (uncovered !== undefined) {
    const { claim, index } = uncovered;
    throw linkError(
      new TokenClaimError(`it claims ${claimText(claim)}, which the certificate at depth ${signer.depth} that signed it neither holds nor covers`, {
        path: `claims[${index}]`,
        claim: claim.claim.case ?? 'unknown',
        expected: signer.claimsText,
        actual: claimText(claim),
      }),
      describeLink(level),
    );
  }
}

/** Whether split token parts have a footer naming a signing certificate (read unverified). */
export function namesCertificate(parts) {
  if (parts.footer === undefined) return false;
  try {
    return readFooter(parts.footer, { depth: 0 }).cert.case === 'signedCert';
  } catch {
    return false; // the caller reports the unreadable footer as the bad signature it also is
  }
}

// ---------------------------------------------------------------- reading without verifying

/**
 * The certificates under a footer, root-first, decoded without checking anything (for
 * parseToken and inspectToken). Each link: depth, issuer, keyId, signedBy, the decoded
 * certificate and claims in words, or `error` saying why it could not be read.
 */
export function readChain(footer) {
  const links = [];
  let cert = footer?.cert;
  for (let depth = 1; cert?.case === 'signedCert'; depth++) {
    if (depth > MAX_CHAIN_CERTIFICATES) {
      links.push({ depth, error: `more than ${MAX_CHAIN_CERTIFICATES} certificates between the token and its root key` });
      break;
    }
    const level = { depth, issuer: '', keyId: undefined };
    try {
      level.parts = splitToken(cert.value);
      level.footer = level.parts.footer === undefined ? undefined : readFooter(level.parts.footer, level);
    } catch (error) {
      links.push({ depth, error: error.message });
      break;
    }
    level.issuer = level.footer?.issuer ?? '';
    const next = level.footer?.cert;
    if (next?.case === 'keyId') level.keyId = next.value;
    const signedBy = next?.case === 'keyId' ? 'root-key' : next?.case === 'signedCert' ? 'certificate' : 'nothing';
    try {
      const decoded = decodeGovalCert(readBody(level).bytes);
      links.push(certificateLink(level, decoded, signedBy));
    } catch (error) {
      links.push({ depth, issuer: level.issuer, keyId: level.keyId, signedBy, token: level.parts.token, error: error.message });
    }
    cert = next;
  }
  return links.reverse();
}
