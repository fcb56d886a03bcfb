// Unit tests of the token modules' pieces (pkg/lib/base64.js, pkg/token/paseto.js, pkg/crypto/ed25519.js, pkg/crypto/keys.js): strict
// base64 on every code path (Buffer, and the plain-JS fallback with Buffer hidden), PAE, the
// curve checks against the known small-order encodings, and the key caches.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

// The API over the same crypto/ modules these tests switch (pkg/node.js is one bundled file).
import * as gt from './support/modules.mjs';
import { publicKeyProblem, signatureProblem } from '../../pkg/crypto/ed25519.js';
import { webEd25519 } from '../../pkg/crypto/ed25519-web.js';
import { nodeEd25519 } from '../../pkg/crypto/ed25519-node.js';
import { useEd25519 } from '../../pkg/crypto/ed25519.js';
import { importPublicKey, importPublicKeyBytes, importSecretKey, publicKeyBytes, signBytes } from '../../pkg/crypto/keys.js';
import * as base64 from '../../pkg/lib/base64.js';
import * as paseto from '../../pkg/token/paseto.js';
import { asTokenFormatError } from '../../pkg/token/parse.js';
import { concat } from './cases/check.mjs';

const hex = (h) => Uint8Array.from(Buffer.from(h, 'hex'));

/** Runs `fn` once with Buffer (Node's path) and once without it (the plain-JS fallback). */
function bothPaths(fn) {
  fn('Buffer');
  const saved = globalThis.Buffer;
  globalThis.Buffer = undefined;
  try {
    fn('fallback');
  } finally {
    globalThis.Buffer = saved;
  }
}

describe('base64 and base64url', () => {
  test('every length round-trips, on both paths, and matches Buffer', () => {
    const bytes = Uint8Array.from({ length: 70 }, (_, i) => (i * 37 + 11) & 0xff);
    const expected = [];
    for (let n = 0; n <= bytes.length; n++) {
      expected.push([Buffer.from(bytes.subarray(0, n)).toString('base64'), Buffer.from(bytes.subarray(0, n)).toString('base64url')]);
    }
    bothPaths((path) => {
      for (let n = 0; n <= bytes.length; n++) {
        const slice = bytes.subarray(0, n);
        const [std, url] = expected[n];
        assert.equal(base64.encodeBase64(slice), std, `${path} ${n}`);
        assert.equal(base64.encodeBase64Url(slice), url, `${path} ${n}`);
        assert.deepStrictEqual(Uint8Array.from(base64.decodeBase64(std)), Uint8Array.from(slice), `${path} ${n}`);
        assert.deepStrictEqual(Uint8Array.from(base64.decodeBase64Url(url)), Uint8Array.from(slice), `${path} ${n}`);
        assert.deepStrictEqual(Array.from(base64.asciiBytes(std)), Array.from(std, (c) => c.charCodeAt(0)), path);
        assert.equal(base64.decodeBase64Text(Uint8Array.from(std, (c) => c.charCodeAt(0))).text, std, path);
        assert.deepStrictEqual(Array.from(base64.decodeBase64Text(Uint8Array.from(std, (c) => c.charCodeAt(0))).bytes), Array.from(slice), path);
      }
    });
  });

  test('only the one canonical spelling decodes, on both paths', () => {
    bothPaths((path) => {
      for (const text of ['A', 'AB', 'AR', 'AAB', 'AA=', 'AA==', 'A-', 'A+B', 'AQ==', ' AQ', 'AQ\n', 'A_=']) {
        const expected = { AQ: [1], AB: undefined, AR: undefined, AAB: undefined }[text];
        const got = base64.decodeBase64Url(text);
        assert.deepStrictEqual(got === undefined ? undefined : Array.from(got), text === 'AQ' ? [1] : expected, `${path} base64url ${JSON.stringify(text)}`);
      }
      for (const [text, ok] of [['AQ==', true], ['AQI=', true], ['AQID', true], ['', true], ['AR==', false], ['AQJ=', false], ['AQ=', false], ['AQ', false], ['A===', false], ['AQ==AQ==', false], ['AQ-_', false], ['AQ=A', false], ['====', false]]) {
        assert.equal(base64.decodeBase64(text) !== undefined, ok, `${path} base64 ${JSON.stringify(text)}`);
      }
      // As bytes (a token's body text): a non-ASCII byte or a base64url character is no base64.
      for (const bytes of [[0x41, 0x80], [0x41, 0x2d], [0x41, 0x51, 0x3d, 0xbd], [0x41, 0x51, 0xc3, 0xbd], [0x41, 0x51, 0x3d, 0x3d, 0x0a]]) {
        assert.equal(base64.decodeBase64Text(Uint8Array.from(bytes)), undefined, `${path} ${bytes}`);
      }
    });
  });

  test('parse and verify work without Buffer (the browser path, in Node)', async () => {
    const keys = await gt.generateSigningKeyPair();
    const token = await gt.signToken({ cluster: 'x', iat: new Date() }, keys.secretKey, { issuer: 'i' }, { allowExpired: true });
    const saved = globalThis.Buffer;
    globalThis.Buffer = undefined;
    try {
      assert.equal(gt.parseToken(token).message.cluster, 'x');
      assert.equal(await gt.signToken({ cluster: 'x', iat: gt.parseToken(token).message.iat }, keys.secretKey, { issuer: 'i' }, { allowExpired: true }), token);
      assert.equal((await gt.verifyToken(token, keys.publicKey)).footer.issuer, 'i');
    } finally {
      globalThis.Buffer = saved;
    }
  });
});

