// Certificate chains and Replit identity tokens (issue 13).
//
// A token's footer names its signer: a root key (`keyId`, looked up in the caller's key
// source) or a certificate (`signedCert`: a v2.public token whose body is a GovalCert that
// certifies a public key). We walk footers down to a key id, then verify back up: each
// certificate's signature with its signer's key before its body is decoded, its lifetime,
// that its claims are covered by its signer (attenuation), then the key it certifies checks
// the next link. PASETO and keys are the token layer's (paseto.js, keys.js, token.js); this
// file is only the chain logic.

import {
  decodeGovalCert,
  decodeGovalReplIdentity,
  decodeGovalSigningAuthority,
  decodeGovalToken,
  encodeCertificateClaim,
  encodeGovalCert,
  encodeGovalReplIdentity,
  encodeGovalSigningAuthority,
  govalReplIdentityToJson,
  govalTokenToJson,
} from './api.js';
import { describe, isPlainObject } from './codec.js';
import {
  GovalTokenError,
  KeyError,
  TokenClaimError,
  TokenExpiredError,
  TokenFormatError,
  TokenNotYetValidError,
  TokenSignatureError,
} from './errors.js';
import { importPublicKey, importSecretKey } from './keys.js';
import { asciiBytes, decodeBase64Text, encodeBase64, splitToken } from './paseto.js';
import { currentTime, instant, rfc3339, signParts, timeStatusOf, validityOf, verifySignature } from './token.js';

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
const FLAG_FOR_KIND = {
  ReplToken: 'MINT_GOVAL_TOKEN',
  GovalReplIdentity: 'IDENTITY',
  GovalToken: 'GHOSTWRITER',
};

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
 * Verifies the chain under `token` and resolves to the verified body bytes of the token
 * itself, its footer, its split parts, the certificates root-first (`chain`) and the one that
 * signed the token (`signingCertificate`, undefined for a root-key signature).
 * `source`: from `keySource`; `time`: `{ now?: Timestamp, skew }` (no `now`: no lifetime checks).
 */
