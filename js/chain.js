// Certificate chains and Replit identity tokens (issue 13).
//
// A token's footer names its signer: a root key (`keyId`, looked up in the caller's key
// source) or a certificate (`signedCert`: a v2.public token whose body is a GovalCert that
// certifies a public key). We walk footers down to a key id, then verify back up: each
// certificate's signature with its signer's key before its body is decoded, its lifetime,
// that its claims are covered by its signer (attenuation), then the key it certifies checks
// the next link. The PASETO and key work is the token layer's (`core`); this file is only
// the chain logic.

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

/** At most this many certificates between a token and its root key. */
export const MAX_CHAIN_CERTIFICATES = 8;

const ONE_HOUR = 3600n;
const NANOS = 1_000_000_000n;

/** The ANY_* flag that covers each kind of claim, in a signer or a signing certificate. */
const COVERING_FLAG = {
  replid: 'ANY_REPLID',
  user: 'ANY_USER',
  userId: 'ANY_USER_ID',
  cluster: 'ANY_CLUSTER',
  subcluster: 'ANY_SUBCLUSTER',
  org: 'ANY_ORG',
  replCreatedAt: 'ANY_REPL_CREATED_AT',
};

/** The flag a signing certificate needs for each kind of token (`requireFlag`). */
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

/**
 * The chain API over the codec and the token layer's pieces. `core` gives:
 * - `split(token, path)` → `{ token, messageBase64, footerBase64, signature, … }` (sync;
 *   TokenFormatError for a string that is not a v2.public token),
 * - `verifySignature(parts, publicKey)` → Promise<boolean>, for a key from `importPublicKey`,
 * - `importPublicKey(key, path)` → Promise<key>, KeyError for a key in no accepted form,
 * - `base64ToBytes(text)` → Uint8Array or undefined (standard padded base64),
 * - `sign(messageBytes, footerBytes, secretKey)` → Promise<string> (a v2.public token),
 * - `timestampNow()`, `instant(value, path)`.
 */
