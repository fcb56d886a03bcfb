// The certificate chain's pieces over the built package (pkg/chain/): key sources, the walk
// from a token down to its root key and back up, what certificates and tokens may claim, and
// how errors name their link. Each test names the behaviour it pins.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';

import * as gt from '../../pkg/node.js';
import { importSecretKey } from '../../pkg/crypto/keys.js';
import { signParts } from '../../pkg/token/paseto.js';

const { generateSigningKeyPair, signCertificate, signIdentityToken, signToken, verifyIdentityToken, verifyToken, parseToken, inspectToken } = gt;

const flag = (value) => ({ claim: { case: 'flag', value } });
const of = (kind, value) => ({ claim: { case: kind, value } });
const paserk = (raw) => `k2.public.${Buffer.from(raw).toString('base64url')}`;
const NOW = new Date('2030-01-01T00:00:00Z');
const LIFETIME = { iat: new Date(NOW.getTime() - 60_000), exp: new Date(NOW.getTime() + 3600_000) };
const TYPE_AWARE = 'TYPE_AWARE_TOKEN';

/**
 * A root key "root:1" and, under it, `depth` certificates, each signing the next (claims of
 * each: `claims(i)`, i = 1 for the one the root signs); returns the keys map, the footer to
 * sign a token with under the last certificate, and its secret key.
 */
async function chainOf(depth, claims = () => [flag('SIGN_INTERMEDIATE_CERT'), flag('IDENTITY'), flag('MINT_GOVAL_TOKEN'), flag('ANY_REPLID'), flag('ANY_USER'), flag('ANY_CLUSTER')], options = {}) {
  const root = await generateSigningKeyPair();
  let signer = { key: root.secretKey, authority: { cert: { case: 'keyId', value: 'root:1' }, issuer: 'root', version: options.version ?? TYPE_AWARE } };
  const certs = [];
  for (let i = 1; i <= depth; i++) {
    const pair = await generateSigningKeyPair();
    const cert = await signCertificate({ ...LIFETIME, ...(options.lifetime?.(i) ?? {}), claims: claims(i), publicKey: paserk(pair.publicKey) }, signer.key, signer.authority, { allowExpired: true });
    certs.push(cert);
    signer = { key: pair.secretKey, authority: { cert: { case: 'signedCert', value: cert }, issuer: `issuer${i}`, version: options.version ?? TYPE_AWARE } };
  }
  return { keys: { 'root:1': root.publicKey }, root, certs, signer };
}

const identity = (extra = {}) => ({ replid: 'repl', user: 'user', aud: 'repl', ...extra });
const verifyIdentity = (token, keys, options = {}) => verifyIdentityToken(token, { publicKeys: keys, audience: 'repl', now: NOW, ...options });

const ascii = (text) => new Uint8Array(Buffer.from(text, 'latin1'));
const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const rootFooter = (value = 'root:1') => ({ cert: { case: 'keyId', value }, issuer: 'root' });

/** A token signed over any body and footer text (what signToken would never write). */
async function rawToken(secretKey, bodyText, footerText) {
  return signParts(await importSecretKey(secretKey), ascii(bodyText), footerText === undefined ? undefined : ascii(footerText));
}

/** The error a promise rejects with (fails when it resolves). */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

describe('what a token may claim under its signing certificate (pkg/chain/claims.js)', () => {
  test('a Deployment identity under a certificate without DEPLOYMENTS: claim deployment, expected DEPLOYMENTS, actual true', async () => {
    const { keys, signer } = await chainOf(1, () => [flag('IDENTITY'), flag('ANY_REPLID'), flag('ANY_USER')]);
    const token = await signIdentityToken(identity({ runtime: { case: 'deployment', value: {} } }), signer.key, signer.authority);
    const error = await rejection(verifyIdentity(token, keys));
    assert.ok(error instanceof gt.TokenClaimError, error.message);
    assert.deepStrictEqual([error.claim, error.expected, error.actual, error.path], ['deployment', 'DEPLOYMENTS', true, 'deployment']);
  });
});

