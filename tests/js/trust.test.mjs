// Trust (issue 17), over the built package: go-replidentity's own test scenarios with the same
// verdicts, the documented ANY_* difference, one verdict for inspect and verify, tampering,
// hostile text, polluted prototypes, BOM strings, one spelling per token, no key text in
// errors, and certificates passed as ReplTokens.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import * as gt from '../../pkg/node.js';
import { refusal } from './support/refusal.mjs';

const { createIdentitySigner, generateSigningKeyPair, inspectToken, parseToken, signCertificate, signIdentityToken, signToken, verifyIdentityToken, verifyToken } = gt;

const VECTORS = JSON.parse(readFileSync(new URL('../oracle/identity/vectors.json', import.meta.url), 'utf8'));
const CLI = new URL('../../pkg/cli/cli.js', import.meta.url).pathname;
const flag = (value) => ({ claim: { case: 'flag', value } });
const of = (kind, value) => ({ claim: { case: kind, value } });
const paserk = (raw) => `k2.public.${Buffer.from(raw).toString('base64url')}`;

// ---------------------------------------------------------------- go-replidentity's scenarios

/**
 * go-replidentity's test setup with our own keys: a root key "dev:1", the "conman" certificate
 * it signs (the claims of the one in sign_test.go), and per test a repl's certificate signed
 * by conman with `claims`, whose key signs the repl's identity. Certificates are valid from
 * 15 s ago for 36 h, as generateIntermediateCert makes them.
 */
async function goSetup() {
  const root = await generateSigningKeyPair();
  const conman = await generateSigningKeyPair();
  const now = Date.now();
  const lifetime = { iat: new Date(now - 15_000), exp: new Date(now + 36 * 3600_000) };
  const conmanCert = await signCertificate(
    {
      ...lifetime,
      claims: [
        flag('SIGN_INTERMEDIATE_CERT'), flag('IDENTITY'), flag('RENEW_IDENTITY'), flag('DEPLOYMENTS'), of('deployment', true),
        flag('ANY_REPLID'), flag('ANY_USER'), flag('ANY_USER_ID'), flag('ANY_ORG'), of('cluster', 'development'),
      ],
      publicKey: paserk(conman.publicKey),
    },
    root.secretKey,
    { cert: { case: 'keyId', value: 'dev:1' }, issuer: 'conman', version: 'TYPE_AWARE_TOKEN' }, { allowExpired: true },
  );
  const keys = { 'dev:1': root.publicKey };
  /** A certificate with `claims` under `signer` (conman by default), and its key. */
  async function certificate(claims, signer = { key: conman.secretKey, cert: conmanCert }, times = lifetime) {
    const pair = await generateSigningKeyPair();
    const cert = await signCertificate({ ...times, claims, publicKey: paserk(pair.publicKey) }, signer.key, {
      cert: signer.keyId === undefined ? { case: 'signedCert', value: signer.cert } : { case: 'keyId', value: signer.keyId },
      issuer: 'conman',
      version: 'TYPE_AWARE_TOKEN',
    }, { allowExpired: true });
    return { key: pair.secretKey, cert };
  }
  /** Go's tokenWithClaims: a repl's identity (aud = its own id) under a certificate with `claims`. */
  async function replIdentity(identity, claims) {
    const signer = await certificate(claims);
    const token = await identityUnder(signer, { ...identity, aud: identity.replid });
    return { ...signer, token };
  }
  const identityUnder = (signer, identity) =>
    signIdentityToken(identity, signer.key, { cert: { case: 'signedCert', value: signer.cert }, issuer: 'conman', version: 'TYPE_AWARE_TOKEN' });
  const signer = (repl, replId) => createIdentitySigner({ identityToken: repl.token, secretKey: repl.key, replId, publicKeys: keys });
  return { keys, certificate, replIdentity, identityUnder, signer, conman: { key: conman.secretKey, cert: conmanCert }, root: { key: root.secretKey, keyId: 'dev:1' } };
}

const REPL = { replid: 'repl', user: 'user', userId: 1n, slug: 'slug' };
const identityClaims = (extra = []) => [flag('IDENTITY'), of('replid', 'repl'), of('user', 'user'), of('userId', 1n), ...extra];

