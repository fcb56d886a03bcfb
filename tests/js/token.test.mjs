// Repl tokens: parse, verify, sign, keys and the inspect report, over the built package;
// interoperability with an independent PASETO implementation (the `paseto` npm package).
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';

import * as gt from '../../pkg/node.js';

const { V2 } = createRequire(import.meta.url)('paseto');
const {
  decodeReplToken,
  encodeGovalSigningAuthority,
  encodeReplToken,
  generateSigningKeyPair,
  inspectToken,
  parseToken,
  signToken,
  verifyToken,
  KeyError,
  TokenClaimError,
  TokenError,
  TokenExpiredError,
  TokenFormatError,
  TokenNotYetValidError,
  TokenSignatureError,
  GovalTokenError,
} = gt;

const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const hex = (bytes) => Buffer.from(bytes).toString('hex');

const KEYS = generateSigningKeyPair();
const OTHER_KEYS = generateSigningKeyPair();
const IAT = new Date('2025-01-01T00:00:00Z');
const MESSAGE = {
  iat: IAT,
  exp: '2025-01-01T01:00:15Z',
  salt: 'c2FsdHNhbHRzYWx0',
  cluster: 'global',
  persistence: 'EPHEMERAL',
  metadata: { case: 'repl', value: { id: 'repl-1', language: 'python3', user: 'ada' } },
  resourceLimits: { net: true, memory: 2n ** 31n, threads: 2, shares: 1024, disk: 10n * 2n ** 30n },
  presenced: { bearerID: 42, bearerName: 'ada' },
  flags: ['a'],
};
const FOOTER = { cert: { case: 'keyId', value: 'dev:1' }, issuer: 'replit.com' };
const TOKEN = signToken(MESSAGE, KEYS.secretKey, FOOTER);

/** A token from raw parts: the body text, an optional footer text, a signature. */
function rawToken(bodyText, footerText, signature = new Uint8Array(64)) {
  const payload = Buffer.concat([Buffer.from(bodyText, 'latin1'), Buffer.from(signature)]);
  return `v2.public.${b64url(payload)}${footerText === undefined ? '' : `.${b64url(Buffer.from(footerText, 'latin1'))}`}`;
}

function throwsToken(fn, ErrorClass, fields) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof ErrorClass, `expected ${ErrorClass.name}, got ${error?.name}: ${error?.message}`);
    assert.ok(error instanceof GovalTokenError);
    assert.equal(error.name, ErrorClass.name);
    for (const [key, value] of Object.entries(fields ?? {})) {
      if (value instanceof RegExp) assert.match(error[key], value, key);
      else assert.deepStrictEqual(error[key], value, key);
    }
    return true;
  });
}

