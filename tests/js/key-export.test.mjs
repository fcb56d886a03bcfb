// Keys out (issue 20, item 5): exportPublicKey / exportSecretKey write a key given in any form
// as PASERK, PEM, a JWK or raw bytes, equal to what node:crypto (and pyseto, the identity
// vectors' oracle) write, and read back to the same key; under node:crypto and WebCrypto
// alike. generateSigningKeyPair's pair prints without its secret. signCertificate refuses a
// certified publicKey that no verifier would read.
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { format, inspect } from 'node:util';

import * as gt from '../../pkg/node.js';
import { useEd25519 } from '../../pkg/crypto/ed25519.js';
import { nodeEd25519 } from '../../pkg/crypto/ed25519-node.js';
import { webEd25519 } from '../../pkg/crypto/ed25519-web.js';
import { refusal } from './support/refusal.mjs';

const { exportPublicKey, exportSecretKey, generateSigningKeyPair, signCertificate } = gt;
const FORMATS = ['paserk', 'pem', 'jwk', 'raw'];
const VECTORS = JSON.parse(readFileSync(new URL('../oracle/identity/vectors.json', import.meta.url), 'utf8'));

const view = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
const b64url = (bytes) => view(bytes).toString('base64url');
// (Neither goes through Node's Buffer pool, so the pool holds only the package's copies.)
const hex = (text) => Uint8Array.from(text.match(/../g), (byte) => Number.parseInt(byte, 16));
function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A key pair made by node:crypto, and what node:crypto writes for it: the expected exports. */
function nodePair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const raw = new Uint8Array(spki.subarray(12));
  const seed = new Uint8Array(pkcs8.subarray(16));
  const full = concat(seed, raw);
  return {
    publicKey,
    privateKey,
    raw,
    seed,
    full,
    public: { paserk: `k2.public.${b64url(raw)}`, pem: publicKey.export({ type: 'spki', format: 'pem' }), jwk: publicKey.export({ format: 'jwk' }), raw },
    secret: { paserk: `k2.secret.${b64url(full)}`, pem: privateKey.export({ type: 'pkcs8', format: 'pem' }), jwk: privateKey.export({ format: 'jwk' }), raw: full },
  };
}

/** Every form a public key is taken in (the platform's objects for the implementation in use). */
async function publicForms(pair, platform) {
  const forms = {
    'raw bytes': pair.raw,
    base64: view(pair.raw).toString('base64'),
    base64url: b64url(pair.raw),
    hex: view(pair.raw).toString('hex'),
    PASERK: pair.public.paserk,
    PEM: pair.public.pem,
    JWK: pair.public.jwk,
    'public CryptoKey': await webcrypto.subtle.importKey('spki', pair.publicKey.export({ type: 'spki', format: 'der' }), 'Ed25519', true, ['verify']),
  };
  if (platform === 'node:crypto') forms['public KeyObject'] = pair.publicKey;
  return forms;
}

/** Every form a secret key is taken in. */
async function secretForms(pair, platform) {
  const pkcs8v2 = concat(hex('3051020101300506032b657004220420'), pair.seed, hex('812100'), pair.raw);
  const forms = {
    '64 bytes': pair.full,
    'base64 of 64 bytes': view(pair.full).toString('base64'),
    'hex of 64 bytes': view(pair.full).toString('hex'),
    PASERK: pair.secret.paserk,
    'PKCS#8 PEM': pair.secret.pem,
    'PKCS#8 v2 PEM': `-----BEGIN PRIVATE KEY-----\n${view(pkcs8v2).toString('base64')}\n-----END PRIVATE KEY-----\n`,
    'JWK with d': pair.secret.jwk,
    '{ seed }': { seed: pair.seed },
    'extractable private CryptoKey': await webcrypto.subtle.importKey('pkcs8', pair.privateKey.export({ type: 'pkcs8', format: 'der' }), 'Ed25519', true, ['sign']),
  };
  if (platform === 'node:crypto') forms['private KeyObject'] = pair.privateKey;
  return forms;
}

/** Runs `fn` under each Ed25519 implementation (WebCrypto as browsers have it, in Node). */
async function underEach(fn) {
  for (const [name, impl] of [['node:crypto', nodeEd25519], ['WebCrypto', webEd25519]]) {
    useEd25519(impl);
    try {
      await fn(name);
    } finally {
      useEd25519(nodeEd25519);
    }
  }
}

