// Identity tokens and certificate chains (issue 13) over the built package: the vectors
// Replit's Python library made (tests/oracle/identity/vectors.json), chains minted here with
// signCertificate, createIdentitySigner, key sources, parse/inspect of TYPE_AWARE tokens, and
// property tests on attenuation (a certificate never gains a claim its signer lacks).
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import * as gt from '../../pkg/node.js';
import { refusal } from './support/refusal.mjs';

const {
  createIdentitySigner,
  decodeGovalReplIdentity,
  encodeGovalCert,
  generateSigningKeyPair,
  govalCertFromJson,
  govalCertToJson,
  decodeGovalCert,
  inspectToken,
  parseToken,
  signCertificate,
  signToken,
  verifyGhostwriterToken,
  verifyIdentityToken,
  verifyToken,
  KeyError,
  TokenClaimError,
  TokenFormatError,
  TokenSignatureError,
  TokenExpiredError,
} = gt;

const VECTORS = JSON.parse(readFileSync(new URL('../oracle/identity/vectors.json', import.meta.url), 'utf8'));
const NOW = VECTORS.now;
const PUBKEYS = VECTORS.publicKeys;
const byName = (name) => {
  const found = VECTORS.cases.find((c) => c.name === name);
  assert.ok(found, `no vector named ${name}`);
  return found;
};

function checkRefusal(error, expect) {
  assert.equal(error.link?.depth, expect.depth, `error names depth ${error.link?.depth}: ${error.message}`);
  if (expect.depth > 0) assert.match(error.message, new RegExp(`certificate at depth ${expect.depth}`));
  if (expect.claim) assert.equal(error.claim, expect.claim, error.message);
  if (expect.reason) assert.equal(error.reason, expect.reason, error.message);
}

describe('vectors made by replit.identity and pyseto', () => {
  for (const c of VECTORS.cases.filter((c) => c.kind === 'identity')) {
    test(`identity: ${c.name}`, async () => {
      const verify = (extra = {}) => verifyIdentityToken(c.token, { publicKeys: PUBKEYS, audience: c.audience, now: NOW, ...extra });
      if (c.expect.valid) {
        const result = await verify();
        assert.equal(result.identity.aud, c.audience);
        if (c.expect.chainLength !== undefined) assert.equal(result.chain.length, c.expect.chainLength);
        if (c.expect.flags !== undefined) assert.deepStrictEqual(result.flags, c.expect.flags);
        assert.equal(result.chain[0].keyId, 'test:1');
        assert.equal(result.chain[0].signedBy, 'root-key');
        result.chain.forEach((link, i) => assert.equal(link.depth, result.chain.length - i));
        // Valid by default means the certificate holds IDENTITY; RENEW_IDENTITY it lacks.
        assert.ok(result.flags.includes('IDENTITY'), c.name);
        checkRefusal(await refusal(verify({ flags: ['IDENTITY', 'RENEW_IDENTITY'] }), 'TokenClaimError'), { depth: 0, claim: 'flag' });
      } else {
        checkRefusal(await refusal(verify(), c.expect.error), c.expect);
      }
      // The explicit opt-outs: `flags: []` (dangerous), and Go's VerifyRenewIdentity.
      if (c.expect.noFlags) await verify({ flags: [] });
      if (c.expect.renew) await verify({ flags: ['RENEW_IDENTITY'] });
    });
  }

  for (const c of VECTORS.cases.filter((c) => c.kind === 'replToken')) {
    test(`ReplToken: ${c.name}`, async () => {
      const verify = () => verifyToken(c.token, PUBKEYS, { now: NOW });
      if (c.expect.noFlags) await verifyToken(c.token, PUBKEYS, { now: NOW, flags: [] });
      if (c.expect.valid) {
        const result = await verify();
        assert.equal(result.message.metadata.value.id, 'repl-a');
        if (c.expect.flags) assert.deepStrictEqual(result.flags, c.expect.flags);
      } else {
        checkRefusal(await refusal(verify(), c.expect.error), c.expect);
      }
    });
  }

  for (const c of VECTORS.cases.filter((c) => c.kind === 'ghostwriter')) {
    test(`Ghostwriter: ${c.name}`, async () => {
      const verify = (extra = {}) => verifyGhostwriterToken(c.token, PUBKEYS, { now: NOW, ...extra });
      if (c.expect.noFlags) await verify({ flags: [] });
      if (c.expect.valid) {
        const result = await verify();
        assert.equal(result.messageType, 'GovalToken');
        assert.equal(result.message.replid, 'repl-a');
        if (c.expect.flags) assert.deepStrictEqual(result.flags, c.expect.flags);
        else assert.equal(result.signedBy, 'root-key');
        checkRefusal(await refusal(verify({ replId: 'repl-b' }), 'TokenClaimError'), { depth: 0, claim: 'replId' });
        // inspectToken's verdict is the verify function's own.
        assert.equal((await inspectToken(c.token, { publicKey: PUBKEYS, now: NOW })).verdict, 'valid');
      } else {
        checkRefusal(await refusal(verify(), c.expect.error), c.expect);
      }
    });
  }

  test('replit.identity.verify_ghostwriter agrees, but for the token past its own exp (it checks only certificates)', () => {
    for (const c of VECTORS.cases.filter((c) => c.kind === 'ghostwriter')) {
      const pythonAccepts = c.python === 'accepted';
      if (c.name === 'Ghostwriter token past its own exp') assert.ok(pythonAccepts && !c.expect.valid, c.name);
      else assert.equal(pythonAccepts, c.expect.valid === true, c.name);
    }
  });

  test('Python accepts what its flaws let through, and we refuse (documented, not copied)', () => {
    const flawed = VECTORS.cases.filter((c) => c.kind === 'identity' && !c.expect.valid && c.python === 'accepted').map((c) => c.name);
    const names = ['child claims a repl id its signer lacks', 'identity repl id not covered', 'identity user not covered', '9 certificates: deeper than the limit'];
    names.push('RENEW_IDENTITY-only certificate signing an identity', 'MINT_GOVAL_TOKEN-only certificate signing an identity');
    for (const name of names) {
      assert.ok(flawed.includes(name), name);
    }
    assert.match(byName('empty subcluster means none').python, /subcluster/);
    assert.match(byName('identity, 1 certificate (PEM key)').python, /^refused/);
  });

  test('a Ghostwriter token parses as a GovalToken; an identity token as a GovalReplIdentity', () => {
    const gw = parseToken(byName('Ghostwriter token').token);
    assert.equal(gw.messageType, 'GovalToken');
    assert.equal(gw.message.replid, 'repl-a');
    assert.equal(gw.message.token.case, 'replIdentity');
    const id = parseToken(byName('identity, 2 certificates').token);
    assert.equal(id.messageType, 'GovalReplIdentity');
    assert.equal(id.message.user, 'ada');
    assert.equal(id.footer.version, 'TYPE_AWARE_TOKEN');
    assert.equal(parseToken(byName('ReplToken through a certificate').token).messageType, 'ReplToken');
  });
});