describe('a refusal says what the signing certificate holds (pkg/chain/claims.js)', () => {
  test('an uncovered value: the values the certificate claims (quoted), or "no <kind>", and the ANY_* flag it lacks', async () => {
    const cert = (claims) => chainOf(1, () => [flag('MINT_GOVAL_TOKEN'), flag('ANY_REPLID'), ...claims], { version: 'BARE_REPL_TOKEN' });
    const two = await cert([of('cluster', 'a'), of('cluster', 'b')]);
    const message = async ({ keys, signer }) =>
      (await rejection(verifyToken(await signToken({ ...LIFETIME, cluster: 'c' }, signer.key, signer.authority), keys, { now: NOW }))).message;
    assert.match(await message(two), /cluster "c" is not covered by its signing certificate, which claims "a", "b" and lacks ANY_CLUSTER$/);
    assert.match(await message(await cert([])), /cluster "c" is not covered by its signing certificate, which claims no cluster and lacks ANY_CLUSTER$/);
  });

  test('an uncovered org: the orgs the certificate claims, each as "id" (type)', async () => {
    const { keys, signer } = await chainOf(1, () => [flag('IDENTITY'), flag('ANY_REPLID'), flag('ANY_USER'), of('org', { id: 'o1', type: 'TEAM' })]);
    const token = await signIdentityToken(identity({ org: { id: 'o2', type: 'TEAM' } }), signer.key, signer.authority);
    const error = await rejection(verifyIdentity(token, keys));
    assert.match(error.message, /org "o2" \(TEAM\) is not covered by its signing certificate, which claims "o1" \(TEAM\) and lacks ANY_ORG$/);
  });

  test('missing flags: "flag" or "flags", and the flags the certificate has, or "no flags"', async () => {
    const { keys, signer } = await chainOf(1, () => [of('replid', 'repl'), of('user', 'user')]);
    const token = await signIdentityToken(identity(), signer.key, signer.authority);
    assert.match((await rejection(verifyIdentity(token, keys))).message, /its signing certificate lacks the IDENTITY flag required \(it has no flags\)$/);
    assert.match((await rejection(verifyIdentity(token, keys, { flags: ['IDENTITY', 'RENEW_IDENTITY'] }))).message, /lacks the IDENTITY, RENEW_IDENTITY flags required \(it has no flags\)$/);
    const flagged = await chainOf(1, () => [flag('RENEW_IDENTITY'), flag('ANY_REPLID'), flag('ANY_USER')]);
    const renewal = await signIdentityToken(identity(), flagged.signer.key, flagged.signer.authority);
    assert.match((await rejection(verifyIdentity(renewal, flagged.keys))).message, /lacks the IDENTITY flag required \(it has RENEW_IDENTITY, ANY_REPLID, ANY_USER\)$/);
  });
});

describe('flags a root key cannot hold (pkg/chain/claims.js)', () => {
  test('an identity signed by a root key directly: "IDENTITY is required", "IDENTITY, RENEW_IDENTITY are required"', async () => {
    const root = await generateSigningKeyPair();
    const keys = { 'root:1': root.publicKey };
    const token = await signIdentityToken(identity(), root.secretKey, rootFooter());
    assert.match((await rejection(verifyIdentity(token, keys))).message, /it is signed by a root key directly, so it carries no flags, and IDENTITY is required$/);
    assert.match((await rejection(verifyIdentity(token, keys, { flags: ['IDENTITY', 'RENEW_IDENTITY'] }))).message, /so it carries no flags, and IDENTITY, RENEW_IDENTITY are required$/);
  });
});