describe('PAE and token parts', () => {
  test('PAE writes lengths of 64 KiB and more in full', () => {
    const out = paseto.pae([new Uint8Array(0x012345)]);
    assert.deepStrictEqual(Array.from(out.subarray(8, 16)), [0x45, 0x23, 0x01, 0, 0, 0, 0, 0]);
  });

  test('PAE writes the fourth length byte too (a piece of 16 MiB and more, longer than any token)', () => {
    const out = paseto.pae([new Uint8Array(0x01000203)]);
    assert.deepStrictEqual(Array.from(out.subarray(8, 16)), [0x03, 0x02, 0x00, 0x01, 0, 0, 0, 0]);
  });

  test('long base64 bodies are read whole as text (both paths)', () => {
    const bytes = Uint8Array.from({ length: 20000 }, (_, i) => 65 + (i % 26));
    const expected = String.fromCharCode(...bytes.subarray(0, 8192)) + String.fromCharCode(...bytes.subarray(8192, 16384)) + String.fromCharCode(...bytes.subarray(16384));
    bothPaths((path) => assert.equal(base64.decodeBase64Text(bytes).text, expected, path));
  });

  test('the 2 MiB limit counts UTF-8 bytes: 1, 2, 3 and 4 bytes a character, lone surrogates 3', () => {
    const MAX = paseto.MAX_TOKEN_BYTES;
    const reason = (input) => {
      try {
        paseto.locateToken(input);
        return 'ok';
      } catch (error) {
        return error.reason;
      }
    };
    assert.equal(reason('a'.repeat(MAX)), 'ok');
    assert.equal(reason('a'.repeat(MAX + 1)), 'too-long');
    assert.equal(reason('é'.repeat(MAX / 2)), 'ok');
    assert.equal(reason(`${'é'.repeat(MAX / 2)}a`), 'too-long');
    assert.equal(reason('ㄱ'.repeat(Math.floor(MAX / 3))), 'ok');
    assert.equal(reason('ㄱ'.repeat(Math.floor(MAX / 3) + 1)), 'too-long');
    assert.equal(reason('😀'.repeat(MAX / 4)), 'ok');
    assert.equal(reason(`${'😀'.repeat(MAX / 4)}a`), 'too-long');
    assert.equal(reason('\u0080'.repeat(MAX / 2)), 'ok');
    assert.equal(reason('\u0080'.repeat(MAX / 2 + 1)), 'too-long');
    assert.equal(reason('\u007f'.repeat(MAX)), 'ok');
    assert.equal(reason('\ud800\udc00'.repeat(MAX / 4)), 'ok');
    assert.equal(reason('\udc00'.repeat(Math.floor(MAX / 3))), 'ok');
    assert.equal(reason('\udc00'.repeat(Math.floor(MAX / 3) + 1)), 'too-long');
  });

  test('URLs: the token follows /wsv2/ after a scheme; a scheme without /wsv2/ is no token', () => {
    const token = paseto.joinToken(Buffer.from('AAAA'), new Uint8Array(64));
    assert.equal(paseto.locateToken(`://h/wsv2/${token}`).token, token);
    assert.throws(() => paseto.locateToken(`a://b${token}`), (e) => e.reason === 'not-paseto');
    assert.throws(() => paseto.locateToken(null), (e) => e.reason === 'not-a-string' && /got null$/.test(e.message));
    assert.throws(() => paseto.locateToken({}), (e) => e.reason === 'not-a-string' && /got an object$/.test(e.message));
  });

  test('lengths are little-endian 64-bit, top bit clear', () => {
    const out = paseto.pae([new Uint8Array(0x0102), new Uint8Array(1)]);
    assert.deepStrictEqual(Array.from(out.subarray(0, 16)), [2, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0]);
    assert.equal(out.length, 8 + 8 + 0x102 + 8 + 1);
  });

  test('splitToken gives M, F and a copy of the signature; joinToken puts them back', () => {
    const body = Buffer.from('AAAA', 'latin1');
    const signature = new Uint8Array(64).fill(9);
    const footer = Buffer.from('Zm9v', 'latin1');
    const token = paseto.joinToken(body, signature, footer);
    const parts = paseto.splitToken(` ${token} `);
    assert.equal(parts.token, token);
    assert.equal(parts.start, 1);
    assert.deepStrictEqual([parts.body, parts.signature, parts.footer].map((b) => Buffer.from(b).toString('latin1')), ['AAAA', Buffer.from(signature).toString('latin1'), 'Zm9v']);
    // The signature is handed out, so it has a buffer of its own; M and F stay inside (views).
    assert.deepStrictEqual([parts.signature.byteOffset, parts.signature.buffer.byteLength], [0, 64]);
    assert.equal(paseto.splitToken(paseto.joinToken(body, signature)).footer, undefined);
    assert.equal(paseto.locateToken(`wss://h/x/wsv2/${token}?q`).start, 'wss://h/x/wsv2/'.length);
  });
});

