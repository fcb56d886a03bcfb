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
  async function certificate(claims, signer = { key: conman.secretKey, cert: conmanCert }) {
    const pair = await generateSigningKeyPair();
    const cert = await signCertificate({ ...lifetime, claims, publicKey: paserk(pair.publicKey) }, signer.key, {
      cert: { case: 'signedCert', value: signer.cert },
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
  return { keys, certificate, replIdentity, identityUnder, signer, conman: { key: conman.secretKey, cert: conmanCert } };
}

const REPL = { replid: 'repl', user: 'user', userId: 1n, slug: 'slug' };
const identityClaims = (extra = []) => [flag('IDENTITY'), of('replid', 'repl'), of('user', 'user'), of('userId', 1n), ...extra];

describe("go-replidentity's sign_test.go scenarios give Go's verdicts", async () => {
  const go = await goSetup();
  const verify = (token, options = {}) => verifyIdentityToken(token, { publicKeys: go.keys, audience: ['testing'], ...options });

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

  test('the vectors record the ANY_* case as the one difference that accepts', () => {
    const accepted = VECTORS.cases.filter((c) => c.expect.goDiffers);
    assert.deepStrictEqual(accepted.map((c) => [c.name, c.expect.valid]), [['root-signed certificate with ANY_* flags covers everything', true]]);
  });
});

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
});