describe('identity signers (pkg/chain/identity.js, pkg/chain/env.js)', () => {
  test("sign() takes the audience's repl id as a non-empty string only", async () => {
    const { keys, signer } = await chainOf(1);
    const own = await signIdentityToken(identity(), signer.key, signer.authority);
    const repl = await gt.createIdentitySigner({ identityToken: own, secretKey: signer.key, replId: 'repl', publicKeys: keys, now: NOW });
    for (const audience of ['', 5, undefined]) {
      const error = await rejection(repl.sign(audience));
      assert.equal(error.path, 'audience', String(audience));
    }
    assert.equal((await verifyIdentity(await repl.sign('other'), keys, { audience: 'other' })).identity.aud, 'other');
  });

  test("only an audience refusal is called \"not this repl's own identity token\"; other claim refusals keep their words", async () => {
    const { keys, signer } = await chainOf(1, () => [flag('IDENTITY'), of('replid', 'another'), flag('ANY_USER')]);
    const own = await signIdentityToken(identity(), signer.key, signer.authority);
    const error = await rejection(gt.createIdentitySigner({ identityToken: own, secretKey: signer.key, replId: 'repl', publicKeys: keys, now: NOW }));
    assert.equal(error.claim, 'replid');
    assert.doesNotMatch(error.message, /options\.identityToken|own identity token/);
  });

  test('the renewal pair is read from REPL_RENEWAL and REPL_RENEWAL_KEY only, never from files', async () => {
    const error = await rejection(gt.identitySignerFromEnv({ renewal: true, env: {} }));
    assert.equal(error.code, 'ERR_NO_IDENTITY');
    assert.match(error.message, /^could not read the identity token \(REPL_RENEWAL\): is this running in a repl\?$/);
  });
});