describe('parseToken', () => {
  test('takes a signed token apart', () => {
    const parsed = parseToken(TOKEN);
    assert.deepStrictEqual(Object.keys(parsed), ['version', 'purpose', 'message', 'footer', 'signature', 'messageBase64', 'footerBase64', 'token']);
    assert.equal(parsed.version, 'v2');
    assert.equal(parsed.purpose, 'public');
    assert.deepStrictEqual(parsed.message, decodeReplToken(encodeReplToken(MESSAGE)));
    assert.deepStrictEqual(parsed.footer, { cert: { case: 'keyId', value: 'dev:1' }, version: 'BARE_REPL_TOKEN', issuer: 'replit.com' });
    assert.equal(parsed.messageBase64, b64(encodeReplToken(MESSAGE)));
    assert.equal(parsed.footerBase64, b64(encodeGovalSigningAuthority(FOOTER)));
    assert.ok(parsed.signature instanceof Uint8Array);
    assert.equal(parsed.signature.length, 64);
    assert.equal(parsed.token, TOKEN);
  });

  test('finds the token in a wss://…/wsv2/<token> URL, with a trailing path or query, and trims space', () => {
    for (const input of [
      `wss://eval.global.replit.com/wsv2/${TOKEN}`,
      `wss://eval.global.replit.com/wsv2/${TOKEN}/__polling`,
      `https://host:443/wsv2/${TOKEN}?x=1#y`,
      `  ${TOKEN}\n`,
      ` wss://héllo.example/wsv2/${TOKEN}`,
    ]) {
      const parsed = parseToken(input);
      assert.equal(parsed.token, TOKEN);
      assert.equal(parsed.message.cluster, 'global');
    }
  });

  test('a token without a footer has footer undefined', () => {
    const token = signToken(MESSAGE, KEYS.secretKey);
    assert.equal(token.split('.').length, 3);
    const parsed = parseToken(token);
    assert.equal(parsed.footer, undefined);
    assert.equal(parsed.footerBase64, '');
    assert.equal(verifyToken(token, KEYS.publicKey).message.cluster, 'global');
  });

  test('an older footer with only a key id decodes as the same message', () => {
    const token = rawToken(b64(encodeReplToken({})), b64(Buffer.from([0x0a, 0x06, ...Buffer.from('prod:3')])));
    assert.deepStrictEqual(parseToken(token).footer, { cert: { case: 'keyId', value: 'prod:3' }, version: 'BARE_REPL_TOKEN', issuer: '' });
  });

  const formatCases = [
    ['a non-string', 42, 'not-a-string', ''],
    ['plain text', 'hello', 'not-paseto', ''],
    ['two parts', 'v2.public', 'not-paseto', ''],
    ['five parts', 'v2.public.a.b.c', 'not-paseto', ''],
    ['another purpose', 'v2.secret.abc', 'not-paseto', ''],
    ['a URL without /wsv2/', `https://replit.com/${TOKEN}`, 'not-paseto', ''],
    ['v1', 'v1.public.abc', 'unsupported-version', ''],
    ['v3', 'v3.public.abc', 'unsupported-version', ''],
    ['v4', 'v4.public.abc.def', 'unsupported-version', ''],
    ['v2.local', 'v2.local.abc', 'unsupported-purpose', ''],
    ['padding in the payload', `${TOKEN.split('.').slice(0, 3).join('.')}=`, 'invalid-base64url', 'payload'],
    ['a bad payload character', 'v2.public.ab!d', 'invalid-base64url', 'payload'],
    ['a bad footer', `${TOKEN.split('.').slice(0, 3).join('.')}.a+b`, 'invalid-base64url', 'footer'],
    ['a payload shorter than a signature', `v2.public.${b64url(new Uint8Array(63))}`, 'payload-too-short', 'payload'],
    ['a body that is not base64', rawToken('not base64!'), 'body-not-base64', 'message'],
    ['a body in base64url', rawToken(b64url(Buffer.from([0xfb, 0xff]))), 'body-not-base64', 'message'],
    ['a footer that is not base64', rawToken(b64(encodeReplToken({})), 'no!'), 'footer-not-base64', 'footer'],
  ];
  for (const [name, input, reason, path] of formatCases) {
    test(`${name} is a TokenFormatError (${reason})`, () => {
      throwsToken(() => parseToken(input), TokenFormatError, { reason, path });
    });
  }

  test('a string longer than any token fails at once', () => {
    throwsToken(() => parseToken(`v2.public.${'A'.repeat(3 << 20)}`), TokenFormatError, { reason: 'too-long' });
  });

  test('a protobuf error names the field and its offset in the protobuf bytes', () => {
    const body = b64(Buffer.from([0x22, 0x01, 0x61, 0x52, 0x03, 0x10, 0xff, 0xff]));
    throwsToken(() => parseToken(rawToken(body)), TokenFormatError, {
      reason: 'invalid-message',
      path: 'message.resourceLimits.memory',
      offset: 6,
      message: /^message\.resourceLimits\.memory: the message is not a valid ReplToken: the bytes end in the middle of a field \(at byte 6 of the protobuf\)$/,
    });
    const error = (() => {
      try {
        parseToken(rawToken(body));
      } catch (e) {
        return e;
      }
    })();
    assert.equal(error.cause.name, 'DecodeError');
    throwsToken(() => parseToken(rawToken(b64(encodeReplToken({})), b64(Buffer.from([0x0a, 0x05, 0x61])))), TokenFormatError, {
      reason: 'invalid-footer',
      path: 'footer.keyId',
      offset: 1,
    });
  });

  test('a footer version other than BARE_REPL_TOKEN is unsupported', () => {
    const footer = b64(encodeGovalSigningAuthority({ version: 'TYPE_AWARE_TOKEN' }));
    throwsToken(() => parseToken(rawToken(b64(encodeReplToken({})), footer)), TokenFormatError, {
      reason: 'unsupported-footer-version',
      path: 'footer.version',
      message: /TYPE_AWARE_TOKEN/,
    });
    const unknown = b64(encodeGovalSigningAuthority({ version: 7 }));
    throwsToken(() => parseToken(rawToken(b64(encodeReplToken({})), unknown)), TokenFormatError, { message: /version 7/ });
  });

  test('every token error is a TokenError', () => {
    assert.ok(new TokenFormatError('x', { reason: 'not-paseto' }) instanceof TokenError);
    assert.ok(new TokenSignatureError('x') instanceof TokenError);
  });
});

