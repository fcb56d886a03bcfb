// What certificates claim: the FlagClaim names, each certificate's claims parsed once into an
// index, whether a signer covers a child certificate (attenuation) and whether a token's
// signing certificate covers what the token states, and claims in words.

import { TokenClaimError } from '../errors.js';
import { encodeCertificateClaim } from '../gen/api.js';
import { rfc3339 } from '../lib/time.js';
import { linkError } from './link.js';

/**
 * The ANY_* flag that covers each kind of claim, as go-replidentity's verifier counts them.
 * ANY_REPL_CREATED_AT covers nothing: neither go-replidentity nor replit-py knows it (or the
 * repl_created_at claim), so there a child's replCreatedAt claim must be its signer's own.
 */
const COVERING_FLAG = {
  replid: 'ANY_REPLID',
  user: 'ANY_USER',
  userId: 'ANY_USER_ID',
  cluster: 'ANY_CLUSTER',
  subcluster: 'ANY_SUBCLUSTER',
  org: 'ANY_ORG',
};

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
  ANY_REPL_CREATED_AT: 'may sign for any repl creation time (not counted: go-replidentity knows no such flag)',
};

/** The FlagClaim names this schema knows (a function: no work at the top level). */
export function flagNames() {
  return Object.keys(FLAG_WORDS);
}

/** A certificate's claims, parsed once (and kept for the claims array): its flags, each claim's canonical bytes, and the values it holds of each kind. */
function claimIndex(claims) {
  let index = indexes.get(claims);
  if (index !== undefined) return index;
  index = {
    flags: new Set(),
    held: new Set(),
    values: { replid: new Set(), user: new Set(), userId: new Set(), cluster: new Set(), subcluster: new Set(), org: new Set() },
  };
  for (const claim of claims) {
    index.held.add(claimKey(claim));
    const { case: kind, value } = claim.claim;
    if (kind === 'flag') index.flags.add(value);
    else if (kind === 'org') index.values.org.add(orgText(value));
    else if (kind === 'userId') index.values.userId.add(BigInt(value));
    else if (index.values[kind] !== undefined) index.values[kind].add(value);
  }
  indexes.set(claims, index);
  return index;
}

const indexes = new WeakMap();

/**
 * The first of `claims` (with its index) that `signerClaims` neither holds nor covers by an
 * ANY_* flag; a `deployment` claim is covered by DEPLOYMENTS, and `deployment: false` grants
 * nothing. Flags are never covered: a child holds only flags its signer holds.
 */
export function uncoveredClaim(claims, signerClaims) {
  const { held, flags } = claimIndex(signerClaims);
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

/**
 * Refuses the first value a token states that its signing certificate neither claims nor
 * covers by an ANY_* flag. `wants`: `[kind, value, path, shown]`, empty values left out.
 */
export function checkCovered(signing, wants, at) {
  const { flags, values: sets } = claimIndex(signing.claims);
  for (const [kind, value, path, shown] of wants) {
    if (kind === 'deployment') {
      // As go-replidentity: DEPLOYMENTS counts only on a certificate a certificate signed (Go
      // records it from no other). Unlike ANY_*, no minting certificate needs it.
      if (!flags.has('DEPLOYMENTS')) {
        throw signedTokenError('the token claims a Deployment runtime, which its signing certificate does not allow (no DEPLOYMENTS flag)', { path, claim: 'deployment', expected: 'DEPLOYMENTS', actual: true }, at, signing);
      }
      if (signing.signedBy !== 'certificate') {
        throw signedTokenError('the token claims a Deployment runtime, and its signing certificate holds DEPLOYMENTS, but a root key signed that certificate: as in go-replidentity, DEPLOYMENTS counts only on a certificate signed by a certificate', { path, claim: 'deployment', expected: 'DEPLOYMENTS', actual: true }, at, signing);
      }
      continue;
    }
    if (flags.has(COVERING_FLAG[kind])) continue;
    const key = kind === 'org' ? orgText(value) : kind === 'userId' ? BigInt(value) : value;
    if (sets[kind].has(key)) continue;
    const held = [...sets[kind]].map((v) => (typeof v === 'string' && kind !== 'org' ? JSON.stringify(v) : String(v)));
    throw signedTokenError(
      `${shown} is not covered by its signing certificate, which claims ${held.length === 0 ? `no ${kind}` : held.join(', ')} and lacks ${COVERING_FLAG[kind]}`,
      { path, claim: kind, expected: [...sets[kind]], actual: value },
      at,
      signing,
    );
  }
}

/** A TokenClaimError about the token (`at`: its link) and the certificate that signed it. */
function signedTokenError(detail, info, at, signing) {
  return linkError(new TokenClaimError(detail, info), { depth: 0, issuer: at.issuer, signer: signing.depth });
}

/**
 * The flags asked for: each held by the signing certificate. A root key holds none, and needs
 * none for what Replit's own servers sign with it (ReplTokens, and Ghostwriter tokens as
 * replit-py's verify_ghostwriter accepts them); an identity signed by it is refused.
 */
export function checkFlags(messageType, signing, flags, at) {
  if (flags.length === 0) return;
  if (signing === undefined) {
    if (messageType === 'ReplToken' || messageType === 'GovalToken') return;
    throw linkError(
      new TokenClaimError(`it is signed by a root key directly, so it carries no flags, and ${flags.join(', ')} ${flags.length === 1 ? 'is' : 'are'} required`, {
        path: 'footer',
        claim: 'flag',
        expected: [...flags],
        actual: [],
      }),
      at,
    );
  }
  const missing = flags.filter((flag) => !signing.flags.includes(flag));
  if (missing.length > 0) {
    throw signedTokenError(
      `its signing certificate lacks the ${missing.join(', ')} flag${missing.length === 1 ? '' : 's'} required${messageType === 'GovalReplIdentity' ? '' : ` for a ${messageType}`} (it has ${signing.flags.map(String).join(', ') || 'no flags'})`,
      { path: 'footer.signedCert', claim: 'flag', expected: [...flags], actual: signing.flags.map(String) },
      at,
      signing,
    );
  }
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
