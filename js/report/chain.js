// inspectToken's view of certificate chains and of tokens that are not ReplTokens, as
// JSON-safe data: read without verifying (the verdict, when a key was given, is
// js/chain/verify.js's).

import { govalReplIdentityToJson, govalTokenToJson } from '../gen/api.js';
import { rfc3339 } from '../lib/time.js';
import { claimText } from '../chain/claims.js';
import { readChain } from '../chain/walk.js';
import { certificateValidityOf, timeStatusOf, validityOf } from '../token/time.js';

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

/** The verdict without a key: what the time alone says. */
export function keylessVerdict(timeStatus) {
  return timeStatus !== 'in-range' ? timeStatus : 'signature-not-checked';
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
    verdict: verdict ?? keylessVerdict(timeStatus),
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
  const validity = certificateValidityOf(cert);
  return {
    iat: rfc3339(validity.issuedAt),
    exp: rfc3339(validity.expiresAt),
    claims: cert.claims.map(claimText),
    flags: cert.claims.filter((c) => c.claim.case === 'flag').map((c) => String(c.claim.value)),
    publicKey: cert.publicKey,
  };
}

const JSON_REPORT = { emitDefaults: true, dropUnknownFields: true };