describe('identity signers, continued (pkg/chain/identity.js, pkg/chain/env.js)', () => {
  test("createIdentitySigner takes this repl's id as a non-empty string only, refused at options.replId", async () => {
    const { keys, signer } = await chainOf(1);
    const own = await signIdentityToken(identity(), signer.key, signer.authority);
    for (const replId of ['', 5, undefined]) {
      const error = await rejection(gt.createIdentitySigner({ identityToken: own, secretKey: signer.key, replId, publicKeys: keys, now: NOW }));
      assert.equal(error.path, 'options.replId', String(replId));
      assert.match(error.message, /^options\.replId: expected this repl's id \(REPL_ID\) as a non-empty string/);
    }
  });

  test('signCertificate and signIdentityToken without an authority: refused at `authority`, saying what it should be', async () => {
    const root = await generateSigningKeyPair();
    const pair = await generateSigningKeyPair();
    const sign = [() => signCertificate({ ...LIFETIME, claims: [], publicKey: paserk(pair.publicKey) }, root.secretKey), () => signIdentityToken(identity(), root.secretKey)];
    for (const make of sign) {
      const error = await rejection(make());
      assert.equal(error.path, 'authority', error.message);
      assert.equal(error.message, "authority: expected the signer's GovalSigningAuthority: { keyId, issuer } for a root key, { signedCert, issuer } for a certificate");
    }
  });

  test('now and clockSkewSeconds reach the check of the identity token, from identitySignerFromEnv and createIdentitySigner', async () => {
    const { keys, signer } = await chainOf(1);
    const own = await signIdentityToken(identity(), signer.key, signer.authority);
    const env = { REPL_IDENTITY: own, REPL_IDENTITY_KEY: b64(signer.key), REPL_ID: 'repl', REPL_PUBKEYS: JSON.stringify({ 'root:1': b64(keys['root:1']) }) };
    // The certificate is valid from NOW - 60 s (in 2030): the clock of today is before it.
    assert.equal((await gt.identitySignerFromEnv({ env, files: false, now: NOW })).identity.replid, 'repl');
    const early = new Date(NOW.getTime() - 90_000); // 30 s before the certificate's iat
    const makers = [(o) => gt.identitySignerFromEnv({ env, files: false, ...o }), (o) => gt.createIdentitySigner({ identityToken: own, secretKey: signer.key, replId: 'repl', publicKeys: keys, ...o })];
    for (const make of makers) {
      assert.ok((await rejection(make({ now: early }))) instanceof gt.TokenNotYetValidError);
      assert.equal((await make({ now: early, clockSkewSeconds: 60 })).identity.replid, 'repl');
    }
  });

  test('identitySignerFromEnv reads files given as path strings only: a URL or a Buffer is not read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replidentity-'));
    try {
      const paths = { token: join(dir, 'replidentity'), key: join(dir, 'replidentity.key') };
      writeFileSync(paths.token, 'v2.public.token-text\n');
      writeFileSync(paths.key, 'key-text\n');
      for (const files of [{ token: pathToFileURL(paths.token), key: pathToFileURL(paths.key) }, { token: Buffer.from(paths.token), key: Buffer.from(paths.key) }]) {
        const error = await rejection(gt.identitySignerFromEnv({ env: {}, files }));
        assert.equal(error.code, 'ERR_NO_IDENTITY');
        assert.match(error.message, /^could not read the identity token \(/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the verdict (pkg/chain/verify.js)', () => {
  test('a footer version this package does not know is refused as such, by every verify function, naming the token', async () => {
    const root = await generateSigningKeyPair();
    const keys = { 'root:1': root.publicKey };
    const token = await signIdentityToken(identity(), root.secretKey, { cert: { case: 'keyId', value: 'root:1' }, issuer: 'root', version: 7 });
    for (const verify of [() => verifyIdentity(token, keys, { flags: [] }), () => verifyToken(token, keys, { now: NOW }), () => gt.verifyGhostwriterToken(token, keys, { now: NOW })]) {
      const error = await rejection(verify());
      assert.equal(error.reason, 'unsupported-footer-version', error.message);
      assert.equal(error.link?.depth, 0);
      assert.match(error.message, /footer version 7 is not one this package knows/);
    }
  });

  test('a Ghostwriter refusal says which footer version the token has: none, or its own', async () => {
    const root = await generateSigningKeyPair();
    const bare = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey);
    const footed = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey, { cert: { case: 'keyId', value: 'root:1' }, issuer: 'root' });
    assert.match((await rejection(gt.verifyGhostwriterToken(bare, root.publicKey, { now: NOW }))).message, /the footer version is absent \(no footer\), Ghostwriter tokens are TYPE_AWARE_TOKEN$/);
    assert.match((await rejection(gt.verifyGhostwriterToken(footed, root.publicKey, { now: NOW }))).message, /the footer version is BARE_REPL_TOKEN, Ghostwriter tokens are TYPE_AWARE_TOKEN$/);
  });

  test('an audience refusal says "the audience expected" for one, "any of the N audiences expected" for more', async () => {
    const { keys, signer } = await chainOf(1);
    const token = await signIdentityToken(identity({ aud: 'x' }), signer.key, signer.authority);
    assert.match((await rejection(verifyIdentity(token, keys, { audience: 'a' }))).message, /not the audience expected \(a string of 1 character\)$/);
    assert.match((await rejection(verifyIdentity(token, keys, { audience: ['a', 'b'] }))).message, /not any of the 2 audiences expected \(a string of 1 character, a string of 1 character\)$/);
  });

  test('an issuer refusal shows the issuer the token has, or "no footer"', async () => {
    const root = await generateSigningKeyPair();
    const bare = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey);
    const footed = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey, { cert: { case: 'keyId', value: 'root:1' }, issuer: 'root' });
    assert.match((await rejection(verifyToken(bare, root.publicKey, { now: NOW, issuer: 'x' }))).message, /the token has issuer no footer, not the issuer expected/);
    assert.match((await rejection(verifyToken(footed, root.publicKey, { now: NOW, issuer: 'x' }))).message, /the token has issuer "root", not the issuer expected/);
  });

  test('the keyId option: met by the root key id that signed the token, refused naming the one it has', async () => {
    const root = await generateSigningKeyPair();
    const footed = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey, { cert: { case: 'keyId', value: 'root:1' }, issuer: 'root' });
    assert.equal((await verifyToken(footed, root.publicKey, { now: NOW, keyId: 'root:1' })).message.cluster, 'c');
    assert.match((await rejection(verifyToken(footed, root.publicKey, { now: NOW, keyId: 'root:2' }))).message, /the token has keyId "root:1", not the keyId expected/);
  });
});