describe("go-replidentity's sign_test.go scenarios give Go's verdicts", async () => {
  const go = await goSetup();
  /** verifyIdentityToken; and inspectToken's verdict on the same token must agree (one verdict; the audience and source are verify's alone). */
  const verify = async (token, options = {}) => {
    let error;
    let result;
    try {
      result = await verifyIdentityToken(token, { publicKeys: go.keys, audience: ['testing'], ...options });
    } catch (e) {
      error = e;
    }
    if (!['aud', 'originReplid'].includes(error?.claim)) {
      const report = await inspectToken(token, { publicKey: go.keys, ...(options.flags === undefined ? {} : { flags: options.flags }) });
      assert.equal(report.verdict === 'valid', error === undefined, `inspect says ${report.verdict} (${report.problem}), verify ${error?.message ?? 'accepts'}`);
    }
    if (error !== undefined) throw error;
    return result;
  };

  test('TestIdentity: a forwarded identity verifies; WithSource passes an identity without an origin', async () => {
    const repl = await go.replIdentity(REPL, identityClaims());
    const forwarded = await (await go.signer(repl, 'repl')).sign('testing');
    const { identity } = await verify(forwarded);
    assert.deepStrictEqual([identity.replid, identity.user, identity.userId, identity.slug], ['repl', 'user', 1n, 'slug']);
    await verify(forwarded, { source: 'origin' });
  });

  test('TestNoIdentityClaim: a certificate without IDENTITY signs a refused identity ("token not authorized for flag IDENTITY")', async () => {
    const repl = await go.replIdentity(REPL, [of('user', 'user'), of('userId', 1n), of('replid', 'repl')]);
    const forwarded = await (await go.signer(repl, 'repl')).sign('testing'); // the signer itself checks no flag, as NewSigningAuthority
    const error = await refusal(verify(forwarded), 'TokenClaimError');
    assert.equal(error.claim, 'flag');
    assert.deepStrictEqual(error.expected, ['IDENTITY']);
    assert.match(error.message, /lacks the IDENTITY flag/);
  });

  test('TestOriginIdentity: WithSource accepts the origin the identity names, refuses another', async () => {
    const repl = await go.replIdentity({ ...REPL, originReplid: 'origin' }, identityClaims());
    const forwarded = await (await go.signer(repl, 'repl')).sign('testing');
    assert.equal((await verify(forwarded, { source: 'origin' })).identity.originReplid, 'origin');
    const error = await refusal(verify(forwarded, { source: 'another-origin' }), 'TokenClaimError');
    assert.equal(error.claim, 'originReplid');
  });

  test("TestLayeredIdentity: a repl's key signing another repl's identity is refused", async () => {
    const repl = await go.replIdentity(REPL, identityClaims());
    const layered = await go.identityUnder(repl, { replid: 'a-b-c-d', user: 'spoof', userId: 2n, slug: 'spoofed', aud: 'another-audience' });
    await refusal(verify(layered, { audience: ['another-audience'] }), 'TokenClaimError');
  });

  test('TestLayeredIdentityWithSpoofedCert: a certificate signed by a certificate without SIGN_INTERMEDIATE_CERT is refused', async () => {
    const first = await go.certificate(identityClaims());
    const second = await go.certificate([flag('IDENTITY'), of('replid', 'repl-spoofed'), of('user', 'user'), of('userId', 1n)], first);
    const token = await go.identityUnder(second, { ...REPL, aud: 'repl' });
    const error = await refusal(go.signer({ token, key: second.key }, 'repl'), 'TokenClaimError');
    assert.equal(error.link.depth, 1);
  });

  const anyRepl = [flag('IDENTITY'), flag('RENEW_IDENTITY'), flag('ANY_REPLID'), of('cluster', 'development'), of('user', 'user'), of('userId', 1n)];
  const layered = { replid: 'a-b-c-d', user: 'user', userId: 1n, slug: 'slug', aud: 'another-audience' };

  test('TestAnyReplIDIdentity: ANY_REPLID on a certificate signed by a certificate covers any repl', async () => {
    const repl = await go.replIdentity(REPL, anyRepl);
    await go.signer(repl, 'repl');
    const token = await go.identityUnder(repl, { ...layered, runtime: { case: 'interactive', value: { cluster: 'development', subcluster: '' } } });
    assert.equal((await verify(token, { audience: ['another-audience'] })).identity.replid, 'a-b-c-d');
  });

  test('TestSpoofedRuntimeIdentity: a subcluster, a hosting subcluster or a Deployment the certificate lacks is refused', async () => {
    const repl = await go.replIdentity(REPL, anyRepl);
    for (const runtime of [
      { case: 'interactive', value: { cluster: 'development', subcluster: 'foo' } },
      { case: 'hosting', value: { cluster: 'development', subcluster: 'foo' } },
      { case: 'deployment', value: {} },
    ]) {
      const token = await go.identityUnder(repl, { ...layered, runtime });
      const error = await refusal(verify(token, { audience: ['another-audience'] }), 'TokenClaimError');
      assert.equal(error.claim, runtime.case === 'deployment' ? 'deployment' : 'subcluster', runtime.case);
    }
  });

  test('TestRenew: a RENEW_IDENTITY certificate passes VerifyRenewIdentity (flags: [RENEW_IDENTITY]), not VerifyIdentity', async () => {
    const repl = await go.replIdentity(REPL, [flag('RENEW_IDENTITY'), of('replid', 'repl'), of('user', 'user'), of('userId', 1n)]);
    const forwarded = await (await go.signer(repl, 'repl')).sign('testing');
    assert.equal((await verify(forwarded, { flags: ['RENEW_IDENTITY'] })).identity.slug, 'slug');
    assert.equal((await refusal(verify(forwarded), 'TokenClaimError')).claim, 'flag');
  });

  test('TestRenewNoClaim: a certificate without RENEW_IDENTITY fails VerifyRenewIdentity', async () => {
    const repl = await go.replIdentity({ replid: 'replid', user: 'user', slug: 'slug' }, [of('replid', 'replid'), of('user', 'user')]);
    const forwarded = await (await go.signer(repl, 'replid')).sign('testing');
    assert.equal((await refusal(verify(forwarded, { flags: ['RENEW_IDENTITY'] }), 'TokenClaimError')).claim, 'flag');
  });

  test('TestRenewNoClaim as Go writes it (user id 1, no user_id claim): the signer refuses here, as the user id is checked (README); VerifyRenewIdentity refuses in both', async () => {
    const identity = { replid: 'replid', user: 'user', userId: 1n, slug: 'slug' };
    const repl = await go.replIdentity(identity, [of('replid', 'replid'), of('user', 'user')]);
    // Go's NewSigningAuthority accepts this token (it never compares user ids); here it is refused.
    assert.equal((await refusal(go.signer(repl, 'replid'), 'TokenClaimError')).claim, 'userId');
    const forwarded = await go.identityUnder(repl, { ...identity, aud: 'testing' });
    // Refused here for the user id (checked before flags), in Go for the flag.
    for (const flags of [['RENEW_IDENTITY'], undefined]) assert.equal((await refusal(verify(forwarded, { flags }), 'TokenClaimError')).claim, 'userId');
  });

  test('TestIdentityWithOrgID: an org the certificate claims verifies, with and without WithSource', async () => {
    const org = { id: 'acmecorp', type: 'TEAM' };
    const repl = await go.replIdentity({ ...REPL, org }, identityClaims([of('org', org)]));
    const forwarded = await (await go.signer(repl, 'repl')).sign('testing');
    assert.equal((await verify(forwarded)).identity.org.id, 'acmecorp');
    await verify(forwarded, { source: 'origin' });
  });

  test('TestIdentityWithOrgIDFail: a missing org claim, another org id or another org type is refused by the signer and the verifier', async () => {
    const org = { id: 'acmecorp', type: 'PERSONAL' };
    for (const claims of [identityClaims(), identityClaims([of('org', { id: 'wrong-org-id', type: 'PERSONAL' })]), identityClaims([of('org', { id: 'acmecorp', type: 'TEAM' })])]) {
      const repl = await go.replIdentity({ ...REPL, org }, claims);
      assert.equal((await refusal(go.signer(repl, 'repl'), 'TokenClaimError')).claim, 'org');
      const forwarded = await go.identityUnder(repl, { ...REPL, org, aud: 'testing' });
      assert.equal((await refusal(verify(forwarded), 'TokenClaimError')).claim, 'org');
    }
  });

  test('VerifyToken: an identity signed by a root key directly carries no flags and is refused; flags: [] accepts it', async () => {
    const root = await generateSigningKeyPair();
    const token = await signIdentityToken({ ...REPL, aud: 'testing' }, root.secretKey, { cert: { case: 'keyId', value: 'k' }, issuer: 'conman' });
    const error = await refusal(verifyIdentityToken(token, { publicKeys: { k: root.publicKey }, audience: 'testing' }), 'TokenClaimError');
    assert.equal(error.claim, 'flag');
    assert.match(error.message, /signed by a root key directly/);
    await verifyIdentityToken(token, { publicKeys: { k: root.publicKey }, audience: 'testing', flags: [] });
  });

  test('VerifyToken takes a list of audiences, any of which may match', async () => {
    const repl = await go.replIdentity(REPL, identityClaims());
    const forwarded = await (await go.signer(repl, 'repl')).sign('testing');
    await verify(forwarded, { audience: ['other', 'testing'] });
    await verify(forwarded, { audience: 'testing' });
    assert.equal((await refusal(verify(forwarded, { audience: ['other', 'more'] }), 'TokenClaimError')).claim, 'aud');
  });

  test('the CLI as Go: verify --flag NAME (repeatable), --no-flag-check, --source, several --audience', async () => {
    const pubkeys = JSON.stringify({ 'dev:1': Buffer.from(go.keys['dev:1']).toString('base64') });
    const run = (token, ...args) => spawnSync(process.execPath, [CLI, 'verify', token, '--keys', pubkeys, ...args], { encoding: 'utf8' });
    const renewal = await go.replIdentity(REPL, [flag('RENEW_IDENTITY'), of('replid', 'repl'), of('user', 'user'), of('userId', 1n)]);
    const renewed = await (await go.signer(renewal, 'repl')).sign('testing');
    const refused = run(renewed, '--audience', 'testing');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^TokenClaimError: .*lacks the IDENTITY flag/);
    assert.equal(run(renewed, '--audience', 'testing', '--flag', 'RENEW_IDENTITY').status, 0);
    assert.match(run(renewed, '--audience', 'testing', '--flag', 'RENEW_IDENTITY', '--flag', 'IDENTITY').stderr, /lacks the IDENTITY flag/);
    assert.equal(run(renewed, '--audience', 'testing', '--no-flag-check').status, 0);
    const origin = await go.replIdentity({ ...REPL, originReplid: 'origin' }, identityClaims());
    const forwarded = await (await go.signer(origin, 'repl')).sign('testing');
    assert.equal(run(forwarded, '--audience', 'testing', '--source', 'origin').status, 0);
    assert.match(run(forwarded, '--audience', 'testing', '--source', 'another-origin').stderr, /^TokenClaimError: originReplid: /);
    assert.equal(run(forwarded, '--audience', 'other', '--audience', 'testing').status, 0);
    assert.match(run(forwarded, '--audience', 'other', '--audience', 'more').stderr, /^TokenClaimError: aud: .*any of the 2 audiences/);
  });

  test('a repl identity key cannot mint ReplTokens: classroom, another bearer for its own repl, a 10-year exp', async () => {
    const repl = await go.replIdentity(REPL, identityClaims([of('cluster', 'development')]));
    const footer = { cert: { case: 'signedCert', value: repl.cert }, issuer: 'conman' };
    const now = Date.now();
    for (const body of [
      { cluster: 'development', metadata: { case: 'classroom', value: { id: 'class-1', language: 'python3' } } },
      { cluster: 'development', metadata: { case: 'repl', value: { id: 'repl', user: 'user' } }, presenced: { bearerID: 99, bearerName: 'victim' }, exp: new Date(now + 10 * 365 * 86400_000), resourceLimits: { memory: 1n << 40n } },
    ]) {
      const token = await signToken({ iat: new Date(now - 1000), ...body }, repl.key, footer, { allowExpired: true });
      for (const keys of [go.keys, go.keys['dev:1']]) {
        const error = await refusal(verifyToken(token, keys), 'TokenClaimError');
        assert.equal(error.claim, 'flag');
        assert.deepStrictEqual(error.expected, ['MINT_GOVAL_TOKEN']);
        assert.equal((await inspectToken(token, { publicKey: keys })).verdict, 'invalid');
      }
      const cli = spawnSync(process.execPath, [CLI, 'verify', token, '--keys', JSON.stringify({ 'dev:1': Buffer.from(go.keys['dev:1']).toString('base64') })], { encoding: 'utf8' });
      assert.equal(cli.status, 1, cli.stderr);
      assert.match(cli.stderr, /^TokenClaimError: .*MINT_GOVAL_TOKEN/);
    }
  });
});

