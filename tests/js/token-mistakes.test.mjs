// The usual mistakes with token text, over the built package and its command line: wrappers
// people paste tokens in (Bearer, quotes, backticks, line wrapping, whitespace) are taken off
// when what remains is exactly a token, with every strict check kept; a JWT, a key and a token
// cut short are each named by a TokenFormatError with a stable `reason`; DER key bytes given as
// a key are named.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as gt from '../../pkg/node.js';

const { parseToken, verifyToken, inspectToken, signToken, TokenFormatError, TokenSignatureError, KeyError } = gt;

const KEYS = await gt.generateSigningKeyPair();
const MESSAGE = { iat: new Date('2025-01-01T00:00:00Z'), cluster: 'global', metadata: { case: 'repl', value: { id: 'repl-1' } } };
const FOOTER = { cert: { case: 'keyId', value: 'dev:1' }, issuer: 'replit.com' };
const TOKEN = await signToken(MESSAGE, KEYS.secretKey, FOOTER, { allowExpired: true });
const BARE = await signToken(MESSAGE, KEYS.secretKey, undefined, { allowExpired: true });
const AT = { now: '2025-01-01T00:30:00Z' };
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const PASERK_SECRET = `k2.secret.${Buffer.from(KEYS.secretKey).toString('base64url')}`;
const PASERK_PUBLIC = `k2.public.${Buffer.from(KEYS.publicKey).toString('base64url')}`;

/** The token wrapped at `width` characters, each line after the first indented. */
const wrapped = (token, width, newline = '\n', indent = '    ') => token.match(new RegExp(`.{1,${width}}`, 'g')).join(newline + indent);

/** The TokenFormatError `fn` throws (or rejects with). */
async function formatError(fn) {
  try {
    await fn();
  } catch (error) {
    assert.ok(error instanceof TokenFormatError, `expected a TokenFormatError, got ${error?.name}: ${error?.message}`);
    return error;
  }
  assert.fail('no error');
}

describe('wrappers around a token are taken off', () => {
  const forms = [
    ['Bearer and a space', `Bearer ${TOKEN}`],
    ['bearer in lower case, a tab', `bearer\t${TOKEN}`],
    ['double quotes', `"${TOKEN}"`],
    ['single quotes', `'${TOKEN}'`],
    ['backticks', `\`${TOKEN}\``],
    ['typographic quotes', `\u201c${TOKEN}\u201d`],
    ['quotes around Bearer', `"Bearer ${TOKEN}"`],
    ['Bearer around quotes', `Bearer '${TOKEN}'`],
    ['surrounding whitespace and newlines', `\n\t  ${TOKEN} \r\n`],
    ['wrapped over lines', wrapped(TOKEN, 60, '\n', '')],
    ['wrapped over indented CRLF lines, in quotes', `"${wrapped(TOKEN, 50, '\r\n')}"`],
    ['a URL in quotes', `'wss://eval.global.replit.com/wsv2/${TOKEN}'`],
  ];
  for (const [name, input] of forms) {
    test(`${name}: parses and verifies as the bare token`, async () => {
      const parsed = parseToken(input);
      assert.equal(parsed.token, TOKEN);
      assert.equal((await verifyToken(input, KEYS.publicKey, AT)).message.cluster, 'global');
      assert.equal((await inspectToken(input, { ...AT, publicKey: KEYS.publicKey })).verdict, 'valid');
    });
  }

  test('the strict checks stay: a changed character inside a wrapped or quoted token is still refused', async () => {
    const i = 40;
    const changed = TOKEN.slice(0, i) + (TOKEN[i] === 'A' ? 'B' : 'A') + TOKEN.slice(i + 1);
    await assert.rejects(verifyToken(`"${wrapped(changed, 30)}"`, KEYS.publicKey, AT), (e) => e instanceof TokenSignatureError || e instanceof TokenFormatError);
    await assert.rejects(verifyToken(`Bearer ${changed}`, KEYS.publicKey, AT), (e) => e instanceof TokenSignatureError || e instanceof TokenFormatError);
  });

  test('only whole wrappers come off: unmatched quotes, a space inside, text around it are refused', async () => {
    assert.equal((await formatError(() => parseToken(`"${TOKEN}'`))).reason, 'not-paseto');
    assert.equal((await formatError(() => parseToken(`"${TOKEN}`))).reason, 'not-paseto');
    assert.equal((await formatError(() => parseToken(`token: ${TOKEN}`))).reason, 'not-paseto');
    assert.equal((await formatError(() => parseToken('Bearer'))).reason, 'not-paseto');
    const empty = await formatError(() => parseToken(' "" '));
    assert.equal(empty.reason, 'not-paseto');
    assert.match(empty.message, /^not a repl token: the input is empty;/);
    const spaced = await formatError(() => parseToken(`${TOKEN.slice(0, 50)} ${TOKEN.slice(50)}`));
    assert.equal(spaced.reason, 'invalid-base64url');
    assert.match(spaced.message, /a space at character \d+/);
  });

  test('where the token starts in the input is still reported', () => {
    const gtPaseto = `  Bearer "${TOKEN}"`;
    return import('../../pkg/token/paseto.js').then(({ locateToken }) => {
      assert.equal(locateToken(gtPaseto).start, gtPaseto.indexOf('v2.'));
    });
  });
});

