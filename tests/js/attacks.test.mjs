// Token attacks: verifyToken must reject every altered token. Each family is enumerated in
// full (every single-bit flip of the decoded payload, signature and footer bytes, …) and
// the totals are printed.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';

import * as gt from '../../pkg/node.js';

const { signToken, verifyToken, generateSigningKeyPair, KeyError, TokenFormatError, TokenSignatureError, TokenError } = gt;

const KEYS = generateSigningKeyPair();
const OTHER = generateSigningKeyPair();
const MESSAGE = {
  iat: new Date('2025-01-01T00:00:00Z'),
  exp: '2025-01-01T01:00:00Z',
  salt: 'c2FsdHNhbHRzYWx0',
  cluster: 'global',
  persistence: 'EPHEMERAL',
  metadata: { case: 'repl', value: { id: '1f0c2b7e-5b5e-4d2a-9a51-0a6f0f4c8e21', language: 'python3', user: 'ada' } },
  resourceLimits: { net: true, memory: 2n ** 31n, threads: 2, shares: 1024, disk: 10n * 2n ** 30n },
  presenced: { bearerID: 42, bearerName: 'ada' },
  flags: ['gcsfiles', 'nix'],
};
const FOOTER = { cert: { case: 'keyId', value: 'conman:1' }, issuer: 'replit.com' };
const TOKEN = signToken(MESSAGE, KEYS.secretKey, FOOTER);
const [, , PAYLOAD_TEXT, FOOTER_TEXT] = TOKEN.split('.');
const PAYLOAD = Buffer.from(PAYLOAD_TEXT, 'base64url');
const FOOTER_BYTES = Buffer.from(FOOTER_TEXT, 'base64url');
const BODY_LENGTH = PAYLOAD.length - 64;

