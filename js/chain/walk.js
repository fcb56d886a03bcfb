// Certificate chains: the walk from a token's footer down to its root key and back up, and
// what certificates claim.
//
// A token's footer names its signer: a root key (`keyId`, looked up in the caller's key
// source) or a certificate (`signedCert`: a v2.public token whose body is a GovalCert that
// certifies a public key). We walk footers down to a key id, then verify back up: first every
// signature, each with the key its signer certifies, before any body is decoded; then each
// certificate's lifetime and that its claims are covered by its signer (attenuation). What
// the token itself may claim is decided in js/verify.js, the one verdict.

import { decodeGovalCert, decodeGovalSigningAuthority, encodeCertificateClaim, govalReplIdentityToJson, govalTokenToJson } from '../gen/api.js';
import { describe, isPlainObject } from '../codec/walk.js';
import { GovalTokenError, KeyError, TokenClaimError, TokenExpiredError, TokenFormatError, TokenNotYetValidError, TokenSignatureError } from '../errors.js';
import { importPublicKey } from '../crypto/keys.js';
import { decodeBase64Text, splitToken } from '../token/paseto.js';
import { dateOf, rfc3339, timeStatusOf, validityOf, verifySignature } from '../token/parse.js';

/** At most this many certificates between a token and its root key. */
export const MAX_CHAIN_CERTIFICATES = 8;

/** The ANY_* flag that covers each kind of claim. */
const COVERING_FLAG = {
  replid: 'ANY_REPLID',
  user: 'ANY_USER',
  userId: 'ANY_USER_ID',
  cluster: 'ANY_CLUSTER',
  subcluster: 'ANY_SUBCLUSTER',
  org: 'ANY_ORG',
  replCreatedAt: 'ANY_REPL_CREATED_AT',
};

/** The flag a signing certificate needs for each kind of token (option `requireFlag`). */
/** Every FlagClaim name, with what it allows. */
const FLAG_WORDS = {
  MINT_GOVAL_TOKEN: 'may sign repl tokens for goval',
  SIGN_INTERMEDIATE_CERT: 'may sign intermediate certificates',
  ANY_REPLID: 'may sign for any repl id',
  ANY_USER: 'may sign for any user',
  ANY_CLUSTER: 'may sign for any cluster',
  IDENTITY: 'may sign identity tokens',
  GHOSTWRITER: 'may sign Ghostwriter tokens',
  RENEW_IDENTITY: 'may mint repl identity tokens',
  RENEW_KV: 'may mint Repl KV tokens',
  ANY_SUBCLUSTER: 'may sign for any subcluster',
  DEPLOYMENTS: 'may sign for Deployments',
  ANY_USER_ID: 'may sign for any user id',
  ANY_ORG: 'may sign for any org',
  ANY_REPL_CREATED_AT: 'may sign for any repl creation time',
};

/** The FlagClaim names this schema knows. */
export const FLAG_NAMES = Object.freeze(Object.keys(FLAG_WORDS));

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
  const list = known === undefined ? '' : known.length === 0 ? ' (the key source is empty)' : ` (it has ${known.slice(0, 8).map((k) => JSON.stringify(k)).join(', ')}${known.length > 8 ? ', …' : ''})`;
  const error = new KeyError(`no public key for key id ${JSON.stringify(keyId)} of issuer ${JSON.stringify(issuer)}${list}`, { path });
  return link ? linkError(error, link) : error;
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
 * checks); `state.signature` becomes 'valid' once every signature holds.
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
      if (depth > 0) throw formatError('no-signer', 'the certificate has no footer naming its signer', level);
      break;
    }
    const { cert } = level.footer;
    if (cert.case === 'keyId') {
      level.keyId = cert.value;
      break;
    }
    if (cert.case !== 'signedCert') throw formatError('no-signer', 'the footer names neither a key id nor a signing certificate', level);
    if (depth === MAX_CHAIN_CERTIFICATES) {
      throw formatError('chain-too-deep', `more than ${MAX_CHAIN_CERTIFICATES} certificates between the token and its root key`, { ...level, depth: depth + 1 });
    }
    const next = { depth: depth + 1, issuer: '' };
    parts = atLink(next, () => splitToken(cert.value));
  }

  // Up, signatures only: the root key checks the deepest link; each certificate's key the next.
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
      throw formatError('invalid-certificate', `the body is not a valid GovalCert: ${error.message}`, level, error);
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