describe('named mistakes', () => {
  test('a JWT is named as one (reason jwt), also after Bearer', async () => {
    for (const input of [JWT, `Bearer ${JWT}`, `"${JWT}"`]) {
      const error = await formatError(() => parseToken(input));
      assert.equal(error.reason, 'jwt');
      assert.match(error.message, /this is a JWT .*not a repl token.*v2\.public\./);
    }
    assert.equal((await formatError(() => verifyToken(JWT, KEYS.publicKey))).reason, 'jwt');
  });

  test('a PASERK key or a PEM block given as the token is a key, not a token (reason key-not-token), its bytes unsaid', async () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    const cases = [
      [PASERK_SECRET, /this is a key \(PASERK k2\.secret\.…\), not a token/],
      [PASERK_PUBLIC, /this is a key \(PASERK k2\.public\.…\), not a token/],
      [`"${PASERK_PUBLIC}"`, /PASERK k2\.public\./],
      [pem, /this is a key \(PEM PRIVATE KEY\), not a token/],
      ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', /this is a PEM block \(CERTIFICATE\), not a token/],
    ];
    for (const [input, message] of cases) {
      const error = await formatError(() => parseToken(input));
      assert.equal(error.reason, 'key-not-token');
      assert.match(error.message, message);
      const body = input.includes('PRIVATE') ? pem.split('\n')[1] : input.slice(10, 30);
      assert.ok(!error.message.includes(body) && !error.stack.includes(body), 'no key bytes in the message');
    }
  });

  test('a token cut short anywhere is named as cut short (reason truncated), never as bad base64url', async () => {
    for (const token of [BARE, TOKEN]) {
      const reasons = {};
      for (let cut = 1; cut < token.length - 'v2.public.'.length + 7; cut++) {
        let error;
        try {
          parseToken(token.slice(0, -cut));
        } catch (e) {
          error = e;
        }
        if (error === undefined) continue; // cut at the very end of a footer's base64: the signature catches it
        assert.ok(error instanceof TokenFormatError, `${cut}: ${error.name}`);
        reasons[error.reason] = (reasons[error.reason] ?? 0) + 1;
        // What a cut at a quad boundary leaves is valid base64 of a cut protobuf.
        // A cut right after the "." leaves an empty footer: refused as such, named as maybe cut short.
        assert.ok(['truncated', 'empty-footer', 'invalid-message', 'invalid-footer'].includes(error.reason), `${cut} characters cut: ${error.reason}: ${error.message}`);
        if (error.reason === 'truncated' || error.reason === 'empty-footer') assert.match(error.message, /cut short/);
        await assert.rejects(verifyToken(token.slice(0, -cut), KEYS.publicKey, AT), (e) => e instanceof TokenSignatureError || e.reason === 'truncated' || e.reason === 'empty-footer');
      }
      console.log(`${token === BARE ? 'no footer' : 'footer'}: ${JSON.stringify(reasons)}`);
      assert.ok(reasons.truncated > 0.9 * Object.values(reasons).reduce((a, b) => a + b), 'most cuts are named as cut short');
    }
  });

  test('a payload of a length base64url cannot have, or shorter than a signature, says cut short', async () => {
    const payload = BARE.slice('v2.public.'.length);
    const oneOver = `v2.public.${payload.slice(0, payload.length - (payload.length % 4) - 3)}`; // 4n + 1 characters
    for (const [input, path, message] of [
      [oneOver, 'payload', /the payload ends partway through a byte .*cut short/],
      ['v2.public.AAAA', 'payload', /the payload has 3 bytes, fewer than the 64 of a signature: the token looks cut short/],
      ['v2.public.', 'payload', /the payload has 0 bytes.*cut short/],
      ['v2.publ', '', /ends within its header v2\.public\.: it looks cut short/],
    ]) {
      const error = await formatError(() => parseToken(input));
      assert.equal(error.reason, 'truncated', input);
      assert.equal(error.path, path);
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /not unpadded base64url/);
    }
  });

  test('bad base64url names the character', async () => {
    for (const [input, message] of [
      [`${BARE}=`, /padding \("="\) at character \d+/],
      [`${BARE.slice(0, 30)}+${BARE.slice(31)}`, /"\+" \(standard base64, not base64url\) at character 21/],
      [`${BARE.slice(0, 30)}\u00e9${BARE.slice(31)}`, /U\+00E9 at character 21/],
    ]) {
      const error = await formatError(() => parseToken(input));
      assert.equal(error.reason, 'invalid-base64url');
      assert.match(error.message, message);
    }
  });
});