describe('verifyToken', () => {
  const spkiPem = (raw) =>
    createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(raw) }, format: 'jwk' }).export({ type: 'spki', format: 'pem' });

  test('accepts the public key as raw bytes, base64, base64url, hex, PEM (SPKI) and PASERK', () => {
    const pk = KEYS.publicKey;
    for (const key of [pk, b64(pk), b64url(pk), b64(pk).replace(/=+$/, ''), hex(pk), hex(pk).toUpperCase(), spkiPem(pk), `k2.public.${b64url(pk)}`]) {
      assert.equal(verifyToken(TOKEN, key).message.cluster, 'global', String(key));
    }
  });

  test('a wrong key, a changed body, a footer from another token and a changed signature all fail', () => {
    throwsToken(() => verifyToken(TOKEN, OTHER_KEYS.publicKey), TokenSignatureError, { path: 'signature' });
    const other = signToken({ ...MESSAGE, cluster: 'other' }, KEYS.secretKey, { cert: { case: 'keyId', value: 'dev:2' } });
    const swapped = `${TOKEN.split('.').slice(0, 3).join('.')}.${other.split('.')[3]}`;
    throwsToken(() => verifyToken(swapped, KEYS.publicKey), TokenSignatureError);
    const parsed = parseToken(TOKEN);
    const signature = parsed.signature.slice();
    signature[10] ^= 1;
    throwsToken(() => verifyToken(rawToken(parsed.messageBase64, parsed.footerBase64, signature), KEYS.publicKey), TokenSignatureError);
    const body = parsed.messageBase64.replace('Z', 'Y');
    assert.notEqual(body, parsed.messageBase64);
    assert.throws(() => verifyToken(rawToken(body, parsed.footerBase64, parsed.signature), KEYS.publicKey), TokenError);
    const withoutFooter = TOKEN.split('.').slice(0, 3).join('.');
    throwsToken(() => verifyToken(withoutFooter, KEYS.publicKey), TokenSignatureError);
  });

  test('bad public keys are KeyErrors', () => {
    for (const [key, message] of [
      [new Uint8Array(31), /32 bytes, got 31/],
      ['zz', /any accepted form/],
      [`k4.public.${b64url(KEYS.publicKey)}`, /k2\.public\./],
      [`k2.secret.${b64url(KEYS.secretKey)}`, /k2\.public\./],
      ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', /SPKI public/],
      [42, /Uint8Array or a string/],
    ]) {
      throwsToken(() => verifyToken(TOKEN, key), KeyError, { path: 'publicKey', message });
    }
  });

  test('checks time only when now is given, with the schema rules', () => {
    const iat = { seconds: 1735689600n };
    throwsToken(() => verifyToken(TOKEN, KEYS.publicKey, { now: '2024-12-31T23:59:59Z' }), TokenNotYetValidError, {
      path: 'iat',
      validFrom: IAT,
    });
    assert.ok(verifyToken(TOKEN, KEYS.publicKey, { now: IAT }));
    assert.ok(verifyToken(TOKEN, KEYS.publicKey, { now: '2025-01-01T01:00:14.999Z' }));
    throwsToken(() => verifyToken(TOKEN, KEYS.publicKey, { now: '2025-01-01T01:00:15Z' }), TokenExpiredError, {
      path: 'exp',
      expiredAt: new Date('2025-01-01T01:00:15Z'),
    });
    assert.ok(verifyToken(TOKEN, KEYS.publicKey, { now: '2025-01-01T01:00:19Z', clockSkewSeconds: 5 }));
    throwsToken(() => verifyToken(TOKEN, KEYS.publicKey, { now: '2025-01-01T01:00:20Z', clockSkewSeconds: 5 }), TokenExpiredError);
    assert.ok(verifyToken(TOKEN, KEYS.publicKey, { now: '2024-12-31T23:59:58Z', clockSkewSeconds: 2 }));
    assert.ok(verifyToken(TOKEN, KEYS.publicKey), 'an expired token verifies when no now is given');
    // exp unset: iat + 1 h.
    const noExp = signToken({ iat }, KEYS.secretKey);
    assert.ok(verifyToken(noExp, KEYS.publicKey, { now: '2025-01-01T00:59:59Z' }));
    throwsToken(() => verifyToken(noExp, KEYS.publicKey, { now: '2025-01-01T01:00:00Z' }), TokenExpiredError);
    // iat unset: the UNIX epoch, so exp unset means 1970-01-01T01:00:00Z.
    const neither = signToken({}, KEYS.secretKey);
    throwsToken(() => verifyToken(neither, KEYS.publicKey, { now: new Date() }), TokenExpiredError, {
      expiredAt: new Date('1970-01-01T01:00:00Z'),
    });
    assert.ok(verifyToken(neither, KEYS.publicKey, { now: '1970-01-01T00:30:00Z' }));
    assert.ok(verifyToken(signToken({ exp: '2100-01-01T00:00:00Z' }, KEYS.secretKey), KEYS.publicKey, { now: new Date() }));
  });

  test('checks cluster and replId only when given', () => {
    assert.ok(verifyToken(TOKEN, KEYS.publicKey, { cluster: 'global', replId: 'repl-1' }));
    throwsToken(() => verifyToken(TOKEN, KEYS.publicKey, { cluster: 'us' }), TokenClaimError, {
      claim: 'cluster',
      expected: 'us',
      actual: 'global',
      path: 'cluster',
    });
    throwsToken(() => verifyToken(TOKEN, KEYS.publicKey, { replId: 'repl-2' }), TokenClaimError, { claim: 'replId', actual: 'repl-1' });
    const byId = signToken({ metadata: { case: 'id', value: { id: 'repl-9' } } }, KEYS.secretKey);
    assert.ok(verifyToken(byId, KEYS.publicKey, { replId: 'repl-9' }));
    const classroom = signToken({ metadata: { case: 'classroom', value: { id: 'repl-9' } } }, KEYS.secretKey);
    throwsToken(() => verifyToken(classroom, KEYS.publicKey, { replId: 'repl-9' }), TokenClaimError, { actual: undefined });
  });

  test('bad options are errors naming the option', () => {
    throwsToken(() => verifyToken(TOKEN, KEYS.publicKey, { skew: 1 }), GovalTokenError, { path: 'options' });
    throwsToken(() => verifyToken(TOKEN, KEYS.publicKey, { clockSkewSeconds: -1 }), GovalTokenError, { path: 'options.clockSkewSeconds' });
    throwsToken(() => verifyToken(TOKEN, KEYS.publicKey, { now: 'soon' }), GovalTokenError, { path: 'options.now' });
    throwsToken(() => verifyToken(TOKEN, KEYS.publicKey, { cluster: 1 }), GovalTokenError, { path: 'options.cluster' });
  });
});

