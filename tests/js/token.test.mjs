// Repl tokens over the built package in Node (node:crypto underneath): the shared cases
// (tests/js/cases/token-cases.mjs, which also run in Chromium), then what only Node has:
// node:crypto KeyObjects as keys, and interoperability with an independent PASETO
// implementation (the `paseto` npm package) both ways.
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';

import * as gt from '../../pkg/node.js';
import * as base64 from '../../pkg/lib/base64.js';
import * as paseto from '../../pkg/token/paseto.js';
import { tokenCases } from './cases/token-cases.mjs';

const { V2 } = createRequire(import.meta.url)('paseto');
const { decodeReplToken, encodeGovalSigningAuthority, encodeReplToken, parseToken, signToken, verifyToken, KeyError, TokenSignatureError } = gt;

const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

describe('tokens (shared cases)', async () => {
  for (const { name, fn } of await tokenCases({ gt, paseto, base64 })) test(name, fn);
});

const KEYS = await gt.generateSigningKeyPair();
const MESSAGE = { iat: new Date('2025-01-01T00:00:00Z'), cluster: 'global', metadata: { case: 'repl', value: { id: 'repl-1' } } };
const FOOTER = { cert: { case: 'keyId', value: 'dev:1' }, issuer: 'replit.com' };
const TOKEN = await signToken(MESSAGE, KEYS.secretKey, FOOTER, { allowExpired: true });
const NOW = { now: '2025-01-01T00:30:00Z' };
const publicKeyObject = (raw) => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(raw) }, format: 'jwk' });
const privateKeyObject = (secret) =>
  createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(secret.subarray(32)), d: b64url(secret.subarray(0, 32)) }, format: 'jwk' });

describe('node:crypto KeyObjects', () => {
  test('a public KeyObject verifies; a private one signs exactly as the raw key does', async () => {
    assert.equal((await verifyToken(TOKEN, publicKeyObject(KEYS.publicKey), NOW)).message.cluster, 'global');
    assert.equal(await signToken(MESSAGE, privateKeyObject(KEYS.secretKey), FOOTER, { allowExpired: true }), TOKEN);
  });

  test('a private KeyObject as the public key, a public one as the secret key, and other key types are KeyErrors', async () => {
    await assert.rejects(verifyToken(TOKEN, privateKeyObject(KEYS.secretKey), NOW), (e) => e instanceof KeyError && /secret key/.test(e.message));
    await assert.rejects(signToken(MESSAGE, publicKeyObject(KEYS.publicKey), undefined, { allowExpired: true }), (e) => e instanceof KeyError && /public key/.test(e.message));
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await assert.rejects(verifyToken(TOKEN, ec.publicKey, NOW), (e) => e instanceof KeyError && /not Ed25519/.test(e.message));
    await assert.rejects(signToken(MESSAGE, ec.privateKey, undefined, { allowExpired: true }), (e) => e instanceof KeyError && /not Ed25519/.test(e.message));
    const x25519 = generateKeyPairSync('x25519');
    await assert.rejects(verifyToken(TOKEN, x25519.publicKey, NOW), KeyError);
  });

  test('a small-order key as a KeyObject is refused like its bytes', async () => {
    const identity = new Uint8Array(32);
    identity[0] = 1;
    await assert.rejects(verifyToken(TOKEN, publicKeyObject(identity), NOW), (e) => e instanceof KeyError && /small order/.test(e.message));
  });

  test('PEM keys exported by node:crypto are read', async () => {
    const pem = publicKeyObject(KEYS.publicKey).export({ type: 'spki', format: 'pem' });
    assert.ok(await verifyToken(TOKEN, pem, NOW));
    const pkcs8 = privateKeyObject(KEYS.secretKey).export({ type: 'pkcs8', format: 'pem' });
    assert.equal(await signToken(MESSAGE, pkcs8, FOOTER, { allowExpired: true }), TOKEN);
  });
});

describe('interoperability with the paseto npm package', () => {
  test('tokens we sign verify there', async () => {
    const { payload, footer } = await V2.verify(TOKEN, publicKeyObject(KEYS.publicKey), { buffer: true, complete: true });
    const parsed = parseToken(TOKEN);
    assert.equal(payload.toString('latin1'), parsed.messageBase64);
    assert.equal(footer.toString('latin1'), parsed.footerBase64);
    assert.deepStrictEqual(decodeReplToken(Buffer.from(payload.toString('latin1'), 'base64')), parsed.message);
    const bare = await signToken(MESSAGE, KEYS.secretKey, undefined, { allowExpired: true });
    assert.equal((await V2.verify(bare, publicKeyObject(KEYS.publicKey), { buffer: true })).toString('latin1'), parsed.messageBase64);
  });

  test('tokens signed there verify here, with their keys in PEM and as KeyObjects', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const body = Buffer.from(b64(encodeReplToken(MESSAGE)), 'latin1');
    const footer = Buffer.from(b64(encodeGovalSigningAuthority(FOOTER)), 'latin1');
    const token = await V2.sign(body, privateKey, { footer });
    for (const key of [publicKey.export({ type: 'spki', format: 'pem' }), publicKey]) {
      const verified = await verifyToken(token, key, { ...NOW, cluster: 'global' });
      assert.deepStrictEqual(verified.message, parseToken(TOKEN).message);
      assert.equal(verified.footer.cert.value, 'dev:1');
    }
    // The same key signs here exactly as it signs there.
    assert.equal(await signToken(MESSAGE, privateKey.export({ type: 'pkcs8', format: 'pem' }), FOOTER, { allowExpired: true }), token);
    assert.equal(await signToken(MESSAGE, privateKey, FOOTER, { allowExpired: true }), token);
    await assert.rejects(verifyToken(token, KEYS.publicKey, NOW), TokenSignatureError);
    const withoutFooter = await V2.sign(body, privateKey);
    assert.ok(await verifyToken(withoutFooter, publicKey, NOW));
  });
});