export function createChainApi({ codec, core }) {
  const msg = (name) => codec.message(name);
  const footerMessage = msg('GovalSigningAuthority');
  const certMessage = msg('GovalCert');
  const claimMessage = msg('CertificateClaim');
  const identityMessage = msg('GovalReplIdentity');
  const govalTokenMessage = msg('GovalToken');
  const replTokenMessage = msg('ReplToken');

  // ---- key sources ----

  /**
   * A function `(keyId, issuer) → Promise<imported key>` from what the caller gave: a map
   * key id → key, REPL_PUBKEYS JSON text, a function, or one key (the root for every key id).
   */
  function keySource(value, path = 'publicKeys') {
    if (typeof value === 'function') {
      return async (keyId, issuer, link) => {
        const key = await value(keyId, issuer);
        if (key === undefined || key === null) throw unknownKey(keyId, issuer, link, path);
        return importKey(key, `${path}(${JSON.stringify(keyId)})`, link);
      };
    }
    if (typeof value === 'string' && value.trimStart().startsWith('{')) {
      let parsed;
      try {
        parsed = JSON.parse(value);
      } catch (error) {
        throw new KeyError(`expected REPL_PUBKEYS JSON (key id → base64 public key), but the text is not JSON: ${error.message}`, { path });
      }
      if (!isPlainObject(parsed)) throw new KeyError(`expected a JSON object of key id → public key, got ${describe(parsed)}`, { path });
      return mapSource(parsed, path);
    }
    if (isPlainObject(value) && !isJwk(value)) return mapSource(value, path);
    if (value === undefined || value === null) {
      throw new KeyError(`expected a public key or a key source (a map key id → key, REPL_PUBKEYS JSON or a function), got ${describe(value)}`, { path });
    }
    let imported;
    return async (keyId, issuer, link) => (imported ??= importKey(value, path, link));
  }

  function mapSource(map, path) {
    const cache = new Map();
    return async (keyId, issuer, link) => {
      // Own properties only: a key id like "__proto__" or "constructor" names no key.
      if (typeof keyId !== 'string' || !Object.hasOwn(map, keyId)) throw unknownKey(keyId, issuer, link, path, Object.keys(map));
      if (!cache.has(keyId)) cache.set(keyId, importKey(map[keyId], `${path}[${JSON.stringify(keyId)}]`, link));
      return cache.get(keyId);
    };
  }

  async function importKey(key, path, link) {
    try {
      return await core.importPublicKey(key, path);
    } catch (error) {
      if (error instanceof KeyError && link) throw linkError(error, link);
      throw error;
    }
  }

  function unknownKey(keyId, issuer, link, path, known) {
    const knownText = known === undefined ? '' : known.length === 0 ? ' (the map is empty)' : ` (known: ${known.slice(0, 8).map((k) => JSON.stringify(k)).join(', ')}${known.length > 8 ? ', …' : ''})`;
    const error = new KeyError(`no public key for key id ${JSON.stringify(keyId)} of issuer ${JSON.stringify(issuer)}${knownText}`, { path });
    return link ? linkError(error, link) : error;
  }

  // ---- the walk ----

  /**
   * Verifies the chain under `token` and returns the verified body bytes of the token itself,
   * its footer, the certificates root-first and the one that signed the token (if any).
   * `source`: from `keySource`; `time`: `{ now?: Timestamp, skew: bigint }` (no `now`: no lifetime checks).
   */
  async function verifyChain(token, source, time) {
    // Down: read each footer (needed to find the signer; nothing else is decoded unverified).
    const levels = [];
    let current = token;
    for (let depth = 0; ; depth++) {
      const parts = core.split(current, depth === 0 ? '' : linkPath(depth));
      const footer = parts.footerBase64 === undefined ? undefined : readFooter(parts.footerBase64, depth);
      const level = { depth, parts, footer, issuer: footer?.issuer ?? '', keyId: undefined };
      levels.push(level);
      if (footer === undefined) {
        if (depth > 0) throw formatError('no-signer', 'the certificate has no footer naming its signer', level);
        break;
      }
      const { cert } = footer;
      if (cert.case === 'keyId') {
        level.keyId = cert.value;
        break;
      }
      if (cert.case !== 'signedCert') throw formatError('no-signer', 'the footer names neither a key id nor a signing certificate', level);
      if (depth === MAX_CHAIN_CERTIFICATES) {
        throw formatError('chain-too-deep', `more than ${MAX_CHAIN_CERTIFICATES} certificates between the token and its root key`, level);
      }
      current = cert.value;
    }

    // Up: the root key checks the deepest link; each verified certificate checks the next.
    const root = levels[levels.length - 1];
    let key = await source(root.keyId, root.issuer, describeLink(root));
    let signer; // the verified certificate above the current level
    const chain = [];
    for (let i = levels.length - 1; i >= 0; i--) {
      const level = levels[i];
      if (!(await core.verifySignature(level.parts, key))) {
        const by = signer ? `the key certified by the certificate at depth ${level.depth + 1}` : `root key ${JSON.stringify(level.keyId)}`;
        throw linkError(new TokenSignatureError(`the signature does not verify with ${by}`, { path: 'signature' }), describeLink(level));
      }
      const body = bodyBytes(level);
      if (i === 0) {
        return { body, footer: level.footer, parts: level.parts, chain, signingCertificate: signer };
      }
      const cert = decodeBody(certMessage, 'GovalCert', body, level);
      const link = certificateLink(level, cert, signer, token);
      checkLifetime(link, time, level);
      if (signer) checkAttenuation(link, signer, level);
      key = await importCertifiedKey(cert.publicKey, level);
      chain.push(link);
      signer = link;
    }
    throw new GovalTokenError('unreachable');
  }

  function readFooter(footerBase64, depth) {
    const bytes = core.base64ToBytes(footerBase64);
    const where = depth === 0 ? 'footer' : `${linkPath(depth)}.footer`;
    if (bytes === undefined) throw new TokenFormatError('the footer is not standard base64 text', { reason: 'footer-not-base64', path: where });
    try {
      return codec.decode(footerMessage, bytes);
    } catch (error) {
      throw new TokenFormatError(`the footer is not a valid GovalSigningAuthority: ${error.message}`, {
        reason: 'invalid-footer',
        path: where,
        cause: error,
      });
    }
  }

  function bodyBytes(level) {
    const bytes = core.base64ToBytes(level.parts.messageBase64);
    if (bytes === undefined) throw formatError('body-not-base64', 'the signed body is not standard base64 text', level);
    return bytes;
  }

  function decodeBody(message, name, bytes, level) {
    try {
      return codec.decode(message, bytes);
    } catch (error) {
      throw formatError(level.depth === 0 ? 'invalid-message' : 'invalid-certificate', `the body is not a valid ${name}: ${error.message}`, level, error);
    }
  }

  async function importCertifiedKey(publicKey, level) {
    // A certificate names its key as PASERK k2.public or a PEM PUBLIC KEY block, nothing else.
    const text = typeof publicKey === 'string' ? publicKey.trim() : '';
    if (!text.startsWith('k2.public.') && !text.startsWith('-----BEGIN PUBLIC KEY-----')) {
      throw linkError(
        new KeyError(`the certificate's publicKey is neither PASERK k2.public nor a PEM PUBLIC KEY block (${text.length} characters)`, { path: 'publicKey' }),
        describeLink(level),
      );
    }
    return importKey(text, 'publicKey', describeLink(level));
  }

  function certificateLink(level, cert, signer, token) {
    const flags = [];
    const claimsText = [];
    for (const claim of cert.claims) {
      if (claim.claim.case === 'flag') flags.push(claim.claim.value);
      claimsText.push(claimText(claim));
    }
    const iat = cert.iat ?? { seconds: 0n, nanos: 0 };
    const exp = cert.exp ?? { seconds: iat.seconds + ONE_HOUR, nanos: iat.nanos };
    return {
      depth: level.depth,
      issuer: level.issuer,
      keyId: level.keyId,
      signedBy: signer ? 'certificate' : 'root-key',
      iat,
      exp,
      iatDefaulted: cert.iat === undefined,
      expDefaulted: cert.exp === undefined,
      claims: cert.claims,
      claimsText,
      flags,
      publicKey: cert.publicKey,
      certificate: cert,
      token: level.parts.token,
    };
  }

  function checkLifetime(link, time, level) {
    if (time.now === undefined) return;
    const now = nanosOf(time.now);
    const skew = time.skew * NANOS;
    const from = nanosOf(link.iat);
    const until = nanosOf(link.exp);
    if (now + skew < from) {
      throw linkError(
        new TokenNotYetValidError(`the certificate is valid from ${dateText(link.iat)}, after now (${dateText(time.now)})`, {
          path: 'iat',
          validFrom: dateOf(link.iat),
          now: dateOf(time.now),
        }),
        describeLink(level),
      );
    }
    if (now - skew >= until) {
      throw linkError(
        new TokenExpiredError(`the certificate expired at ${dateText(link.exp)}, before now (${dateText(time.now)})`, {
          path: 'exp',
          expiredAt: dateOf(link.exp),
          now: dateOf(time.now),
        }),
        describeLink(level),
      );
    }
  }

  /** A certificate signed by a certificate: the signer may sign certificates and holds every claim. */
  function checkAttenuation(child, signer, level) {
    if (!signer.flags.includes('SIGN_INTERMEDIATE_CERT')) {
      throw linkError(
        new TokenClaimError(`the certificate at depth ${signer.depth} that signed it lacks SIGN_INTERMEDIATE_CERT`, {
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
        new TokenClaimError(`claim ${claimText(claim)} is not held by the certificate at depth ${signer.depth} that signed it`, {
          path: `claims[${index}]`,
          claim: claim.claim.case ?? 'unknown',
          expected: signer.claimsText,
          actual: claimText(claim),
        }),
        describeLink(level),
      );
    }
  }

  /** The first of `claims` that `signerClaims` neither holds nor covers by an ANY_* flag. */
  function uncoveredClaim(claims, signerClaims) {
    const held = new Set(signerClaims.map(claimKey));
    const flags = new Set(signerClaims.filter((c) => c.claim.case === 'flag').map((c) => c.claim.value));
    for (const [index, claim] of claims.entries()) {
      const { case: kind, value } = claim.claim;
      if (kind !== undefined && COVERING_FLAG[kind] !== undefined && flags.has(COVERING_FLAG[kind])) continue;
      // A deployment claim needs the DEPLOYMENTS flag; `deployment: false` grants nothing.
      if (kind === 'deployment' && (value === false || flags.has('DEPLOYMENTS'))) continue;
      if (!held.has(claimKey(claim))) return { claim, index };
    }
    return undefined;
  }

  /** Two claims are the same when their canonical protobuf bytes are (unknown fields included). */
  function claimKey(claim) {
    const bytes = codec.encode(claimMessage, claim);
    let key = '';
    for (const b of bytes) key += String.fromCharCode(b);
    return key;
  }

  // ---- what a signing certificate must cover ----

  /** The claims a signing certificate gives, as sets, with its flags. */
  function claimSets(link) {
    const sets = { replid: new Set(), user: new Set(), userId: new Set(), cluster: new Set(), subcluster: new Set(), org: new Set(), flags: new Set(link.flags) };
    for (const { claim } of link.claims) {
      if (claim.case === 'org') sets.org.add(orgKey(claim.value));
      else if (claim.case === 'userId') sets.userId.add(BigInt(claim.value));
      else if (claim.case !== 'flag' && sets[claim.case]) sets[claim.case].add(claim.value);
    }
    return sets;
  }

  /**
   * Refuses the first of `wants` (`[kind, value, path]`, empty values skipped by the caller)
   * that the certificate neither claims nor covers by an ANY_* flag.
   */
  function checkCovered(signing, wants) {
    const sets = claimSets(signing);
    for (const [kind, value, path, shown] of wants) {
      if (kind === 'deployment') {
        if (!sets.flags.has('DEPLOYMENTS')) {
          throw tokenClaim('deployment', path, 'the token claims a Deployment runtime, but its signing certificate lacks the DEPLOYMENTS flag', 'DEPLOYMENTS', signing);
        }
        continue;
      }
      if (sets.flags.has(COVERING_FLAG[kind])) continue;
      const key = kind === 'org' ? orgKey(value) : kind === 'userId' ? BigInt(value) : value;
      if (sets[kind].has(key)) continue;
      const held = [...sets[kind]].map((v) => (kind === 'org' ? v : typeof v === 'bigint' ? v.toString() : JSON.stringify(v)));
      throw tokenClaim(
        kind,
        path,
        `${shown} is not covered by its signing certificate (it claims ${held.length === 0 ? `no ${kind}` : held.join(', ')} and lacks ${COVERING_FLAG[kind]})`,
        [...sets[kind]],
        signing,
        value,
      );
    }
  }

  function tokenClaim(claim, path, detail, expected, signing, actual) {
    const error = new TokenClaimError(detail, { path, claim, expected, actual });
    return linkError(error, { depth: 0, issuer: undefined, keyId: undefined, signer: signing.depth });
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
    if (identity.org !== undefined && identity.org.id !== '') {
      wants.push(['org', identity.org, 'org', `org ${orgKey(identity.org)}`]);
    }
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
      throw tokenClaim('flag', 'footer.signedCert', `the signing certificate lacks the ${flag} flag a ${kind} needs (it has ${signing.flags.join(', ') || 'no flags'})`, flag, signing, signing.flags);
    }
  }

  // ---- public entry points ----

  /** verifyIdentityToken(token, { publicKeys, audience, now?, clockSkewSeconds?, requireFlag? }) */
  async function verifyIdentityToken(token, options) {
    if (typeof token !== 'string') throw new TokenFormatError(`expected a token string, got ${describe(token)}`, { reason: 'not-a-string' });
    const opts = checkOptions(options, ['publicKeys', 'audience', 'now', 'clockSkewSeconds', 'requireFlag'], 'verifyIdentityToken');
    if (typeof opts.audience !== 'string' || opts.audience === '') {
      throw new GovalTokenError(`expected the audience (your repl id) as a non-empty string, got ${describe(opts.audience)}`, { path: 'options.audience' });
    }
    if (opts.publicKeys === undefined) throw new KeyError('the key source is required (a map key id → key, REPL_PUBKEYS JSON or a function)', { path: 'options.publicKeys' });
    const time = timeOptions(opts);
    const source = keySource(opts.publicKeys, 'options.publicKeys');
    const walked = await verifyChain(token, source, time);
    const { footer } = walked;
    if (footer === undefined || footer.version !== 'TYPE_AWARE_TOKEN') {
      throw new TokenFormatError(
        `not an identity token: the footer version is ${footer === undefined ? 'absent' : footer.version} (identity tokens are TYPE_AWARE_TOKEN)`,
        { reason: 'not-identity-token', path: 'footer.version' },
      );
    }
    const identity = decodeBody(identityMessage, 'GovalReplIdentity', walked.body, { depth: 0, issuer: footer.issuer });
    if (identity.aud !== opts.audience) {
      throw new TokenClaimError(`the token is for audience ${JSON.stringify(identity.aud)}, not ${JSON.stringify(opts.audience)}`, {
        path: 'aud',
        claim: 'aud',
        expected: opts.audience,
        actual: identity.aud,
      });
    }
    const signing = walked.signingCertificate;
    if (signing) checkCovered(signing, identityWants(identity));
    checkKindFlag('GovalReplIdentity', signing, opts.requireFlag);
    return result(walked, { identity });
  }

  /**
   * A ReplToken whose footer names a certificate, or any token checked against a key source:
   * the chain, then the token's claims against its signing certificate. Returns the verified
   * body bytes for the token layer to decode and check (time, cluster, replId).
   */
  async function verifyReplTokenChain(token, publicKeys, options = {}) {
    return verifyChain(token, keySource(publicKeys), timeOptions(options));
  }

  /** After the token layer decoded a chain-signed ReplToken: its claims against the certificate. */
  function checkReplTokenClaims(message, walked, requireFlag) {
    if (walked.signingCertificate) checkCovered(walked.signingCertificate, replTokenWants(message));
    checkKindFlag('ReplToken', walked.signingCertificate, requireFlag);
  }

  function result(walked, extra) {
    const signing = walked.signingCertificate;
    return {
      ...extra,
      footer: walked.footer,
      chain: walked.chain,
      signedBy: signing ? 'certificate' : 'root-key',
      flags: signing ? signing.flags : [],
      rootKeyId: walked.chain.length > 0 ? walked.chain[0].keyId : walked.footer?.cert.case === 'keyId' ? walked.footer.cert.value : undefined,
      token: walked.parts.token,
      messageBase64: walked.parts.messageBase64,
      footerBase64: walked.parts.footerBase64,
      signature: walked.parts.signature,
    };
  }

  /** createIdentitySigner({ identityToken, secretKey, replId, publicKeys, now? }) */
  async function createIdentitySigner(options) {
    const opts = checkOptions(options, ['identityToken', 'secretKey', 'replId', 'publicKeys', 'now', 'clockSkewSeconds'], 'createIdentitySigner');
    if (typeof opts.replId !== 'string' || opts.replId === '') {
      throw new GovalTokenError(`expected this repl's id (REPL_ID) as a non-empty string, got ${describe(opts.replId)}`, { path: 'options.replId' });
    }
    if (opts.secretKey === undefined) throw new KeyError('the secret key (REPL_IDENTITY_KEY) is required', { path: 'options.secretKey' });
    // Verify our own identity first: its aud is our repl id, and its replid must be too.
    const verified = await verifyIdentityToken(opts.identityToken, {
      publicKeys: opts.publicKeys,
      audience: opts.replId,
      ...(opts.now === undefined ? {} : { now: opts.now }),
      ...(opts.clockSkewSeconds === undefined ? {} : { clockSkewSeconds: opts.clockSkewSeconds }),
    });
    const { identity } = verified;
    if (identity.replid !== opts.replId) {
      throw new TokenClaimError(`the identity token is for repl ${JSON.stringify(identity.replid)}, not ${JSON.stringify(opts.replId)}`, {
        path: 'replid',
        claim: 'replid',
        expected: opts.replId,
        actual: identity.replid,
      });
    }
    // The key must be the one the signing certificate certifies, or every token would fail.
    const signing = verified.chain[verified.chain.length - 1];
    const secretKey = opts.secretKey;
    const footerBytes = core.base64ToBytes(verified.footerBase64);
    const ownKey = await core.publicKeyOf(secretKey, 'options.secretKey');
    if (signing !== undefined) {
      const certified = await core.importPublicKey(signing.publicKey.trim(), 'publicKey');
      if (!(await core.sameKey(ownKey, certified))) {
        throw new KeyError('the secret key is not the key the identity token\'s certificate certifies', { path: 'options.secretKey' });
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
        const body = codec.encode(identityMessage, { replid: identity.replid, user: identity.user, slug: identity.slug, aud: audience });
        return core.sign(body, footerBytes, secretKey);
      },
    };
  }

  /** signCertificate(cert, secretKey, authority) → a certificate token. */
  async function signCertificate(cert, secretKey, authority) {
    if (!isPlainObject(cert)) throw new GovalTokenError(`expected a GovalCert object, got ${describe(cert)}`, { path: 'cert' });
    if (authority === undefined) throw new GovalTokenError('expected the signer\'s GovalSigningAuthority ({ keyId } or { signedCert })', { path: 'authority' });
    const body = codec.encode(certMessage, cert);
    const footer = codec.encode(footerMessage, authority);
    return core.sign(body, footer, secretKey);
  }

  // ---- reading a chain without verifying it (parseToken, inspectToken) ----

  /**
   * The certificates under a token, root-first, decoded without checking anything: for
   * people. Each link: depth, issuer, keyId, the decoded certificate (or the error that
   * stopped its decoding), claims in words.
   */
  function readChain(footer) {
    const links = [];
    let cert = footer?.cert;
    for (let depth = 1; cert?.case === 'signedCert'; depth++) {
      if (depth > MAX_CHAIN_CERTIFICATES) {
        links.push({ depth, error: `more than ${MAX_CHAIN_CERTIFICATES} certificates` });
        break;
      }
      let parts;
      let linkFooter;
      try {
        parts = core.split(cert.value, linkPath(depth));
        linkFooter = parts.footerBase64 === undefined ? undefined : readFooter(parts.footerBase64, depth);
      } catch (error) {
        links.push({ depth, error: error.message });
        break;
      }
      const link = {
        depth,
        issuer: linkFooter?.issuer ?? '',
        keyId: linkFooter?.cert.case === 'keyId' ? linkFooter.cert.value : undefined,
        signedBy: linkFooter?.cert.case === 'keyId' ? 'root-key' : linkFooter?.cert.case === 'signedCert' ? 'certificate' : 'nothing',
        token: parts.token,
      };
      try {
        const body = core.base64ToBytes(parts.messageBase64);
        if (body === undefined) throw new Error('the body is not standard base64 text');
        const decoded = codec.decode(certMessage, body);
        const described = certificateLink({ depth, issuer: link.issuer, keyId: link.keyId, parts }, decoded, undefined);
        Object.assign(link, { ...described, signedBy: link.signedBy });
      } catch (error) {
        link.error = `the body is not a valid GovalCert: ${error.message}`;
      }
      links.push(link);
      cert = linkFooter?.cert;
    }
    return links.reverse();
  }

  /**
   * The body of a TYPE_AWARE token: a GovalToken when it decodes cleanly as one (Ghostwriter),
   * else a GovalReplIdentity (identity tokens). `{ messageType, message }`.
   */
  function decodeTypeAware(bytes) {
    try {
      const token = codec.decode(govalTokenMessage, bytes);
      if ((token.iat !== undefined || token.exp !== undefined || token.token.case !== undefined) && !hasUnknown(govalTokenMessage, token)) {
        return { messageType: 'GovalToken', message: token };
      }
    } catch {
      // not a GovalToken: read as an identity below
    }
    return { messageType: 'GovalReplIdentity', message: codec.decode(identityMessage, bytes) };
  }

  function hasUnknown(message, object) {
    if (object.$unknown !== undefined && object.$unknown.length > 0) return true;
    for (const slot of message.slots) {
      if (slot.field !== undefined) {
        const { field } = slot;
        const value = object[field.name];
        if (field.kind !== 'message' || value === undefined) continue;
        for (const item of field.repeated ? value : [value]) if (hasUnknown(field.message, item)) return true;
      } else {
        const { case: c, value } = object[slot.oneof];
        const member = slot.members.find((m) => m.name === c);
        if (member?.kind === 'message' && hasUnknown(member.message, value)) return true;
      }
    }
    return false;
  }

  // ---- small helpers ----

  function timeOptions(opts) {
    const { now, clockSkewSeconds = 0 } = opts;
    if (!Number.isSafeInteger(clockSkewSeconds) || clockSkewSeconds < 0) {
      throw new GovalTokenError(`expected a non-negative integer, got ${describe(clockSkewSeconds)}`, { path: 'options.clockSkewSeconds' });
    }
    const skew = BigInt(clockSkewSeconds);
    if (now === false) return { now: undefined, skew };
    return { now: now === undefined ? core.timestampNow() : core.instant(now, 'options.now'), skew };
  }

  return {
    keySource,
    verifyChain,
    verifyReplTokenChain,
    checkReplTokenClaims,
    verifyIdentityToken,
    createIdentitySigner,
    signCertificate,
    readChain,
    decodeTypeAware,
    timeOptions,
    result,
    uncoveredClaim,
    claimText,
  };
}

function checkOptions(options, known, what) {
  if (!isPlainObject(options)) throw new GovalTokenError(`${what} expects an options object, got ${describe(options)}`, { path: 'options' });
  for (const key in options) {
    if (!known.includes(key)) throw new GovalTokenError(`unknown option "${key}" (known: ${known.join(', ')})`, { path: 'options' });
  }
  return options;
}

function isJwk(value) {
  return typeof value.kty === 'string' && typeof value.x === 'string';
}

/** Where a link's own token sits, as a path from the token: footer.signedCert… */
function linkPath(depth) {
  return Array.from({ length: depth }, () => 'footer.signedCert').join('.');
}

function describeLink(level) {
  return { depth: level.depth, issuer: level.issuer, keyId: level.keyId };
}

function formatError(reason, detail, level, cause) {
  return linkError(new TokenFormatError(detail, { reason, path: '', cause }), describeLink(level));
}

/**
 * Names the link an error is about, in its message and as `error.link`:
 * `{ depth, issuer, keyId }`, depth 0 being the token itself, 1 the certificate that signed it.
 */
export function linkError(error, link) {
  const where = link.depth === 0 ? 'the token' : `the certificate at depth ${link.depth}`;
  const details = [];
  if (link.issuer) details.push(`issuer ${JSON.stringify(link.issuer)}`);
  if (link.keyId !== undefined) details.push(`root key ${JSON.stringify(link.keyId)}`);
  if (link.signer !== undefined) details.push(`signed by the certificate at depth ${link.signer}`);
  const prefix = `${where}${details.length ? ` (${details.join(', ')})` : ''}: `;
  const path = link.depth === 0 ? error.path : [linkPath(link.depth), error.path].filter(Boolean).join('.');
  const body = error.path ? error.message.slice(error.path.length + 2) : error.message;
  error.message = `${path ? `${path}: ` : ''}${prefix}${body}`;
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
      return `org ${orgKey(value)}`;
    case 'replCreatedAt':
      return `repl created at ${value.seconds}${value.nanos ? `.${String(value.nanos).padStart(9, '0')}` : ''} s`;
    case 'flag':
      return typeof value === 'string' ? `flag ${value} (${FLAG_WORDS[value] ?? 'unknown'})` : `flag ${value} (not in this schema)`;
    default:
      return 'a claim this schema does not know';
  }
}

function orgKey(org) {
  return `${JSON.stringify(org.id)} (${org.type})`;
}

function nanosOf({ seconds, nanos }) {
  return BigInt(seconds) * NANOS + BigInt(nanos);
}

function dateOf({ seconds, nanos }) {
  const date = new Date(Number(seconds) * 1000 + Math.floor(nanos / 1e6));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function dateText(ts) {
  return dateOf(ts)?.toISOString() ?? `${ts.seconds} s after the UNIX epoch`;
}