describe('the verdict, continued (pkg/chain/verify.js)', () => {
  test('an identity refusal says which footer version the token has: none, or its own', async () => {
    const root = await generateSigningKeyPair();
    const bare = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey);
    const footed = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey, rootFooter());
    const message = async (token) => (await rejection(verifyIdentity(token, root.publicKey, { flags: [] }))).message;
    assert.match(await message(bare), /not an identity token: the footer version is absent \(no footer\), identity tokens are TYPE_AWARE_TOKEN$/);
    assert.match(await message(footed), /not an identity token: the footer version is BARE_REPL_TOKEN, identity tokens are TYPE_AWARE_TOKEN$/);
  });

  test('verifyIdentityToken reads a TYPE_AWARE body as a GovalReplIdentity only: a Ghostwriter token is refused, even with flags: []', async () => {
    const root = await generateSigningKeyPair();
    const keys = { 'root:1': root.publicKey };
    const body = b64(gt.encodeGovalToken({ ...LIFETIME, replid: 'repl', token: { case: 'replIdentity', value: identity() } }));
    const ghostwriter = await rawToken(root.secretKey, body, b64(gt.encodeGovalSigningAuthority({ ...rootFooter(), version: TYPE_AWARE })));
    assert.equal((await gt.verifyGhostwriterToken(ghostwriter, keys, { now: NOW })).message.replid, 'repl');
    const error = await rejection(verifyIdentity(ghostwriter, keys, { flags: [] }));
    assert.ok(error instanceof gt.TokenFormatError, error.message);
    assert.equal(error.reason, 'invalid-message');
    assert.match(error.message, /the message is not a valid GovalReplIdentity/);
  });

  test('a signed body that is not a valid message names what it should be: ReplToken or GovalReplIdentity', async () => {
    const root = await generateSigningKeyPair();
    const keys = { 'root:1': root.publicKey };
    const junk = b64([0xff, 0xff, 0xff]);
    const footer = (version) => b64(gt.encodeGovalSigningAuthority({ ...rootFooter(), version }));
    const repl = await rejection(verifyToken(await rawToken(root.secretKey, junk, footer('BARE_REPL_TOKEN')), keys, { now: NOW }));
    assert.equal(repl.reason, 'invalid-message', repl.message);
    assert.match(repl.message, /the message is not a valid ReplToken: /);
    const id = await rejection(verifyIdentity(await rawToken(root.secretKey, junk, footer(TYPE_AWARE)), keys, { flags: [] }));
    assert.equal(id.reason, 'invalid-message', id.message);
    assert.match(id.message, /the message is not a valid GovalReplIdentity: /);
    const gw = await rejection(gt.verifyGhostwriterToken(await rawToken(root.secretKey, junk, footer(TYPE_AWARE)), keys, { now: NOW }));
    assert.equal(gw.reason, 'invalid-message', gw.message);
  });

  test('one key that signed the token: an unreadable footer or body is named at the token (depth 0), not at a certificate', async () => {
    const root = await generateSigningKeyPair();
    const body = b64(gt.encodeReplToken({ ...LIFETIME, cluster: 'c' }));
    const footer = await rejection(verifyToken(await rawToken(root.secretKey, body, b64([0xff, 0xff])), root.publicKey, { now: NOW }));
    assert.equal(footer.reason, 'invalid-footer', footer.message);
    assert.equal(footer.path, 'footer');
    assert.equal(footer.link?.depth, 0);
    assert.match(footer.message, /^footer: the token: the footer is not a valid GovalSigningAuthority: /);
    const message = await rejection(verifyToken(await rawToken(root.secretKey, 'not base64!'), root.publicKey, { now: NOW }));
    assert.equal(message.reason, 'body-not-base64', message.message);
    assert.equal(message.message, 'message: the token: the signed body is not standard base64 text');
  });

  test('the replId option: refused naming the repl id the token has, or "no repl id" and its metadata case', async () => {
    const root = await generateSigningKeyPair();
    const none = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey);
    const repl = await signToken({ ...LIFETIME, cluster: 'c', metadata: { case: 'repl', value: { id: 'r1' } } }, root.secretKey);
    assert.match((await rejection(verifyToken(none, root.publicKey, { now: NOW, replId: 'x' }))).message, /the token has replId no repl id \(metadata unset\), not the replId expected/);
    assert.match((await rejection(verifyToken(repl, root.publicKey, { now: NOW, replId: 'x' }))).message, /the token has replId "r1", not the replId expected/);
  });

  test('the keyId option: a token without a footer has "no footer"; one signed through a certificate "no key id"', async () => {
    const root = await generateSigningKeyPair();
    const bare = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey);
    assert.match((await rejection(verifyToken(bare, root.publicKey, { now: NOW, keyId: 'root:1' }))).message, /the token has keyId no footer, not the keyId expected/);
    const { keys, signer } = await chainOf(1, undefined, { version: 'BARE_REPL_TOKEN' });
    const chained = await signToken({ ...LIFETIME, cluster: 'c' }, signer.key, signer.authority);
    assert.match(
      (await rejection(verifyToken(chained, keys, { now: NOW, keyId: 'root:1' }))).message,
      /the token has keyId no key id \(it is signed through a certificate\), not the keyId expected/,
    );
  });

  test('rootKeyId: the footer\'s key id for a root-signed token, the root certificate\'s signer under a chain', async () => {
    const root = await generateSigningKeyPair();
    const footed = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey, rootFooter());
    assert.equal((await verifyToken(footed, { 'root:1': root.publicKey }, { now: NOW })).rootKeyId, 'root:1');
    const { keys, signer } = await chainOf(1, undefined, { version: 'BARE_REPL_TOKEN' });
    const chained = await signToken({ ...LIFETIME, cluster: 'c' }, signer.key, signer.authority);
    const result = await verifyToken(chained, keys, { now: NOW });
    assert.equal(result.chain.length, 1);
    assert.equal(result.rootKeyId, 'root:1');
  });

  test('a token that is not a string is refused first, before the options are read, by every verify function', async () => {
    for (const verify of [() => verifyToken(5, {}, { bogus: 1 }), () => verifyIdentityToken(5, { bogus: 1 }), () => gt.verifyGhostwriterToken(5, {}, { bogus: 1 })]) {
      const error = await rejection(verify());
      assert.equal(error.reason, 'not-a-string', error.message);
    }
  });

  test('verifyIdentityToken without publicKeys: a KeyError at options.publicKeys asking for a key source', async () => {
    const { signer } = await chainOf(1);
    const token = await signIdentityToken(identity(), signer.key, signer.authority);
    const error = await rejection(verifyIdentityToken(token, { audience: 'repl', now: NOW }));
    assert.ok(error instanceof gt.KeyError, error.message);
    assert.equal(error.path, 'options.publicKeys');
    assert.match(error.message, /a key source is required: a map key id → public key, REPL_PUBKEYS JSON or a function$/);
  });
});