describe('key sources', () => {
  const c = byName('identity, 2 certificates');
  const run = (publicKeys) => verifyIdentityToken(c.token, { publicKeys, audience: 'repl-a', now: NOW });

  test('a map, REPL_PUBKEYS JSON text, a function and an async function all find the root key', async () => {
    await run(PUBKEYS);
    await run(JSON.stringify(PUBKEYS));
    const seen = [];
    await run((keyId, issuer) => {
      seen.push([keyId, issuer]);
      return PUBKEYS[keyId];
    });
    assert.deepStrictEqual(seen, [['test:1', 'conman']]);
    await run(async (keyId) => PUBKEYS[keyId]);
  });

  test('any accepted key form in the map: base64, PASERK, raw bytes', async () => {
    const raw = Buffer.from(PUBKEYS['test:1'], 'base64');
    await run({ 'test:1': new Uint8Array(raw) });
    await run({ 'test:1': `k2.public.${raw.toString('base64url')}` });
  });

  test('an unknown key id, a function answering undefined, a prototype key id: KeyError naming the link', async () => {
    for (const keys of [{}, { 'test:2': PUBKEYS['test:1'] }, () => undefined, async () => null]) {
      const error = await refusal(run(keys), 'KeyError');
      assert.equal(error.link.depth, 2);
      assert.equal(error.link.keyId, 'test:1');
      assert.match(error.message, /test:1/);
    }
    const pair = await generateSigningKeyPair();
    const proto = await signCertificate({ publicKey: `k2.public.${Buffer.from(pair.publicKey).toString('base64url')}` }, pair.secretKey, { cert: { case: 'keyId', value: '__proto__' } }, { allowExpired: true });
    await refusal(verifyToken(proto, {}, { now: false }), 'KeyError');
  });

  test('REPL_PUBKEYS text that is not JSON, or a key that is not a key: KeyError without the key text', async () => {
    await refusal(run('{"test:1": '), 'KeyError');
    const error = await refusal(run({ 'test:1': 'c2VjcmV0LW5vdC1hLWtleQ==' }), 'KeyError');
    assert.doesNotMatch(error.message, /c2VjcmV0/);
  });
});