describe('where we differ from go-replidentity on purpose (README, Security)', async () => {
  const go = await goSetup();

  test('ANY_* on a root-signed certificate counts here (Go ignores it): a minting certificate can serve any repl', async () => {
    const root = await generateSigningKeyPair();
    const pair = await generateSigningKeyPair();
    const cert = await signCertificate(
      { iat: new Date(Date.now() - 1000), exp: new Date(Date.now() + 3600_000), claims: [flag('MINT_GOVAL_TOKEN'), flag('ANY_REPLID'), flag('ANY_USER'), flag('ANY_CLUSTER')], publicKey: paserk(pair.publicKey) },
      root.secretKey,
      { cert: { case: 'keyId', value: 'k' } }, { allowExpired: true },
    );
    const token = await signToken(gt.createReplToken({ cluster: 'any', metadata: { case: 'repl', value: { id: 'any-repl', user: 'anyone' } } }), pair.secretKey, { cert: { case: 'signedCert', value: cert } });
    assert.equal((await verifyToken(token, { k: root.publicKey })).message.metadata.value.id, 'any-repl');
  });

  test('a flag seen once is not kept for the rest of the chain (Go keeps it): a child without ANY_REPLID covers only its own repls', async () => {
    const wide = await go.certificate([flag('SIGN_INTERMEDIATE_CERT'), flag('IDENTITY'), flag('ANY_REPLID'), flag('ANY_USER'), flag('ANY_USER_ID')]);
    const narrow = await go.certificate([flag('IDENTITY'), of('replid', 'mine'), of('user', 'user')], wide);
    const token = await go.identityUnder(narrow, { replid: 'someone-else', user: 'user', aud: 'testing' });
    // Go accepts this token (anyReplid stays set from the middle certificate); we refuse it.
    const error = await refusal(verifyIdentityToken(token, { publicKeys: go.keys, audience: 'testing' }), 'TokenClaimError');
    assert.equal(error.claim, 'replid');
  });

  test('DEPLOYMENTS on a root-signed certificate does not count, as in Go (which records it only from certificates signed by certificates)', async () => {
    const root = await generateSigningKeyPair();
    const pair = await generateSigningKeyPair();
    const cert = await signCertificate(
      { iat: new Date(Date.now() - 1000), exp: new Date(Date.now() + 3600_000), claims: [flag('IDENTITY'), flag('DEPLOYMENTS'), of('replid', 'r')], publicKey: paserk(pair.publicKey) },
      root.secretKey,
      { cert: { case: 'keyId', value: 'k' } },
    );
    const token = await go.identityUnder({ key: pair.secretKey, cert }, { replid: 'r', aud: 'a', runtime: { case: 'deployment', value: {} } });
    // Go refuses this token ("not authorized (deployment)"), and so do we.
    const error = await refusal(verifyIdentityToken(token, { publicKeys: { k: root.publicKey }, audience: 'a' }), 'TokenClaimError');
    assert.equal(error.claim, 'deployment');
    assert.match(error.message, /counts only on a certificate signed by a certificate/);
  });

  test('the vectors record the ANY_* flags on a root-signed certificate as the only difference that accepts', () => {
    const accepted = VECTORS.cases.filter((c) => c.expect.goDiffers);
    assert.deepStrictEqual(accepted.map((c) => [c.name, c.expect.valid]), [
      ['root-signed certificate with ANY_* flags covers everything', true],
    ]);
  });
});