describe('key sources (pkg/chain/walk.js)', () => {
  test('a token without a footer names no key: a map or a function is not asked, and the refusal says to give the key itself', async () => {
    const root = await generateSigningKeyPair();
    const bare = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey);
    let asked = 0;
    const ask = () => {
      asked++;
      return root.publicKey;
    };
    for (const keys of [ask, { 'root:1': root.publicKey }]) {
      const error = await rejection(verifyToken(bare, keys, { now: NOW }));
      assert.ok(error instanceof gt.KeyError, error.message);
      assert.equal(error.path, 'footer');
      assert.match(error.message, /the token has no footer naming its key, so a key source cannot pick one: give its public key itself$/);
    }
    assert.equal(asked, 0);
  });

  test('a key id the source lacks: "no public key for key id … of issuer …", then the ids a map has (none, or the first 8 and "…")', async () => {
    const root = await generateSigningKeyPair();
    const token = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey, rootFooter());
    const message = async (keys) => (await rejection(verifyToken(token, keys, { now: NOW }))).message;
    const ids = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, root.publicKey]));
    const listed = (n) => Array.from({ length: n }, (_, i) => `"k${i}"`).join(', ');
    assert.match(await message(() => undefined), /: no public key for key id "root:1" of issuer "root"$/);
    assert.match(await message(async () => null), /: no public key for key id "root:1" of issuer "root"$/);
    assert.match(await message({}), /: no public key for key id "root:1" of issuer "root" \(the key source is empty\)$/);
    assert.match(await message(ids(1)), /of issuer "root" \(it has "k0"\)$/);
    assert.ok((await message(ids(8))).endsWith(`of issuer "root" (it has ${listed(8)})`));
    assert.ok((await message(ids(9))).endsWith(`of issuer "root" (it has ${listed(8)}, …)`));
    assert.ok((await message(JSON.stringify(ids(9)))).endsWith(`(it has ${listed(8)}, …)`));
  });

  test('REPL_PUBKEYS text that is not JSON is refused as such', async () => {
    const root = await generateSigningKeyPair();
    const token = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey, rootFooter());
    const error = await rejection(verifyToken(token, '{"root:1": ', { now: NOW }));
    assert.ok(error instanceof gt.KeyError, error.message);
    assert.match(error.message, /^publicKeys: expected REPL_PUBKEYS JSON \(key id → base64 public key\), but the text is not valid JSON$/);
  });

  test('a key from the source that is not a key: a KeyError naming the link; an error thrown while reading it reaches the caller unchanged', async () => {
    const root = await generateSigningKeyPair();
    const token = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey, rootFooter());
    const error = await rejection(verifyToken(token, { 'root:1': 'nope' }, { now: NOW }));
    assert.ok(error instanceof gt.KeyError, error.message);
    assert.deepStrictEqual(error.link, { depth: 0, issuer: 'root', keyId: 'root:1' });
    assert.match(error.message, /^publicKeys\["root:1"\]: the token \(issuer "root", signed by root key "root:1"\): /);
    const boom = new RangeError('boom');
    const thrown = await rejection(verifyToken(token, () => ({ get kty() { throw boom; } }), { now: NOW }));
    assert.equal(thrown, boom);
    assert.equal(thrown.message, 'boom');
    assert.equal(thrown.link, undefined);
  });
});

