// The token cases, shared by Node (tests/js/token.test.mjs, over pkg/node.js and node:crypto)
// and headless Chromium (tests/browser/token.test.mjs, over pkg/index.js and WebCrypto):
// parse, verify, sign, key forms, time rules, options, inspect, and the issue 10 attacks.
// Ported from tests/common/token.rs (the Rust token core this replaced) and the former
// tests/js/token.test.mjs. Only platform-neutral APIs here (WebCrypto, no Buffer).
import { b64, b64url, concat, deepEqual, equal, fromHex, hex, latin1, match, ok, rejects } from './check.mjs';

const SPKI_PREFIX = fromHex('302a300506032b6570032100');
const PKCS8_PREFIX = fromHex('302e020100300506032b657004220420');
const PKCS8_V2_PREFIX = fromHex('3051020101300506032b657004220420');

/** PEM with lines of `width` characters. */
export function pem(label, der, width = 64) {
  const body = b64(der).match(new RegExp(`.{1,${width}}`, 'g')).join('\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** Signs arbitrary bytes with a 64-byte secret key through WebCrypto (the test's own signer). */
export async function rawSign(secretKey, bytes) {
  const key = await crypto.subtle.importKey('pkcs8', concat(PKCS8_PREFIX, secretKey.subarray(0, 32)), 'Ed25519', false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('Ed25519', key, bytes));
}

/** PASETO's PAE, written here independently of the package. */
export function pae(...pieces) {
  const le64 = (n) => {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
    return out;
  };
  return concat(le64(pieces.length), ...pieces.flatMap((p) => [le64(p.length), p]));
}

/** A token from raw parts: the body text M, an optional footer text F, a signature. */
export function rawToken(body, footer, signature = new Uint8Array(64), header = 'v2.public.') {
  const m = typeof body === 'string' ? latin1(body) : body;
  const f = typeof footer === 'string' ? latin1(footer) : footer;
  return `${header}${b64url(concat(m, signature))}${f === undefined ? '' : `.${b64url(f)}`}`;
}

/** Every substring of 8+ characters of `secret`'s key material (its public labels removed). */
export function leaks(text, secret) {
  const material = secret.replace(/^k2\.(secret|public)\./, '').replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  for (let i = 0; i + 8 <= material.length; i++) if (text.includes(material.slice(i, i + 8))) return material.slice(i, i + 8);
  return undefined;
}

export async function tokenCases({ gt, paseto, base64 }) {
  const {
    decodeReplToken,
    encodeGovalSigningAuthority,
    encodeReplToken,
    generateSigningKeyPair,
    inspectToken,
    parseToken,
    signToken,
    verifyToken,
    GovalTokenError,
    KeyError,
    TokenClaimError,
    TokenError,
    TokenExpiredError,
    TokenFormatError,
    TokenNotYetValidError,
    TokenSignatureError,
  } = gt;

  const KEYS = await generateSigningKeyPair();
  const OTHER_KEYS = await generateSigningKeyPair();
  const SEED = KEYS.secretKey.slice(0, 32);
  const IAT = new Date('2025-01-01T00:00:00Z');
  const NOW = '2025-01-01T00:30:00Z';
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
  const TOKEN = await signToken(MESSAGE, KEYS.secretKey, FOOTER, { allowExpired: true });
  const PARSED = parseToken(TOKEN);
  const M = latin1(PARSED.messageBase64);
  const F = latin1(PARSED.footerBase64);
  const at = (now) => ({ now });

  const spkiPem = (raw) => pem('PUBLIC KEY', concat(SPKI_PREFIX, raw));
  const pkcs8Pem = (seed) => pem('PRIVATE KEY', concat(PKCS8_PREFIX, seed));
  const pkcs8V2Pem = (seed, publicKey) => pem('PRIVATE KEY', concat(PKCS8_V2_PREFIX, seed, fromHex('812100'), publicKey));
  const publicJwk = (raw) => ({ kty: 'OKP', crv: 'Ed25519', x: b64url(raw) });
  const privateJwk = (secret) => ({ kty: 'OKP', crv: 'Ed25519', x: b64url(secret.subarray(32)), d: b64url(secret.subarray(0, 32)) });
  const paserkPublic = (raw) => `k2.public.${b64url(raw)}`;
  const paserkSecret = (secret) => `k2.secret.${b64url(secret)}`;
  const cryptoPublic = (raw) => crypto.subtle.importKey('raw', raw, 'Ed25519', true, ['verify']);
  const cryptoPrivate = (secret) => crypto.subtle.importKey('pkcs8', concat(PKCS8_PREFIX, secret.subarray(0, 32)), 'Ed25519', false, ['sign']);

  /** Every form of a public key (CryptoKey included). */
  async function publicForms(raw) {
    return [
      ['raw bytes', raw],
      ['base64', b64(raw)],
      ['base64 unpadded', b64(raw).replace(/=+$/, '')],
      ['base64url', b64url(raw)],
      ['base64url padded', `${b64url(raw)}=`],
      ['hex', hex(raw)],
      ['HEX', hex(raw).toUpperCase()],
      ['PEM (SPKI)', spkiPem(raw)],
      ['PEM (SPKI, 16-character lines)', pem('PUBLIC KEY', concat(SPKI_PREFIX, raw), 16)],
      ['PASERK', paserkPublic(raw)],
      ['JWK', publicJwk(raw)],
      ['CryptoKey', await cryptoPublic(raw)],
    ];
  }

  const cases = [];
  const test = (name, fn) => cases.push({ name, fn });

  // ------------------------------------------------------------------ PAE and parse

  test('PAE matches the PASETO vectors', () => {
    deepEqual(paseto.pae([]), new Uint8Array(8));
    deepEqual(paseto.pae([new Uint8Array(0)]), Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    deepEqual(paseto.pae([latin1('test')]), concat(Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0]), latin1('test')));
    deepEqual(paseto.pae([latin1('v2.public.'), M, F]), pae(latin1('v2.public.'), M, F));
  });

  test('strict base64: only the canonical spelling decodes, on every platform path (fresh or reused arrays)', () => {
    // [text, base64url bytes, base64 bytes] (hex; null: refused), from the plain-JS decoder.
    const table = [['', '', ''], ['A', null, null], ['AB', null, null], ['AR', null, null], ['AQ', '01', null], ['AAB', null, null],
      ['AA=', null, null], ['AA==', null, '00'], ['A-', null, null], ['A+B', null, null], ['AQ==', null, '01'], [' AQ', null, null],
      ['AQ\n', null, null], ['A_=', null, null], ['AQI=', null, '0102'], ['AQID', '010203', '010203'], ['AR==', null, null],
      ['AQJ=', null, null], ['AQ=', null, null], ['A===', null, null], ['AQ==AQ==', null, null], ['AQ-_', '010fbf', null],
      ['AQ=A', null, null], ['====', null, null], ['AQ I=', null, null], ['AQ\tD', null, null], ['AQ=D', null, null],
      ['_-_-', 'ffeffe', null], ['+/+/', null, 'fbffbf'], ['AQIDBA', '01020304', null], ['AQIDBB', null, null],
      ['AQIDBAU', '0102030405', null], ['AQIDBAV', null, null], ['AQIDBAU=', null, '0102030405'], ['AQIDBA==', null, '01020304'],
      ['AQIDBA=', null, null], ['\u20acQID', null, null], ['AQ\u00e9D', null, null]];
    const hexOf = (b) => (b === undefined ? null : Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(''));
    for (const [text, url, std] of table) {
      for (const slot of [undefined, 0, 2]) {
        equal(hexOf(base64.decodeBase64Url(text, slot)), url, `base64url ${JSON.stringify(text)} slot ${slot}`);
        equal(hexOf(base64.decodeBase64(text, slot)), std, `base64 ${JSON.stringify(text)} slot ${slot}`);
      }
    }
  });

  test('parseToken takes a signed token apart', () => {
    deepEqual(Object.keys(PARSED), ['version', 'purpose', 'messageType', 'message', 'footer', 'signature', 'messageBase64', 'footerBase64', 'token']);
    equal(PARSED.messageType, 'ReplToken');
    equal(PARSED.version, 'v2');
    equal(PARSED.purpose, 'public');
    deepEqual(PARSED.message, decodeReplToken(encodeReplToken(MESSAGE)));
    deepEqual(PARSED.footer, { cert: { case: 'keyId', value: 'dev:1' }, version: 'BARE_REPL_TOKEN', issuer: 'replit.com' });
    equal(PARSED.messageBase64, b64(encodeReplToken(MESSAGE)));
    equal(PARSED.footerBase64, b64(encodeGovalSigningAuthority(FOOTER)));
    ok(PARSED.signature instanceof Uint8Array && PARSED.signature.length === 64);
    equal(PARSED.signature.buffer.byteLength, 64, 'the signature owns its memory (no view of a shared pool)');
    equal(PARSED.token, TOKEN);
  });

  test('parseToken finds the token in a wss://…/wsv2/<token> URL, with a trailing path or query, and trims space', () => {
    for (const input of [
      `wss://eval.global.replit.com/wsv2/${TOKEN}`,
      `wss://eval.global.replit.com/wsv2/${TOKEN}/__polling`,
      `https://host:443/wsv2/${TOKEN}?x=1#y`,
      `  ${TOKEN}\n`,
      ` wss://héllo.example/wsv2/${TOKEN}`,
      `wss://é.example/wsv2/${TOKEN}/__polling`,
    ]) {
      const parsed = parseToken(input);
      equal(parsed.token, TOKEN, input);
      equal(parsed.message.cluster, 'global');
    }
  });

  test('a token without a footer has footer undefined, and signs and verifies', async () => {
    const token = await signToken(MESSAGE, KEYS.secretKey, undefined, { allowExpired: true });
    equal(token.split('.').length, 3);
    const parsed = parseToken(token);
    equal(parsed.footer, undefined);
    equal(parsed.footerBase64, '');
    equal((await verifyToken(token, KEYS.publicKey, at(NOW))).message.cluster, 'global');
    await rejects(() => verifyToken(token, OTHER_KEYS.publicKey, at(NOW)), TokenSignatureError);
  });

  test('an older footer with only a key id decodes as the same message', () => {
    const token = rawToken(b64(encodeReplToken({})), b64(Uint8Array.from([0x0a, 0x06, ...latin1('prod:3')])));
    deepEqual(parseToken(token).footer, { cert: { case: 'keyId', value: 'prod:3' }, version: 'BARE_REPL_TOKEN', issuer: '' });
  });

  const zeroSignatureBody = (bytes) => `v2.public.${b64url(concat(bytes, new Uint8Array(64)))}`;
  const threeParts = TOKEN.split('.').slice(0, 3).join('.');
  const formatCases = [
    ['a non-string', 42, 'not-a-string', ''],
    ['an empty string', '', 'not-paseto', ''],
    ['plain text', 'hello', 'not-paseto', ''],
    ['the header alone, cut short', 'v2.public', 'truncated', ''],
    ['half a header', 'v2.pub', 'truncated', ''],
    ['a two-digit version', 'v22.public.x', 'not-paseto', ''],
    ['five parts', 'v2.public.a.b.c', 'not-paseto', ''],
    ['another purpose', 'v2.secret.abc', 'not-paseto', ''],
    ['a URL without /wsv2/', `https://replit.com/${TOKEN}`, 'not-paseto', ''],
    ['v0', 'v0.public.abc', 'unsupported-version', ''],
    ['v1', 'v1.public.abc', 'unsupported-version', ''],
    ['v3', 'v3.public.x', 'unsupported-version', ''],
    ['v4', 'v4.public.abc.def', 'unsupported-version', ''],
    ['v2.local', 'v2.local.x', 'unsupported-purpose', ''],
    ['padding in the payload', `${threeParts}=`, 'invalid-base64url', 'payload'],
    ['a padded short payload', 'v2.public.a=', 'invalid-base64url', 'payload'],
    ['a bad payload character', 'v2.public.ab!d', 'invalid-base64url', 'payload'],
    // The last part of a token is where a copy cut short ends: a length or final character
    // base64url cannot have there is reported as cut short; before a footer it is bad base64url.
    ['non-zero trailing bits in the last part (the payload)', `${zeroSignatureBody(new Uint8Array(0)).slice(0, -1)}B`, 'truncated', 'payload'],
    ['non-zero trailing bits in the payload, before a footer', `${zeroSignatureBody(new Uint8Array(0)).slice(0, -1)}B.AA`, 'invalid-base64url', 'payload'],
    ['non-zero trailing bits in the last part (the footer)', `${zeroSignatureBody(new Uint8Array(0))}.AB`, 'truncated', 'footer'],
    ['a payload of 4n + 1 characters', `${zeroSignatureBody(new Uint8Array(2))}A`, 'truncated', 'payload'],
    ['a bad footer', `${threeParts}.a+b`, 'invalid-base64url', 'footer'],
    ['a % footer', `${zeroSignatureBody(new Uint8Array(0))}.%`, 'invalid-base64url', 'footer'],
    ['a payload shorter than a signature', 'v2.public.AAAA', 'truncated', 'payload'],
    ['an empty payload', 'v2.public.', 'truncated', 'payload'],
    ['a payload of 63 bytes', `v2.public.${b64url(new Uint8Array(63))}`, 'truncated', 'payload'],
    ['a payload of 63 bytes before a footer', `v2.public.${b64url(new Uint8Array(63))}.AA`, 'payload-too-short', 'payload'],
    ['a body that is not base64', rawToken('not base64!'), 'body-not-base64', 'message'],
    ['a body of !!!!', zeroSignatureBody(latin1('!!!!')), 'body-not-base64', 'message'],
    ['a body that is not text', zeroSignatureBody(Uint8Array.from([0xff, 0xfe])), 'body-not-base64', 'message'],
    ['a body in base64url', rawToken(b64url(Uint8Array.from([0xfb, 0xff]))), 'body-not-base64', 'message'],
    ['a body with non-zero trailing bits', rawToken('AR=='), 'body-not-base64', 'message'],
    ['a footer that is not base64', rawToken(b64(encodeReplToken({})), 'no!'), 'footer-not-base64', 'footer'],
    ['a footer of ?', `${zeroSignatureBody(new Uint8Array(0))}.${b64url(latin1('?'))}`, 'footer-not-base64', 'footer'],
  ];
  for (const [name, input, reason, path] of formatCases) {
    test(`parseToken: ${name} is a TokenFormatError (${reason})`, async () => {
      await rejects(() => parseToken(input), TokenFormatError, { reason, path });
    });
  }

  test('parseToken: a payload shorter than a signature says how long it is', async () => {
    await rejects(() => parseToken('v2.public.AAAA'), TokenFormatError, { message: /payload has 3 bytes/ });
  });

  test('parseToken: a string longer than any token fails at once', async () => {
    await rejects(() => parseToken(`v2.public.${'A'.repeat(3 << 20)}`), TokenFormatError, { reason: 'too-long' });
    await rejects(() => parseToken('A'.repeat((2 << 20) + 1)), TokenFormatError, { reason: 'too-long' });
    await rejects(() => parseToken('é'.repeat((1 << 20) + 1)), TokenFormatError, { reason: 'too-long' });
  });

  test('parseToken: a protobuf error names the field and its offset in the protobuf bytes', async () => {
    const body = b64(Uint8Array.from([0x22, 0x01, 0x61, 0x52, 0x03, 0x10, 0xff, 0xff]));
    const error = await rejects(() => parseToken(rawToken(body)), TokenFormatError, {
      reason: 'invalid-message',
      path: 'message.resourceLimits.memory',
      offset: 6,
      message: /^message\.resourceLimits\.memory: the message is not a valid ReplToken: .*\(at byte 6 of the protobuf\)$/,
    });
    equal(error.cause.name, 'DecodeError');
    await rejects(() => parseToken(rawToken(b64(Uint8Array.from([0x22, 0x05, 0x61])))), TokenFormatError, { path: 'message.cluster', offset: 1 });
    await rejects(() => parseToken(rawToken(b64(encodeReplToken({})), b64(Uint8Array.from([0x0a, 0x05, 0x61])))), TokenFormatError, {
      reason: 'invalid-footer',
      path: 'footer.keyId',
      offset: 1,
    });
  });

  test('parseToken: a footer version other than BARE_REPL_TOKEN or TYPE_AWARE_TOKEN is unsupported; verifyToken reads only BARE_REPL_TOKEN', async () => {
    const footer = b64(encodeGovalSigningAuthority({ version: 'TYPE_AWARE_TOKEN' }));
    equal(parseToken(rawToken(b64(encodeReplToken({})), footer)).messageType, 'GovalReplIdentity');
    const typeAware = await signToken({}, KEYS.secretKey, { version: 'TYPE_AWARE_TOKEN' }, { allowExpired: true });
    await rejects(() => verifyToken(typeAware, KEYS.publicKey, { now: false }), TokenFormatError, {
      reason: 'unsupported-footer-version',
      path: 'footer.version',
      message: /TYPE_AWARE_TOKEN/,
    });
    const unknown = b64(encodeGovalSigningAuthority({ version: 7 }));
    await rejects(() => parseToken(rawToken(b64(encodeReplToken({})), unknown)), TokenFormatError, { message: /version 7/ });
  });

  test('every token error is a TokenError and a GovalTokenError', () => {
    ok(new TokenFormatError('x', { reason: 'not-paseto' }) instanceof TokenError);
    ok(new TokenSignatureError('x') instanceof TokenError);
    ok(TokenError.prototype instanceof GovalTokenError);
  });

  // ------------------------------------------------------------------ verify

  test('verifyToken accepts the public key in every form', async () => {
    for (const [form, key] of await publicForms(KEYS.publicKey)) {
      equal((await verifyToken(TOKEN, key, at(NOW))).message.cluster, 'global', form);
      await rejects(() => verifyToken(TOKEN, OTHER_KEYS.publicKey, at(NOW)), TokenSignatureError, {}, form);
    }
  });

  test('verifyToken resolves to what parseToken gives', async () => {
    deepEqual(await verifyToken(TOKEN, KEYS.publicKey, at(NOW)), PARSED);
  });

  test('verifyToken: key text mixing the base64 and base64url alphabets is refused', async () => {
    let raw;
    let text;
    for (let i = 0; i < 200 && text === undefined; i++) {
      raw = (await generateSigningKeyPair()).publicKey;
      const std = b64(raw);
      const at = [...std].findIndex((c) => c === '+' || c === '/');
      if (at >= 0 && /[+/]/.test(std.slice(at + 1))) text = std.slice(0, at) + (std[at] === '+' ? '-' : '_') + std.slice(at + 1);
    }
    ok(text !== undefined, 'a key with two of + and / in its base64');
    await rejects(() => verifyToken(TOKEN, text, at(NOW)), KeyError, { message: /any accepted form/ });
    await rejects(() => verifyToken(TOKEN, text.replace(/=+$/, ''), at(NOW)), KeyError, { message: /any accepted form/ });
  });

  test('verifyToken: a wrong key, a changed body, a footer from another token and a changed signature all fail', async () => {
    await rejects(() => verifyToken(TOKEN, OTHER_KEYS.publicKey, at(NOW)), TokenSignatureError, { path: 'signature' });
    const other = await signToken({ ...MESSAGE, cluster: 'other' }, KEYS.secretKey, { cert: { case: 'keyId', value: 'dev:2' } }, { allowExpired: true });
    await rejects(() => verifyToken(`${threeParts}.${other.split('.')[3]}`, KEYS.publicKey, at(NOW)), TokenSignatureError);
    const signature = PARSED.signature.slice();
    signature[10] ^= 1;
    await rejects(() => verifyToken(rawToken(M, F, signature), KEYS.publicKey, at(NOW)), TokenSignatureError);
    const body = PARSED.messageBase64.replace('Z', 'Y');
    ok(body !== PARSED.messageBase64);
    await rejects(() => verifyToken(rawToken(body, F, PARSED.signature), KEYS.publicKey, at(NOW)), TokenSignatureError);
    await rejects(() => verifyToken(threeParts, KEYS.publicKey, at(NOW)), TokenSignatureError);
  });

  test('verifyToken refuses a signature of the right key over every wrong byte string', async () => {
    const header = latin1('v2.public.');
    const wrong = [
      ['the bare body M', M],
      ['the bare footer F', F],
      ['M‖F', concat(M, F)],
      ['F‖M', concat(F, M)],
      ['PAE without the footer', pae(header, M)],
      ['PAE with an empty footer', pae(header, M, new Uint8Array(0))],
      ['PAE with the footer first', pae(header, F, M)],
      ['PAE without the header', pae(M, F)],
      ['PAE under v4.public.', pae(latin1('v4.public.'), M, F)],
      ['PAE under v2.local.', pae(latin1('v2.local.'), M, F)],
      ['PAE under v2.public (no dot)', pae(latin1('v2.public'), M, F)],
      ['header‖M‖F', concat(header, M, F)],
      ['PAE of the decoded protobuf', pae(header, encodeReplToken(MESSAGE), encodeGovalSigningAuthority(FOOTER))],
    ];
    for (const [name, bytes] of wrong) {
      const signature = await rawSign(KEYS.secretKey, bytes);
      await rejects(() => verifyToken(rawToken(M, F, signature), KEYS.publicKey, at(NOW)), TokenSignatureError, {}, name);
    }
    // The control: the right bytes, signed the same way, verify.
    const right = await rawSign(KEYS.secretKey, pae(header, M, F));
    equal(rawToken(M, F, right), TOKEN);
  });

  test('verifyToken checks the signature before decoding: a forged undecodable body is a TokenSignatureError', async () => {
    for (const body of ['not base64!', b64(Uint8Array.from([0x22, 0x05, 0x61])), b64(Uint8Array.from([0xff, 0xff, 0xff]))]) {
      await rejects(() => verifyToken(rawToken(body, F), KEYS.publicKey, at(NOW)), TokenSignatureError, {}, body);
    }
    await rejects(() => verifyToken(rawToken(M, 'no!'), KEYS.publicKey, at(NOW)), TokenSignatureError, {}, 'footer');
    const footer = b64(encodeGovalSigningAuthority({ version: 'TYPE_AWARE_TOKEN' }));
    await rejects(() => verifyToken(rawToken(M, footer), KEYS.publicKey, at(NOW)), TokenSignatureError, {}, 'type-aware footer');
    // A forged 110 KB body (under the 128 KiB limit) is refused by its signature, never decoded.
    const huge = b64(new Uint8Array(60_000).fill(0x0a));
    ok(rawToken(huge, F).length > 100_000);
    await rejects(() => verifyToken(rawToken(huge, F), KEYS.publicKey, at(NOW)), TokenSignatureError, {}, 'huge');
  });

  test('verifyToken: bad public keys are KeyErrors naming the publicKey', async () => {
    for (const [key, message] of [
      [new Uint8Array(31), /32 bytes, got 31/],
      [new Uint8Array(5), /32 bytes, got 5/],
      ['zz', /any accepted form/],
      ['???', /any accepted form/],
      [paserkPublic(KEYS.publicKey).replace('k2', 'k4'), /k2\.public\./],
      [paserkPublic(KEYS.publicKey).replace('k2', 'k0'), /must start with k2\.public\./],
      [b64(new Uint8Array(48).fill(1)), /32 bytes, got 48/],
      [concat(PKCS8_PREFIX, SEED), /DER PKCS#8 bytes: a secret key, not a public key/],
      [paserkSecret(KEYS.secretKey), /secret key/],
      [pkcs8Pem(SEED), /secret key/],
      [privateJwk(KEYS.secretKey), /secret key/],
      [{ seed: SEED }, /secret key/],
      [await cryptoPrivate(KEYS.secretKey), /secret key/],
      ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', /SPKI public/],
      ['-----BEGIN PUBLIC KEY-----\nAA==\n-----END PUBLIC KEY-----', /SPKI public/],
      [pem('PUBLIC KEY', concat(SPKI_PREFIX, KEYS.publicKey).subarray(0, 43)), /SPKI public/],
      [pem('PUBLIC KEY', concat(SPKI_PREFIX, KEYS.publicKey, new Uint8Array(1))), /SPKI public/],
      [spkiPem(KEYS.publicKey).replace('END PUBLIC', 'END PRIVATE'), /SPKI public/],
      [pem('RSA PUBLIC KEY', concat(SPKI_PREFIX, KEYS.publicKey)), /SPKI public/],
      [concat(SPKI_PREFIX, KEYS.publicKey), /DER SPKI/],
      [{ kty: 'OKP', crv: 'X25519', x: b64url(KEYS.publicKey) }, /not an Ed25519/],
      [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }, /32 bytes/],
      [42, /Uint8Array or a string/],
      [undefined, /Uint8Array or a string/],
      [null, /Uint8Array or a string/],
      [[1, 2], /Uint8Array or a string/],
    ]) {
      await rejects(() => verifyToken(TOKEN, key, at(NOW)), KeyError, { path: /^publicKey/, message }, String(message));
    }
  });

  test('verifyToken refuses small-order, non-canonical and off-curve public keys', async () => {
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const p = fromHex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
    const order8 = fromHex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05');
    const order8b = fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
    const minusOne = fromHex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
    const signedIdentity = identity.slice();
    signedIdentity[31] |= 0x80;
    for (const [name, key, message] of [
      ['identity', identity, /small order/],
      ['zero (order 4)', new Uint8Array(32), /small order/],
      ['-1 (order 2)', minusOne, /small order/],
      ['order 8', order8, /small order/],
      ['order 8 (the other)', order8b, /small order/],
      ['order 8 with the sign bit', (() => { const k = order8.slice(); k[31] ^= 0x80; return k; })(), /small order/],
      ['p (0 spelt non-canonically)', p, /non-canonical/],
      ['identity with the x sign bit set', signedIdentity, /non-canonical|small order/],
      ['all ones', new Uint8Array(32).fill(0xff), /non-canonical/],
      ['not on the curve', fromHex('0200000000000000000000000000000000000000000000000000000000000000'), /not a point on the curve/],
    ]) {
      await rejects(() => verifyToken(TOKEN, key, at(NOW)), KeyError, { message }, name);
      await rejects(() => verifyToken(TOKEN, hex(key), at(NOW)), KeyError, { message }, `${name} (hex)`);
    }
  });

  test('verifyToken refuses malleated (S + L), zero, and small-order-R signatures', async () => {
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const sig = PARSED.signature;
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]);
    s += L;
    const sBytes = new Uint8Array(32);
    for (let i = 0; i < 32; i++) sBytes[i] = Number((s >> BigInt(8 * i)) & 0xffn);
    await rejects(() => verifyToken(rawToken(M, F, concat(sig.subarray(0, 32), sBytes)), KEYS.publicKey, at(NOW)), TokenSignatureError, {}, 's + L');
    await rejects(() => verifyToken(rawToken(M, F, new Uint8Array(64)), KEYS.publicKey, at(NOW)), TokenSignatureError, {}, 'zero');
    const identityR = new Uint8Array(64);
    identityR[0] = 1;
    await rejects(() => verifyToken(rawToken(M, F, identityR), KEYS.publicKey, at(NOW)), TokenSignatureError, {}, 'R = identity, S = 0');
  });

  test('verifyToken checks the clock by default: an expired token without now is a TokenExpiredError', async () => {
    const error = await rejects(() => verifyToken(TOKEN, KEYS.publicKey), TokenExpiredError, { path: 'exp', expiredAt: new Date('2025-01-01T01:00:15Z') });
    ok(error.now instanceof Date && Math.abs(error.now.getTime() - Date.now()) < 60_000, 'now is the current time');
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, {}), TokenExpiredError);
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { now: undefined }), TokenExpiredError, {}, 'now: undefined means the current time');
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { cluster: 'global' }), TokenExpiredError);
    const future = await signToken({ iat: '2999-01-01T00:00:00Z' }, KEYS.secretKey, undefined, { allowExpired: true });
    await rejects(() => verifyToken(future, KEYS.publicKey), TokenNotYetValidError);
    const current = await signToken({ iat: new Date(Date.now() - 15_000), exp: new Date(Date.now() + 3_600_000) }, KEYS.secretKey, undefined, { allowExpired: true });
    ok(await verifyToken(current, KEYS.publicKey));
  });

  test('verifyToken with now: false skips the time check, and nothing else', async () => {
    equal((await verifyToken(TOKEN, KEYS.publicKey, { now: false })).message.cluster, 'global');
    await rejects(() => verifyToken(TOKEN, OTHER_KEYS.publicKey, { now: false }), TokenSignatureError);
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { now: false, cluster: 'us' }), TokenClaimError);
    for (const value of [null, true, 0, 'false', 'soon', []]) {
      await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { now: value }), GovalTokenError, { path: 'options.now' }, String(value));
    }
  });

  test('verifyToken follows the schema time rules', async () => {
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { now: '2024-12-31T23:59:59Z' }), TokenNotYetValidError, { path: 'iat', validFrom: IAT });
    ok(await verifyToken(TOKEN, KEYS.publicKey, { now: IAT }));
    ok(await verifyToken(TOKEN, KEYS.publicKey, { now: '2025-01-01T01:00:14.999Z' }));
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { now: '2025-01-01T01:00:15Z' }), TokenExpiredError, { path: 'exp', expiredAt: new Date('2025-01-01T01:00:15Z') });
    ok(await verifyToken(TOKEN, KEYS.publicKey, { now: '2025-01-01T01:00:19Z', clockSkewSeconds: 5 }));
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { now: '2025-01-01T01:00:20Z', clockSkewSeconds: 5 }), TokenExpiredError);
    ok(await verifyToken(TOKEN, KEYS.publicKey, { now: '2024-12-31T23:59:58Z', clockSkewSeconds: 2 }));
    // exp unset: iat + 1 h.
    const onlyIat = await signToken({ iat: { seconds: 100n } }, KEYS.secretKey, undefined, { allowExpired: true });
    const when = (s) => ({ now: { seconds: BigInt(s), nanos: 0 } });
    ok(await verifyToken(onlyIat, KEYS.publicKey, when(100)));
    ok(await verifyToken(onlyIat, KEYS.publicKey, when(3699)));
    await rejects(() => verifyToken(onlyIat, KEYS.publicKey, when(3700)), TokenExpiredError, { expiredAt: new Date(3_700_000) });
    await rejects(() => verifyToken(onlyIat, KEYS.publicKey, when(99)), TokenNotYetValidError, { validFrom: new Date(100_000) });
    ok(await verifyToken(onlyIat, KEYS.publicKey, { ...when(99), clockSkewSeconds: 1 }));
    ok(await verifyToken(onlyIat, KEYS.publicKey, { ...when(3700), clockSkewSeconds: 1 }));
    // iat unset: the UNIX epoch, so exp unset means 1970-01-01T01:00:00Z.
    const neither = await signToken({}, KEYS.secretKey, undefined, { allowExpired: true });
    await rejects(() => verifyToken(neither, KEYS.publicKey, { now: new Date() }), TokenExpiredError, { expiredAt: new Date('1970-01-01T01:00:00Z') });
    ok(await verifyToken(neither, KEYS.publicKey, { now: '1970-01-01T00:30:00Z' }));
    ok(await verifyToken(neither, KEYS.publicKey, when(0)));
    await rejects(() => verifyToken(neither, KEYS.publicKey, when(-1)), TokenNotYetValidError);
    ok(await verifyToken(await signToken({ exp: '2100-01-01T00:00:00Z' }, KEYS.secretKey, undefined, { allowExpired: true }), KEYS.publicKey, { now: new Date() }));
    // The widest lifetime and skew.
    const widest = await signToken({ iat: { seconds: 0n }, exp: { seconds: 2n ** 63n - 1n } }, KEYS.secretKey, undefined, { allowExpired: true });
    ok(await verifyToken(widest, KEYS.publicKey, { now: { seconds: 2n ** 63n - 2n, nanos: 0 }, clockSkewSeconds: Number.MAX_SAFE_INTEGER }));
  });

  test('verifyToken: an explicit all-zero exp means the epoch, not "unset"', async () => {
    const zeroExp = await signToken({ iat: { seconds: 0n, nanos: 0 }, exp: { seconds: 0n, nanos: 0 } }, KEYS.secretKey, undefined, { allowExpired: true });
    ok(parseToken(zeroExp).message.exp !== undefined, 'the codec keeps an explicit zero exp');
    await rejects(() => verifyToken(zeroExp, KEYS.publicKey, { now: '1970-01-01T00:30:00Z' }), TokenExpiredError, { expiredAt: new Date(0) });
    await rejects(() => verifyToken(zeroExp, KEYS.publicKey, { now: { seconds: 0n, nanos: 0 } }), TokenExpiredError);
    const report = await inspectToken(zeroExp, { now: '1970-01-01T00:30:00Z', publicKey: KEYS.publicKey });
    equal(report.timeStatus, 'expired');
    equal(report.effectiveExp, '1970-01-01T00:00:00Z');
    equal(report.expDefaulted, false);
    const zeroIatOnly = await signToken({ exp: { seconds: 0n } }, KEYS.secretKey, undefined, { allowExpired: true });
    await rejects(() => verifyToken(zeroIatOnly, KEYS.publicKey, { now: '1970-01-01T00:30:00Z' }), TokenExpiredError);
  });

  test('verifyToken checks cluster and replId only when given', async () => {
    ok(await verifyToken(TOKEN, KEYS.publicKey, { now: NOW, cluster: 'global', replId: 'repl-1' }));
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { now: NOW, cluster: 'us' }), TokenClaimError, { claim: 'cluster', expected: 'a string of 2 characters', actual: 'global', path: 'cluster' });
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { now: NOW, replId: 'repl-2' }), TokenClaimError, { claim: 'replId', actual: 'repl-1' });
    const byId = await signToken({ metadata: { case: 'id', value: { id: 'repl-9' } } }, KEYS.secretKey, undefined, { allowExpired: true });
    ok(await verifyToken(byId, KEYS.publicKey, { now: false, replId: 'repl-9' }));
    const classroom = await signToken({ metadata: { case: 'classroom', value: { id: 'repl-9' } } }, KEYS.secretKey, undefined, { allowExpired: true });
    await rejects(() => verifyToken(classroom, KEYS.publicKey, { now: false, replId: 'repl-9' }), TokenClaimError, { actual: undefined });
  });

  test('verifyToken: bad options are errors naming the option', async () => {
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { skew: 1 }), GovalTokenError, { path: 'options', message: /unknown option "skew"/ });
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { clockSkewSeconds: -1 }), GovalTokenError, { path: 'options.clockSkewSeconds' });
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { clockSkewSeconds: 1.5 }), GovalTokenError, { path: 'options.clockSkewSeconds' });
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { now: 'soon' }), GovalTokenError, { path: 'options.now' });
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { cluster: 1 }), GovalTokenError, { path: 'options.cluster' });
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, 'now'), GovalTokenError, { path: 'options' });
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { [Symbol('now')]: false }), GovalTokenError, { path: 'options' });
  });

  test('a polluted Object.prototype cannot weaken (or change) verification', async () => {
    const names = ['now', 'clockSkewSeconds', 'cluster', 'replId', 'seed', 'd', 'kty', 'publicKey'];
    const values = { now: false, clockSkewSeconds: 10 ** 12, cluster: 'evil', replId: 'evil', seed: SEED, d: b64url(SEED), kty: 'OKP', publicKey: OTHER_KEYS.publicKey };
    try {
      for (const name of names) Object.defineProperty(Object.prototype, name, { value: values[name], configurable: true, writable: true });
      await rejects(() => verifyToken(TOKEN, KEYS.publicKey), TokenExpiredError, {}, 'no options');
      await rejects(() => verifyToken(TOKEN, KEYS.publicKey, {}), TokenExpiredError, {}, 'empty options');
      await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { clockSkewSeconds: 0 }), TokenExpiredError, {}, 'own skew');
      equal((await verifyToken(TOKEN, KEYS.publicKey, { now: NOW })).message.cluster, 'global', 'cluster from the prototype is no claim');
      equal((await inspectToken(TOKEN)).signature, 'not-checked', 'publicKey from the prototype is not used');
      equal((await inspectToken(TOKEN)).timeStatus, 'expired');
      await rejects(() => signToken(MESSAGE, {}, undefined, { allowExpired: true }), KeyError, {}, 'an empty object is no { seed }');
    } finally {
      for (const name of names) delete Object.prototype[name];
    }
  });

  // ------------------------------------------------------------------ sign and keys

  test('generateSigningKeyPair gives 32 + 64 bytes whose halves agree, different each time', async () => {
    const { publicKey, secretKey } = await generateSigningKeyPair();
    equal(publicKey.length, 32);
    equal(secretKey.length, 64);
    deepEqual(secretKey.slice(32), publicKey);
    ok(hex((await generateSigningKeyPair()).publicKey) !== hex(publicKey));
    const token = await signToken(MESSAGE, secretKey, undefined, { allowExpired: true });
    ok(await verifyToken(token, publicKey, at(NOW)));
  });

  test('signToken accepts the secret key in every form that says it is secret, and each signs identically', async () => {
    const forms = [
      ['64 bytes', KEYS.secretKey],
      ['PASERK', paserkSecret(KEYS.secretKey)],
      ['PKCS#8 PEM', pkcs8Pem(SEED)],
      ['PKCS#8 v2 PEM (with the public key)', pkcs8V2Pem(SEED, KEYS.publicKey)],
      ['hex of 64 bytes', hex(KEYS.secretKey)],
      ['base64 of 64 bytes', b64(KEYS.secretKey)],
      ['base64url of 64 bytes', b64url(KEYS.secretKey)],
      ['JWK with d', privateJwk(KEYS.secretKey)],
      ['JWK with d only', { kty: 'OKP', crv: 'Ed25519', d: b64url(SEED) }],
      ['{ seed }', { seed: SEED }],
      ['CryptoKey', await cryptoPrivate(KEYS.secretKey)],
    ];
    for (const [form, key] of forms) {
      // Ed25519 signatures are deterministic: every form of the same key signs identically.
      equal(await signToken(MESSAGE, key, FOOTER, { allowExpired: true }), TOKEN, form);
    }
    deepEqual(SEED, KEYS.secretKey.slice(0, 32), 'the caller\'s seed is left as it was');
  });

  test('signToken: bad secret keys are KeyErrors', async () => {
    const mismatched = concat(SEED, OTHER_KEYS.publicKey);
    for (const [key, message] of [
      [mismatched, /not the public key of the first 32/],
      [paserkSecret(mismatched), /not the public key of the first 32/],
      [hex(mismatched), /not the public key of the first 32/],
      [pkcs8V2Pem(SEED, OTHER_KEYS.publicKey), /not the public key of the first 32/],
      [privateJwk(mismatched), /not the public key of the first 32/],
      [new Uint8Array(33), /got 33 bytes/],
      [new Uint8Array(5), /expected 64 bytes \(seed, then public key\), got 5 bytes/],
      [paserkSecret(SEED), /got 32 bytes/],
      [paserkSecret(KEYS.secretKey).replace('k2', 'k4'), /must start with k2\.secret\./],
      [paserkSecret(KEYS.secretKey).replace('k2', 'k0'), /must start with k2\.secret\./],
      [concat(SEED, KEYS.publicKey.map((b, i) => (i === 0 ? b ^ 1 : b))), /not the public key of the first 32/],
      [concat(SEED, KEYS.publicKey.map((b, i) => (i === 31 ? b ^ 0x80 : b))), /not the public key of the first 32/],
      ['not a key', /any accepted form/],
      [pem('PRIVATE KEY', concat(SPKI_PREFIX, KEYS.publicKey)), /PKCS#8 private/],
      [{ seed: SEED.subarray(0, 31) }, /32 bytes/],
      [{ seed: SEED, extra: 1 }, /no other property/],
      [{ ...privateJwk(KEYS.secretKey), crv: 'X25519' }, /not an Ed25519/],
      [{ ...privateJwk(KEYS.secretKey), kty: 'EC' }, /not an Ed25519/],
      [{ seed: hex(SEED) }, /32 bytes/],
      [concat(PKCS8_PREFIX, SEED), /DER PKCS#8/],
      [undefined, /Uint8Array or a string/],
      [MESSAGE, /Uint8Array or a string/],
    ]) {
      await rejects(() => signToken(MESSAGE, key, undefined, { allowExpired: true }), KeyError, { path: /^secretKey/, message }, String(message));
    }
  });

  test('signToken: 32 bytes are ambiguous (a seed or a public key), in bytes and text', async () => {
    for (const key of [SEED, KEYS.publicKey, hex(SEED), b64(SEED), b64url(KEYS.publicKey)]) {
      await rejects(() => signToken(MESSAGE, key, undefined, { allowExpired: true }), KeyError, { path: 'secretKey', message: /32 bytes could be a public key or a seed.*64 bytes \(seed, then public key\).*\{ seed \}/ });
    }
  });

  test('signToken: a public key in every form, given as the secret key, is a KeyError that says so', async () => {
    for (const [form, key] of [...(await publicForms(KEYS.publicKey)), ['DER SPKI bytes', concat(SPKI_PREFIX, KEYS.publicKey)]]) {
      const error = await rejects(() => signToken(MESSAGE, key, undefined, { allowExpired: true }), KeyError, { path: 'secretKey' }, form);
      match(error.message, /is a public key, not a secret key|^secretKey: 32 bytes could be a public key or a seed/, form);
    }
  });

  test('signToken: the message and footer are validated like encode input', async () => {
    await rejects(() => signToken({ clusters: 'x' }, KEYS.secretKey, undefined, { allowExpired: true }), 'EncodeError', { path: 'clusters' });
    await rejects(() => signToken({}, KEYS.secretKey, { keyId: 'x' }, { allowExpired: true }), 'EncodeError', { path: 'keyId' });
  });

  test('swapped arguments never put key text in an error message or stack', async () => {
    const secrets = [paserkSecret(KEYS.secretKey), pkcs8Pem(SEED), hex(KEYS.secretKey), b64(KEYS.secretKey), b64url(KEYS.secretKey)];
    const publics = [paserkPublic(KEYS.publicKey), spkiPem(KEYS.publicKey), hex(KEYS.publicKey), b64(KEYS.publicKey)];
    const calls = [];
    for (const secret of secrets) {
      calls.push([secret, 'signToken(secret, message, undefined, { allowExpired: true })', () => signToken(secret, MESSAGE, undefined, { allowExpired: true })]);
      calls.push([secret, 'signToken(message, footer, secret, { allowExpired: true })', () => signToken(MESSAGE, FOOTER, secret, { allowExpired: true })]);
      calls.push([secret, 'signToken(secret, secret, undefined, { allowExpired: true })', () => signToken(secret, secret, undefined, { allowExpired: true })]);
      calls.push([secret, 'verifyToken(secret, token)', () => verifyToken(secret, TOKEN)]);
      calls.push([secret, 'verifyToken(token, secret)', () => verifyToken(TOKEN, secret)]);
      calls.push([secret, 'verifyToken(token, key, secret)', () => verifyToken(TOKEN, KEYS.publicKey, secret)]);
      calls.push([secret, 'verifyToken(token, key, { now: secret })', () => verifyToken(TOKEN, KEYS.publicKey, { now: secret })]);
      calls.push([secret, 'verifyToken(token, key, { cluster: secret })', () => verifyToken(TOKEN, KEYS.publicKey, { now: NOW, cluster: secret })]);
      calls.push([secret, 'verifyToken(token, key, { replId: secret })', () => verifyToken(TOKEN, KEYS.publicKey, { now: NOW, replId: secret })]);
      calls.push([secret, 'verifyToken(token, key, { [secret]: 1 })', () => verifyToken(TOKEN, KEYS.publicKey, { [secret.slice(0, 60)]: 1 })]);
      calls.push([secret, 'parseToken(secret)', () => parseToken(secret)]);
      calls.push([secret, 'inspectToken(secret)', () => inspectToken(secret)]);
      calls.push([secret, 'inspectToken(token, { publicKey: secret })', () => inspectToken(TOKEN, { publicKey: secret })]);
      calls.push([secret, 'inspectToken(token, { now: secret })', () => inspectToken(TOKEN, { now: secret })]);
      calls.push([secret, 'a mangled secret', () => signToken(MESSAGE, `${secret}!`, undefined, { allowExpired: true })]);
      calls.push([secret, 'a truncated secret', () => signToken(MESSAGE, secret.slice(0, -3), undefined, { allowExpired: true })]);
    }
    for (const key of publics) {
      calls.push([key, 'verifyToken(key, token)', () => verifyToken(key, TOKEN)]);
      calls.push([key, 'signToken(message, public key, undefined, { allowExpired: true })', () => signToken(MESSAGE, key, undefined, { allowExpired: true })]);
      calls.push([key, 'a mangled public key', () => verifyToken(TOKEN, `${key}!`)]);
    }
    for (const [key, name, call] of calls) {
      let error;
      try {
        await call();
      } catch (e) {
        error = e;
      }
      ok(error instanceof GovalTokenError, `${name}: expected a GovalTokenError, got ${error?.name ?? 'success'}`);
      const leak = leaks(`${error.message}\n${error.stack}\n${error.path}`, key);
      equal(leak, undefined, `${name} leaked key text into ${error.name}`);
    }
  });

  // ------------------------------------------------------------------ inspect

  test('inspectToken reports everything in a token, as plain data', async () => {
    const report = await inspectToken(TOKEN, { now: NOW, publicKey: KEYS.publicKey });
    deepEqual(JSON.parse(JSON.stringify(report)), report, 'JSON round trip');
    equal(report.verdict, 'valid');
    equal(report.signature, 'valid');
    equal(report.timeStatus, 'in-range');
    equal('status' in report, false, 'the ambiguous status field is gone');
    equal(report.secondsLeft, 1815);
    equal(report.lifetimeSeconds, 3615);
    equal((await inspectToken(TOKEN, { now: '2025-01-01T00:30:00.5Z' })).secondsLeft, 1814, 'fractions of a second count');
    const numbers = await inspectToken(rawToken(b64(encodeReplToken({ resourceLimits: { threads: 1, shares: -0 } }))), { now: '1970-01-01T00:00:00Z' });
    deepEqual([numbers.resourceLimits.threads, Object.is(numbers.resourceLimits.shares, 0)], [1, true], 'threads 1, shares -0 as 0');
    const sizes = await inspectToken(rawToken(b64(encodeReplToken({ resourceLimits: { memory: 2n ** 62n, disk: 1n } }))), { now: '1970-01-01T00:00:00Z' });
    deepEqual([sizes.resourceLimits.memory, sizes.resourceLimits.disk], ['4 EiB (4611686018427387904 bytes)', '1 bytes']);
    const kib = await inspectToken(rawToken(b64(encodeReplToken({ resourceLimits: { memory: 1024n, disk: 1023n } }))), { now: '1970-01-01T00:00:00Z' });
    deepEqual([kib.resourceLimits.memory, kib.resourceLimits.disk], ['1 KiB (1024 bytes)', '1023 bytes']);
    equal(report.iat, '2025-01-01T00:00:00Z');
    equal(report.exp, '2025-01-01T01:00:15Z');
    equal(report.effectiveExp, '2025-01-01T01:00:15Z');
    equal(report.expDefaulted, false);
    equal(report.persistence, 'EPHEMERAL');
    deepEqual(report.metadata, {
      kind: 'repl', id: 'repl-1', language: 'python3', bucket: '', slug: '', user: 'ada', sourceRepl: '',
      database: '', isTeam: false, roles: [], logFields: '', useReplShield: false, connectorsHost: '', backerJobMetadata: {}, customSkillsBucket: '',
    });
    equal(report.replId, 'repl-1');
    equal(report.resourceLimits.memory, '2 GiB (2147483648 bytes)');
    equal(report.resourceLimits.disk, '10 GiB (10737418240 bytes)');
    deepEqual(report.presenced, { bearerID: 42, bearerName: 'ada' });
    deepEqual(report.footer, { keyId: 'dev:1', signedCert: null, issuer: 'replit.com', version: 'BARE_REPL_TOKEN' });
    deepEqual(report.notes, []);
  });

  test('inspectToken: the verdict is valid only with a signature checked, holding, in time; otherwise the worst news', async () => {
    const inRange = { now: NOW };
    const late = { now: '2026-01-01T00:00:00Z' };
    const early = { now: '2024-01-01T00:00:00Z' };
    const good = { publicKey: KEYS.publicKey };
    const bad = { publicKey: OTHER_KEYS.publicKey };
    for (const [options, verdict, signature, timeStatus] of [
      [{ ...inRange, ...good }, 'valid', 'valid', 'in-range'],
      [{ ...inRange }, 'signature-not-checked', 'not-checked', 'in-range'],
      [{ ...inRange, ...bad }, 'signature-invalid', 'invalid', 'in-range'],
      [{ ...late, ...good }, 'expired', 'valid', 'expired'],
      [{ ...late }, 'expired', 'not-checked', 'expired'],
      [{ ...late, ...bad }, 'signature-invalid', 'invalid', 'expired'],
      [{ ...early, ...good }, 'not-yet-valid', 'valid', 'not-yet-valid'],
      [{ ...early }, 'not-yet-valid', 'not-checked', 'not-yet-valid'],
      [{ ...early, ...bad }, 'signature-invalid', 'invalid', 'not-yet-valid'],
    ]) {
      const report = await inspectToken(TOKEN, options);
      deepEqual([report.verdict, report.signature, report.timeStatus], [verdict, signature, timeStatus], JSON.stringify(options.now));
    }
    equal((await inspectToken(TOKEN)).timeStatus, 'expired', 'now defaults to the current time');
    // A forged body that does not even read: with a key, the failed signature is the report.
    const forged = rawToken('not base64!', F);
    const unreadable = await inspectToken(forged, { publicKey: KEYS.publicKey });
    deepEqual([unreadable.messageType, unreadable.verdict, unreadable.signature], [null, 'signature-invalid', 'invalid']);
    await rejects(() => inspectToken(forged), TokenFormatError, { reason: 'body-not-base64' });
  });

  test('inspectToken reports odd tokens instead of throwing: defaults, unknown fields and enum values from newer schemas', async () => {
    const bytes = encodeReplToken({
      persistence: 9,
      format: 1,
      metadata: { case: 'repl', value: { id: 'r', $unknown: [{ no: 21, wireType: 2, data: latin1('conn.example') }] } },
      resourceLimits: { memory: 1536, threads: NaN, shares: -Infinity, $unknown: [{ no: 8, wireType: 0, data: Uint8Array.from([1]) }] },
      $unknown: [
        { no: 15, wireType: 0, data: Uint8Array.from([1]) },
        { no: 99, wireType: 2, data: Uint8Array.from([0xab, 0xcd]) },
        { no: 27, wireType: 2, data: latin1('tier\u001b[2K') },
      ],
      idleTimeout: { seconds: 1800n },
    });
    const report = await inspectToken(rawToken(b64(bytes)), { now: '1970-01-01T00:10:00Z' });
    deepEqual(JSON.parse(JSON.stringify(report)), report, 'JSON round trip');
    equal(report.verdict, 'signature-not-checked');
    equal(report.timeStatus, 'in-range');
    equal(report.iat, null);
    equal(report.effectiveIat, '1970-01-01T00:00:00Z');
    equal(report.effectiveExp, '1970-01-01T01:00:00Z');
    ok(report.iatDefaulted && report.expDefaulted);
    equal(report.persistence, '9');
    equal(report.resourceLimits.memory, '1.50 KiB (1536 bytes)');
    equal(report.resourceLimits.threads, 'NaN');
    equal(report.resourceLimits.shares, '-Infinity');
    equal(report.presenced, null);
    equal(report.footer, null);
    equal(report.idleTimeout, '1800s', 'a Duration field by name, as proto3 JSON writes it');
    deepEqual(
      report.unknownFields.map(({ path, message, no, name, wireType, length, hex: h, text }) => [path, message, no, name, wireType, length, h, text]),
      [
        ['#15', 'ReplToken', 15, 'permissions', 'varint', 1, '01', null],
        ['#99', 'ReplToken', 99, null, 'length-delimited', 2, 'abcd', null],
        ['#27', 'ReplToken', 27, null, 'length-delimited', 8, hex(latin1('tier\u001b[2K')), null],
        ['repl.#21', 'Repl', 21, null, 'length-delimited', 12, hex(latin1('conn.example')), 'conn.example'],
        ['resourceLimits.#8', 'ResourceLimits', 8, null, 'varint', 1, '01', null],
      ],
    );
    deepEqual(report.metadata.$unknown, [report.unknownFields[3]], 'metadata.$unknown is reported, not raw bytes');
    for (const note of [/iat is unset/, /exp is unset/, /persistence 9 is not in this schema/, /JSON is deprecated/, /5 field\(s\) unknown/]) {
      ok(report.notes.some((n) => note.test(n)), String(note));
    }
    const classroom = await inspectToken(rawToken(b64(encodeReplToken({ metadata: { case: 'classroom', value: { id: 'c' } } }))), { now: '1970-01-01T00:00:00Z' });
    ok(classroom.notes.some((n) => /classroom metadata is deprecated/.test(n)));
    equal(classroom.replId, null);
  });

  test('inspectToken names the unknown fields that public schemas define and ours does not', async () => {
    const varint = Uint8Array.from([1]);
    const unknown = (numbers) => numbers.map((no) => ({ no, wireType: 0, data: varint }));
    const NEWER = {
      ReplToken: { 15: 'permissions' },
    };
    const numbers = (name) => Object.keys(NEWER[name]).map(Number);
    const bytes = encodeReplToken({
      $unknown: unknown([...numbers('ReplToken'), 24]),
      metadata: { case: 'repl', value: { id: 'r', $unknown: unknown([12]) } },
      resourceLimits: { $unknown: unknown([8]) },
    });
    const report = await inspectToken(rawToken(b64(bytes)), { now: '1970-01-01T00:00:00Z' });
    const names = {};
    for (const u of report.unknownFields) (names[u.message] ??= {})[u.no] = u.name;
    for (const message of Object.keys(NEWER)) {
      deepEqual(Object.fromEntries(Object.entries(names[message]).filter(([, n]) => n !== null)), Object.fromEntries(Object.entries(NEWER[message])), message);
    }
    equal(names.ReplToken[24], null, 'field 24 never appeared publicly');
    equal(names.Repl[12], null);
    equal(names.ResourceLimits[8], null);
    for (const [persistence, format, p, f] of [[3, 2, 'READ_ONLY', 'MUXED'], [4, 3, '4', 'RIVER']]) {
      const r = await inspectToken(rawToken(b64(encodeReplToken({ persistence, format }))), { now: '1970-01-01T00:00:00Z' });
      deepEqual([r.persistence, r.format], [p, f]);
    }
  });

  test('inspectToken reads every field of @replit/protocol 0.4.27 by name (the map and the Duration too): no unknown fields', async () => {
    const bytes = encodeReplToken({
      metadata: {
        case: 'repl',
        value: {
          id: 'r', database: 'db', buckets: { snapshots: 's' }, userId: { id: 7n, environment: 'PRODUCTION' }, isTeam: true,
          roles: ['admin'], logFields: '{}', org: { id: 'o', type: 'TEAM', slug: 'acme', isEnterprise: true },
          useReplShield: true, connectorsHost: 'c', customSkillsBucket: 'k',
          // Keys are data: `__proto__` and `$unknown` are entries like any other.
          backerJobMetadata: JSON.parse('{"JOB_ID":"42","__proto__":"p","$unknown":"u"}'),
        },
      },
      idleTimeout: { seconds: 1800n },
      resourceLimits: { cache: 'REPL', restrictNetwork: true, scratchDisk: 1n, minimumDisk: 2n },
      features: [{ feature: { case: 'boosted', value: {} }, required: true }],
      interactiveResourceLimits: { memory: 1n },
      buildInfo: { deploymentId: 'd', originReplId: 'r0' },
      pid2Info: { version: 'v' },
      paid: true,
      replexec: true,
      externalSecrets: [{ name: 'K', presignedUrl: 'https://x.example' }],
      before: { seconds: 1n },
      resourceTier: 'paid-large',
      persistence: 'READ_ONLY',
      format: 'RIVER',
    });
    const report = await inspectToken(rawToken(b64(bytes)), { now: '1970-01-01T00:00:00Z' });
    deepEqual(JSON.parse(JSON.stringify(report)), report, 'JSON round trip');
    deepEqual(report.unknownFields, []);
    equal(report.metadata.userId.id, '7', 'int64s in metadata as decimal text');
    deepEqual(report.metadata.org, { id: 'o', type: 'TEAM', slug: 'acme', isEnterprise: true });
    deepEqual([report.persistence, report.format], ['READ_ONLY', 'RIVER']);
    equal(report.idleTimeout, '1800s');
    deepEqual(Object.entries(report.metadata.backerJobMetadata), [['JOB_ID', '42'], ['__proto__', 'p'], ['$unknown', 'u']]);
    equal(Object.getPrototypeOf(report.metadata.backerJobMetadata), Object.prototype, 'no prototype set from the data');
    const parsed = parseToken(rawToken(b64(bytes)));
    deepEqual(Object.keys(parsed.message.metadata.value.backerJobMetadata), ['JOB_ID', '__proto__', '$unknown']);
    equal(parsed.message.$unknown, undefined, 'ReplToken 26 and Repl 17 decode by name');
    equal(parsed.message.metadata.value.$unknown, undefined);
    const withUnknown = encodeReplToken({
      features: [{ required: true, $unknown: [{ no: 9, wireType: 0, data: Uint8Array.from([1]) }] }],
    });
    const nested = await inspectToken(rawToken(b64(withUnknown)), { now: '1970-01-01T00:00:00Z' });
    deepEqual(nested.unknownFields.map((u) => [u.path, u.message, u.no]), [['features[0].#9', 'Feature', 9]]);
  });

  test('inspectToken and the time errors write times as RFC 3339 with 0, 3, 6 or 9 digits, and name the distance', async () => {
    for (const [nanos, text] of [[0, ''], [500_000_000, '.500'], [123_000, '.000123'], [1, '.000000001'], [120_000_000, '.120']]) {
      const token = rawToken(b64(encodeReplToken({ iat: { seconds: 1735689600n, nanos } })));
      equal((await inspectToken(token, { now: NOW })).iat, `2025-01-01T00:00:00${text}Z`, String(nanos));
    }
    const edges = rawToken(b64(encodeReplToken({ iat: { seconds: 253402300799n }, exp: { seconds: 253402300800n } })));
    const report = await inspectToken(edges, { now: NOW });
    equal(report.iat, '9999-12-31T23:59:59Z');
    equal(report.exp, '253402300800 s after the UNIX epoch');
    const early = rawToken(b64(encodeReplToken({ iat: { seconds: -62135596800n }, exp: { seconds: -62135596801n } })));
    const old = await inspectToken(early, { now: NOW });
    deepEqual([old.iat, old.exp], ['0001-01-01T00:00:00Z', '-62135596801 s after the UNIX epoch']);
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { now: '2025-01-01T01:00:16Z' }), TokenExpiredError, { message: /expired at 2025-01-01T01:00:15Z, 1 s before now \(2025-01-01T01:00:16Z\)/ });
    await rejects(() => verifyToken(TOKEN, KEYS.publicKey, { now: '2024-12-31T23:59:58Z' }), TokenNotYetValidError, { message: /valid from 2025-01-01T00:00:00Z, 2 s after now/ });
  });

  test('time is compared to the nanosecond, and the 2 MiB limit and base64 errors name what they saw', async () => {
    const halfSecond = await signToken({ iat: IAT, exp: '2025-01-01T01:00:15.5Z' }, KEYS.secretKey, undefined, { allowExpired: true });
    ok(await verifyToken(halfSecond, KEYS.publicKey, { now: '2025-01-01T01:00:15.2Z' }));
    await rejects(() => verifyToken(halfSecond, KEYS.publicKey, { now: '2025-01-01T01:00:15.5Z' }), TokenExpiredError);
    await rejects(() => verifyToken(halfSecond, KEYS.publicKey, { now: '2025-01-01T01:00:15.7Z' }), TokenExpiredError);
    equal((await inspectToken(halfSecond, { now: '2025-01-01T01:00:15.2Z' })).timeStatus, 'in-range');
    equal((await inspectToken(halfSecond, { now: '2025-01-01T01:00:16Z' })).timeStatus, 'expired', 'inspect has no skew');
    equal((await inspectToken(TOKEN, { now: '2024-12-31T23:59:59.5Z' })).timeStatus, 'not-yet-valid', 'inspect has no skew');
    await rejects(() => parseToken(rawToken('not base64!')), TokenFormatError, { message: /^message: the signed body is not standard base64 text$/ });
    await rejects(() => parseToken(rawToken(b64(encodeReplToken({})), 'no!')), TokenFormatError, { message: /^footer: the footer is not standard base64 text$/ });
  });

  test('verifyToken names a non-string token before looking at the key', async () => {
    await rejects(() => verifyToken(42, 'not a key'), TokenFormatError, { reason: 'not-a-string' });
    await rejects(() => verifyToken(undefined, undefined, { bad: 1 }), TokenFormatError, { reason: 'not-a-string' });
  });

  test('inspectToken: a malformed token still throws its TokenFormatError, and bad options are errors', async () => {
    await rejects(() => inspectToken('nope'), TokenFormatError, { reason: 'not-paseto' });
    await rejects(() => inspectToken(TOKEN, { when: 1 }), GovalTokenError, { path: 'options' });
    await rejects(() => inspectToken(TOKEN, { publicKey: 'zz' }), KeyError);
    await rejects(() => inspectToken(TOKEN, { publicKey: KEYS.secretKey }), KeyError);
  });

  return cases;
}