describe('certificates read as go-replidentity and replit-py read them', async () => {
  const go = await goSetup();
  const lifetime = () => ({ iat: new Date(Date.now() - 60_000), exp: new Date(Date.now() + 3600_000) });

  test('a certificate without exp has expired (an unset exp is the UNIX epoch there): verify, inspect and the signer refuse it, signCertificate will not sign it', async () => {
    const { exp, ...iatOnly } = lifetime();
    const repl = await go.certificate(identityClaims(), undefined, iatOnly);
    const token = await go.identityUnder(repl, { ...REPL, aud: 'repl' });
    const error = await refusal(verifyIdentityToken(token, { publicKeys: go.keys, audience: 'repl' }), 'TokenExpiredError');
    assert.equal(error.link.depth, 1);
    assert.equal(error.expiredAt.getTime(), 0);
    assert.equal((await inspectToken(token, { publicKey: go.keys })).verdict, 'expired');
    await refusal(go.signer({ token, key: repl.key }, 'repl'), 'TokenExpiredError');
    const pair = await generateSigningKeyPair();
    const unsigned = signCertificate({ ...iatOnly, claims: [], publicKey: paserk(pair.publicKey) }, go.conman.key, { cert: { case: 'signedCert', value: go.conman.cert } });
    await assert.rejects(unsigned, (e) => e.name === 'EncodeError' && e.path === 'exp' && /without exp counts as expired/.test(e.message));
  });

  test('a certified PASERK key with anything around it is refused (go-replidentity reads exactly 53 characters)', async () => {
    for (const around of [(k) => ` ${k}`, (k) => `${k}\n`, (k) => `\t${k} `]) {
      const pair = await generateSigningKeyPair();
      const cert = await signCertificate({ ...lifetime(), claims: identityClaims(), publicKey: paserk(pair.publicKey) }, go.conman.key, { cert: { case: 'signedCert', value: go.conman.cert }, issuer: 'conman' });
      // The same certificate with its key text changed, signed again (signCertificate refuses to write such a key).
      const body = gt.decodeGovalCert(Buffer.from(Buffer.from(cert.split('.')[2], 'base64url').subarray(0, -64).toString(), 'base64'));
      const padded = await signRawCertificate({ ...body, publicKey: around(body.publicKey) }, go.conman.key, go.conman.cert);
      const token = await go.identityUnder({ key: pair.secretKey, cert: padded }, { ...REPL, aud: 'repl' });
      const error = await refusal(verifyIdentityToken(token, { publicKeys: go.keys, audience: 'repl' }), 'KeyError');
      assert.equal(error.link.depth, 1);
      assert.match(error.message, /neither PASERK k2\.public \(with nothing around it\)/);
    }
  });

  test('ANY_REPL_CREATED_AT covers no repl creation time: a child claiming one needs its signer to hold that very claim', async () => {
    const at = { claim: { case: 'replCreatedAt', value: '2024-01-01T00:00:00Z' } };
    const wide = await go.certificate([flag('SIGN_INTERMEDIATE_CERT'), flag('IDENTITY'), flag('ANY_REPLID'), flag('ANY_USER'), flag('ANY_USER_ID'), flag('ANY_REPL_CREATED_AT')], go.root);
    const child = await go.certificate([...identityClaims(), at], wide);
    const token = await go.identityUnder(child, { ...REPL, aud: 'repl' });
    const error = await refusal(verifyIdentityToken(token, { publicKeys: go.keys, audience: 'repl' }), 'TokenClaimError');
    assert.deepStrictEqual([error.claim, error.link.depth], ['replCreatedAt', 1]);
    const holder = await go.certificate([flag('SIGN_INTERMEDIATE_CERT'), flag('IDENTITY'), flag('ANY_REPLID'), flag('ANY_USER'), flag('ANY_USER_ID'), at], go.root);
    const ok = await go.identityUnder(await go.certificate([...identityClaims(), at], holder), { ...REPL, aud: 'repl' });
    await verifyIdentityToken(ok, { publicKeys: go.keys, audience: 'repl' });
  });
});

/** A certificate token signed over whatever body it is given (no checks of the key text). */
async function signRawCertificate(body, key, signerCert) {
  const footer = { cert: { case: 'signedCert', value: signerCert }, issuer: 'conman', version: 'TYPE_AWARE_TOKEN' };
  // signIdentityToken signs any body bytes' base64 under a footer; a GovalCert's bytes here.
  const token = await signIdentityToken({}, key, footer);
  const [v, p, , f] = token.split('.');
  const bodyText = Buffer.from(Buffer.from(gt.encodeGovalCert(body)).toString('base64'));
  const footerText = Buffer.from(Buffer.from(gt.encodeGovalSigningAuthority(footer)).toString('base64'));
  const { sign, createPrivateKey } = await import('node:crypto');
  const pae = (...pieces) => Buffer.concat([le64(pieces.length), ...pieces.flatMap((x) => [le64(x.length), x])]);
  const le64 = (n) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(n)); return b; };
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(key.subarray(0, 32))]);
  const signature = sign(null, pae(Buffer.from('v2.public.'), bodyText, footerText), createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
  assert.equal(f, Buffer.from(footerText).toString('base64url'));
  return `${v}.${p}.${Buffer.concat([bodyText, signature]).toString('base64url')}.${f}`;
}

// ---------------------------------------------------------------- one verdict

describe('one verdict: inspect says valid exactly when verify accepts', () => {
  const now = VECTORS.now;
  test('every vector, with its key source and with the single root key', async () => {
    let valid = 0;
    // A token verified as another kind than it is (an identity as a Ghostwriter token) is the
    // caller's choice; inspect reads every kind.
    for (const c of VECTORS.cases.filter((c) => c.kind !== 'parse' && c.expect.reason !== 'not-ghostwriter-token')) {
      for (const keys of [VECTORS.publicKeys, VECTORS.publicKeys['test:1']]) {
        let accepted = true;
        try {
          if (c.kind === 'identity') {
            const { identity } = await verifyIdentityToken(c.token, { publicKeys: typeof keys === 'string' ? { 'test:1': keys } : keys, audience: parseToken(c.token).message.aud, now });
            assert.ok(identity);
          } else if (c.kind === 'ghostwriter') {
            await gt.verifyGhostwriterToken(c.token, keys, { now });
          } else {
            await verifyToken(c.token, keys, { now });
          }
        } catch (error) {
          if (!(error instanceof gt.GovalTokenError)) throw error;
          accepted = false;
        }
        let report;
        try {
          report = await inspectToken(c.token, { publicKey: typeof keys === 'string' && c.kind === 'identity' ? { 'test:1': keys } : keys, now });
        } catch (error) {
          assert.ok(!accepted, `${c.name}: inspect threw ${error.message} on a token verify accepts`);
          continue;
        }
        assert.equal(report.verdict === 'valid', accepted, `${c.name}: inspect says ${report.verdict} (${report.problem})`);
        if (accepted) valid++;
      }
    }
    assert.ok(valid > 20, `${valid} accepted`);
  });

  test('every single-character edit of a token: verify, inspect and the CLI report a bad signature, never valid', async () => {
    const pair = await generateSigningKeyPair();
    const token = await signToken(gt.createReplToken({ cluster: 'global', metadata: { case: 'repl', value: { id: 'r', user: 'u' } } }), pair.secretKey, { cert: { case: 'keyId', value: 'k' }, issuer: 'conman' });
    const counts = {};
    const edits = [];
    for (let i = 'v2.public.'.length; i < token.length; i++) {
      if (token[i] === '.') continue;
      const replacement = token[i] === 'A' ? 'B' : 'A';
      edits.push(token.slice(0, i) + replacement + token.slice(i + 1));
    }
    assert.ok(edits.length > 200);
    for (const edited of edits) {
      let split = true;
      try {
        gt.parseToken(edited);
      } catch (error) {
        split = !['invalid-base64url', 'truncated'].includes(error.reason);
      }
      const error = await refusal(verifyToken(edited, pair.publicKey, { now: false }), split ? 'TokenSignatureError' : 'TokenFormatError');
      counts[error.name] = (counts[error.name] ?? 0) + 1;
      if (split) {
        const report = await inspectToken(edited, { publicKey: pair.publicKey });
        assert.deepStrictEqual([report.verdict, report.signature], ['signature-invalid', 'invalid'], edited);
      }
    }
    // Only an edit of the last character can leave bits base64url cannot carry.
    assert.ok((counts.TokenFormatError ?? 0) <= 2, JSON.stringify(counts));
    const pub = Buffer.from(pair.publicKey).toString('base64');
    for (const edited of edits.filter((_, i) => i % 40 === 0)) {
      const verified = spawnSync(process.execPath, [CLI, 'verify', edited, '--key', pub], { encoding: 'utf8' });
      assert.equal(verified.status, 1);
      assert.match(verified.stderr, /^TokenSignatureError: /);
      const inspected = spawnSync(process.execPath, [CLI, 'inspect', edited, '--key', pub], { encoding: 'utf8' });
      assert.match(inspected.stdout, /INVALID: the signature does not verify/);
    }
  });
});