describe('the walk (pkg/chain/walk.js)', () => {
  test('a footer naming neither a key id nor a certificate: no-signer, at the token', async () => {
    const root = await generateSigningKeyPair();
    const token = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey, { issuer: 'root' });
    const error = await rejection(verifyToken(token, { 'root:1': root.publicKey }, { now: NOW }));
    assert.equal(error.reason, 'no-signer', error.message);
    assert.equal(error.link?.depth, 0);
    assert.match(error.message, /the footer names neither a key id nor a signing certificate$/);
  });

  test('a bad signature names the key it was checked with: the root key id, or the certificate just below it', async () => {
    const root = await generateSigningKeyPair();
    const other = await generateSigningKeyPair();
    const footed = await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey, rootFooter());
    assert.match((await rejection(verifyToken(footed, { 'root:1': other.publicKey }, { now: NOW }))).message, /the signature does not verify with root key "root:1"$/);
    const { keys, signer } = await chainOf(2, undefined, { version: 'BARE_REPL_TOKEN' });
    const forged = await signToken({ ...LIFETIME, cluster: 'c' }, other.secretKey, signer.authority);
    const error = await rejection(verifyToken(forged, keys, { now: NOW }));
    assert.ok(error instanceof gt.TokenSignatureError, error.message);
    assert.equal(error.link?.depth, 0);
    assert.match(error.message, /the signature does not verify with the key certified by the certificate at depth 1$/);
  });

  test('a signed footer or body that cannot be read: footer-not-base64, invalid-footer, body-not-base64', async () => {
    const root = await generateSigningKeyPair();
    const keys = { 'root:1': root.publicKey };
    const body = b64(gt.encodeReplToken({ ...LIFETIME, cluster: 'c' }));
    const reasonOf = async (token) => (await rejection(verifyToken(token, keys, { now: NOW }))).reason;
    assert.equal(await reasonOf(await rawToken(root.secretKey, body, '!!!!')), 'footer-not-base64');
    assert.equal(await reasonOf(await rawToken(root.secretKey, body, b64([0xff, 0xff]))), 'invalid-footer');
    assert.equal(await reasonOf(await rawToken(root.secretKey, 'not base64!', b64(gt.encodeGovalSigningAuthority(rootFooter())))), 'body-not-base64');
  });

  test('one key that did not sign a token whose footer names no certificate: only "does not verify with this public key"', async () => {
    const root = await generateSigningKeyPair();
    const other = await generateSigningKeyPair();
    const body = b64(gt.encodeReplToken({ ...LIFETIME, cluster: 'c' }));
    const tokens = [
      await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey),
      await signToken({ ...LIFETIME, cluster: 'c' }, root.secretKey, rootFooter()),
      await rawToken(root.secretKey, body, b64([0xff, 0xff])),
    ];
    for (const token of tokens) {
      const error = await rejection(verifyToken(token, other.publicKey, { now: NOW }));
      assert.ok(error instanceof gt.TokenSignatureError, error.message);
      assert.equal(error.message, 'signature: the signature does not verify with this public key');
    }
  });
});