describe('DER key bytes given as a key are named', () => {
  const ed = generateKeyPairSync('ed25519');
  const spki = ed.publicKey.export({ type: 'spki', format: 'der' });
  const pkcs8 = ed.privateKey.export({ type: 'pkcs8', format: 'der' });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' });

  test('as the public key', async () => {
    for (const [key, message] of [
      [new Uint8Array(spki), /^publicKey: 44 bytes of DER SPKI \(an Ed25519 public key in its X\.509 wrapping\): give it as PEM text/],
      [spki.toString('base64'), /^publicKey: base64 or hex of 44 bytes of DER SPKI/],
      [spki.toString('hex'), /^publicKey: base64 or hex of 44 bytes of DER SPKI/],
      [new Uint8Array(pkcs8), /DER PKCS#8 bytes: a secret key, not a public key/],
      [new Uint8Array(rsa), /DER SPKI of an RSA key, not an Ed25519 key/],
      [ec.toString('base64'), /base64 or hex of DER SPKI of an EC \(ECDSA\) key, not an Ed25519 key/],
    ]) {
      await assert.rejects(verifyToken(TOKEN, key, AT), (e) => e instanceof KeyError && message.test(e.message));
    }
  });

  test('a token given as a key is named as a token, not echoed', async () => {
    await assert.rejects(verifyToken(TOKEN, TOKEN, AT), (e) => e instanceof KeyError && e.message === 'publicKey: this is a PASETO token (v2.public.…), not a key');
    await assert.rejects(signToken(MESSAGE, ` ${TOKEN}`, undefined, { allowExpired: true }), (e) => e instanceof KeyError && e.message === 'secretKey: this is a PASETO token (v2.public.…), not a key');
  });

  test('as the secret key', async () => {
    await assert.rejects(signToken(MESSAGE, new Uint8Array(spki), undefined, { allowExpired: true }), (e) => e instanceof KeyError && /44 bytes of DER SPKI is a public key, not a secret key/.test(e.message));
    await assert.rejects(signToken(MESSAGE, pkcs8.toString('base64'), undefined, { allowExpired: true }), (e) => e instanceof KeyError && /base64 or hex of DER PKCS#8 bytes: give the key as PKCS#8 PEM text/.test(e.message));
    await assert.rejects(signToken(MESSAGE, new Uint8Array(rsa), undefined, { allowExpired: true }), (e) => e instanceof KeyError && /DER SPKI of an RSA key/.test(e.message));
  });
});

describe('the command line shows the same', () => {
  const cli = fileURLToPath(new URL('../../pkg/cli/cli.js', import.meta.url));
  const run = (args, input = '') => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', timeout: 60_000 });

  test('inspect takes "Bearer <token>" (argument or stdin) and a quoted, wrapped token', () => {
    for (const [args, input] of [
      [['inspect', `Bearer ${TOKEN}`, '--key', PASERK_PUBLIC, '--now', AT.now]],
      [['inspect', '--key', PASERK_PUBLIC, '--now', AT.now], `"${wrapped(TOKEN, 64)}"\n`],
    ]) {
      const r = run(args, input);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /valid/i);
    }
  });

  test('a JWT, a key and a cut token exit 1 with the reason in words', () => {
    for (const [args, message, stdin] of [
      [['inspect', JWT], /^TokenFormatError: this is a JWT/],
      [['decode', `Bearer ${JWT}`], /^TokenFormatError: this is a JWT/],
      [['inspect', PASERK_SECRET], /^TokenFormatError: this is a key \(PASERK k2\.secret\.…\), not a token/],
      [['decode'], /^TokenFormatError: this is a key \(PEM PUBLIC KEY\), not a token/, '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n'],
      [['inspect', BARE.slice(0, -5)], /^TokenFormatError: payload: .*cut short/],
      [['verify', TOKEN.slice(0, -2), '--key', PASERK_PUBLIC], /cut short|signature does not verify/],
    ]) {
      const r = run(args, stdin);
      assert.equal(r.status, 1, `${args[0]}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.ok(!r.stderr.includes(PASERK_SECRET.slice(10)), 'no key bytes');
    }
  });
});