/** Runs `fn`, naming the link in any token error it throws. */
function atLink(level, fn) {
  try {
    return fn();
  } catch (error) {
    if (error instanceof GovalTokenError && level.depth > 0) throw linkError(error, describeLink(level));
    throw error;
  }
}

/** A footer's GovalSigningAuthority, read before any signature is checked: it names the signer. */
export function readFooter(footerText, level) {
  // No slot: fresh arrays, as links are held across awaits.
  const bytes = decodeBase64Text(footerText)?.bytes;
  if (bytes === undefined) throw formatError('footer-not-base64', 'the footer is not standard base64 text', level, undefined, 'footer');
  try {
    return decodeGovalSigningAuthority(bytes);
  } catch (error) {
    throw formatError('invalid-footer', `the footer is not a valid GovalSigningAuthority: ${error.message}`, level, error, 'footer');
  }
}

/** A verified body's base64 text and bytes. */
export function readBody(level) {
  const read = decodeBase64Text(level.parts.body);
  if (read === undefined) throw formatError('body-not-base64', 'the signed body is not standard base64 text', level, undefined, 'message');
  return read;
}

async function importCertifiedKey(publicKey, level) {
  // A certificate names its key as PASERK k2.public or a PEM PUBLIC KEY block, nothing else.
  const text = publicKey.trim();
  if (!text.startsWith('k2.public.') && !text.startsWith('-----BEGIN PUBLIC KEY-----')) {
    throw linkError(
      new KeyError(`the certificate's publicKey is neither PASERK k2.public nor a PEM PUBLIC KEY block (${text.length} characters)`, { path: 'publicKey' }),
      describeLink(level),
    );
  }
  return importKey(text, 'publicKey', describeLink(level));
}