export async function verifyChain(token, source, time) {
  // Down: read each footer, the one thing read before a signature is checked (it names the
  // signer). Bodies are decoded only after their signature holds.
  const levels = [];
  let current = token;
  for (let depth = 0; ; depth++) {
    const level = { depth, parts: undefined, footer: undefined, issuer: '', keyId: undefined };
    level.parts = atLink(level, () => splitToken(current));
    level.footer = level.parts.footer === undefined ? undefined : readFooter(level.parts.footer, level);
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
    current = cert.value;
  }

  // Up: the root key checks the deepest link; each verified certificate's key the next one.
  const root = levels[levels.length - 1];
  let key = await source(root.keyId, root.issuer, describeLink(root));
  if (key === undefined) throw linkError(new KeyError('the token has no footer naming its key, so a key source cannot pick one: give its public key itself', { path: 'footer' }), describeLink(root));
  let signer; // the verified certificate that signed the current level
  const chain = [];
  for (let i = levels.length - 1; ; i--) {
    const level = levels[i];
    if (!(await verifySignature(key, level.parts))) {
      const by = signer ? `the key certified by the certificate at depth ${signer.depth}` : root.keyId === undefined ? 'the given public key' : `root key ${JSON.stringify(root.keyId)}`;
      throw linkError(new TokenSignatureError(`the signature does not verify with ${by}`, { path: 'signature' }), describeLink(level));
    }
    const body = readBody(level);
    if (i === 0) return { body, footer: level.footer, parts: level.parts, chain, signingCertificate: signer };
    let cert;
    try {
      cert = decodeGovalCert(body.bytes);
    } catch (error) {
      throw formatError('invalid-certificate', `the body is not a valid GovalCert: ${error.message}`, level, error);
    }
    const link = certificateLink(level, cert, signer ? 'certificate' : 'root-key');
    checkLifetime(link, time, level);
    if (signer) checkAttenuation(link, signer, level);
    key = await importCertifiedKey(cert.publicKey, level);
    chain.push(link);
    signer = link;
  }
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

function readFooter(footerText, level) {
  // No slot: fresh arrays, as links are held across awaits.
  const bytes = decodeBase64Text(footerText)?.bytes;
  if (bytes === undefined) throw formatError('footer-not-base64', 'the footer is not standard base64 text', level, undefined, 'footer');
  try {
    return decodeGovalSigningAuthority(bytes);
  } catch (error) {
    throw formatError('invalid-footer', `the footer is not a valid GovalSigningAuthority: ${error.message}`, level, error, 'footer');
  }
}

function readBody(level) {
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
function checkCovered(signing, wants) {
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

/** The token itself as a link: depth 0, its issuer, its root key id when a root key signed it. */
function tokenLink(walked) {
  const { footer } = walked;
  return { depth: 0, issuer: footer?.issuer ?? '', keyId: footer?.cert.case === 'keyId' ? footer.cert.value : undefined };
}

function identityWants(identity) {
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

function replTokenWants(message) {
  const wants = [];
  const { case: kind, value } = message.metadata;
  const replId = kind === 'repl' || kind === 'id' ? value.id : '';
  if (replId !== '') wants.push(['replid', replId, `metadata.${kind}.id`, `repl id ${JSON.stringify(replId)}`]);
  if (kind === 'repl' && value.user !== '') wants.push(['user', value.user, 'metadata.repl.user', `user ${JSON.stringify(value.user)}`]);
  if (message.cluster !== '') wants.push(['cluster', message.cluster, 'cluster', `cluster ${JSON.stringify(message.cluster)}`]);
  return wants;
}

function checkKindFlag(kind, signing, requireFlag) {
  if (!requireFlag || signing === undefined) return;
  const flag = FLAG_FOR_KIND[kind];
  if (!signing.flags.includes(flag)) {
    throw coverError('flag', 'footer.signedCert', `its signing certificate lacks the ${flag} flag a ${kind} needs (it has ${signing.flags.join(', ') || 'no flags'})`, flag, signing.flags, signing);
  }
}

// ---------------------------------------------------------------- entry points

const IDENTITY_OPTIONS = ['publicKeys', 'audience', 'now', 'clockSkewSeconds', 'requireFlag'];

/**
 * Verifies a Replit identity token (REPL_IDENTITY, or one another repl signed for you) and its
 * certificate chain; resolves to `{ identity, chain, footer, flags, signedBy, … }`.
 */
export async function verifyIdentityToken(token, options) {
  checkTokenString(token);
  const opts = readOwnOptions(options, IDENTITY_OPTIONS, 'verifyIdentityToken');
  if (typeof opts.audience !== 'string' || opts.audience === '') {
    throw new GovalTokenError(`expected the audience (your repl id) as a non-empty string, got ${describe(opts.audience)}`, { path: 'options.audience' });
  }
  if (opts.publicKeys === undefined) {
    throw new KeyError('a key source is required: a map key id → public key, REPL_PUBKEYS JSON or a function', { path: 'options.publicKeys' });
  }
  if (opts.requireFlag !== undefined && typeof opts.requireFlag !== 'boolean') {
    throw new GovalTokenError(`expected a boolean, got ${describe(opts.requireFlag)}`, { path: 'options.requireFlag' });
  }
  const time = timeOptions(opts);
  const walked = await verifyChain(token, keySource(opts.publicKeys, 'options.publicKeys'), time);
  const { footer } = walked;
  if (footer === undefined || footer.version !== 'TYPE_AWARE_TOKEN') {
    throw linkError(
      new TokenFormatError(
        `not an identity token: the footer version is ${footer === undefined ? 'absent (no footer)' : footer.version}, identity tokens are TYPE_AWARE_TOKEN`,
        { reason: 'not-identity-token', path: 'footer.version' },
      ),
      tokenLink(walked),
    );
  }
  let identity;
  try {
    identity = decodeGovalReplIdentity(walked.body.bytes);
  } catch (error) {
    throw linkError(new TokenFormatError(`the message is not a valid GovalReplIdentity: ${error.message}`, { reason: 'invalid-message', path: 'message', cause: error }), tokenLink(walked));
  }
  if (identity.aud !== opts.audience) {
    throw linkError(
      new TokenClaimError(`it is for audience ${JSON.stringify(identity.aud)}, not ${JSON.stringify(opts.audience)}`, {
        path: 'aud',
        claim: 'aud',
        expected: opts.audience,
        actual: identity.aud,
      }),
      tokenLink(walked),
    );
  }
  if (walked.signingCertificate) checkCovered(walked.signingCertificate, identityWants(identity));
  checkKindFlag('GovalReplIdentity', walked.signingCertificate, opts.requireFlag);
  return { identity, ...chainResult(walked) };
}

/**
 * For verifyToken: a ReplToken whose signer comes from a key source or a certificate chain.
 * Resolves to the walk (verified body bytes, footer, chain); the caller decodes the body.
 */
export async function verifyTokenChain(token, keyOrPublicKeys, time) {
  return verifyChain(token, keySource(keyOrPublicKeys, 'publicKey'), time);
}

/**
 * For verifyToken given one key that did not sign the token itself, whose footer names a
 * certificate: that key as the chain's root. A chain that cannot be read is reported as the
 * signature failure it also is (the footer may have been changed).
 */
export async function verifyChainFromRootKey(token, key, time) {
  try {
    return await verifyChain(token, keySource(key, 'publicKey'), time);
  } catch (error) {
    if (!(error instanceof TokenFormatError)) throw error;
    throw new TokenSignatureError(`the signature does not verify with this public key, and the certificate chain its footer names cannot be read (${error.message})`, {
      path: 'signature',
      cause: error,
    });
  }
}

/**
 * After the caller decoded a ReplToken verified by `verifyTokenChain`: its claims against its
 * signing certificate. Returns what verifyToken adds to its result.
 */
export function checkReplTokenChain(message, walked, requireFlag) {
  if (walked.signingCertificate) checkCovered(walked.signingCertificate, replTokenWants(message));
  checkKindFlag('ReplToken', walked.signingCertificate, requireFlag);
  const { chain, signedBy, flags, rootKeyId } = chainResult(walked);
  return { chain, signedBy, flags, rootKeyId };
}

/** Whether split token parts have a footer naming a signing certificate (read unverified). */
export function namesCertificate(parts) {
  if (parts.footer === undefined) return false;
  try {
    return readFooter(parts.footer, { depth: 0 }).cert.case === 'signedCert';
  } catch {
    return false; // the plain path reports the unreadable footer after the signature check
  }
}

/** What every chain verification reports beside the message. */
function chainResult(walked) {
  const signing = walked.signingCertificate;
  const rootKeyId = walked.chain.length > 0 ? walked.chain[0].keyId : walked.footer?.cert.case === 'keyId' ? walked.footer.cert.value : undefined;
  return {
    footer: walked.footer,
    chain: walked.chain,
    signedBy: signing ? 'certificate' : 'root-key',
    flags: signing ? signing.flags : [],
    rootKeyId,
    signature: walked.parts.signature,
    messageBase64: walked.body.text,
    footerBase64: walked.parts.footer === undefined ? '' : decodeBase64Text(walked.parts.footer).text,
    token: walked.parts.token,
  };
}

const SIGNER_OPTIONS = ['identityToken', 'secretKey', 'replId', 'publicKeys', 'now', 'clockSkewSeconds'];

/**
 * As go-replidentity's NewSigningAuthority: verifies this repl's own identity token (its
 * replid and aud must be `replId`), then `sign(audience)` makes tokens that prove this repl's
 * identity to the repl `audience`, signed with `secretKey` under the identity token's footer.
 */
export async function createIdentitySigner(options) {
  const opts = readOwnOptions(options, SIGNER_OPTIONS, 'createIdentitySigner');
  if (typeof opts.replId !== 'string' || opts.replId === '') {
    throw new GovalTokenError(`expected this repl's id (REPL_ID) as a non-empty string, got ${describe(opts.replId)}`, { path: 'options.replId' });
  }
  const verified = await verifyIdentityToken(opts.identityToken, {
    publicKeys: opts.publicKeys,
    audience: opts.replId,
    ...(opts.now === undefined ? {} : { now: opts.now }),
    ...(opts.clockSkewSeconds === undefined ? {} : { clockSkewSeconds: opts.clockSkewSeconds }),
  }).catch((error) => {
    if (error instanceof TokenClaimError && error.claim === 'aud') {
      error.message = `options.identityToken: ${error.message} (this repl's id): it is not this repl's own identity token`;
    }
    throw error;
  });
  const { identity } = verified;
  if (identity.replid !== opts.replId) {
    throw new TokenClaimError(`the identity token is for repl ${JSON.stringify(identity.replid)}, not this repl (${JSON.stringify(opts.replId)})`, {
      path: 'replid',
      claim: 'replid',
      expected: opts.replId,
      actual: identity.replid,
    });
  }
  const secretKey = await importSecretKey(opts.secretKey, 'options.secretKey');
  const footer = asciiBytes(verified.footerBase64);
  // The fields go-replidentity's Sign carries over; `aud` is the new audience.
  const carried = {
    replid: identity.replid,
    user: identity.user,
    slug: identity.slug,
    originReplid: identity.originReplid,
    userId: identity.userId,
    buildInfo: identity.buildInfo,
    isTeam: identity.isTeam,
    roles: identity.roles,
    runtime: identity.runtime,
    org: identity.org,
  };
  const sign = (audience) => signParts(secretKey, asciiBytes(encodeBase64(encodeGovalReplIdentity({ ...carried, aud: audience }))), footer);
  // A key the certificate does not certify would make every token fail where it is checked.
  const signing = verified.chain[verified.chain.length - 1];
  if (signing !== undefined) {
    const certified = await importPublicKey(signing.publicKey.trim(), 'publicKey');
    if (!(await verifySignature(certified, splitToken(await sign(opts.replId))))) {
      throw new KeyError("the secret key is not the one the identity token's certificate certifies", { path: 'options.secretKey' });
    }
  }
  return {
    identity,
    chain: verified.chain,
    /** A token proving this repl's identity to the repl whose id is `audience`. */
    async sign(audience) {
      if (typeof audience !== 'string' || audience === '') {
        throw new GovalTokenError(`expected the audience's repl id as a non-empty string, got ${describe(audience)}`, { path: 'audience' });
      }
      return sign(audience);
    },
  };
}

/** Signs a GovalCert (any form `encodeGovalCert` takes) with `authority` as its footer. */
export async function signCertificate(cert, secretKey, authority) {
  return signTypedBody(encodeGovalCert(cert), secretKey, authority, 'authority');
}

/**
 * Signs a GovalReplIdentity into an identity token; `authority`'s version defaults to
 * TYPE_AWARE_TOKEN, as identity tokens have.
 */
export async function signIdentityToken(identity, secretKey, authority) {
  const footer = isPlainObject(authority) && authority.version === undefined ? { ...authority, version: 'TYPE_AWARE_TOKEN' } : authority;
  return signTypedBody(encodeGovalReplIdentity(identity), secretKey, footer, 'authority');
}

async function signTypedBody(body, secretKey, authority, path) {
  if (authority === undefined) {
    throw new GovalTokenError("expected the signer's GovalSigningAuthority: { keyId, issuer } for a root key, { signedCert, issuer } for a certificate", { path });
  }
  const footer = encodeGovalSigningAuthority(authority);
  const key = await importSecretKey(secretKey, 'secretKey');
  return signParts(key, asciiBytes(encodeBase64(body)), asciiBytes(encodeBase64(footer)));
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

// ---------------------------------------------------------------- helpers

/** `{ now?: Timestamp, skew }`: the clock unless `now` is given, none with `now: false`. */
export function timeOptions(opts) {
  const { now, clockSkewSeconds = 0 } = opts;
  if (!Number.isSafeInteger(clockSkewSeconds) || clockSkewSeconds < 0) {
    throw new GovalTokenError(`expected a non-negative integer, got ${describe(clockSkewSeconds)}`, { path: 'options.clockSkewSeconds' });
  }
  if (now === false) return { now: undefined, skew: clockSkewSeconds };
  return { now: now === undefined ? currentTime() : instant(now, 'options.now'), skew: clockSkewSeconds };
}

function checkTokenString(token) {
  if (typeof token !== 'string') throw new TokenFormatError(`expected a token string, got ${describe(token)}`, { reason: 'not-a-string' });
}

function readOwnOptions(options, known, what) {
  if (!isPlainObject(options)) throw new GovalTokenError(`${what} expects an options object, got ${describe(options)}`, { path: 'options' });
  const out = {};
  for (const key of Reflect.ownKeys(options)) {
    if (typeof key !== 'string' || !known.includes(key)) {
      throw new GovalTokenError(`unknown option "${String(key)}" (known: ${known.join(', ')})`, { path: 'options' });
    }
    out[key] = options[key];
  }
  return out;
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

function dateOf({ seconds, nanos }) {
  const date = new Date(Number(seconds) * 1000 + Math.floor(nanos / 1e6));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

// ---------------------------------------------------------------- inspectToken's part

/**
 * inspectToken's signature check for a token signed through a certificate, or checked against
 * a key source: 'valid' when every signature in the chain holds and each certificate is
 * within its signer's claims (lifetimes are reported per link instead), else 'invalid' with
 * the reason.
 */
export async function chainSignature(token, keyOrPublicKeys) {
  try {
    await verifyChain(token, keySource(keyOrPublicKeys, 'publicKey'), { now: undefined, skew: 0 });
    return { signature: 'valid', problem: null };
  } catch (error) {
    if (error instanceof TokenSignatureError || error instanceof TokenClaimError) return { signature: 'invalid', problem: error.message };
    throw error;
  }
}

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
 * inspectToken's report of a TYPE_AWARE token (an identity, or a Ghostwriter GovalToken), as
 * JSON-safe data. An identity has no times of its own: its lifetime is its certificates'.
 */
export function typeAwareReport(parsed, now, signature, problem) {
  const { messageType, message, footer } = parsed;
  const links = readChain(footer);
  const chain = chainReport(footer, now, links);
  const notes = [];
  if (problem) notes.push(problem);
  let validity;
  if (messageType === 'GovalToken') {
    validity = validityOf(message);
  } else {
    notes.push('an identity token has no iat or exp of its own: it is valid while every certificate in its chain is');
    const read = links.filter((l) => l.certificate !== undefined);
    if (read.length > 0) {
      // The chain's lifetime: the latest iat and the earliest exp of its certificates.
      const later = (a, b) => a.seconds > b.seconds || (a.seconds === b.seconds && a.nanos > b.nanos);
      const issuedAt = read.map((l) => l.iat).reduce((a, b) => (later(a, b) ? a : b));
      const expiresAt = read.map((l) => l.exp).reduce((a, b) => (later(a, b) ? b : a));
      validity = { issuedAt, expiresAt };
    }
  }
  const ownStatus = validity === undefined ? 'in-range' : timeStatusOf(validity, now);
  const timeStatus = ownStatus !== 'in-range' ? ownStatus : chainTimeStatus(chain);
  const verdict = signature === 'invalid' ? 'signature-invalid' : timeStatus !== 'in-range' ? timeStatus : signature === 'valid' ? 'valid' : 'signature-not-checked';
  const json = messageType === 'GovalToken' ? govalTokenToJson(message, JSON_REPORT) : govalReplIdentityToJson(message, JSON_REPORT);
  if (message.$unknown?.length > 0) notes.push(`${message.$unknown.length} field(s) unknown to this schema, probably from a newer server`);
  return {
    verdict,
    signature,
    timeStatus,
    secondsLeft: validity === undefined ? null : Math.floor(Number(validity.expiresAt.seconds - now.seconds) + (validity.expiresAt.nanos - now.nanos) / 1e9),
    now: rfc3339(now),
    messageType,
    effectiveIat: validity === undefined ? null : rfc3339(validity.issuedAt),
    effectiveExp: validity === undefined ? null : rfc3339(validity.expiresAt),
    [messageType === 'GovalToken' ? 'govalToken' : 'identity']: json,
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

const JSON_REPORT = { emitDefaults: true, dropUnknownFields: true };