describe('one verdict for a changed identity token under REPL_PUBKEYS', () => {
  test('every single-character edit of an identity token: verifyIdentityToken and inspectToken with a key map or REPL_PUBKEYS text, and the CLI, report a bad signature', async () => {
    const go = await goSetup();
    const repl = await go.replIdentity(REPL, identityClaims());
    const token = await (await go.signer(repl, 'repl')).sign('testing');
    const pubkeys = JSON.stringify({ 'dev:1': Buffer.from(go.keys['dev:1']).toString('base64') });
    const counts = {};
    let edits = 0;
    for (let i = 'v2.public.'.length; i < token.length; i++) {
      if (token[i] === '.') continue;
      const edited = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      edits++;
      for (const publicKeys of [go.keys, pubkeys]) {
        let error;
        try {
          await verifyIdentityToken(edited, { publicKeys, audience: 'testing' });
        } catch (e) {
          error = e;
        }
        assert.ok(error instanceof gt.GovalTokenError, `edit at ${i} accepted`);
        const key = error.reason ? `${error.name}/${error.reason}` : error.name;
        counts[key] = (counts[key] ?? 0) + 1;
        // What the text of the outer token cannot carry (a last character's spare bits) is a format error.
        if (error.name !== 'TokenSignatureError') assert.equal(error.reason, 'invalid-base64url', `edit at ${i}: ${error.message}`);
        const report = await inspectToken(edited, { publicKey: publicKeys }).catch((e) => e);
        if (error.name === 'TokenSignatureError') assert.deepStrictEqual([report.verdict, report.signature], ['signature-invalid', 'invalid'], `edit at ${i}`);
        else assert.ok(report instanceof gt.TokenFormatError || report.verdict !== 'valid', `edit at ${i}`);
      }
    }
    assert.ok((counts['TokenFormatError/invalid-base64url'] ?? 0) <= 4, JSON.stringify(counts));
    assert.ok(counts.TokenSignatureError >= 2 * edits - 4, JSON.stringify(counts));
    for (let i = 'v2.public.'.length + 7; i < token.length; i += 97) {
      const edited = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      const verified = spawnSync(process.execPath, [CLI, 'verify', edited, '--audience', 'testing'], { encoding: 'utf8', env: { ...process.env, REPL_PUBKEYS: pubkeys } });
      assert.equal(verified.status, 1);
      assert.match(verified.stderr, /^TokenSignatureError: /, `edit at ${i}`);
      const inspected = spawnSync(process.execPath, [CLI, 'inspect', edited, '--keys', pubkeys], { encoding: 'utf8' });
      assert.match(inspected.stdout, /INVALID: the signature does not verify/, `edit at ${i}`);
    }
  });
});

// ---------------------------------------------------------------- hostile input

describe('hostile text costs nothing', () => {
  test('a token wrapped over lines is joined; spaces without a line break are kept (and refused)', () => {
    const token = VECTORS.cases[0].token;
    const wrapped = `${token.slice(0, 40)} \r\n\t ${token.slice(40, 90)}\n${token.slice(90)}`;
    assert.equal(parseToken(wrapped).token, token);
    assert.equal((() => { try { parseToken(`${token.slice(0, 40)}   ${token.slice(40)}`); } catch (e) { return e.reason; } })(), 'invalid-base64url');
  });

  test('long runs of whitespace read in one pass: 100 KB of spaces with and without a line break', () => {
    for (const text of [`v2.public.${' '.repeat(100_000)}x\n`, `${' '.repeat(100_000)}\n${' '.repeat(20_000)}v2.public.`, `a${' \t'.repeat(50_000)}b\r`]) {
      assert.throws(() => parseToken(text), gt.TokenFormatError);
    }
  });

  test('a token longer than MAX_TOKEN_BYTES (128 KiB) is refused before any work, in every entry point', async () => {
    const long = `v2.public.${'A'.repeat(128 * 1024)}`;
    for (const run of [() => parseToken(long), () => verifyToken(long, new Uint8Array(32)), () => inspectToken(long), () => verifyIdentityToken(long, { publicKeys: {}, audience: 'a' })]) {
      const error = await refusal(Promise.resolve().then(run), 'TokenFormatError');
      assert.equal(error.reason, 'too-long');
    }
  });

  test('one spelling per token: a trailing "." (an empty footer) is refused', async () => {
    const pair = await generateSigningKeyPair();
    const token = await signToken(gt.createReplToken({ cluster: 'c' }), pair.secretKey);
    await verifyToken(token, pair.publicKey);
    assert.equal((await refusal(verifyToken(`${token}.`, pair.publicKey), 'TokenFormatError')).reason, 'empty-footer');
    assert.throws(() => parseToken(`${token}.`), { reason: 'empty-footer' });
    // Every other entry point, and the CLI.
    const keys = { k: pair.publicKey };
    for (const run of [
      () => verifyToken(`${token}.`, keys),
      () => inspectToken(`${token}.`),
      () => inspectToken(`${token}.`, { publicKey: pair.publicKey }),
      () => verifyIdentityToken(`${token}.`, { publicKeys: keys, audience: 'a' }),
      () => gt.verifyGhostwriterToken(`${token}.`, keys),
      () => createIdentitySigner({ identityToken: `${token}.`, secretKey: pair.secretKey, replId: 'r', publicKeys: keys }),
    ]) {
      assert.equal((await refusal(Promise.resolve().then(run), 'TokenFormatError')).reason, 'empty-footer');
    }
    for (const command of ['verify', 'inspect', 'decode']) {
      const cli = spawnSync(process.execPath, [CLI, command, `${token}.`, '--key', Buffer.from(pair.publicKey).toString('base64')].slice(0, command === 'decode' ? 3 : 5), { encoding: 'utf8' });
      assert.equal(cli.status, 1, command);
      assert.match(cli.stderr, /^TokenFormatError: footer: the token ends with "\." and no footer/, command);
    }
    // An empty footer given to the signer is written as none, as PASETO signs the two alike.
    assert.equal(await signToken(gt.createReplToken({ cluster: 'c', salt: 's', iat: '2030-01-01T00:00:00Z' }), pair.secretKey, {}), await signToken(gt.createReplToken({ cluster: 'c', salt: 's', iat: '2030-01-01T00:00:00Z' }), pair.secretKey));
  });
});