describe('createIdentitySigner', () => {
  const own = byName('identity, 1 certificate (PASERK key)');

  test('signs { replid, user, slug, aud } with the identity token\'s footer; the audience verifies it', async () => {
    const signer = await createIdentitySigner({ identityToken: own.token, secretKey: VECTORS.identityKey, replId: 'repl-a', publicKeys: PUBKEYS, now: NOW });
    const token = await signer.sign('repl-b');
    assert.equal(token.split('.')[3], own.token.split('.')[3], 'the footer is the identity token\'s');
    const { identity, chain } = await verifyIdentityToken(token, { publicKeys: PUBKEYS, audience: 'repl-b', now: NOW });
    assert.equal(identity.replid, 'repl-a');
    assert.equal(identity.user, 'ada');
    assert.equal(identity.slug, 'hello');
    assert.equal(identity.aud, 'repl-b');
    assert.equal(chain.length, 1);
    await refusal(verifyIdentityToken(token, { publicKeys: PUBKEYS, audience: 'repl-a', now: NOW }), 'TokenClaimError');
  });

  test('refuses a token for another repl (replid or aud), a key the certificate does not certify, a bad chain', async () => {
    const forB = byName('SigningAuthority.sign for repl-b, 1 certificate').token;
    const base = { secretKey: VECTORS.identityKey, publicKeys: PUBKEYS, now: NOW };
    const aud = await refusal(createIdentitySigner({ ...base, identityToken: forB, replId: 'repl-a' }), 'TokenClaimError');
    assert.equal(aud.claim, 'aud');
    const replid = await refusal(createIdentitySigner({ ...base, identityToken: forB, replId: 'repl-b' }), 'TokenClaimError');
    assert.equal(replid.claim, 'replid');
    await refusal(createIdentitySigner({ ...base, identityToken: own.token, replId: 'repl-a', secretKey: VECTORS.identityKeyIntermediate }), 'KeyError');
    await refusal(createIdentitySigner({ ...base, identityToken: byName('certificate expired').token, replId: 'repl-a' }), 'TokenExpiredError');
  });
});

/** A chain minted here: root → certificates (claims each) → the key that signs the token. */
async function mint(certClaims, { pem = false, root } = {}) {
  root ??= await generateSigningKeyPair();
  let signerKey = root.secretKey;
  let authority = { cert: { case: 'keyId', value: 'root:1' }, issuer: 'test' };
  let last;
  for (const claims of certClaims) {
    const pair = await generateSigningKeyPair();
    const publicKey = pem ? pemOf(pair.publicKey) : `k2.public.${Buffer.from(pair.publicKey).toString('base64url')}`;
    const cert = await signCertificate({ iat: '2026-01-01T00:00:00Z', exp: '2027-01-01T00:00:00Z', claims, publicKey }, signerKey, authority, { allowExpired: true });
    signerKey = pair.secretKey;
    authority = { cert: { case: 'signedCert', value: cert }, issuer: 'test' };
    last = pair;
  }
  return { root, keys: { 'root:1': root.publicKey }, signerKey, authority, last };
}