describe('signToken and keys', () => {
  test('generateSigningKeyPair gives 32 + 64 bytes whose halves agree, different each time', () => {
    const { publicKey, secretKey } = generateSigningKeyPair();
    assert.equal(publicKey.length, 32);
    assert.equal(secretKey.length, 64);
    assert.deepStrictEqual(secretKey.slice(32), publicKey);
    assert.notDeepStrictEqual(generateSigningKeyPair().publicKey, publicKey);
  });

  test('accepts the secret key as a seed, 64 bytes, PKCS#8 PEM, PASERK, hex and base64', () => {
    const seed = KEYS.secretKey.slice(0, 32);
    const pkcs8 = createPrivateKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: b64url(KEYS.publicKey), d: b64url(seed) },
      format: 'jwk',
    }).export({ type: 'pkcs8', format: 'pem' });
    for (const key of [seed, KEYS.secretKey, pkcs8, `k2.secret.${b64url(KEYS.secretKey)}`, hex(seed), b64(KEYS.secretKey)]) {
      // Ed25519 signatures are deterministic: every form of the same key signs identically.
      assert.equal(signToken(MESSAGE, key, FOOTER), TOKEN);
    }
  });

  test('bad secret keys are KeyErrors', () => {
    const mismatched = new Uint8Array([...KEYS.secretKey.slice(0, 32), ...OTHER_KEYS.publicKey]);
    for (const [key, message] of [
      [mismatched, /not the public key of the first 32/],
      [new Uint8Array(33), /got 33 bytes/],
      [`k2.public.${b64url(KEYS.publicKey)}`, /k2\.secret\./],
      [`k2.secret.${b64url(KEYS.secretKey.slice(0, 32))}`, /got 32 bytes/],
      ['not a key', /any accepted form/],
      [undefined, /Uint8Array or a string/],
    ]) {
      throwsToken(() => signToken(MESSAGE, key), KeyError, { path: 'secretKey', message });
    }
  });

  test('the message and footer are validated like encode input', () => {
    assert.throws(() => signToken({ clusters: 'x' }, KEYS.secretKey), (e) => e.name === 'EncodeError' && e.path === 'clusters');
    assert.throws(() => signToken({}, KEYS.secretKey, { keyId: 'x' }), (e) => e.name === 'EncodeError' && e.path === 'keyId');
  });
});