describe('Ed25519 byte checks', () => {
  // The eight points of small order, by their canonical encodings (with the sign bit where x ≠ 0).
  const SMALL_ORDER = [
    '0100000000000000000000000000000000000000000000000000000000000000',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    '0000000000000000000000000000000000000000000000000000000000000000',
    '0000000000000000000000000000000000000000000000000000000000000080',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  ];

  test('the small-order points are refused as keys, and as R', () => {
    for (const h of SMALL_ORDER) {
      assert.equal(publicKeyProblem(hex(h)), 'small-order', h);
      const sig = new Uint8Array(64);
      sig.set(hex(h));
      assert.equal(signatureProblem(sig), 'r-small-order', h);
    }
  });

  test('non-canonical encodings (y ≥ p, and x = 0 with the sign bit) are refused', () => {
    for (const h of [
      'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
      '0100000000000000000000000000000000000000000000000000000000000080',
    ]) {
      assert.equal(publicKeyProblem(hex(h)), 'non-canonical', h);
    }
    const sig = new Uint8Array(64);
    sig.set(hex('eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'));
    assert.equal(signatureProblem(sig), 'r-non-canonical');
  });

  test('real keys pass; a y that gives no x is off the curve', async () => {
    for (let i = 0; i < 20; i++) {
      const { publicKey } = await gt.generateSigningKeyPair();
      assert.equal(publicKeyProblem(publicKey), undefined);
      const flipped = publicKey.slice();
      flipped[31] ^= 0x80; // the other x: still on the curve
      assert.equal(publicKeyProblem(flipped), undefined);
    }
    assert.equal(publicKeyProblem(hex('0200000000000000000000000000000000000000000000000000000000000000')), 'not-on-curve');
  });

  test('S must be below L; S = L - 1 passes the encoding check', () => {
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const withS = (s) => {
      const sig = new Uint8Array(64);
      sig[0] = 0x58; // R: the base point's y starts 0x58 0x66…; any non-small-order y will do
      sig[1] = 0x66;
      for (let i = 0; i < 32; i++) sig[32 + i] = Number((s >> BigInt(8 * i)) & 0xffn);
      return sig;
    };
    assert.equal(signatureProblem(withS(L - 1n)), undefined);
    assert.equal(signatureProblem(withS(L)), 's-not-reduced');
    assert.equal(signatureProblem(withS(2n ** 252n - 1n)), undefined);
    assert.equal(signatureProblem(withS(2n ** 253n)), 's-not-reduced');
    assert.equal(signatureProblem(withS(2n ** 256n - 1n)), 's-not-reduced');
  });
});

