// Identity tokens as a repl makes them: a signer from its own identity token and key (as
// go-replidentity's NewSigningAuthority and Sign), and the signing of certificates and
// identity bodies. Verification is js/chain/verify.js's.

import { EncodeError, GovalTokenError, KeyError, TokenClaimError } from '../errors.js';
import { decodeGovalCert, encodeGovalCert, encodeGovalReplIdentity, encodeGovalSigningAuthority } from '../gen/api.js';
import { certifiedKeyForm, checkedPublicKeyBytes, importPublicKey, importSecretKey } from '../crypto/keys.js';
import { asciiBytes, encodeBase64 } from '../lib/base64.js';
import { isPlainObject } from '../lib/object.js';
import { readOptions } from '../lib/options.js';
import { describe } from '../lib/text.js';
import { signParts, splitToken, verifySignature } from '../token/paseto.js';
import { refuseEnded } from '../token/sign.js';
import { verifyIdentityToken } from './verify.js';

const SIGNER_OPTIONS = ['identityToken', 'secretKey', 'replId', 'publicKeys', 'now', 'clockSkewSeconds'];

/**
 * As go-replidentity's NewSigningAuthority: verifies this repl's own identity token (its
 * replid and aud must be `replId`), then `sign(audience)` makes tokens that prove this repl's
 * identity to the repl `audience`, signed with `secretKey` under the identity token's footer.
 */
export async function createIdentitySigner(options) {
  const opts = readOptions(options, SIGNER_OPTIONS, 'createIdentitySigner');
  if (typeof opts.replId !== 'string' || opts.replId === '') {
    throw new GovalTokenError(`expected this repl's id (REPL_ID) as a non-empty string, got ${describe(opts.replId)}`, { path: 'options.replId' });
  }
  // As NewSigningAuthority, no flag is required here: REPL_IDENTITY's certificate holds
  // IDENTITY, REPL_RENEWAL's RENEW_IDENTITY, and the receiving repl checks the one it needs.
  const verified = await verifyIdentityToken(opts.identityToken, {
    publicKeys: opts.publicKeys,
    audience: opts.replId,
    flags: [],
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
    throw new TokenClaimError(`the identity token is for repl ${JSON.stringify(identity.replid)}, not this repl (${describe(opts.replId)})`, {
      path: 'replid',
      claim: 'replid',
      expected: describe(opts.replId),
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
    flags: verified.flags,
    /** A token proving this repl's identity to the repl whose id is `audience`. */
    async sign(audience) {
      if (typeof audience !== 'string' || audience === '') {
        throw new GovalTokenError(`expected the audience's repl id as a non-empty string, got ${describe(audience)}`, { path: 'audience' });
      }
      return sign(audience);
    },
  };
}

/**
 * Signs a GovalCert (any form `encodeGovalCert` takes) with `authority` as its footer; refuses
 * one whose `publicKey` no verifier would read, and one already expired at `now` (the clock
 * by default) unless `allowExpired`.
 */
export async function signCertificate(cert, secretKey, authority, options) {
  const opts = readOptions(options, ['now', 'allowExpired'], 'signCertificate');
  const bytes = encodeGovalCert(cert);
  return signTypedBody(bytes, secretKey, authority, 'authority', () => {
    const decoded = decodeGovalCert(bytes);
    refuseCertifiedKey(decoded.publicKey);
    refuseEnded(decoded, opts, 'certificate', 'a certificate has no defaults: give both');
  });
}

const CERTIFIED_KEY_FORMS = "PASERK k2.public.… or a PEM PUBLIC KEY block (SPKI), the forms go-replidentity reads: exportPublicKey(key, 'paserk') writes one";

/**
 * Refuses a certificate's `publicKey` that go-replidentity (and verifyChain) would not read as
 * an Ed25519 public key: PASERK k2.public (exactly, no whitespace around) or PEM SPKI only.
 * An EncodeError, as for any bad field of the certificate; the message never holds the text.
 */
function refuseCertifiedKey(publicKey) {
  const form = certifiedKeyForm(publicKey);
  if (form === undefined || (form === 'paserk' && publicKey.trim() !== publicKey)) {
    const what = publicKey === '' ? 'it is unset' : `got ${describe(publicKey)}`;
    throw new EncodeError(`a certificate certifies its key as ${CERTIFIED_KEY_FORMS}; ${what}`, { path: 'publicKey' });
  }
  try {
    checkedPublicKeyBytes(publicKey, 'publicKey');
  } catch (error) {
    if (!(error instanceof KeyError)) throw error;
    const detail = error.message.slice('publicKey: '.length);
    throw new EncodeError(`the certified key is not a valid Ed25519 public key: ${detail}`, { path: 'publicKey', cause: error });
  }
}

/**
 * Signs a GovalReplIdentity into an identity token; `authority`'s version defaults to
 * TYPE_AWARE_TOKEN, as identity tokens have.
 */
export async function signIdentityToken(identity, secretKey, authority) {
  const footer = isPlainObject(authority) && authority.version === undefined ? { ...authority, version: 'TYPE_AWARE_TOKEN' } : authority;
  return signTypedBody(encodeGovalReplIdentity(identity), secretKey, footer, 'authority');
}

/** Signs body bytes under `authority`; `check` runs once every argument is known good. */
async function signTypedBody(body, secretKey, authority, path, check) {
  if (authority === undefined) {
    throw new GovalTokenError("expected the signer's GovalSigningAuthority: { keyId, issuer } for a root key, { signedCert, issuer } for a certificate", { path });
  }
  const footer = encodeGovalSigningAuthority(authority);
  const key = await importSecretKey(secretKey, 'secretKey');
  check?.();
  return signParts(key, asciiBytes(encodeBase64(body)), asciiBytes(encodeBase64(footer)));
}