describe('strings decode exactly as signed: a leading U+FEFF is kept', () => {
  test('in decode, verifyToken, identity fields and the inspector report', async () => {
    const pair = await generateSigningKeyPair();
    const bytes = gt.encodeReplToken({ cluster: '\uFEFFadmin', metadata: { case: 'repl', value: { id: '\uFEFFr', user: '\uFEFF' } } });
    const decoded = gt.decodeReplToken(bytes);
    assert.equal(decoded.cluster, '\uFEFFadmin');
    assert.deepStrictEqual(gt.encodeReplToken(decoded), bytes);
    const token = await signToken(gt.createReplToken(decoded), pair.secretKey);
    const verified = await verifyToken(token, pair.publicKey, { flags: [] });
    assert.equal(verified.message.cluster, '\uFEFFadmin');
    assert.equal(verified.message.metadata.value.user, '\uFEFF');
    await refusal(verifyToken(token, pair.publicKey, { cluster: 'admin' }), 'TokenClaimError');
    assert.equal((await inspectToken(token)).cluster, '\uFEFFadmin');
    assert.equal(gt.decodeGovalReplIdentity(gt.encodeGovalReplIdentity({ replid: '\uFEFFrepl', aud: '\uFEFF' })).replid, '\uFEFFrepl');
  });

  test('property: any string that starts with U+FEFF round-trips through encode and decode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (a, b) => {
        const cluster = `\uFEFF${a}`;
        const salt = `\uFEFF\uFEFF${b}`;
        const decoded = gt.decodeReplToken(gt.encodeReplToken({ cluster, salt }));
        assert.equal(decoded.cluster, cluster);
        assert.equal(decoded.salt, salt);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------- options and secrets

describe('options read own properties only', () => {
  const POLLUTION = { now: false, clockSkewSeconds: 1e9, flags: [], audience: ['victim'], source: 'x', publicKeys: {}, requireFlag: false, maxBytes: 1e9, emitDefaults: true };
  async function polluted(fn) {
    for (const [key, value] of Object.entries(POLLUTION)) Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true });
    try {
      return await fn();
    } finally {
      for (const key of Object.keys(POLLUTION)) delete Object.prototype[key];
    }
  }

  test('an expired certificate, a missing flag and a token out of time stay refused under a polluted Object.prototype', async () => {
    const go = await goSetup();
    const noFlag = await go.replIdentity(REPL, [of('replid', 'repl'), of('user', 'user'), of('userId', 1n)]);
    const late = '2099-01-01T00:00:00Z';
    await polluted(async () => {
      assert.equal((await refusal(verifyIdentityToken(noFlag.token, { publicKeys: go.keys, audience: 'repl' }), 'TokenClaimError')).claim, 'flag');
      await refusal(verifyIdentityToken(noFlag.token, { publicKeys: go.keys, audience: 'repl', flags: [], now: late }), 'TokenExpiredError');
      await refusal(createIdentitySigner({ identityToken: noFlag.token, secretKey: noFlag.key, replId: 'repl', publicKeys: go.keys, now: late }), 'TokenExpiredError');
      const mint = await go.certificate([flag('IDENTITY'), of('replid', 'repl'), of('cluster', 'development')]);
      const token = await signToken({ cluster: 'development', iat: new Date() }, mint.key, { cert: { case: 'signedCert', value: mint.cert } }, { allowExpired: true });
      assert.equal((await refusal(verifyToken(token, go.keys), 'TokenClaimError')).claim, 'flag');
      assert.equal((await inspectToken(token, { publicKey: go.keys })).verdict, 'invalid');
      const old = await signToken({ cluster: 'c', iat: '2020-01-01T00:00:00Z' }, mint.key, undefined, { allowExpired: true });
      await refusal(verifyToken(old, publicKeyOf(mint.key)), 'TokenExpiredError');
      assert.equal((await inspectToken(old)).verdict, 'expired');
      // The codec's options too: a polluted maxBytes does not lift the limit.
      assert.throws(() => gt.decodeReplToken(new Uint8Array(2 << 20)), gt.DecodeError);
    });
  });
});

describe('every exported function that takes options reads own properties only', () => {
  // Values each function would refuse (or that would change its result) if it read them from
  // the prototype: the result under pollution must be the result without it.
  const POLLUTED = {
    now: 'polluted', clockSkewSeconds: -1, flags: 'polluted', audience: 7, source: 7, publicKeys: 7, publicKey: 7, replId: 7, cluster: 7,
    issuer: 7, keyId: 7, maxBytes: -1, maxDepth: 0, emitDefaults: 'polluted', dropUnknownFields: 'polluted', ignoreUnknownFields: 'polluted',
    allowExpired: 'polluted', renewal: 'polluted', identityToken: 7, secretKey: 7, files: 7, env: 7,
    REPL_IDENTITY: 'v2.public.polluted', REPL_IDENTITY_KEY: 'k2.secret.polluted', REPL_ID: 'polluted', REPL_PUBKEYS: '{"polluted":"x"}', REPL_OWNER: 'five-nine', token: '/polluted', key: '/polluted',
  };
  /** The declared parameters of a function, from its source (pkg/node.js is not minified). */
  const params = (fn) => /^(?:async\s+)?function\s*\*?\s*[\w$]*\s*\(([^)]*)\)/.exec(fn.toString())?.[1] ?? '';
  const stable = (value) => JSON.stringify(value, (k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
  async function outcome(run) {
    try {
      return `ok ${stable(await run())}`;
    } catch (error) {
      // The clock moves between the runs: times and seconds from now are left out.
      return `${error.name} ${error.code} ${error.path} ${error.message.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z|\d+ s (before|after)/g, '…')}`;
    }
  }

  test('the calls below cover every export with an options parameter; each gives the same result under a polluted Object.prototype', async () => {
    const go = await goSetup();
    const repl = await go.replIdentity(REPL, identityClaims());
    const forwarded = await (await go.signer(repl, 'repl')).sign('testing');
    const root = await generateSigningKeyPair();
    const minted = await signToken({ cluster: 'c', iat: '2020-01-01T00:00:00Z' }, root.secretKey, { cert: { case: 'keyId', value: 'k' } }, { allowExpired: true });
    const replSecret = `k2.secret.${Buffer.from(repl.key).toString('base64url')}`;
    const env = { REPL_IDENTITY: repl.token, REPL_IDENTITY_KEY: replSecret, REPL_ID: 'repl' }; // no REPL_PUBKEYS of its own
    const calls = {
      verifyToken: [() => verifyToken(minted, root.publicKey), () => verifyToken(minted, { k: root.publicKey }, {})],
      verifyIdentityToken: [() => verifyIdentityToken(forwarded, { publicKeys: go.keys, audience: 'testing' }), () => verifyIdentityToken(forwarded, {})],
      verifyGhostwriterToken: [() => gt.verifyGhostwriterToken(forwarded, go.keys)],
      inspectToken: [() => inspectToken(minted, { now: '2020-01-01T00:30:00Z' }), () => inspectToken(forwarded, { publicKey: go.keys, now: new Date(0) })],
      signToken: [() => signToken({ cluster: 'c', salt: 's', iat: '2020-01-01T00:00:00Z' }, root.secretKey)],
      signCertificate: [() => signCertificate({ claims: [], publicKey: paserk(root.publicKey) }, root.secretKey, { cert: { case: 'keyId', value: 'k' } })],
      createIdentitySigner: [() => createIdentitySigner({ identityToken: repl.token, secretKey: repl.key, replId: 'repl', publicKeys: go.keys }).then((signer) => typeof signer.sign)],
      identitySignerFromEnv: [() => gt.identitySignerFromEnv({ env, files: false }), () => gt.identitySignerFromEnv({ env: { ...env, REPL_PUBKEYS: JSON.stringify({ 'dev:1': Buffer.from(go.keys['dev:1']).toString('base64') }) }, files: {} }).then((signer) => typeof signer.sign)],
    };
    const sample = { decode: new Uint8Array([0x22, 0x01, 0x78]), toJson: {}, fromJson: { notAField: 1 } };
    for (const [name, fn] of Object.entries(gt)) {
      if (typeof fn !== 'function' || !/\boptions\b/.test(params(fn)) || calls[name] !== undefined) continue;
      if (/^decode/.test(name)) calls[name] = [() => fn(name === 'decodeTimestamp' || name === 'decodeDuration' ? new Uint8Array([8, 1]) : new Uint8Array(0)), () => fn(new Uint8Array(0), {})];
      else if (/ToJson$/.test(name)) calls[name] = [() => fn(name === 'timestampToJson' ? { seconds: 1n } : name === 'durationToJson' ? { seconds: 1n } : sample.toJson)];
      else if (/FromJson$/.test(name)) calls[name] = [() => fn(name === 'timestampFromJson' ? '1970-01-01T00:00:01Z' : name === 'durationFromJson' ? '1s' : sample.fromJson)];
    }
    const withOptions = Object.keys(gt).filter((name) => typeof gt[name] === 'function' && /\boptions\b/.test(params(gt[name])));
    assert.deepStrictEqual(Object.keys(calls).sort(), withOptions.sort(), 'an export that takes options has no call here');
    assert.ok(withOptions.length > 80, `${withOptions.length} exports take options`);
    const clean = {};
    for (const [name, runs] of Object.entries(calls)) clean[name] = await Promise.all(runs.map(outcome));
    for (const [key, value] of Object.entries(POLLUTED)) Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true, enumerable: true });
    const dirty = {};
    try {
      for (const [name, runs] of Object.entries(calls)) dirty[name] = await Promise.all(runs.map(outcome));
    } finally {
      for (const key of Object.keys(POLLUTED)) delete Object.prototype[key];
    }
    for (const name of Object.keys(calls)) assert.deepStrictEqual(dirty[name], clean[name], name);
  });
});