describe('exportPublicKey', () => {
  test('every public and secret input form, in every format, is what node:crypto writes, and reads back to the same key (node:crypto and WebCrypto)', async () => {
    await underEach(async (platform) => {
      const pair = nodePair();
      const inputs = { ...(await publicForms(pair, platform)), ...(await secretForms(pair, platform)) };
      for (const [form, input] of Object.entries(inputs)) {
        for (const f of FORMATS) {
          const out = await exportPublicKey(input, f);
          assert.deepStrictEqual(out, pair.public[f], `${platform}: ${form} → ${f}`);
          // The output is itself an input form: back to every format again.
          for (const g of FORMATS) assert.deepStrictEqual(await exportPublicKey(out, g), pair.public[g], `${platform}: ${form} → ${f} → ${g}`);
        }
      }
    });
  });

  test('the exports are what node:crypto reads: PEM and JWK import to the same key', async () => {
    const pair = nodePair();
    const fromPem = createPublicKey(await exportPublicKey(pair.full, 'pem'));
    const fromJwk = createPublicKey({ key: await exportPublicKey(pair.full, 'jwk'), format: 'jwk' });
    for (const key of [fromPem, fromJwk]) assert.ok(key.equals(pair.publicKey));
  });

  test('a PEM is SPKI in one 64-column block with a final newline; a JWK is a plain object of kty, crv, x only; raw is a fresh 32-byte copy', async () => {
    const pair = nodePair();
    const pem = await exportPublicKey(pair.raw, 'pem');
    assert.match(pem, /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=]{60}\n-----END PUBLIC KEY-----\n$/);
    const jwk = await exportPublicKey(pair.raw, 'jwk');
    assert.equal(Object.getPrototypeOf(jwk), Object.prototype);
    assert.deepStrictEqual(Object.keys(jwk).sort(), ['crv', 'kty', 'x']);
    const raw = await exportPublicKey(pair.raw, 'raw');
    assert.ok(raw instanceof Uint8Array && raw.length === 32 && raw !== pair.raw);
    raw.fill(0);
    assert.deepStrictEqual(await exportPublicKey(pair.public.paserk, 'raw'), pair.raw, 'a cached key is not changed through a returned copy');
  });

  test('a secret key whose stated public half is not its seed\'s is refused, not exported as stated', async () => {
    await underEach(async (platform) => {
      const pair = nodePair();
      const other = nodePair();
      const forged = concat(pair.seed, other.raw);
      for (const input of [forged, `k2.secret.${b64url(forged)}`, { ...pair.secret.jwk, x: other.public.jwk.x }]) {
        const error = await refusal(exportPublicKey(input, 'paserk'), 'KeyError');
        assert.match(error.message, /not the public key of/, platform);
        await refusal(exportSecretKey(input, 'paserk'), 'KeyError');
      }
    });
  });

  test('bytes that are no valid Ed25519 public key are refused (small order, off the curve)', async () => {
    await refusal(exportPublicKey(new Uint8Array(32), 'paserk'), 'KeyError');
    await refusal(exportPublicKey(`k2.public.${b64url(new Uint8Array(32))}`, 'pem'), 'KeyError');
    await refusal(exportPublicKey({ kty: 'OKP', crv: 'Ed25519', x: b64url(new Uint8Array(32)) }, 'raw'), 'KeyError');
  });

  test('exporting a secret key\'s public half leaves no copy of its seed in Node\'s Buffer pool', async () => {
    const pair = nodePair();
    for (const [form, input] of Object.entries(await secretForms(pair, 'node:crypto'))) {
      await exportPublicKey(input, 'paserk');
      const pool = Buffer.allocUnsafe(1);
      assert.equal(view(new Uint8Array(pool.buffer)).indexOf(view(pair.seed)), -1, form);
    }
  });
});