function pemOf(raw) {
  const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(raw)]);
  return `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
}

const flag = (value) => ({ claim: { case: 'flag', value } });
const of = (kind, value) => ({ claim: { case: kind, value } });

describe('chains minted with signCertificate', () => {
  test('1–3 certificates with PEM and PASERK keys; the chain is reported root-first with claims in words', async () => {
    for (const pem of [false, true]) {
      const m = await mint([[flag('SIGN_INTERMEDIATE_CERT'), flag('ANY_REPLID'), flag('IDENTITY')], [flag('SIGN_INTERMEDIATE_CERT'), of('replid', 'r1'), flag('IDENTITY')], [of('replid', 'r1'), flag('IDENTITY')]], { pem });
      const body = { replid: 'r1', aud: 'me' };
      const token = await gt.signIdentityToken(body, m.signerKey, { ...m.authority, version: 'TYPE_AWARE_TOKEN' });
      const result = await verifyIdentityToken(token, { publicKeys: m.keys, audience: 'me', now: '2026-06-01T00:00:00Z' });
      assert.deepStrictEqual(result.chain.map((l) => l.depth), [3, 2, 1]);
      assert.deepStrictEqual(result.chain[1].claimsText, ['flag SIGN_INTERMEDIATE_CERT (may sign intermediate certificates)', 'repl id "r1"', 'flag IDENTITY (may sign identity tokens)']);
      assert.deepStrictEqual(result.flags, ['IDENTITY']);
    }
  });

  test('a certificate whose body changed after signing is a signature failure at its depth', async () => {
    const m = await mint([[flag('SIGN_INTERMEDIATE_CERT'), flag('ANY_REPLID')], [of('replid', 'r1')]]);
    const cert = m.authority.cert.value;
    const parts = cert.split('.');
    const payload = Buffer.from(parts[2], 'base64url');
    const text = Buffer.from(payload.subarray(0, payload.length - 64).toString(), 'base64');
    text[text.length - 1] ^= 1;
    parts[2] = Buffer.concat([Buffer.from(text.toString('base64')), payload.subarray(payload.length - 64)]).toString('base64url');
    const token = await gt.signIdentityToken({ replid: 'r1', aud: 'me' }, m.signerKey, { cert: { case: 'signedCert', value: parts.join('.') }, version: 'TYPE_AWARE_TOKEN' });
    const error = await refusal(verifyIdentityToken(token, { publicKeys: m.keys, audience: 'me', now: '2026-06-01T00:00:00Z' }), 'TokenSignatureError');
    assert.equal(error.link.depth, 1);
  });

  test('verifyToken: a single key still verifies key_id tokens, and a ReplToken through a chain', async () => {
    const { publicKey, secretKey } = await generateSigningKeyPair();
    const token = await signToken({ cluster: 'c', iat: '2026-01-01T00:00:00Z' }, secretKey, { cert: { case: 'keyId', value: 'k' } }, { allowExpired: true });
    assert.equal((await verifyToken(token, publicKey, { now: '2026-01-01T00:10:00Z' })).message.cluster, 'c');
    assert.equal((await verifyToken(token, { k: publicKey }, { now: '2026-01-01T00:10:00Z' })).message.cluster, 'c');
    const m = await mint([[of('cluster', 'c'), flag('MINT_GOVAL_TOKEN')]]);
    const chained = await signToken({ cluster: 'c', iat: '2026-06-01T00:00:00Z' }, m.signerKey, m.authority, { allowExpired: true });
    const result = await verifyToken(chained, m.keys, { now: '2026-06-01T00:10:00Z' });
    assert.deepStrictEqual(result.flags, ['MINT_GOVAL_TOKEN']);
    assert.equal(result.chain.length, 1);
    const wrong = await signToken({ cluster: 'd', iat: '2026-06-01T00:00:00Z' }, m.signerKey, m.authority, { allowExpired: true });
    assert.equal((await refusal(verifyToken(wrong, m.keys, { now: '2026-06-01T00:10:00Z' }), 'TokenClaimError')).claim, 'cluster');
    await refusal(verifyToken(chained, m.keys, { now: '2027-02-01T00:00:00Z' }), 'TokenExpiredError');
  });

  test('certificates are checked against the clock by default, and now: false opts out', async () => {
    const m = await mint([[flag('ANY_REPLID'), flag('IDENTITY')]]);
    const token = await gt.signIdentityToken({ replid: 'r', aud: 'me' }, m.signerKey, { ...m.authority, version: 'TYPE_AWARE_TOKEN' });
    // The certificate expires 2027-01-01; "now" is whatever the clock says.
    const clock = Date.now() < Date.parse('2027-01-01T00:00:00Z') && Date.now() >= Date.parse('2026-01-01T00:00:00Z');
    if (clock) await verifyIdentityToken(token, { publicKeys: m.keys, audience: 'me' });
    else await refusal(verifyIdentityToken(token, { publicKeys: m.keys, audience: 'me' }), Date.now() < Date.parse('2026-01-01') ? 'TokenNotYetValidError' : 'TokenExpiredError');
    await verifyIdentityToken(token, { publicKeys: m.keys, audience: 'me', now: false });
    await verifyIdentityToken(token, { publicKeys: m.keys, audience: 'me', now: '2026-12-31T23:59:50Z', clockSkewSeconds: 5 });
    await refusal(verifyIdentityToken(token, { publicKeys: m.keys, audience: 'me', now: '2027-01-01T00:00:04Z', clockSkewSeconds: 4 }), 'TokenExpiredError');
    await verifyIdentityToken(token, { publicKeys: m.keys, audience: 'me', now: '2026-12-31T23:59:59Z', clockSkewSeconds: 0 });
  });

  test('options: the audience is required, unknown options are refused', async () => {
    const c = byName('identity, 1 certificate (PASERK key)');
    await refusal(verifyIdentityToken(c.token, { publicKeys: PUBKEYS, now: NOW }), 'GovalTokenError');
    await refusal(verifyIdentityToken(c.token, { publicKeys: PUBKEYS, audience: 'repl-a', now: NOW, audiences: [] }), 'GovalTokenError');
    await refusal(verifyIdentityToken(c.token, { audience: 'repl-a', now: NOW }), 'KeyError');
    await refusal(verifyIdentityToken(42, { publicKeys: PUBKEYS, audience: 'repl-a' }), 'TokenFormatError');
    // requireFlag is gone: the flags are required by default, `flags` names others.
    await refusal(verifyIdentityToken(c.token, { publicKeys: PUBKEYS, audience: 'repl-a', now: NOW, requireFlag: true }), 'GovalTokenError');
    await refusal(verifyToken(c.token, PUBKEYS, { now: NOW, requireFlag: true }), 'GovalTokenError');
    for (const flags of ['IDENTITY', [1], ['NOT_A_FLAG'], [undefined], { 0: 'IDENTITY' }]) {
      await refusal(verifyIdentityToken(c.token, { publicKeys: PUBKEYS, audience: 'repl-a', now: NOW, flags }), 'GovalTokenError');
    }
    for (const audience of ['', [], [''], ['repl-a', 7], 7]) {
      await refusal(verifyIdentityToken(c.token, { publicKeys: PUBKEYS, audience, now: NOW }), 'GovalTokenError');
    }
  });
});

describe('inspect and codec', () => {
  test('inspectToken shows the chain link by link with claims in words, and the identity', async () => {
    const c = byName('identity, 2 certificates');
    const report = await inspectToken(c.token, { now: NOW });
    assert.deepStrictEqual(JSON.parse(JSON.stringify(report)), report, 'the report is plain JSON data');
    assert.equal(report.messageType, 'GovalReplIdentity');
    assert.equal(report.identity.replid, 'repl-a');
    assert.equal(report.verdict, 'signature-not-checked');
    assert.deepStrictEqual(report.chain.map((l) => l.depth), [2, 1]);
    assert.equal(report.chain[0].keyId, 'test:1');
    assert.equal(report.chain[0].signedBy, 'root-key');
    assert.ok(report.chain[1].claims.includes('repl id "repl-a"'));
    assert.equal(report.chain[0].timeStatus, 'in-range');
    assert.equal(report.effectiveExp, '2036-01-01T00:00:00Z');
    const checked = await inspectToken(c.token, { now: NOW, publicKey: PUBKEYS });
    assert.equal(checked.verdict, 'valid');
    const forged = await inspectToken(byName('certificate body changed after signing').token, { now: NOW, publicKey: PUBKEYS });
    assert.equal(forged.verdict, 'signature-invalid');
    const expired = await inspectToken(byName('middle certificate expired').token, { now: NOW, publicKey: JSON.stringify(PUBKEYS) });
    assert.equal(expired.verdict, 'expired');
    assert.equal(expired.chain[0].timeStatus, 'expired');
    const minted = await inspectToken(byName('ReplToken through a certificate').token, { now: NOW, publicKey: PUBKEYS });
    assert.equal(minted.verdict, 'valid');
    assert.deepStrictEqual(minted.chain[0].flags, ['MINT_GOVAL_TOKEN']);
    const gw = await inspectToken(byName('Ghostwriter token').token, { now: NOW });
    assert.equal(gw.messageType, 'GovalToken');
    assert.equal(gw.govalToken.replid, 'repl-a');
  });

  test('GovalCert has the codec and JSON pairs', () => {
    const cert = { iat: '2026-01-01T00:00:00Z', claims: [of('replid', 'r'), flag('ANY_ORG'), of('userId', 7n), of('org', { id: 'o', type: 'TEAM' })], publicKey: 'k2.public.x' };
    const decoded = decodeGovalCert(encodeGovalCert(cert));
    assert.equal(decoded.claims[3].claim.value.type, 'TEAM');
    assert.deepStrictEqual(govalCertFromJson(govalCertToJson(decoded)), decoded);
    assert.deepStrictEqual(govalCertToJson(decoded).claims[1], { flag: 'ANY_ORG' });
  });
});

describe('attenuation properties', () => {
  const KINDS = [
    ['replid', fc.constantFrom('r1', 'r2')],
    ['user', fc.constantFrom('u1', 'u2')],
    ['cluster', fc.constantFrom('c1', 'c2')],
    ['subcluster', fc.constantFrom('s1')],
    ['userId', fc.constantFrom(1n, 2n)],
    ['org', fc.constantFrom({ id: 'o', type: 'TEAM' }, { id: 'o', type: 'PERSONAL' })],
    ['deployment', fc.boolean()],
  ];
  const FLAGS = ['ANY_REPLID', 'ANY_USER', 'ANY_CLUSTER', 'ANY_SUBCLUSTER', 'ANY_USER_ID', 'ANY_ORG', 'DEPLOYMENTS', 'IDENTITY', 'MINT_GOVAL_TOKEN'];
  const claimArb = fc.oneof(...KINDS.map(([kind, value]) => value.map((v) => of(kind, v))), fc.constantFrom(...FLAGS).map(flag));
  const COVER = { replid: 'ANY_REPLID', user: 'ANY_USER', cluster: 'ANY_CLUSTER', subcluster: 'ANY_SUBCLUSTER', userId: 'ANY_USER_ID', org: 'ANY_ORG' };
  const same = (a, b) => a.claim.case === b.claim.case && JSON.stringify(a.claim.value, (k, v) => (typeof v === 'bigint' ? `${v}n` : v)) === JSON.stringify(b.claim.value, (k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  /** The rule, stated independently: held by the signer, or covered by its ANY_* flag. */
  const covered = (claim, signer) => {
    const flags = signer.filter((c) => c.claim.case === 'flag').map((c) => c.claim.value);
    const { case: kind, value } = claim.claim;
    if (COVER[kind] && flags.includes(COVER[kind])) return true;
    if (kind === 'deployment' && (value === false || flags.includes('DEPLOYMENTS'))) return true;
    return signer.some((c) => same(c, claim));
  };

  test('a certificate verifies under its signer exactly when each of its claims is held or covered', async () => {
    const root = await generateSigningKeyPair();
    await fc.assert(
      fc.asyncProperty(fc.array(claimArb, { maxLength: 6 }), fc.array(claimArb, { maxLength: 4 }), async (signerClaims, childClaims) => {
        const m = await mint([[flag('SIGN_INTERMEDIATE_CERT'), ...signerClaims], childClaims], { root });
        const token = await gt.signIdentityToken({ aud: 'me' }, m.signerKey, { ...m.authority, version: 'TYPE_AWARE_TOKEN' });
        const expected = childClaims.every((c) => covered(c, signerClaims));
        try {
          // Attenuation alone: the child's own flags are not what this property is about.
          await verifyIdentityToken(token, { publicKeys: m.keys, audience: 'me', now: '2026-06-01T00:00:00Z', flags: [] });
          assert.ok(expected, 'a child gained a claim its signer lacks');
        } catch (error) {
          if (!(error instanceof TokenClaimError)) throw error;
          assert.ok(!expected, `refused a child whose claims are all covered: ${error.message}`);
          assert.equal(error.link.depth, 1);
        }
      }),
      { numRuns: 150 },
    );
  });

  test('an identity verifies exactly when its signing certificate covers each of its values', async () => {
    const root = await generateSigningKeyPair();
    const identityArb = fc.record({
      replid: fc.constantFrom('', 'r1', 'r2'),
      user: fc.constantFrom('', 'u1'),
      userId: fc.constantFrom(0n, 1n),
      runtime: fc.oneof(
        fc.constant({ case: undefined }),
        fc.constant({ case: 'deployment', value: {} }),
        fc.record({ case: fc.constantFrom('interactive', 'hosting'), value: fc.record({ cluster: fc.constantFrom('', 'c1'), subcluster: fc.constantFrom('', 's1') }) }),
      ),
      org: fc.option(fc.constantFrom({ id: 'o', type: 'TEAM' }, { id: '', type: 'TEAM' }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(claimArb, { maxLength: 8 }), identityArb, async (claims, identity) => {
        const m = await mint([claims], { root });
        const token = await gt.signIdentityToken({ ...identity, aud: 'me' }, m.signerKey, { ...m.authority, version: 'TYPE_AWARE_TOKEN' });
        const wants = [];
        if (identity.replid) wants.push(of('replid', identity.replid));
        if (identity.user) wants.push(of('user', identity.user));
        if (identity.userId) wants.push(of('userId', identity.userId));
        if (identity.runtime.case === 'deployment') wants.push(flag('DEPLOYMENTS'));
        if (identity.runtime.value?.cluster) wants.push(of('cluster', identity.runtime.value.cluster));
        if (identity.runtime.value?.subcluster) wants.push(of('subcluster', identity.runtime.value.subcluster));
        if (identity.org?.id) wants.push(of('org', identity.org));
        // IDENTITY is required of the signing certificate by default, as go-replidentity's VerifyIdentity.
        wants.push(flag('IDENTITY'));
        const expected = wants.every((w) => (w.claim.case === 'flag' ? claims.some((c) => same(c, w)) : covered(w, claims)));
        try {
          await verifyIdentityToken(token, { publicKeys: m.keys, audience: 'me', now: '2026-06-01T00:00:00Z' });
          assert.ok(expected, 'an identity beyond its certificate verified');
        } catch (error) {
          if (!(error instanceof TokenClaimError)) throw error;
          assert.ok(!expected, `refused a covered identity: ${error.message}`);
        }
      }),
      { numRuns: 150 },
    );
  });
});

test('errors are the package\'s classes', () => {
  for (const E of [KeyError, TokenClaimError, TokenFormatError, TokenSignatureError, TokenExpiredError]) assert.equal(typeof E, 'function');
  assert.equal(typeof decodeGovalReplIdentity, 'function');
});

describe('chain structure refusals', () => {
  const time = { now: '2026-06-01T00:00:00Z' };

  test('a certificate with no footer, or a footer naming no signer: TokenFormatError no-signer at its depth', async () => {
    const root = await generateSigningKeyPair();
    const pair = await generateSigningKeyPair();
    const publicKey = `k2.public.${Buffer.from(pair.publicKey).toString('base64url')}`;
    const bare = await signCertificate({ publicKey, claims: [flag('ANY_REPLID')] }, root.secretKey, {}, { allowExpired: true });
    const noFooter = bare.split('.').slice(0, 3).join('.');
    for (const cert of [noFooter, bare]) {
      const token = await gt.signIdentityToken({ aud: 'me' }, pair.secretKey, { cert: { case: 'signedCert', value: cert } });
      const error = await refusal(verifyIdentityToken(token, { publicKeys: { k: root.publicKey }, audience: 'me', ...time }), 'TokenFormatError');
      assert.equal(error.reason, 'no-signer');
      assert.equal(error.link.depth, 1);
    }
  });

  test('a certificate whose signed body is not a GovalCert: TokenFormatError invalid-certificate, after its signature held', async () => {
    const root = await generateSigningKeyPair();
    const pair = await generateSigningKeyPair();
    const notACert = await gt.signIdentityToken({ replid: 'r1' }, root.secretKey, { cert: { case: 'keyId', value: 'k' }, version: 'BARE_REPL_TOKEN' });
    const token = await gt.signIdentityToken({ aud: 'me' }, pair.secretKey, { cert: { case: 'signedCert', value: notACert } });
    const error = await refusal(verifyIdentityToken(token, { publicKeys: { k: root.publicKey }, audience: 'me', ...time }), 'TokenFormatError');
    assert.equal(error.reason, 'invalid-certificate');
    assert.equal(error.link.depth, 1);
    // With another root key the signature fails first: the body is never read.
    const other = await generateSigningKeyPair();
    await refusal(verifyIdentityToken(token, { publicKeys: { k: other.publicKey }, audience: 'me', ...time }), 'TokenSignatureError');
  });

  test('a signed_cert that is not a token: TokenFormatError naming the link when a key of the source signed the token, else a bad signature caused by it', async () => {
    const pair = await generateSigningKeyPair();
    const token = await gt.signIdentityToken({ aud: 'me' }, pair.secretKey, { cert: { case: 'signedCert', value: 'not a token' } });
    const error = await refusal(verifyIdentityToken(token, { publicKeys: { k: pair.publicKey }, audience: 'me', ...time }), 'TokenFormatError');
    assert.equal(error.reason, 'not-paseto');
    assert.equal(error.link.depth, 1);
    assert.match(error.path, /^footer\.signedCert/);
    // No key of the source verifies the token as it stands: it may have been changed (issue 17).
    const changed = await refusal(verifyIdentityToken(token, { publicKeys: {}, audience: 'me', ...time }), 'TokenSignatureError');
    assert.equal(changed.cause.reason, 'not-paseto');
    assert.equal(changed.cause.link.depth, 1);
  });

  test('a key source for a token without a footer: KeyError; verifyToken refuses an identity token', async () => {
    const pair = await generateSigningKeyPair();
    const token = await signToken({ cluster: 'c' }, pair.secretKey, undefined, { allowExpired: true });
    await refusal(verifyToken(token, { k: pair.publicKey }, { now: false }), 'KeyError');
    assert.equal((await verifyToken(token, pair.publicKey, { now: false })).message.cluster, 'c');
    const identity = byName('identity, 1 certificate (PASERK key)').token;
    assert.equal((await refusal(verifyToken(identity, PUBKEYS, { now: NOW }), 'TokenFormatError')).reason, 'unsupported-footer-version');
  });

  test('verifyToken requires MINT_GOVAL_TOKEN of a ReplToken\'s certificate by default; flags: [] opts out', async () => {
    const m = await mint([[of('cluster', 'c')]]);
    const chained = await signToken({ cluster: 'c', iat: '2026-06-01T00:00:00Z' }, m.signerKey, m.authority, { allowExpired: true });
    const time = { now: '2026-06-01T00:10:00Z' };
    for (const keys of [m.keys, m.root.publicKey]) {
      const error = await refusal(verifyToken(chained, keys, time), 'TokenClaimError');
      assert.equal(error.claim, 'flag');
      assert.deepStrictEqual(error.expected, ['MINT_GOVAL_TOKEN']);
      assert.equal(error.link.depth, 0);
      await verifyToken(chained, keys, { ...time, flags: [] });
    }
  });
});

test('verifyToken with one key: the key that signed the token verifies it directly; a root key verifies it through its chain', async () => {
  const m = await mint([[of('cluster', 'c'), flag('MINT_GOVAL_TOKEN')]]);
  const chained = await signToken({ cluster: 'c', iat: '2026-06-01T00:00:00Z' }, m.signerKey, m.authority, { allowExpired: true });
  const direct = await verifyToken(chained, m.last.publicKey, { now: '2026-06-01T00:10:00Z' });
  assert.equal(direct.chain, undefined);
  const viaRoot = await verifyToken(chained, m.root.publicKey, { now: '2026-06-01T00:10:00Z' });
  assert.equal(viaRoot.chain.length, 1);
  const stranger = await generateSigningKeyPair();
  const error = await refusal(verifyToken(chained, stranger.publicKey, { now: '2026-06-01T00:10:00Z' }), 'TokenSignatureError');
  assert.equal(error.link.depth, 1);
});

test('any changed character of a chained identity token, anywhere in any link, is refused with a package error', async () => {
  const original = byName('identity, 3 certificates (PEM then PASERK keys)').token;
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
  await fc.assert(
    fc.asyncProperty(fc.nat(original.length - 1), fc.constantFrom(...ALPHABET), async (at, char) => {
      fc.pre(original[at] !== char);
      const changed = original.slice(0, at) + char + original.slice(at + 1);
      try {
        await verifyIdentityToken(changed, { publicKeys: PUBKEYS, audience: 'repl-a', now: NOW });
      } catch (error) {
        assert.ok(error instanceof gt.GovalTokenError, `${error?.name}: ${error?.message}`);
        return;
      }
      assert.fail(`a changed token verified (character ${at})`);
    }),
    { numRuns: 400 },
  );
});

test('every identity message has its codec and JSON pairs, and they round-trip', () => {
  const samples = {
    Org: { id: 'o', type: 'TEAM' },
    CertificateClaim: { claim: { case: 'replCreatedAt', value: '2024-01-01T00:00:00Z' } },
    GovalCert: { iat: '2026-01-01T00:00:00Z', claims: [{ claim: { case: 'deployment', value: true } }], publicKey: 'k2.public.x' },
    GovalToken: { replid: 'r', token: { case: 'replToken', value: { cluster: 'c' } } },
    GovalReplIdentity: {
      replid: 'r', user: 'u', slug: 's', aud: 'a', ephemeral: true, originReplid: 'o', userId: 7n,
      buildInfo: { deploymentId: 'd', url: 'https://x.replit.app', buildId: 'b', machineTier: 't' },
      isTeam: true, roles: ['admin'], runtime: { case: 'hosting', value: { cluster: 'c', subcluster: 's' } },
      org: { id: 'o', type: 'PERSONAL' }, replCreatedAt: '2024-01-01T00:00:00Z',
    },
    BuildInfo: { deploymentId: 'd' },
    ReplRuntimeInteractive: { cluster: 'c', subcluster: 's' },
    ReplRuntimeHosting: { cluster: 'c' },
    ReplRuntimeDeployment: {},
  };
  for (const [name, sample] of Object.entries(samples)) {
    const lower = name[0].toLowerCase() + name.slice(1);
    const decoded = gt[`decode${name}`](gt[`encode${name}`](sample));
    assert.deepStrictEqual(gt[`decode${name}`](gt[`encode${name}`](decoded)), decoded, name);
    assert.deepStrictEqual(gt[`${lower}FromJson`](JSON.parse(JSON.stringify(gt[`${lower}ToJson`](decoded)))), decoded, name);
  }
  // Field numbers are the protocol's: GovalReplIdentity.org is field 14, hosting 13, replCreatedAt 15.
  const bytes = gt.encodeGovalReplIdentity({ org: { id: 'o' } });
  assert.deepStrictEqual([...bytes.subarray(0, 1)], [(14 << 3) | 2]);
  assert.deepStrictEqual([...gt.encodeGovalReplIdentity({ runtime: { case: 'hosting', value: {} } })], [(13 << 3) | 2, 0]);
  assert.deepStrictEqual([...gt.encodeCertificateClaim({ claim: { case: 'userId', value: 1n } })], [7 << 3, 1]);
  assert.deepStrictEqual([...gt.encodeCertificateClaim({ claim: { case: 'flag', value: 'ANY_REPL_CREATED_AT' } })], [3 << 3, 13]);
});