describe('a chain read without verifying (pkg/chain/walk.js, through inspectToken)', () => {
  test('8 certificates are read in full; a 9th is the link that says the chain is too deep', async () => {
    for (const depth of [8, 9]) {
      const { signer } = await chainOf(depth, undefined, { version: 'BARE_REPL_TOKEN' });
      const token = await signToken({ ...LIFETIME, cluster: 'c' }, signer.key, signer.authority);
      const { chain } = await inspectToken(token, { now: NOW });
      assert.deepStrictEqual(chain.map((link) => link.depth), Array.from({ length: depth }, (_, i) => depth - i));
      assert.deepStrictEqual(chain.filter((link) => link.error !== undefined).map((link) => link.depth), depth === 8 ? [] : [9]);
      if (depth === 9) assert.match(chain[0].error, /^more than 8 certificates between the token and its root key$/);
    }
  });

  test('signedBy: root-key, certificate, or nothing for a certificate whose footer names no signer', async () => {
    const { signer } = await chainOf(2, undefined, { version: 'BARE_REPL_TOKEN' });
    const token = await signToken({ ...LIFETIME, cluster: 'c' }, signer.key, signer.authority);
    assert.deepStrictEqual((await inspectToken(token, { now: NOW })).chain.map((l) => [l.depth, l.signedBy]), [[2, 'root-key'], [1, 'certificate']]);
    const root = await generateSigningKeyPair();
    const pair = await generateSigningKeyPair();
    const unsigned = await signCertificate({ ...LIFETIME, claims: [], publicKey: paserk(pair.publicKey) }, root.secretKey, { issuer: 'r' });
    const under = await signToken({ ...LIFETIME, cluster: 'c' }, pair.secretKey, { cert: { case: 'signedCert', value: unsigned }, issuer: 'i1' });
    assert.deepStrictEqual((await inspectToken(under, { now: NOW })).chain.map((l) => [l.depth, l.issuer, l.signedBy]), [[1, 'r', 'nothing']]);
  });

  test('a certificate that cannot be read is a link with its error: not a token, or a body that is not a GovalCert', async () => {
    const root = await generateSigningKeyPair();
    const pair = await generateSigningKeyPair();
    const garbage = await signToken({ ...LIFETIME, cluster: 'c' }, pair.secretKey, { cert: { case: 'signedCert', value: 'garbage' }, issuer: 'i1' });
    const [link] = (await inspectToken(garbage, { now: NOW })).chain;
    assert.equal(link.depth, 1);
    assert.match(link.error, /^not a repl token/);
    const unreadable = await rawToken(root.secretKey, 'not base64!', b64(gt.encodeGovalSigningAuthority(rootFooter())));
    const under = await signToken({ ...LIFETIME, cluster: 'c' }, pair.secretKey, { cert: { case: 'signedCert', value: unreadable }, issuer: 'i1' });
    const { chain } = await inspectToken(under, { now: NOW });
    assert.deepStrictEqual(chain.map((l) => [l.depth, l.issuer, l.keyId, l.signedBy]), [[1, 'root', 'root:1', 'root-key']]);
    assert.match(chain[0].error, /the signed body is not standard base64 text/);
  });
});