describe('keys', () => {
  test('imported public keys are cached by their bytes (the same handle), secret keys never', async () => {
    const { publicKey, secretKey } = await gt.generateSigningKeyPair();
    const a = await importPublicKey(publicKey);
    const b = await importPublicKey(Buffer.from(publicKey).toString('hex'));
    assert.equal(a, b);
    const s1 = await importSecretKey(secretKey);
    const s2 = await importSecretKey(secretKey);
    assert.notEqual(s1.handle, s2.handle);
    assert.equal((await signBytes(s1, new Uint8Array(3))).length, 64);
  });

  test('the caller\'s key bytes are left alone, and decoded copies are wiped', async () => {
    const { secretKey } = await gt.generateSigningKeyPair();
    const copy = secretKey.slice();
    await importSecretKey(secretKey);
    await importSecretKey({ seed: secretKey.subarray(0, 32) });
    assert.deepStrictEqual(secretKey, copy);
  });

  test('key bytes handed out own their memory, and the cache keeps its own copy', async () => {
    const { publicKey } = await gt.generateSigningKeyPair();
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') };
    assert.equal(publicKeyBytes(jwk).buffer.byteLength, 32);
    assert.equal(publicKeyBytes(`k2.public.${jwk.x}`).buffer.byteLength, 32);
    const mine = publicKey.slice();
    const key = await importPublicKeyBytes(mine);
    mine.fill(0);
    assert.deepStrictEqual(key.raw, publicKey);
  });

  test('switching the Ed25519 implementation starts the key cache afresh (WebCrypto in Node)', async () => {
    const { publicKey, secretKey } = await gt.generateSigningKeyPair();
    const token = await gt.signToken({ iat: new Date() }, secretKey, undefined, { allowExpired: true });
    await gt.verifyToken(token, publicKey); // cached with node:crypto's handle
    useEd25519(webEd25519);
    try {
      assert.equal((await gt.verifyToken(token, publicKey)).message.cluster, '');
      assert.equal(await gt.signToken(gt.parseToken(token).message, secretKey, undefined, { allowExpired: true }), token);
      await assert.rejects(gt.signToken({}, Uint8Array.from([...secretKey.subarray(0, 32), ...(await gt.generateSigningKeyPair()).publicKey]), undefined, { allowExpired: true }), /not the public key of the first 32/);
      // A stated public half that is not even a usable key (the identity point) is a mismatch too.
      const identity = new Uint8Array(32);
      identity[0] = 1;
      await assert.rejects(gt.signToken({}, Uint8Array.from([...secretKey.subarray(0, 32), ...identity]), undefined, { allowExpired: true }), /not the public key of the first 32/);
    } finally {
      useEd25519(nodeEd25519);
    }
    assert.ok(await gt.verifyToken(token, publicKey));
  });

  test('no copy of a seed is left in Node\'s Buffer pool after signing with it', async () => {
    // Key texts are made through views (Buffer.from(arrayBuffer, …) copies nothing), so any
    // copy of the seed in the pool afterwards is the package's.
    const view = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const { secretKey } = await gt.generateSigningKeyPair();
    const seed = secretKey.subarray(0, 32);
    const pkcs8 = (v2) =>
      `-----BEGIN PRIVATE KEY-----\n${view(v2 ? concat(hex('3051020101300506032b657004220420'), seed, hex('812100'), secretKey.subarray(32)) : concat(hex('302e020100300506032b657004220420'), seed)).toString('base64')}\n-----END PRIVATE KEY-----`;
    const forms = {
      PASERK: `k2.secret.${view(secretKey).toString('base64url')}`,
      base64: view(secretKey).toString('base64'),
      base64url: view(secretKey).toString('base64url'),
      hex: view(secretKey).toString('hex'),
      'PKCS#8 PEM': pkcs8(false),
      'PKCS#8 v2 PEM': pkcs8(true),
      JWK: { kty: 'OKP', crv: 'Ed25519', d: view(seed).toString('base64url'), x: view(secretKey.subarray(32)).toString('base64url') },
    };
    for (const [form, key] of Object.entries(forms)) {
      await gt.signToken({}, key, undefined, { allowExpired: true });
      const pool = Buffer.allocUnsafe(1);
      assert.equal(view(new Uint8Array(pool.buffer)).indexOf(view(seed)), -1, `${form}: the seed is in the Buffer pool`);
    }
  });

  test('publicKeyBytes reads the sync forms', async () => {
    const { publicKey } = await gt.generateSigningKeyPair();
    for (const form of [publicKey, Buffer.from(publicKey).toString('base64'), `k2.public.${Buffer.from(publicKey).toString('base64url')}`, { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }]) {
      assert.deepStrictEqual(publicKeyBytes(form), publicKey);
    }
    assert.throws(() => publicKeyBytes('k2.public.AAAA', 'cert.publicKey'), (e) => e.name === 'KeyError' && e.path === 'cert.publicKey');
  });
});