/** A certificate as the chain reports it. */
function certificateLink(level, cert, signedBy) {
  const validity = validityOf(cert);
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

/**
 * The first of `claims` (with its index) that `signerClaims` neither holds nor covers by an
 * ANY_* flag; a `deployment` claim is covered by DEPLOYMENTS, and `deployment: false` grants
 * nothing. Flags are never covered: a child holds only flags its signer holds.
 */
export function uncoveredClaim(claims, signerClaims) {
  const held = new Set(signerClaims.map(claimKey));
  const flags = new Set(signerClaims.filter((c) => c.claim.case === 'flag').map((c) => c.claim.value));
  for (const [index, claim] of claims.entries()) {
    const { case: kind, value } = claim.claim;
    if (kind !== undefined && COVERING_FLAG[kind] !== undefined && flags.has(COVERING_FLAG[kind])) continue;
    if (kind === 'deployment' && (value === false || flags.has('DEPLOYMENTS'))) continue;
    if (!held.has(claimKey(claim))) return { claim, index };
  }
  return undefined;
}

/** Two claims are the same when their canonical protobuf bytes are (unknown fields included). */
function claimKey(claim) {
  // A loop, not a spread: a claim of many kilobytes would overflow the argument list.
  let key = '';
  for (const byte of encodeCertificateClaim(claim)) key += String.fromCharCode(byte);
  return key;
}

// ---------------------------------------------------------------- what the signing cert covers

/**
 * Refuses the first value a token states that its signing certificate neither claims nor
 * covers by an ANY_* flag. `wants`: `[kind, value, path, shown]`, empty values left out.
 */
export function checkCovered(signing, wants) {
  const sets = { replid: new Set(), user: new Set(), userId: new Set(), cluster: new Set(), subcluster: new Set(), org: new Set() };
  const flags = new Set(signing.flags);
  for (const { claim } of signing.claims) {
    if (claim.case === 'org') sets.org.add(orgText(claim.value));
    else if (claim.case === 'userId') sets.userId.add(BigInt(claim.value));
    else if (sets[claim.case] !== undefined) sets[claim.case].add(claim.value);
  }
  for (const [kind, value, path, shown] of wants) {
    if (kind === 'deployment') {
      if (!flags.has('DEPLOYMENTS')) {
        throw coverError('deployment', path, 'the token claims a Deployment runtime, which its signing certificate does not allow (no DEPLOYMENTS flag)', 'DEPLOYMENTS', true, signing);
      }
      continue;
    }
    if (flags.has(COVERING_FLAG[kind])) continue;
    const key = kind === 'org' ? orgText(value) : kind === 'userId' ? BigInt(value) : value;
    if (sets[kind].has(key)) continue;
    const held = [...sets[kind]].map((v) => (typeof v === 'string' && kind !== 'org' ? JSON.stringify(v) : String(v)));
    throw coverError(
      kind,
      path,
      `${shown} is not covered by its signing certificate, which claims ${held.length === 0 ? `no ${kind}` : held.join(', ')} and lacks ${COVERING_FLAG[kind]}`,
      [...sets[kind]],
      value,
      signing,
    );
  }
}

function coverError(claim, path, detail, expected, actual, signing) {
  return linkError(new TokenClaimError(detail, { path, claim, expected, actual }), { depth: 0, signer: signing.depth });
}

/** What an identity claims, for `checkCovered`. */
export function identityWants(identity) {
  const wants = [];
  if (identity.replid !== '') wants.push(['replid', identity.replid, 'replid', `repl id ${JSON.stringify(identity.replid)}`]);
  if (identity.user !== '') wants.push(['user', identity.user, 'user', `user ${JSON.stringify(identity.user)}`]);
  if (identity.userId !== 0n) wants.push(['userId', identity.userId, 'userId', `user id ${identity.userId}`]);
  const { case: runtime, value } = identity.runtime;
  if (runtime === 'interactive' || runtime === 'hosting') {
    if (value.cluster !== '') wants.push(['cluster', value.cluster, `${runtime}.cluster`, `cluster ${JSON.stringify(value.cluster)}`]);
    if (value.subcluster !== '') wants.push(['subcluster', value.subcluster, `${runtime}.subcluster`, `subcluster ${JSON.stringify(value.subcluster)}`]);
  } else if (runtime === 'deployment') {
    wants.push(['deployment', true, 'deployment']);
  }
  if (identity.org !== undefined && identity.org.id !== '') wants.push(['org', identity.org, 'org', `org ${orgText(identity.org)}`]);
  return wants;
}

/** What a ReplToken claims, for `checkCovered`. */
export function replTokenWants(message) {
  const wants = [];
  const { case: kind, value } = message.metadata;
  const replId = kind === 'repl' || kind === 'id' ? value.id : '';
  if (replId !== '') wants.push(['replid', replId, `metadata.${kind}.id`, `repl id ${JSON.stringify(replId)}`]);
  if (kind === 'repl' && value.user !== '') wants.push(['user', value.user, 'metadata.repl.user', `user ${JSON.stringify(value.user)}`]);
  if (message.cluster !== '') wants.push(['cluster', message.cluster, 'cluster', `cluster ${JSON.stringify(message.cluster)}`]);
  return wants;
}

/** What a Ghostwriter GovalToken claims, for `checkCovered`. */
export function govalTokenWants(token) {
  return token.replid === '' ? [] : [['replid', token.replid, 'replid', `repl id ${JSON.stringify(token.replid)}`]];
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

/** Where a link's own token sits, as a path from the token: footer.signedCert… */
function linkPath(depth) {
  return Array.from({ length: depth }, () => 'footer.signedCert').join('.');
}

function describeLink(level) {
  return { depth: level.depth, issuer: level.issuer, keyId: level.keyId };
}

function formatError(reason, detail, level, cause, path = '') {
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

/** A claim in words: `repl id "…"`, `flag IDENTITY (may sign identity tokens)`. */
export function claimText({ claim }) {
  const { case: kind, value } = claim;
  switch (kind) {
    case 'replid':
      return `repl id ${JSON.stringify(value)}`;
    case 'user':
      return `user ${JSON.stringify(value)}`;
    case 'userId':
      return `user id ${value}`;
    case 'cluster':
      return `cluster ${JSON.stringify(value)}`;
    case 'subcluster':
      return `subcluster ${JSON.stringify(value)}`;
    case 'deployment':
      return value ? 'deployment (may sign for Deployments)' : 'deployment false (grants nothing)';
    case 'org':
      return `org ${orgText(value)}`;
    case 'replCreatedAt':
      return `repl created at ${rfc3339(value)}`;
    case 'flag':
      return typeof value === 'string' ? `flag ${value} (${FLAG_WORDS[value] ?? 'unknown'})` : `flag ${value} (not in this schema)`;
    default:
      return 'a claim this schema does not know';
  }
}

function orgText(org) {
  return `${JSON.stringify(org.id)} (${org.type})`;
}

// ---------------------------------------------------------------- inspectToken's part

/**
 * The certificates under a footer for people, root-first, as JSON-safe data: depth, issuer,
 * keyId, signedBy, lifetime and its status at `now`, claims in words, flags, the certified
 * key, or the error that stopped reading a link.
 */
export function chainReport(footer, now, links = readChain(footer)) {
  return links.map((link) => {
    if (link.certificate === undefined) {
      return { depth: link.depth, issuer: link.issuer ?? null, keyId: link.keyId ?? null, signedBy: link.signedBy ?? null, error: link.error };
    }
    return {
      depth: link.depth,
      issuer: link.issuer,
      keyId: link.keyId ?? null,
      signedBy: link.signedBy,
      iat: rfc3339(link.iat),
      exp: rfc3339(link.exp),
      iatDefaulted: link.iatDefaulted,
      expDefaulted: link.expDefaulted,
      timeStatus: timeStatusOf({ issuedAt: link.iat, expiresAt: link.exp }, now),
      claims: link.claimsText,
      flags: link.flags.map(String),
      publicKey: link.publicKey,
    };
  });
}

/** The worst time status of a chain report's links ('in-range' when all are). */
export function chainTimeStatus(links) {
  return links.find((l) => l.timeStatus !== undefined && l.timeStatus !== 'in-range')?.timeStatus ?? 'in-range';
}

/**
 * inspectToken's report of a token whose body is not a ReplToken (an identity, a Ghostwriter
 * GovalToken, or a certificate passed as a token), as JSON-safe data. An identity has no times
 * of its own: its lifetime is its certificates'. `verdict`: the one verify decided, when a key
 * was given.
 */
export function typeAwareReport(parsed, now, signature, verdict, problem) {
  const { messageType, message, footer } = parsed;
  const links = readChain(footer);
  const chain = chainReport(footer, now, links);
  const notes = [];
  if (problem) notes.push(problem);
  let validity;
  if (messageType === 'GovalReplIdentity') {
    notes.push('an identity token has no iat or exp of its own: it is valid while every certificate in its chain is');
    const read = links.filter((l) => l.certificate !== undefined);
    if (read.length > 0) {
      // The chain's lifetime: the latest iat and the earliest exp of its certificates.
      const later = (a, b) => a.seconds > b.seconds || (a.seconds === b.seconds && a.nanos > b.nanos);
      const issuedAt = read.map((l) => l.iat).reduce((a, b) => (later(a, b) ? a : b));
      const expiresAt = read.map((l) => l.exp).reduce((a, b) => (later(a, b) ? b : a));
      validity = { issuedAt, expiresAt };
    }
  } else {
    validity = validityOf(message);
  }
  if (messageType === 'GovalCert') notes.unshift('this is a certificate (a GovalCert, public in every token it signs), not a ReplToken');
  const ownStatus = validity === undefined ? 'in-range' : timeStatusOf(validity, now);
  const timeStatus = ownStatus !== 'in-range' ? ownStatus : chainTimeStatus(chain);
  const body = messageType === 'GovalToken' ? govalTokenToJson(message, JSON_REPORT) : messageType === 'GovalCert' ? certificateReport(message) : govalReplIdentityToJson(message, JSON_REPORT);
  if (message.$unknown?.length > 0) notes.push(`${message.$unknown.length} field(s) unknown to this schema, probably from a newer server`);
  return {
    verdict: verdict ?? (timeStatus !== 'in-range' ? timeStatus : 'signature-not-checked'),
    signature,
    problem: problem ?? null,
    timeStatus,
    secondsLeft: validity === undefined ? null : Math.floor(Number(validity.expiresAt.seconds - now.seconds) + (validity.expiresAt.nanos - now.nanos) / 1e9),
    now: rfc3339(now),
    messageType,
    effectiveIat: validity === undefined ? null : rfc3339(validity.issuedAt),
    effectiveExp: validity === undefined ? null : rfc3339(validity.expiresAt),
    [BODY_KEYS[messageType]]: body,
    footer: footer
      ? {
          keyId: footer.cert.case === 'keyId' ? footer.cert.value : null,
          signedCert: footer.cert.case === 'signedCert' ? footer.cert.value : null,
          issuer: footer.issuer,
          version: String(footer.version),
        }
      : null,
    chain,
    notes,
  };
}

const BODY_KEYS = { GovalToken: 'govalToken', GovalCert: 'certificate', GovalReplIdentity: 'identity' };

/** A certificate's lifetime, claims in words, flags and key, as JSON-safe data. */
function certificateReport(cert) {
  const validity = validityOf(cert);
  return {
    iat: rfc3339(validity.issuedAt),
    exp: rfc3339(validity.expiresAt),
    claims: cert.claims.map(claimText),
    flags: cert.claims.filter((c) => c.claim.case === 'flag').map((c) => String(c.claim.value)),
    publicKey: cert.publicKey,
  };
}

const JSON_REPORT = { emitDefaults: true, dropUnknownFields: true };