describe('exportSecretKey', () => {
  test('every secret input form, in every format, is what node:crypto writes, and reads back to the same key (node:crypto and WebCrypto)', async () => {
    await underEach(async (platform) => {
      const pair = nodePair();
      for (const [form, input] of Object.entries(await secretForms(pair, platform))) {
        for (const f of FORMATS) {
          const out = await exportSecretKey(input, f);
          assert.deepStrictEqual(out, pair.secret[f], `${platform}: ${form} → ${f}`);
          for (const g of FORMATS) assert.deepStrictEqual(await exportSecretKey(out, g), pair.secret[g], `${platform}: ${form} → ${f} → ${g}`);
          // And the public half of each export is the pair's.
          assert.deepStrictEqual(await exportPublicKey(out, 'raw'), pair.raw, `${platform}: ${form} → ${f} → public`);
        }
      }
    });
  });

  test('the exports sign as the original key: node:crypto reads the PEM and the JWK to the same private key', async () => {
    const pair = nodePair();
    for (const key of [createPrivateKey(await exportSecretKey(pair.full, 'pem')), createPrivateKey({ key: await exportSecretKey(pair.full, 'jwk'), format: 'jwk' })]) {
      assert.ok(key.equals(pair.privateKey));
    }
    const token = await gt.signToken({ cluster: 'c' }, await exportSecretKey(pair.privateKey, 'paserk'), undefined, { allowExpired: true });
    assert.equal((await gt.verifyToken(token, await exportPublicKey(pair.privateKey, 'pem'), { now: false })).message.cluster, 'c');
  });

  test('PKCS#8 v1 PEM in one 64-column line; raw is 64 bytes, the seed then the public key, as generateSigningKeyPair gives', async () => {
    const { publicKey, secretKey } = await generateSigningKeyPair();
    assert.match(await exportSecretKey(secretKey, 'pem'), /^-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI[A-Za-z0-9+/]{43}\n-----END PRIVATE KEY-----\n$/);
    const raw = await exportSecretKey(await exportSecretKey(secretKey, 'jwk'), 'raw');
    assert.deepStrictEqual(raw, secretKey);
    assert.deepStrictEqual(raw.subarray(32), publicKey);
    assert.notEqual(raw, secretKey);
  });

  test('a public key in any form is refused as the secret key', async () => {
    const pair = nodePair();
    for (const [form, input] of Object.entries(await publicForms(pair, 'node:crypto'))) {
      const error = await refusal(exportSecretKey(input, 'paserk'), 'KeyError');
      assert.equal(error.path, 'key', form);
    }
  });

  test('a non-extractable private CryptoKey is refused by both exports, under both implementations', async () => {
    await underEach(async (platform) => {
      const { privateKey } = await webcrypto.subtle.generateKey('Ed25519', false, ['sign', 'verify']);
      for (const run of [exportSecretKey, exportPublicKey]) {
        const error = await refusal(run(privateKey, 'raw'), 'KeyError');
        assert.match(error.message, /non-extractable/, platform);
        assert.equal(error.code, 'ERR_KEY');
      }
    });
  });
});

describe('known vectors', () => {
  test('the identity vectors\' keys (written by pyseto and cryptography): PASERK secret → the certificates\' PASERK and PEM public keys', async () => {
    const certified = (name) => gt.parseToken(gt.parseToken(VECTORS.cases.find((c) => c.name === name).token).footer.cert.value).message.publicKey;
    assert.equal(await exportSecretKey(VECTORS.identityKey, 'paserk'), VECTORS.identityKey);
    assert.equal(await exportPublicKey(VECTORS.identityKey, 'paserk'), certified('identity, 1 certificate (PASERK key)'));
    assert.equal(await exportPublicKey(VECTORS.identityKey, 'pem'), certified('identity, 1 certificate (PEM key)'));
    assert.equal(await exportPublicKey(VECTORS.publicKeys['test:1'], 'raw').then((raw) => view(raw).toString('base64')), VECTORS.publicKeys['test:1']);
  });

  test('RFC 8032 test 1: the seed\'s public key, in every format', async () => {
    const seed = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    const pub = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    await underEach(async (platform) => {
      assert.deepStrictEqual(await exportPublicKey({ seed }, 'raw'), pub, platform);
      assert.equal(await exportPublicKey({ seed }, 'paserk'), 'k2.public.11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo');
      assert.equal(await exportSecretKey({ seed }, 'paserk'), `k2.secret.${b64url(concat(seed, pub))}`);
      assert.deepStrictEqual(await exportSecretKey({ seed }, 'jwk'), { kty: 'OKP', crv: 'Ed25519', x: b64url(pub), d: b64url(seed) });
    });
  });
});