describe('a platform whose verifier is lax', () => {
  test('malleated signatures and small-order R are refused before the platform is asked', async () => {
    const { publicKey, secretKey } = await gt.generateSigningKeyPair();
    const token = await gt.signToken({ iat: new Date() }, secretKey, undefined, { allowExpired: true });
    const { messageBase64, signature } = gt.parseToken(token);
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i]);
    const malleated = signature.slice();
    for (let i = 0; i < 32; i++) malleated[32 + i] = Number(((s + L) >> BigInt(8 * i)) & 0xffn);
    const smallR = new Uint8Array(64);
    smallR[0] = 1;
    const forge = (sig) => `v2.public.${Buffer.concat([Buffer.from(messageBase64, 'latin1'), sig]).toString('base64url')}`;
    let asked = 0;
    useEd25519({ ...nodeEd25519, verify: () => ++asked > 0 }); // accepts anything
    try {
      for (const sig of [malleated, smallR]) {
        await assert.rejects(gt.verifyToken(forge(sig), publicKey), (e) => e.name === 'TokenSignatureError');
      }
      assert.equal(asked, 0);
      assert.ok(await gt.verifyToken(token, publicKey), 'the lax verifier is asked for a well-formed signature');
      assert.equal(asked, 1);
    } finally {
      useEd25519(nodeEd25519);
    }
  });
});

