// Token attacks, shared by Node (tests/js/attacks.test.mjs) and Chromium
// (tests/browser/token.test.mjs): verifyToken must reject every altered token. Each family is
// enumerated in full (every single-bit flip of the payload, signature and footer bytes, …);
// each case checks its own rejections and logs its own totals, so a case runs alone.
import { b64url, concat, equal, ok, latin1, unb64 } from './check.mjs';

export async function attackCases({ gt, log = () => {} }) {
  const { signToken, verifyToken, generateSigningKeyPair, KeyError, TokenFormatError, TokenSignatureError, TokenError } = gt;

  const KEYS = await generateSigningKeyPair();
  const OTHER = await generateSigningKeyPair();
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
  const TOKEN = await signToken(MESSAGE, KEYS.secretKey, FOOTER, { allowExpired: true });
  const [, , PAYLOAD_TEXT, FOOTER_TEXT] = TOKEN.split('.');
  const PAYLOAD = unb64(PAYLOAD_TEXT);
  const FOOTER_BYTES = unb64(FOOTER_TEXT);
  const BODY_LENGTH = PAYLOAD.length - 64;
  // Inside the token's lifetime: a rejection must come from the alteration, not the clock.
  const NOW = { now: '2025-01-01T00:30:00Z' };

  const token = (payload, footer = FOOTER_BYTES, header = 'v2.public.') =>
    `${header}${b64url(payload)}${footer === null ? '' : `.${b64url(footer)}`}`;
  const flip = (bytes, bit) => {
    const copy = bytes.slice();
    copy[bit >> 3] ^= 1 << (bit & 7);
    return copy;
  };
  const SIGNATURE_OR_FORMAT = [TokenSignatureError, TokenFormatError];

  /** Counts rejections by error class (and reason) for one family; fails on any acceptance. */
  function family(name) {
    const counts = {};
    return {
      async rejected(fn, classes, label) {
        let error;
        try {
          await fn();
        } catch (e) {
          error = e;
        }
        ok(error !== undefined, `${name}: ${label} was ACCEPTED`);
        ok(
          classes.some((C) => error instanceof C),
          `${name}: ${label}: expected ${classes.map((c) => c.prototype.name).join(' or ')}, got ${error.name}: ${error.message}`,
        );
        ok(error instanceof TokenError || error instanceof KeyError, `${name}: ${label}: ${error.name} is neither a TokenError nor a KeyError`);
        const key = error.reason ? `${error.name}/${error.reason}` : error.name;
        counts[key] = (counts[key] ?? 0) + 1;
      },
      done() {
        const n = Object.values(counts).reduce((a, b) => a + b, 0);
        log(`${name}: ${n} rejected (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')})`);
        return n;
      },
    };
  }

  const cases = [];
  const test = (name, fn) => cases.push({ name, fn });

  test('the genuine token verifies (the control)', async () => {
    equal(token(PAYLOAD), TOKEN);
    equal((await verifyToken(TOKEN, KEYS.publicKey, NOW)).message.cluster, 'global');
  });

  test('every single-bit flip of the signed body', async () => {
    const f = family('body bit flips');
    for (let bit = 0; bit < BODY_LENGTH * 8; bit++) {
      await f.rejected(() => verifyToken(token(flip(PAYLOAD, bit)), KEYS.publicKey, NOW), [TokenSignatureError], `bit ${bit}`);
    }
    equal(f.done(), BODY_LENGTH * 8);
  });

  test('every single-bit flip of the signature', async () => {
    const f = family('signature bit flips');
    for (let bit = BODY_LENGTH * 8; bit < PAYLOAD.length * 8; bit++) {
      await f.rejected(() => verifyToken(token(flip(PAYLOAD, bit)), KEYS.publicKey, NOW), [TokenSignatureError], `bit ${bit}`);
    }
    equal(f.done(), 512);
  });

  test('every single-bit flip of the footer', async () => {
    const f = family('footer bit flips');
    for (let bit = 0; bit < FOOTER_BYTES.length * 8; bit++) {
      await f.rejected(() => verifyToken(token(PAYLOAD, flip(FOOTER_BYTES, bit)), KEYS.publicKey, NOW), [TokenSignatureError], `bit ${bit}`);
    }
    f.done();
  });

  test('every character of the token string changed (no second spelling verifies)', async () => {
    const f = family('token characters changed');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 'v2.public.'.length; i < TOKEN.length; i++) {
      if (TOKEN[i] === '.') continue;
      for (const delta of [1, 2, 32]) {
        const c = alphabet[(alphabet.indexOf(TOKEN[i]) + delta) % 64];
        const altered = TOKEN.slice(0, i) + c + TOKEN.slice(i + 1);
        await f.rejected(() => verifyToken(altered, KEYS.publicKey, NOW), SIGNATURE_OR_FORMAT, `char ${i} → ${c}`);
      }
    }
    f.done();
  });

  test('a wrong key, and weak keys', async () => {
    const f = family('wrong keys');
    await f.rejected(() => verifyToken(TOKEN, OTHER.publicKey, NOW), [TokenSignatureError], 'another key');
    // The identity point (small order): with a signature (R = identity, s = 0) a lax
    // verifier accepts any message.
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const forged = concat(PAYLOAD.subarray(0, BODY_LENGTH), identity, new Uint8Array(32));
    await f.rejected(() => verifyToken(token(forged), identity, NOW), [KeyError], 'identity key, identity signature');
    await f.rejected(() => verifyToken(TOKEN, identity, NOW), [KeyError], 'identity key');
    await f.rejected(() => verifyToken(TOKEN, new Uint8Array(32), NOW), [KeyError], 'all-zero key');
    await f.rejected(() => verifyToken(TOKEN, new Uint8Array(32).fill(0xff), NOW), [KeyError], 'all-ones key');
    await f.rejected(() => verifyToken(TOKEN, KEYS.secretKey.subarray(0, 32), NOW), [TokenSignatureError, KeyError], 'the seed as a public key');
    equal(f.done(), 6);
  });

  test('a malleated signature (s + L) and zeroed signatures', async () => {
    const f = family('malleated signatures');
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const sig = PAYLOAD.subarray(BODY_LENGTH);
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]);
    for (const add of [L, 2n * L, 15n * L]) {
      const t = s + add;
      if (t >= 2n ** 256n) continue;
      const sBytes = Uint8Array.from({ length: 32 }, (_, i) => Number((t >> BigInt(8 * i)) & 0xffn));
      const malleated = concat(PAYLOAD.subarray(0, BODY_LENGTH), sig.subarray(0, 32), sBytes);
      await f.rejected(() => verifyToken(token(malleated), KEYS.publicKey, NOW), [TokenSignatureError], `s + ${add / L}L`);
    }
    const zero = concat(PAYLOAD.subarray(0, BODY_LENGTH), new Uint8Array(64));
    await f.rejected(() => verifyToken(token(zero), KEYS.publicKey, NOW), [TokenSignatureError], 'zero signature');
    f.done();
  });

  test('every truncation of the signature', async () => {
    const f = family('truncated signatures');
    for (let cut = 1; cut <= 64; cut++) {
      await f.rejected(() => verifyToken(token(PAYLOAD.subarray(0, PAYLOAD.length - cut)), KEYS.publicKey, NOW), [TokenSignatureError], `${cut} bytes cut`);
    }
    await f.rejected(() => verifyToken(token(PAYLOAD.subarray(BODY_LENGTH + 1)), KEYS.publicKey, NOW), [TokenFormatError], 'signature only, short');
    await f.rejected(() => verifyToken(token(new Uint8Array(0)), KEYS.publicKey, NOW), [TokenFormatError], 'empty payload');
    equal(f.done(), 66);
  });

  test('other PASETO versions and purposes', async () => {
    const f = family('other headers');
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
      let error;
      await f.rejected(async () => {
        try {
          await verifyToken(token(PAYLOAD, FOOTER_BYTES, header), KEYS.publicKey, NOW);
        } catch (e) {
          error = e;
          throw e;
        }
      }, [TokenFormatError], header);
      equal(error.reason, reason, header);
    }
    equal(f.done(), cases.length);
  });

  test('a footer taken from another token, removed or added', async () => {
    const f = family('footer swaps');
    const other = await signToken(MESSAGE, KEYS.secretKey, { cert: { case: 'keyId', value: 'conman:2' }, issuer: 'replit.com' }, { allowExpired: true });
    const swapped = `${TOKEN.split('.').slice(0, 3).join('.')}.${other.split('.')[3]}`;
    await f.rejected(() => verifyToken(swapped, KEYS.publicKey, NOW), [TokenSignatureError], 'footer of another token');
    await f.rejected(() => verifyToken(token(PAYLOAD, null), KEYS.publicKey, NOW), [TokenSignatureError], 'footer removed');
    // An empty footer part is refused before any signature: one spelling per token.
    await f.rejected(() => verifyToken(token(PAYLOAD, new Uint8Array(0)), KEYS.publicKey, NOW), [TokenFormatError], 'empty footer');
    await f.rejected(async () => verifyToken(`${await signToken(MESSAGE, KEYS.secretKey, undefined, { allowExpired: true })}.`, KEYS.publicKey, NOW), [TokenFormatError], 'a valid token with a "." added');
    const bare = await signToken(MESSAGE, KEYS.secretKey, undefined, { allowExpired: true });
    await f.rejected(() => verifyToken(`${bare}.${FOOTER_TEXT}`, KEYS.publicKey, NOW), [TokenSignatureError], 'footer added');
    await f.rejected(() => verifyToken(token(PAYLOAD, latin1('x')), KEYS.publicKey, NOW), [TokenSignatureError], 'another footer text');
    // The payload of one token with the signature of another.
    const otherPayload = unb64((await signToken({ ...MESSAGE, cluster: 'other' }, KEYS.secretKey, FOOTER, { allowExpired: true })).split('.')[2]);
    const spliced = concat(PAYLOAD.subarray(0, BODY_LENGTH), otherPayload.subarray(otherPayload.length - 64));
    await f.rejected(() => verifyToken(token(spliced), KEYS.publicKey, NOW), [TokenSignatureError], 'signature of another token');
    equal(f.done(), 7);
  });

  test('public keys of every wrong length, in bytes and text', async () => {
    const f = family('public keys of wrong length');
    const hexOf = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    for (let n = 0; n <= 64; n++) {
      if (n === 32) continue;
      const key = KEYS.secretKey.length >= n ? KEYS.secretKey.slice(0, n) : new Uint8Array(n);
      await f.rejected(() => verifyToken(TOKEN, key, NOW), [KeyError], `${n} bytes`);
      await f.rejected(() => verifyToken(TOKEN, hexOf(key), NOW), [KeyError], `${n} bytes (hex)`);
      await f.rejected(() => verifyToken(TOKEN, b64url(key), NOW), [KeyError], `${n} bytes (base64url)`);
    }
    await f.rejected(() => verifyToken(TOKEN, KEYS.secretKey, NOW), [KeyError], 'a 64-byte secret key as public');
    equal(f.done(), 64 * 3 + 1);
  });

  test('secret keys of every wrong length, and a mismatched pair', async () => {
    const f = family('secret keys of wrong length');
    for (let n = 0; n <= 128; n++) {
      if (n === 64) continue;
      await f.rejected(() => signToken(MESSAGE, new Uint8Array(n).fill(7), undefined, { allowExpired: true }), [KeyError], `${n} bytes`);
    }
    const mismatched = concat(KEYS.secretKey.subarray(0, 32), OTHER.publicKey);
    await f.rejected(() => signToken(MESSAGE, mismatched, undefined, { allowExpired: true }), [KeyError], 'seed with another public key');
    equal(f.done(), 129);
  });

  return cases;
}