describe('arguments', () => {
  test('an unknown format is a GovalTokenError ERR_INVALID_OPTION at path format, checked before the key is read', async () => {
    const { secretKey } = await generateSigningKeyPair();
    for (const run of [exportPublicKey, exportSecretKey]) {
      for (const bad of ['PEM', 'spki', 'der', '', undefined, null, 1]) {
        const error = await refusal(run(secretKey, bad), 'GovalTokenError');
        assert.equal(error.code, 'ERR_INVALID_OPTION');
        assert.equal(error.path, 'format');
      }
      assert.match((await refusal(run(secretKey, 'PEM'), 'GovalTokenError')).message, /did you mean 'pem'/);
      // The format first: a bad key with a bad format names the format.
      assert.equal((await refusal(run('not a key', 'bogus'), 'GovalTokenError')).path, 'format');
    }
  });

  test('no error message holds key material, nor the argument swapped into format', async () => {
    const pair = nodePair();
    const secrets = [view(pair.seed).toString('hex'), view(pair.seed).toString('base64').slice(0, 16), b64url(pair.seed).slice(0, 16), pair.secret.paserk.slice(10, 26)];
    const messages = [];
    const collect = (p) => p.then(() => assert.fail('expected a refusal'), (e) => messages.push(e.message));
    for (const run of [exportPublicKey, exportSecretKey]) {
      await collect(run('pem', pair.secret.paserk)); // arguments swapped
      await collect(run('pem', pair.full));
      await collect(run(`${pair.secret.paserk}x`, 'paserk'));
      await collect(run(concat(pair.seed, new Uint8Array(32)), 'raw'));
      await collect(run({ kty: 'OKP', crv: 'Ed25519', d: b64url(pair.seed), x: b64url(new Uint8Array(32)) }, 'jwk'));
    }
    await collect(exportSecretKey(pair.seed, 'raw')); // 32 bytes: ambiguous
    for (const message of messages) for (const secret of secrets) assert.ok(!message.includes(secret), message);
  });
});

describe('generateSigningKeyPair prints without its secret', () => {
  test('JSON.stringify gives the PASERK public key only', async () => {
    const pair = await generateSigningKeyPair();
    const paserk = await exportPublicKey(pair.publicKey, 'paserk');
    assert.equal(JSON.stringify(pair), JSON.stringify({ publicKey: paserk }));
    assert.deepStrictEqual(pair.toJSON(), { publicKey: paserk });
    assert.ok(!JSON.stringify({ nested: [pair] }).includes(b64url(pair.secretKey.subarray(0, 32))));
  });

  test('util.inspect and console.log show the public key as PASERK and the secret key redacted, at any depth and with %o', async () => {
    const pair = await generateSigningKeyPair();
    const paserk = await exportPublicKey(pair.publicKey, 'paserk');
    const line = `SigningKeyPair { publicKey: '${paserk}', secretKey: [redacted] }`;
    assert.equal(inspect(pair), line);
    assert.equal(format('%s', inspect({ pair }, { depth: 5 })), `{\n  pair: ${line}\n}`);
    for (const text of [inspect([pair], { showHidden: true }), format('%o', pair), format('%O', pair), inspect(pair, { colors: true })]) {
      assert.ok(text.includes('[redacted]'), text);
      assert.ok(text.includes(paserk), text);
      assert.ok(!/secretKey: Uint8Array/.test(text), text);
      assert.ok(!text.includes(String(pair.secretKey[0]) + ', ' + String(pair.secretKey[1])), text);
    }
  });

  test('the custom inspect styles the redaction as Node asks, and stands alone without Node\'s arguments', async () => {
    const pair = await generateSigningKeyPair();
    const paserk = await exportPublicKey(pair.publicKey, 'paserk');
    const custom = pair[Symbol.for('nodejs.util.inspect.custom')];
    assert.equal(custom.call(pair, 2, { stylize: (text, style) => `<${style}:${text}>` }, inspect), `SigningKeyPair { publicKey: <string:'${paserk}'>, secretKey: <special:[redacted]> }`);
    assert.equal(custom.call(pair), `SigningKeyPair { publicKey: "${paserk}", secretKey: [redacted] }`);
  });

  test('secretKey is not enumerable: Object.keys, entries, spreads and structuredClone leave it out; pair.secretKey and destructuring still read it', async () => {
    const pair = await generateSigningKeyPair();
    assert.deepStrictEqual(Object.keys(pair), ['publicKey']);
    assert.deepStrictEqual(Object.entries(pair).map(([k]) => k), ['publicKey']);
    assert.equal({ ...pair }.secretKey, undefined);
    assert.equal(structuredClone(pair).secretKey, undefined);
    const { value, ...descriptor } = Object.getOwnPropertyDescriptor(pair, 'secretKey');
    assert.deepStrictEqual(descriptor, { enumerable: false, writable: true, configurable: true }, 'as a plain property, but not enumerable');
    assert.equal(value, pair.secretKey);
    const { publicKey, secretKey } = pair;
    assert.ok(publicKey instanceof Uint8Array && publicKey.length === 32);
    assert.ok(secretKey instanceof Uint8Array && secretKey.length === 64);
    assert.equal(pair.secretKey, secretKey);
    const token = await gt.signToken({ cluster: 'c' }, pair.secretKey, undefined, { allowExpired: true });
    assert.equal((await gt.verifyToken(token, pair.publicKey, { now: false })).message.cluster, 'c');
  });
});