describe('a platform without Ed25519', () => {
  const raw = new Uint8Array(32);

  async function withCrypto(value, fn) {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value, configurable: true, writable: true });
    try {
      await fn();
    } finally {
      Object.defineProperty(globalThis, 'crypto', saved);
    }
  }

  test('no crypto.subtle (an insecure context): a GovalTokenError that says what is missing', async () => {
    await withCrypto(undefined, () =>
      assert.rejects(webEd25519.importPublicKey(raw), (e) => e.name === 'GovalTokenError' && /WebCrypto \(crypto\.subtle\).*HTTPS or from localhost/.test(e.message)),
    );
  });

  test('a WebCrypto without Ed25519: a GovalTokenError naming the browsers that have it', async () => {
    const notSupported = () => Promise.reject(Object.assign(new Error('Algorithm: Unrecognized name'), { name: 'NotSupportedError' }));
    const subtle = { importKey: notSupported, sign: notSupported, verify: notSupported, generateKey: notSupported };
    await withCrypto({ subtle }, async () => {
      for (const call of [() => webEd25519.importPublicKey(raw), () => webEd25519.importSecretKey(raw), () => webEd25519.generate()]) {
        await assert.rejects(call(), (e) => e.name === 'GovalTokenError' && /no Ed25519.*Chrome 137\+, Firefox 129\+, Safari 17\+/.test(e.message) && e.cause.name === 'NotSupportedError');
      }
    });
    const otherError = () => Promise.reject(new RangeError('something else'));
    await withCrypto({ subtle: { importKey: otherError } }, () => assert.rejects(webEd25519.importPublicKey(raw), RangeError));
  });
});

describe('reading a token without its key (pkg/token/parse.js)', () => {
  test('only the codec\'s DecodeError becomes a TokenFormatError of the part; any other error passes through as it is', () => {
    const other = new TypeError('the codec is not installed');
    assert.throws(() => asTokenFormatError(other, 'message', 'ReplToken'), (e) => e === other);
    assert.throws(() => asTokenFormatError(undefined, 'footer', 'GovalSigningAuthority'), (e) => e === undefined);
    const decode = Object.assign(new Error('cluster: bad UTF-8 (at byte 3)'), { name: 'DecodeError', path: 'cluster', offset: 3 });
    const wrapped = asTokenFormatError(decode, 'message', 'ReplToken');
    assert.equal(wrapped.name, 'TokenFormatError');
    assert.equal(wrapped.path, 'message.cluster');
    assert.equal(wrapped.cause, decode);
  });

  const ascii = (text) => Buffer.from(text, 'latin1');
  const signature = new Uint8Array(64);
  const reasonOf = (token) => {
    try {
      gt.parseToken(token);
      return 'ok';
    } catch (error) {
      return `${error.reason} ${error.path}`;
    }
  };

  test('a footer of base64 text cut short is `truncated`; one with any other byte is `footer-not-base64`', () => {
    // Every edge of the base64 alphabet (A Z a z 0 9 + / =) is text, its neighbours are not.
    for (const c of 'AZaz09+/=') assert.equal(reasonOf(paseto.joinToken(ascii('AAAA'), signature, ascii(`AAAAA${c}`))), 'truncated footer', c);
    for (const c of '@[`{.:*,<>-_ ') assert.equal(reasonOf(paseto.joinToken(ascii('AAAA'), signature, ascii(`AAAAA${c}`))), 'footer-not-base64 footer', c);
  });

  test('a protobuf error names its byte once: in `offset` and the message, not twice', () => {
    const body = ascii(Buffer.from([0x0a, 0x05, 0x41]).toString('base64')); // iat: 5 bytes announced, 1 given
    assert.throws(() => gt.parseToken(paseto.joinToken(body, signature)), (error) => {
      assert.equal(error.reason, 'invalid-message');
      assert.equal(error.offset, 1);
      assert.equal(error.message.match(/at byte/g).length, 1, error.message);
      assert.match(error.message, /the bytes end in the middle of a field \(at byte 1 of the protobuf\)$/);
      return true;
    });
  });

  test('a TYPE_AWARE body with only iat, or only exp, set is a GovalToken (Ghostwriter), not an identity', () => {
    const footer = ascii(Buffer.from(gt.encodeGovalSigningAuthority({ version: 'TYPE_AWARE_TOKEN', cert: { case: 'keyId', value: 'k' } })).toString('base64'));
    const typeOf = (message) => gt.parseToken(paseto.joinToken(ascii(Buffer.from(gt.encodeGovalToken(message)).toString('base64')), signature, footer)).messageType;
    assert.equal(typeOf({ iat: new Date(1000) }), 'GovalToken');
    assert.equal(typeOf({ exp: new Date(1000) }), 'GovalToken');
    assert.equal(typeOf({ replid: 'r' }), 'GovalReplIdentity'); // nothing a GovalToken sets alone
  });

  test('the 2 MiB limit: U+07FF is 2 bytes, U+0800 3; a high surrogate with its pair 4, U+D7FF 3', () => {
    const MAX = paseto.MAX_TOKEN_BYTES;
    const over = (input) => {
      try {
        paseto.locateToken(input);
        return false;
      } catch (error) {
        return error.reason === 'too-long';
      }
    };
    assert.equal(over('\u07ff'.repeat(MAX / 2)), false);
    assert.equal(over('\u0800'.repeat(Math.floor(MAX / 3) + 1)), true);
    assert.equal(over('\u0800'.repeat(Math.floor(MAX / 3))), false);
    assert.equal(over('\udbff\udfff'.repeat(MAX / 4)), false);
    assert.equal(over(`${'\udbff\udfff'.repeat(MAX / 4)}a`), true);
    assert.equal(over('\ud7ff'.repeat(Math.floor(MAX / 3) + 1)), true);
  });

  test('a token wrapped over lines is joined, but a run of spaces without a line break is kept (and refused)', () => {
    const token = paseto.joinToken(ascii(Buffer.from(gt.encodeReplToken({ cluster: 'development' })).toString('base64')), signature);
    const cut = 20;
    assert.equal(gt.parseToken(`${token.slice(0, cut)}\n  ${token.slice(cut)}`).token, token);
    assert.equal(reasonOf(`${token.slice(0, cut)}\n${token.slice(cut, 40)} ${token.slice(40)}`), 'invalid-base64url payload');
  });
});