describe('inspectToken', () => {
  test('reports everything in a token for people', () => {
    const report = inspectToken(TOKEN, { now: '2025-01-01T00:30:00Z', publicKey: KEYS.publicKey });
    assert.equal(report.status, 'valid');
    assert.equal(report.secondsLeft, 1815);
    assert.equal(report.iat, '2025-01-01T00:00:00Z');
    assert.equal(report.exp, '2025-01-01T01:00:15Z');
    assert.equal(report.effectiveExp, '2025-01-01T01:00:15Z');
    assert.equal(report.expDefaulted, false);
    assert.equal(report.signature, 'valid');
    assert.equal(report.persistence, 'EPHEMERAL');
    assert.equal(report.metadata.kind, 'repl');
    assert.equal(report.replId, 'repl-1');
    assert.equal(report.resourceLimits.memory, '2 GiB (2147483648 bytes)');
    assert.equal(report.resourceLimits.disk, '10 GiB (10737418240 bytes)');
    assert.deepStrictEqual(report.presenced, { bearerID: 42, bearerName: 'ada' });
    assert.deepStrictEqual(report.footer, { keyId: 'dev:1', signedCert: undefined, issuer: 'replit.com', version: 'BARE_REPL_TOKEN' });
    assert.deepStrictEqual(report.notes, []);
    assert.equal(inspectToken(TOKEN, { publicKey: OTHER_KEYS.publicKey }).signature, 'invalid');
    assert.equal(inspectToken(TOKEN).signature, 'not checked');
    assert.equal(inspectToken(TOKEN).status, 'expired');
  });

  test('reports odd tokens instead of throwing: defaults, unknown fields and enum values from newer schemas', () => {
    const bytes = encodeReplToken({
      persistence: 3,
      format: 1,
      metadata: { case: 'classroom', value: { id: 'c' } },
      resourceLimits: { memory: 1536, $unknown: [{ no: 7, wireType: 0, data: new Uint8Array([1]) }] },
      $unknown: [
        { no: 20, wireType: 0, data: new Uint8Array([1]) },
        { no: 99, wireType: 2, data: new Uint8Array([0xab, 0xcd]) },
      ],
    });
    const token = rawToken(b64(bytes));
    const report = inspectToken(token, { now: '1970-01-01T00:10:00Z' });
    assert.equal(report.status, 'valid');
    assert.equal(report.iat, undefined);
    assert.equal(report.effectiveIat, '1970-01-01T00:00:00Z');
    assert.equal(report.effectiveExp, '1970-01-01T01:00:00Z');
    assert.ok(report.iatDefaulted && report.expDefaulted);
    assert.equal(report.persistence, 'READ_ONLY (3)');
    assert.equal(report.resourceLimits.memory, '1.50 KiB (1536 bytes)');
    assert.deepStrictEqual(
      report.unknownFields.map(({ path, name, wireType, hex: h }) => [path, name, wireType, h]),
      [
        ['#20', 'paid', 'varint', '01'],
        ['#99', undefined, 'length-delimited', 'abcd'],
        ['resourceLimits.#7', 'restrictNetwork', 'varint', '01'],
      ],
    );
    for (const note of [/iat is unset/, /exp is unset/, /persistence 3.*READ_ONLY/, /JSON is deprecated/, /classroom metadata is deprecated/, /3 field\(s\) unknown/]) {
      assert.ok(report.notes.some((n) => note.test(n)), String(note));
    }
  });

  test('a malformed token still throws its TokenFormatError, and bad options are errors', () => {
    throwsToken(() => inspectToken('nope'), TokenFormatError, { reason: 'not-paseto' });
    throwsToken(() => inspectToken(TOKEN, { when: 1 }), GovalTokenError, { path: 'options' });
    throwsToken(() => inspectToken(TOKEN, { publicKey: 'zz' }), KeyError);
  });
});