/** The public key inside a 64-byte secret key (seed, then public key). */
const publicKeyOf = (secretKey) => secretKey.subarray(32);

describe('no key text in any error', () => {
  test('a secret key passed as audience, replId, source, cluster, issuer or keyId is described, never quoted', async () => {
    const pair = await generateSigningKeyPair();
    const secret = `k2.secret.${Buffer.from(pair.secretKey).toString('base64url')}`;
    const secretPart = secret.slice('k2.secret.'.length, 'k2.secret.'.length + 16);
    const go = await goSetup();
    const repl = await go.replIdentity(REPL, identityClaims());
    const root = await generateSigningKeyPair();
    const minted = await signToken(gt.createReplToken({ cluster: 'c' }), root.secretKey, { cert: { case: 'keyId', value: 'k' } });
    const errors = [
      await refusal(verifyIdentityToken(repl.token, { publicKeys: go.keys, audience: secret }), 'TokenClaimError'),
      await refusal(verifyIdentityToken(repl.token, { publicKeys: go.keys, audience: [secret, 'x'] }), 'TokenClaimError'),
      await refusal(createIdentitySigner({ identityToken: repl.token, secretKey: repl.key, replId: secret, publicKeys: go.keys }), 'TokenClaimError'),
      await refusal(verifyToken(minted, root.publicKey, { cluster: secret }), 'TokenClaimError'),
      await refusal(verifyToken(minted, root.publicKey, { issuer: secret }), 'TokenClaimError'),
      await refusal(verifyToken(minted, root.publicKey, { keyId: secret }), 'TokenClaimError'),
      await refusal(verifyToken(minted, root.publicKey, { replId: secret }), 'TokenClaimError'),
    ];
    const originToken = await (await go.signer(await go.replIdentity({ ...REPL, originReplid: 'o' }, identityClaims()), 'repl')).sign('t');
    errors.push(await refusal(verifyIdentityToken(originToken, { publicKeys: go.keys, audience: 't', source: secret }), 'TokenClaimError'));
    for (const error of errors) {
      const everything = `${error.message}\n${inspect(error, { depth: 5 })}\n${JSON.stringify(Object.entries(error))}`;
      assert.ok(!everything.includes(secretPart), everything);
      assert.match(error.message, /k2\.secret\.…|a string of \d+ characters/);
    }
  });
});

describe('no key text anywhere: every function, every option, the CLI', () => {
  /** Every 8-character piece of a key's material (its public labels and line breaks aside). */
  const material = (secret) => secret.replace(/^k2\.(secret|public)\./, '').replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  const leak = (text, secret) => {
    const m = material(secret);
    for (let i = 0; i + 8 <= m.length; i++) if (text.includes(m.slice(i, i + 8))) return m.slice(i, i + 8);
    return undefined;
  };
  /** message, stack, util.inspect and every own property, recursively (cause included). */
  function everything(value, seen = new Set()) {
    if (value === null || typeof value !== 'object' || seen.has(value)) return String(value);
    seen.add(value);
    let out = value instanceof Error ? `${value.message}\n${value.stack}\n${inspect(value, { depth: 10, showHidden: true })}\n` : '';
    for (const key of Reflect.ownKeys(value)) out += `${String(key)}=${everything(value[key], seen)}\n`;
    return out;
  }

  test('a secret key (PASERK, PEM, hex, base64) given as any value, option, option name, key id, field name or file path is never in an error', async () => {
    const go = await goSetup();
    const repl = await go.replIdentity({ ...REPL, originReplid: 'o' }, identityClaims());
    const root = await generateSigningKeyPair();
    const minted = await signToken(gt.createReplToken({ cluster: 'c', metadata: { case: 'repl', value: { id: 'r' } } }), root.secretKey, { cert: { case: 'keyId', value: 'k' } });
    const pair = await generateSigningKeyPair();
    const forms = {
      paserk: `k2.secret.${Buffer.from(pair.secretKey).toString('base64url')}`,
      pem: await gt.exportSecretKey(pair.secretKey, 'pem'),
      hex: Buffer.from(pair.secretKey).toString('hex'),
      base64: Buffer.from(pair.secretKey).toString('base64'),
    };
    const env = { REPL_IDENTITY: repl.token, REPL_IDENTITY_KEY: `k2.secret.${Buffer.from(repl.key).toString('base64url')}`, REPL_ID: 'repl', REPL_PUBKEYS: JSON.stringify({ 'dev:1': Buffer.from(go.keys['dev:1']).toString('base64') }) };
    let checked = 0;
    for (const [form, secret] of Object.entries(forms)) {
      const identityOptions = { publicKeys: go.keys, audience: 'repl' };
      const calls = {
        audience: () => verifyIdentityToken(repl.token, { ...identityOptions, audience: secret }),
        'audience list': () => verifyIdentityToken(repl.token, { ...identityOptions, audience: ['x', secret] }),
        source: () => verifyIdentityToken(repl.token, { ...identityOptions, source: secret }),
        'identity flags': () => verifyIdentityToken(repl.token, { ...identityOptions, flags: [secret] }),
        'identity now': () => verifyIdentityToken(repl.token, { ...identityOptions, now: secret }),
        'identity skew': () => verifyIdentityToken(repl.token, { ...identityOptions, clockSkewSeconds: secret }),
        'identity option name': () => verifyIdentityToken(repl.token, { ...identityOptions, [secret]: 1 }),
        'publicKeys text': () => verifyIdentityToken(repl.token, { ...identityOptions, publicKeys: secret }),
        'publicKeys value': () => verifyIdentityToken(repl.token, { ...identityOptions, publicKeys: { 'dev:1': secret } }),
        'publicKeys key id': () => verifyIdentityToken(repl.token, { ...identityOptions, publicKeys: JSON.stringify({ [secret]: 'x' }) }),
        'publicKeys function': () => verifyIdentityToken(repl.token, { ...identityOptions, publicKeys: () => secret }),
        cluster: () => verifyToken(minted, root.publicKey, { cluster: secret }),
        replId: () => verifyToken(minted, root.publicKey, { replId: secret }),
        issuer: () => verifyToken(minted, root.publicKey, { issuer: secret }),
        keyId: () => verifyToken(minted, root.publicKey, { keyId: secret }),
        flags: () => verifyToken(minted, root.publicKey, { flags: [secret] }),
        'verify option name': () => verifyToken(minted, root.publicKey, { [secret]: true }),
        'as the public key': () => verifyToken(minted, secret),
        'as the token': () => verifyToken(secret, root.publicKey),
        'key map key id': () => verifyToken(minted, { [secret]: root.publicKey }),
        'ghostwriter replId': () => gt.verifyGhostwriterToken(repl.token, go.keys, { replId: secret }),
        'inspect key': () => inspectToken(minted, { publicKey: secret }),
        'inspect flags': () => inspectToken(minted, { publicKey: root.publicKey, flags: [secret] }),
        'inspect token': () => inspectToken(`Bearer "${secret}"`),
        'signer replId': () => createIdentitySigner({ identityToken: repl.token, secretKey: repl.key, replId: secret, publicKeys: go.keys }),
        'signer secretKey': () => createIdentitySigner({ identityToken: repl.token, secretKey: secret, replId: 'repl', publicKeys: go.keys }),
        'env REPL_ID': () => gt.identitySignerFromEnv({ env: { ...env, REPL_ID: secret }, files: false }),
        'env REPL_PUBKEYS': () => gt.identitySignerFromEnv({ env: { ...env, REPL_PUBKEYS: secret }, files: false }),
        'env file paths': () => gt.identitySignerFromEnv({ env: {}, files: { token: secret, key: secret } }),
        'export format': () => gt.exportSecretKey(pair.secretKey, secret),
        'export a changed key': () => gt.exportPublicKey(`${secret.slice(0, -4)}zzzz`, 'pem'),
        'sign option': () => signToken({ cluster: 'c' }, root.secretKey, undefined, { allowExpired: secret }),
        'certificate key': () => signCertificate({ publicKey: secret }, root.secretKey, { cert: { case: 'keyId', value: 'k' } }, { allowExpired: true }),
        'decode option name': () => gt.decodeReplToken(new Uint8Array(0), { [secret]: 1 }),
        'decode option': () => gt.decodeReplToken(new Uint8Array(0), { maxBytes: secret }),
        'toJson option name': () => gt.replTokenToJson({}, { [secret]: true }),
        'fromJson option name': () => gt.replTokenFromJson({}, { [secret]: true }),
        'fromJson field name': () => gt.replTokenFromJson({ [secret]: 1 }),
        'fromJson value': () => gt.replTokenFromJson({ iat: secret }),
        'encode field name': () => gt.encodeReplToken({ [secret]: 1 }),
        'encode value': () => gt.encodeReplToken({ resourceLimits: { memory: secret } }),
        'createReplToken field name': () => gt.createReplToken({ [secret]: 1 }),
      };
      for (const [name, call] of Object.entries(calls)) {
        let error;
        try {
          await call();
        } catch (e) {
          error = e;
        }
        assert.ok(error instanceof gt.GovalTokenError, `${form}: ${name}: ${error}`);
        const found = leak(everything(error), secret);
        assert.equal(found, undefined, `${form}: ${name}: ${error.name}: ${error.message}`);
        checked++;
      }
    }
    const secret = forms.paserk;
    const pubkeys = env.REPL_PUBKEYS;
    const rootKey = Buffer.from(root.publicKey).toString('base64');
    for (const args of [
      ['verify', repl.token, '--keys', pubkeys, '--audience', secret, '--json'],
      ['verify', repl.token, '--keys', pubkeys, '--audience', 'repl', '--source', secret],
      ['verify', minted, '--key', rootKey, '--cluster', secret, '--json'],
      ['verify', minted, '--key', rootKey, '--repl-id', secret],
      ['verify', minted, '--key', rootKey, '--flag', secret],
      ['verify', minted, '--key', secret, '--json'],
      ['verify', minted, '--keys', JSON.stringify({ [secret]: rootKey })],
      ['verify', secret, '--key', rootKey],
      ['inspect', minted, '--key', secret],
      ['decode', secret],
      ['identity', 'create', '--audience', secret],
    ]) {
      const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env, REPL_ID: args[0] === 'identity' ? secret : 'repl' } });
      assert.ok(run.status !== 0, args.join(' '));
      assert.equal(leak(run.stdout + run.stderr, secret), undefined, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
      checked++;
    }
    assert.ok(checked > 170, `${checked}`);
  });
});