describe('what is not a v2.public token is named (pkg/token/paseto.js)', () => {
  const refusal = (input) => {
    try {
      paseto.splitToken(input);
      return 'ok';
    } catch (error) {
      return error.reason;
    }
  };

  test('the header cut short, from its third character on, is `truncated`; less is no token', () => {
    assert.equal(refusal('v2.'), 'truncated');
    assert.equal(refusal('v2.pub'), 'truncated');
    assert.equal(refusal('v2'), 'not-paseto');
  });

  test('a JWT is three (JWS) or five (JWE) parts whose header is eyJ…; four parts, or another header, are not', () => {
    assert.equal(refusal('eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIxIn0.c2ln'), 'jwt');
    assert.equal(refusal('eyJhbGciOiJFZERTQSJ9.cGF5bG9hZA.c2ln'), 'jwt'); // a payload that is not JSON
    assert.equal(refusal('eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d'), 'jwt');
    assert.equal(refusal('eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIxIn0.c2ln.eHg'), 'not-paseto');
    assert.equal(refusal('cGF5bG9hZA.eyJzdWIiOiIxIn0.c2ln'), 'not-paseto');
  });

  test('another PASETO version is named in the refusal', () => {
    assert.throws(() => paseto.splitToken('v4.public.AAAA'), (e) => e.reason === 'unsupported-version' && /^PASETO v4 is not supported/.test(e.message));
  });

  test('a PEM block is named by its label, digits included', () => {
    assert.throws(() => paseto.splitToken('-----BEGIN PKCS7-----\nMIIB\n-----END PKCS7-----'), (e) => e.reason === 'key-not-token' && /this is a PEM block \(PKCS7\), not a token/.test(e.message));
  });
});

describe('the clock skew option', () => {
  test('clockSkewSeconds given as "", false or NaN is refused, not read as 0 (only an absent or undefined one is 0)', async () => {
    const pair = await gt.generateSigningKeyPair();
    const token = await gt.signToken(gt.createReplToken({ cluster: 'c' }), pair.secretKey);
    for (const clockSkewSeconds of ['', false, Number.NaN]) {
      await assert.rejects(gt.verifyToken(token, pair.publicKey, { clockSkewSeconds }), (e) => e.code === 'ERR_INVALID_OPTION' && e.path === 'options.clockSkewSeconds');
    }
    for (const clockSkewSeconds of [undefined, 0]) assert.equal((await gt.verifyToken(token, pair.publicKey, { clockSkewSeconds })).message.cluster, 'c');
  });
});