describe('interoperability with the paseto npm package', () => {
  test('tokens we sign verify there', async () => {
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(KEYS.publicKey) }, format: 'jwk' });
    const { payload, footer } = await V2.verify(TOKEN, publicKey, { buffer: true, complete: true });
    assert.equal(payload.toString('latin1'), parseToken(TOKEN).messageBase64);
    assert.equal(footer.toString('latin1'), parseToken(TOKEN).footerBase64);
    assert.deepStrictEqual(decodeReplToken(Buffer.from(payload.toString('latin1'), 'base64')), parseToken(TOKEN).message);
  });

  test('tokens signed there verify here, with their keys in PEM', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const body = Buffer.from(b64(encodeReplToken(MESSAGE)), 'latin1');
    const footer = Buffer.from(b64(encodeGovalSigningAuthority(FOOTER)), 'latin1');
    const token = await V2.sign(body, privateKey, { footer });
    const pem = publicKey.export({ type: 'spki', format: 'pem' });
    const verified = verifyToken(token, pem, { cluster: 'global' });
    assert.deepStrictEqual(verified.message, parseToken(TOKEN).message);
    assert.equal(verified.footer.cert.value, 'dev:1');
    // And the same key, exported as PKCS#8, signs here exactly as it signs there.
    const ours = signToken(MESSAGE, privateKey.export({ type: 'pkcs8', format: 'pem' }), FOOTER);
    assert.equal(ours, token);
    throwsToken(() => verifyToken(token, KEYS.publicKey), TokenSignatureError);
  });
});