const totals = new Map();
after(() => {
  let all = 0;
  for (const [family, counts] of totals) {
    const n = Object.values(counts).reduce((a, b) => a + b, 0);
    all += n;
    console.log(`${family}: ${n} rejected (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  }
  console.log(`attacks: ${all} altered tokens and keys, all rejected`);
});

/** Asserts `fn` throws one of `classes`; counts it under `family`. */
function rejected(family, fn, classes, label) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error !== undefined, `${family}: ${label} was ACCEPTED`);
  assert.ok(
    classes.some((C) => error instanceof C),
    `${family}: ${label}: expected ${classes.map((c) => c.name).join(' or ')}, got ${error.name}: ${error.message}`,
  );
  const counts = totals.get(family) ?? {};
  const key = error.reason ? `${error.name}/${error.reason}` : error.name;
  counts[key] = (counts[key] ?? 0) + 1;
  totals.set(family, counts);
}

const token = (payload, footer = FOOTER_BYTES, header = 'v2.public.') =>
  `${header}${Buffer.from(payload).toString('base64url')}${footer === null ? '' : `.${Buffer.from(footer).toString('base64url')}`}`;
const flip = (bytes, bit) => {
  const copy = Buffer.from(bytes);
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
};
const SIGNATURE_OR_FORMAT = [TokenSignatureError, TokenFormatError];

describe('verifyToken rejects', () => {
  test('the genuine token verifies (the control)', () => {
    assert.equal(token(PAYLOAD), TOKEN);
    assert.equal(verifyToken(TOKEN, KEYS.publicKey).message.cluster, 'global');
  });

  test('every single-bit flip of the signed body', () => {
    for (let bit = 0; bit < BODY_LENGTH * 8; bit++) {
      rejected('body bit flips', () => verifyToken(token(flip(PAYLOAD, bit)), KEYS.publicKey), SIGNATURE_OR_FORMAT, `bit ${bit}`);
    }
  });

  test('every single-bit flip of the signature', () => {
    for (let bit = BODY_LENGTH * 8; bit < PAYLOAD.length * 8; bit++) {
      rejected('signature bit flips', () => verifyToken(token(flip(PAYLOAD, bit)), KEYS.publicKey), [TokenSignatureError], `bit ${bit}`);
    }
  });

  test('every single-bit flip of the footer', () => {
    for (let bit = 0; bit < FOOTER_BYTES.length * 8; bit++) {
      rejected('footer bit flips', () => verifyToken(token(PAYLOAD, flip(FOOTER_BYTES, bit)), KEYS.publicKey), SIGNATURE_OR_FORMAT, `bit ${bit}`);
    }
  });

  test('every character of the token string changed (no second spelling verifies)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const start = 'v2.public.'.length;
    for (let i = start; i < TOKEN.length; i++) {
      if (TOKEN[i] === '.') continue;
      for (const delta of [1, 2, 32]) {
        const c = alphabet[(alphabet.indexOf(TOKEN[i]) + delta) % 64];
        const altered = TOKEN.slice(0, i) + c + TOKEN.slice(i + 1);
        rejected('token characters changed', () => verifyToken(altered, KEYS.publicKey), SIGNATURE_OR_FORMAT, `char ${i} → ${c}`);
      }
    }
  });

  test('a wrong key, and weak keys', () => {
    rejected('wrong keys', () => verifyToken(TOKEN, OTHER.publicKey), [TokenSignatureError], 'another key');
    // The identity point (small order): with a signature (R = identity, s = 0) a lax
    // verifier accepts any message.
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const forged = Buffer.concat([PAYLOAD.subarray(0, BODY_LENGTH), identity, new Uint8Array(32)]);
    rejected('wrong keys', () => verifyToken(token(forged), identity), [TokenSignatureError, KeyError], 'identity key, identity signature');
    rejected('wrong keys', () => verifyToken(TOKEN, identity), [TokenSignatureError, KeyError], 'identity key');
    rejected('wrong keys', () => verifyToken(TOKEN, new Uint8Array(32)), [TokenSignatureError, KeyError], 'all-zero key');
    rejected('wrong keys', () => verifyToken(TOKEN, new Uint8Array(32).fill(0xff)), [TokenSignatureError, KeyError], 'all-ones key');
    rejected('wrong keys', () => verifyToken(TOKEN, KEYS.secretKey.subarray(0, 32)), [TokenSignatureError, KeyError], 'the seed as a public key');
  });

  test('a malleated signature (s + L) and zeroed signatures', () => {
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const sig = PAYLOAD.subarray(BODY_LENGTH);
    const s = BigInt(`0x${Buffer.from(sig.subarray(32)).reverse().toString('hex')}`) + L;
    const sBytes = Buffer.from(s.toString(16).padStart(64, '0'), 'hex').reverse();
    const malleated = Buffer.concat([PAYLOAD.subarray(0, BODY_LENGTH), sig.subarray(0, 32), sBytes]);
    rejected('malleated signatures', () => verifyToken(token(malleated), KEYS.publicKey), [TokenSignatureError], 's + L');
    const zero = Buffer.concat([PAYLOAD.subarray(0, BODY_LENGTH), new Uint8Array(64)]);
    rejected('malleated signatures', () => verifyToken(token(zero), KEYS.publicKey), [TokenSignatureError], 'zero signature');
  });

  test('every truncation of the signature', () => {
    for (let cut = 1; cut <= 64; cut++) {
      rejected('truncated signatures', () => verifyToken(token(PAYLOAD.subarray(0, PAYLOAD.length - cut)), KEYS.publicKey), SIGNATURE_OR_FORMAT, `${cut} bytes cut`);
    }
    rejected('truncated signatures', () => verifyToken(token(PAYLOAD.subarray(BODY_LENGTH + 1)), KEYS.publicKey), [TokenFormatError], 'signature only, short');
    rejected('truncated signatures', () => verifyToken(token(new Uint8Array(0)), KEYS.publicKey), [TokenFormatError], 'empty payload');
  });

  test('other PASETO versions and purposes', () => {
    const cases = [
      ['v2.local.', 'unsupported-purpose'],
      ['v1.public.', 'unsupported-version'],
      ['v1.local.', 'unsupported-version'],
      ['v3.public.', 'unsupported-version'],
      ['v3.local.', 'unsupported-version'],
      ['v4.public.', 'unsupported-version'],
      ['v4.local.', 'unsupported-version'],
      ['v9.public.', 'unsupported-version'],
      ['V2.public.', 'not-paseto'],
      ['v2.PUBLIC.', 'not-paseto'],
      ['v2.secret.', 'not-paseto'],
      ['v02.public.', 'not-paseto'],
      ['v2..', 'not-paseto'],
      ['k2.public.', 'not-paseto'],
    ];
    for (const [header, reason] of cases) {
      rejected('other headers', () => verifyToken(token(PAYLOAD, FOOTER_BYTES, header), KEYS.publicKey), [TokenFormatError], header);
      assert.throws(() => verifyToken(token(PAYLOAD, FOOTER_BYTES, header), KEYS.publicKey), (e) => e.reason === reason);
    }
  });

  test('a footer taken from another token, removed or added', () => {
    const otherFooter = { cert: { case: 'keyId', value: 'conman:2' }, issuer: 'replit.com' };
    const other = signToken(MESSAGE, KEYS.secretKey, otherFooter);
    const swapped = `${TOKEN.split('.').slice(0, 3).join('.')}.${other.split('.')[3]}`;
    rejected('footer swaps', () => verifyToken(swapped, KEYS.publicKey), [TokenSignatureError], 'footer of another token');
    rejected('footer swaps', () => verifyToken(token(PAYLOAD, null), KEYS.publicKey), [TokenSignatureError], 'footer removed');
    rejected('footer swaps', () => verifyToken(token(PAYLOAD, new Uint8Array(0)), KEYS.publicKey), [TokenSignatureError], 'empty footer');
    const bare = signToken(MESSAGE, KEYS.secretKey);
    rejected('footer swaps', () => verifyToken(`${bare}.${FOOTER_TEXT}`, KEYS.publicKey), [TokenSignatureError], 'footer added');
    // The payload of one token with the signature of another.
    const otherPayload = Buffer.from(signToken({ ...MESSAGE, cluster: 'other' }, KEYS.secretKey, FOOTER).split('.')[2], 'base64url');
    const spliced = Buffer.concat([PAYLOAD.subarray(0, BODY_LENGTH), otherPayload.subarray(otherPayload.length - 64)]);
    rejected('footer swaps', () => verifyToken(token(spliced), KEYS.publicKey), [TokenSignatureError], 'signature of another token');
  });

  test('public keys of every wrong length, in bytes and text', () => {
    for (let n = 0; n <= 64; n++) {
      if (n === 32) continue;
      const key = KEYS.secretKey.length >= n ? KEYS.secretKey.slice(0, n) : new Uint8Array(n);
      rejected('public keys of wrong length', () => verifyToken(TOKEN, key), [KeyError], `${n} bytes`);
      rejected('public keys of wrong length (hex)', () => verifyToken(TOKEN, Buffer.from(key).toString('hex')), [KeyError], `${n} bytes`);
      rejected('public keys of wrong length (base64url)', () => verifyToken(TOKEN, Buffer.from(key).toString('base64url')), [KeyError], `${n} bytes`);
    }
    rejected('public keys of wrong length', () => verifyToken(TOKEN, KEYS.secretKey), [KeyError], 'a 64-byte secret key as public');
  });

  test('secret keys of every wrong length, and a mismatched pair', () => {
    for (let n = 0; n <= 128; n++) {
      if (n === 32 || n === 64) continue;
      rejected('secret keys of wrong length', () => signToken(MESSAGE, new Uint8Array(n).fill(7)), [KeyError], `${n} bytes`);
    }
    const mismatched = Uint8Array.from([...KEYS.secretKey.subarray(0, 32), ...OTHER.publicKey]);
    rejected('secret keys of wrong length', () => signToken(MESSAGE, mismatched), [KeyError], 'seed with another public key');
  });

  test('every rejection is a TokenError or a KeyError, never anything else', () => {
    for (const [, counts] of totals) {
      for (const key of Object.keys(counts)) assert.match(key, /^(TokenSignatureError|TokenFormatError\/[a-z0-9-]+|KeyError)$/);
    }
    assert.ok(TokenSignatureError.prototype instanceof TokenError);
  });
});