describe('certificates are not ReplTokens', () => {
  test('a root-signed certificate passed as a ReplToken: parse names it, inspect reports it, verify refuses it', async () => {
    const c = VECTORS.cases.find((v) => v.name === 'root-signed certificate passed as a ReplToken');
    assert.equal(parseToken(c.token).messageType, 'GovalCert');
    const report = await inspectToken(c.token, { publicKey: VECTORS.publicKeys, now: VECTORS.now });
    assert.equal(report.messageType, 'GovalCert');
    assert.equal(report.verdict, 'invalid');
    assert.match(report.notes[0], /a certificate .* not a ReplToken/);
    for (const flags of [undefined, []]) {
      const error = await refusal(verifyToken(c.token, VECTORS.publicKeys, { now: VECTORS.now, flags }), 'TokenFormatError');
      assert.equal(error.reason, 'certificate-not-token');
    }
  });

  test('a certificate under a TYPE_AWARE footer (signed by a certificate, as Go signs its own): parse and inspect name it, every verify refuses it', async () => {
    const root = await gt.generateSigningKeyPair();
    const [a, b] = [await gt.generateSigningKeyPair(), await gt.generateSigningKeyPair()];
    const lifetime = { iat: new Date(Date.now() - 1000), exp: new Date(Date.now() + 3600_000) };
    const flag = (value) => ({ claim: { case: 'flag', value } });
    const certA = await gt.signCertificate({ ...lifetime, claims: [flag('SIGN_INTERMEDIATE_CERT'), flag('IDENTITY')], publicKey: await gt.exportPublicKey(a.publicKey, 'paserk') }, root.secretKey, { cert: { case: 'keyId', value: 'k' } });
    const certB = await gt.signCertificate({ ...lifetime, claims: [flag('IDENTITY')], publicKey: await gt.exportPublicKey(b.publicKey, 'paserk') }, a.secretKey, { cert: { case: 'signedCert', value: certA }, version: 'TYPE_AWARE_TOKEN' });
    assert.equal(gt.parseToken(certB).messageType, 'GovalCert');
    const report = await inspectToken(certB, { publicKey: { k: root.publicKey } });
    assert.equal(report.messageType, 'GovalCert');
    assert.equal(report.verdict, 'invalid');
    await refusal(verifyToken(certB, { k: root.publicKey }), 'TokenFormatError');
    await refusal(verifyIdentityToken(certB, { publicKeys: { k: root.publicKey }, audience: 'a' }), 'TokenFormatError');
    await refusal(gt.verifyGhostwriterToken(certB, { k: root.publicKey }), 'TokenFormatError');
  });

  test('the CLI: verify refuses it, inspect names it, decode prints it as a GovalCert', () => {
    const c = VECTORS.cases.find((v) => v.name === 'root-signed certificate passed as a ReplToken');
    const keys = JSON.stringify(VECTORS.publicKeys);
    const verified = spawnSync(process.execPath, [CLI, 'verify', c.token, '--keys', keys, '--now', VECTORS.now, '--no-flag-check'], { encoding: 'utf8' });
    assert.equal(verified.status, 1);
    assert.match(verified.stderr, /^TokenFormatError: .*a certificate .*not a ReplToken/);
    const inspected = spawnSync(process.execPath, [CLI, 'inspect', c.token, '--keys', keys, '--now', VECTORS.now], { encoding: 'utf8' });
    assert.match(inspected.stdout, /^Certificate \(GovalCert\), not a ReplToken/);
    const decoded = spawnSync(process.execPath, [CLI, 'decode', c.token], { encoding: 'utf8' });
    assert.equal(decoded.status, 0, decoded.stderr);
    const json = JSON.parse(decoded.stdout);
    assert.equal(json.messageType, 'GovalCert');
    assert.match(json.message.publicKey, /^k2\.public\./);
  });
});