describe('signCertificate refuses a publicKey no verifier would read, at signing time', () => {
  const authority = { cert: { case: 'keyId', value: 'root:1' }, issuer: 'test' };
  const lifetime = { iat: new Date(Date.now() - 1000), exp: new Date(Date.now() + 3_600_000) };
  const flag = (value) => ({ claim: { case: 'flag', value } });

  test('PASERK k2.public and PEM SPKI (as exportPublicKey writes them) are signed, and the chain verifies', async () => {
    const root = await generateSigningKeyPair();
    for (const f of ['paserk', 'pem']) {
      const pair = await generateSigningKeyPair();
      const cert = await signCertificate({ ...lifetime, claims: [flag('IDENTITY'), flag('ANY_REPLID')], publicKey: await exportPublicKey(pair.publicKey, f) }, root.secretKey, authority);
      const token = await gt.signIdentityToken({ replid: 'r', aud: 'me' }, pair.secretKey, { cert: { case: 'signedCert', value: cert }, issuer: 'test' });
      const { identity } = await gt.verifyIdentityToken(token, { publicKeys: { 'root:1': await exportPublicKey(root.secretKey, f) }, audience: 'me' });
      assert.equal(identity.replid, 'r');
    }
  });

  test('anything else is an EncodeError at path publicKey, without the text: other forms, bad PASERK, small order, whitespace around PASERK, secret keys, other algorithms', async () => {
    const root = await generateSigningKeyPair();
    const pair = nodePair();
    const x25519 = generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' });
    const refused = {
      unset: '',
      'base64 of the raw key': view(pair.raw).toString('base64'),
      hex: view(pair.raw).toString('hex'),
      'JWK text': JSON.stringify(pair.public.jwk),
      'PASERK too short': 'k2.public.AAAA',
      'PASERK of a small-order point': `k2.public.${b64url(new Uint8Array(32))}`,
      'PASERK with a newline after it': `${pair.public.paserk}\n`,
      'PASERK with a space before it': ` ${pair.public.paserk}`,
      'PASERK secret key': pair.secret.paserk,
      'PKCS#8 PEM': pair.secret.pem,
      'X25519 SPKI PEM': x25519,
      'PASERK k4': `k4.public.${b64url(pair.raw)}`,
    };
    for (const [form, publicKey] of Object.entries(refused)) {
      for (const options of [undefined, { allowExpired: true }]) {
        const error = await refusal(signCertificate({ ...lifetime, claims: [flag('IDENTITY')], publicKey }, root.secretKey, authority, options), 'EncodeError');
        assert.equal(error.code, 'ERR_ENCODE', form);
        assert.equal(error.path, 'publicKey', form);
        assert.ok(error.message.startsWith('publicKey: '), form);
        if (publicKey.length > 12) assert.ok(!error.message.includes(publicKey.trim().slice(10, 30)), `${form}: ${error.message}`);
      }
    }
  });

  test('the refusal names the forms to give and exportPublicKey', async () => {
    const root = await generateSigningKeyPair();
    const error = await refusal(signCertificate({ ...lifetime, publicKey: view(root.publicKey).toString('base64') }, root.secretKey, authority), 'EncodeError');
    assert.match(error.message, /PASERK k2\.public/);
    assert.match(error.message, /PEM PUBLIC KEY/);
    assert.match(error.message, /exportPublicKey\(key, 'paserk'\)/);
  });
});
