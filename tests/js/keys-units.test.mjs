// Unit tests of pkg/crypto/keys.js: how each key form is read, which look-alikes are refused
// and with what words, the public key cache, and that copies of key bytes are wiped. Written
// against the mutation run of keys.js (tests/mutation/RESULTS.md); the forms themselves are
// also covered end to end by key-export, token-mistakes and token-units.
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';

// The API over the same crypto/ modules these tests switch (pkg/node.js is one bundled file).
import * as gt from './support/modules.mjs';
import { useEd25519 } from '../../pkg/crypto/ed25519.js';
import { nodeEd25519 } from '../../pkg/crypto/ed25519-node.js';
import * as keys from '../../pkg/crypto/keys.js';

const view = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
const hex = (text) => Uint8Array.from(Buffer.from(text, 'hex'));
const b64 = (bytes) => view(bytes).toString('base64');
const b64url = (bytes) => view(bytes).toString('base64url');
const pem = (label, bytes) => `-----BEGIN ${label}-----\n${b64(bytes)}\n-----END ${label}-----`;

/** A node:crypto key pair: raw public key, seed, the 64-byte form, SPKI and PKCS#8 DER. */
function nodePair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
  const raw = spki.slice(12);
  const seed = pkcs8.slice(16);
  return { publicKey, privateKey, raw, seed, full: Uint8Array.from([...seed, ...raw]), spki, pkcs8 };
}

/** Runs `fn` with `impl` installed as the Ed25519 implementation, node:crypto's afterwards. */
async function using(impl, fn) {
  useEd25519(impl);
  try {
    return await fn();
  } finally {
    useEd25519(nodeEd25519);
  }
}

/** A KeyError at `path` whose message is `path: ` then text matching `pattern`. */
const keyError = (pattern, path) => (e) => {
  assert.equal(e.name, 'KeyError', e.message);
  if (path !== undefined) assert.equal(e.path, path);
  assert.match(e.message, pattern);
  return true;
};

describe('look-alikes of keys are named (pkg/crypto/keys.js)', () => {
  test('a PASETO token of any one-digit version, v0 to v9, public or local, is named as a token', async () => {
    for (const version of ['v0', 'v1', 'v9']) {
      for (const purpose of ['public', 'local']) {
        const token = `${version}.${purpose}.AAAA`;
        assert.throws(() => keys.publicKeyBytes(token), keyError(/^publicKey: this is a PASETO token \(v2\.public\.…\), not a key$/));
        await assert.rejects(keys.importSecretKey(token), keyError(/^secretKey: this is a PASETO token/));
      }
    }
    assert.throws(() => keys.publicKeyBytes('v10.public.AAAA'), keyError(/not a public key in any accepted form/));
  });

  test('DER is named by its whole prefix: 16 bytes that are exactly the PKCS#8 prefix are PKCS#8; one byte off, the first included, they are just bytes', () => {
    const { spki, pkcs8 } = nodePair();
    const prefix = pkcs8.slice(0, 16);
    assert.throws(() => keys.publicKeyBytes(prefix), keyError(/^publicKey: DER PKCS#8 bytes: a secret key, not a public key$/));
    assert.throws(() => keys.publicKeyBytes(b64(prefix)), keyError(/^publicKey: base64 or hex of DER PKCS#8 bytes/));
    for (const at of [0, 5, 15]) {
      const off = pkcs8.slice();
      off[at] ^= 0x01;
      assert.throws(() => keys.publicKeyBytes(off), keyError(/^publicKey: expected 32 bytes, got 48 bytes$/), `byte ${at}`);
    }
    for (const at of [0, 11]) {
      const off = spki.slice();
      off[at] ^= 0x01;
      assert.throws(() => keys.publicKeyBytes(off), keyError(/^publicKey: expected 32 bytes, got 44 bytes$/), `byte ${at}`);
      assert.throws(() => keys.publicKeyBytes(b64(off)), keyError(/^publicKey: expected 32 bytes, got 44 bytes$/), `byte ${at}`);
    }
    // Shorter than the prefix: never the prefix.
    assert.throws(() => keys.publicKeyBytes(spki.slice(0, 11)), keyError(/^publicKey: expected 32 bytes, got 11 bytes$/));
  });
});

describe('DER keys of other algorithms are named only when their SEQUENCE is well formed (pkg/crypto/keys.js)', () => {
  const rsa1024 = new Uint8Array(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }));
  const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsaContent = rsa1024.slice(3); // after 30 81 9f: the algorithm's SEQUENCE, then the key

  test('a length in one or two bytes (0x81, 0x82) is read: RSA-1024 and RSA-2048, SPKI and PKCS#8', () => {
    assert.equal(rsa1024[1], 0x81);
    const spki = new Uint8Array(rsa2048.publicKey.export({ type: 'spki', format: 'der' }));
    const pkcs8 = new Uint8Array(rsa2048.privateKey.export({ type: 'pkcs8', format: 'der' }));
    assert.equal(spki[1], 0x82);
    assert.equal(pkcs8[1], 0x82);
    assert.throws(() => keys.publicKeyBytes(rsa1024), keyError(/^publicKey: DER SPKI of an RSA key, not an Ed25519 key$/));
    assert.throws(() => keys.publicKeyBytes(spki), keyError(/^publicKey: DER SPKI of an RSA key, not an Ed25519 key$/));
    assert.throws(() => keys.publicKeyBytes(b64(spki)), keyError(/^publicKey: base64 or hex of DER SPKI of an RSA key, not an Ed25519 key$/));
    assert.throws(() => keys.publicKeyBytes(pkcs8), keyError(/^publicKey: DER PKCS#8 of an RSA key, not an Ed25519 key$/));
  });

  test('not a SEQUENCE (first byte 0x31), the indefinite length 0x80, a length in three bytes, a length that is not the whole, neither INTEGER nor SEQUENCE first: just bytes', () => {
    const set = Uint8Array.from(rsa1024);
    set[0] = 0x31;
    // 0x80 then 128 bytes: were 0x80 a short length, the whole would be 130 bytes.
    const indefinite = Uint8Array.from([0x30, 0x80, ...rsaContent.slice(0, 128)]);
    // 0x83 and three bytes 00 9f xx: read as two bytes they would give the whole length.
    const threeBytes = Uint8Array.from([0x30, 0x83, 0x00, rsaContent.length, 0x00, ...rsaContent]);
    // The SEQUENCE's length must be the whole: cut short, or with a byte after it.
    const short = rsa1024.slice(0, -1);
    const long = Uint8Array.from([...rsa1024, 0]);
    // Neither PKCS#8 (an INTEGER first) nor SPKI (a SEQUENCE first) inside, the OID still there.
    const neither = Uint8Array.from(rsa1024);
    neither[3] = 0x31;
    for (const bytes of [set, indefinite, threeBytes, short, long, neither]) {
      assert.throws(() => keys.publicKeyBytes(bytes), keyError(new RegExp(`^publicKey: expected 32 bytes, got ${bytes.length} bytes$`)));
    }
  });
});

describe('another algorithm is named by its OID in the first 24 bytes inside the SEQUENCE (pkg/crypto/keys.js)', () => {
  const X25519_OID = [0x06, 0x03, 0x2b, 0x65, 0x6e];
  /** A SEQUENCE of 60 bytes: a SEQUENCE tag, then zeros, with the X25519 OID at `at` inside it. */
  function oidAt(at) {
    const content = new Uint8Array(60);
    content[0] = 0x30;
    content.set(X25519_OID, at);
    return Uint8Array.from([0x30, content.length, ...content]);
  }

  test('an OID ending at the 24th byte is found; one byte further, it is not looked for', () => {
    assert.throws(() => keys.publicKeyBytes(oidAt(24 - X25519_OID.length)), keyError(/^publicKey: DER SPKI of an X25519 key, not an Ed25519 key$/));
    assert.throws(() => keys.publicKeyBytes(oidAt(25 - X25519_OID.length)), keyError(/^publicKey: expected 32 bytes, got 62 bytes$/));
  });
});

describe('what DER and PASERK look-alikes are taken for (pkg/crypto/keys.js)', () => {
  test('44 bytes are SPKI only with the SPKI prefix, and the prefix only in 44 bytes', async () => {
    const { spki } = nodePair();
    const noise = Uint8Array.from({ length: 44 }, (_, i) => 0x40 + i);
    assert.throws(() => keys.publicKeyBytes(noise), keyError(/^publicKey: expected 32 bytes, got 44 bytes$/));
    assert.throws(() => keys.publicKeyBytes(b64(noise)), keyError(/^publicKey: expected 32 bytes, got 44 bytes$/));
    await assert.rejects(keys.importSecretKey(noise), keyError(/^secretKey: expected 64 bytes \(seed, then public key\), got 44 bytes$/));
    const longer = Uint8Array.from([...spki, 0]);
    assert.throws(() => keys.publicKeyBytes(longer), keyError(/^publicKey: expected 32 bytes, got 45 bytes$/));
  });

  test('a PKCS#8 cut to 33 bytes, given as a secret key, is still named as PKCS#8', async () => {
    const { pkcs8 } = nodePair();
    await assert.rejects(keys.importSecretKey(pkcs8.slice(0, 33)), keyError(/^secretKey: DER PKCS#8 bytes: give the key as PKCS#8 PEM text or a KeyObject$/));
    await assert.rejects(keys.importSecretKey(pkcs8.slice(0, 32)), keyError(/^secretKey: 32 bytes could be a public key or a seed/));
  });

  test('text is read as hex only when it is an even number of hex digits: digit pairs that would spell PKCS#8 around a "z" are base64', () => {
    const { pkcs8 } = nodePair();
    // 00 (the PKCS#8 version) written "0z": parseInt would read it as 0.
    const text = view(pkcs8).toString('hex').replace(/^(302e0201)00/, '$10z');
    assert.equal(text.length, 96);
    assert.throws(() => keys.publicKeyBytes(text), keyError(/^publicKey: expected 32 bytes, got 72 bytes$/));
    // An odd number of hex digits is not hex either: 99 digits are base64 of 74 bytes.
    assert.throws(() => keys.publicKeyBytes(`${view(pkcs8).toString('hex')}000`), keyError(/^publicKey: expected 32 bytes, got 74 bytes$/));
    // All hex, any even length: named.
    assert.throws(() => keys.publicKeyBytes(view(pkcs8).toString('hex')), keyError(/^publicKey: base64 or hex of DER PKCS#8 bytes: a secret key, not a public key$/));
  });

  test('a PASERK of any other version (k1, k3, k4, k10) is named as PASERK, for either kind of key', async () => {
    for (const version of ['k1', 'k3', 'k4', 'k10']) {
      assert.throws(() => keys.publicKeyBytes(`${version}.public.AAAA`), keyError(/^publicKey: a PASERK key must start with k2\.public\.$/), version);
      await assert.rejects(keys.importSecretKey(`${version}.secret.AAAA`), keyError(/^secretKey: a PASERK key must start with k2\.secret\.$/), version);
    }
  });
});

describe('hex text as a secret key (pkg/crypto/keys.js)', () => {
  const PKCS8_PREFIX = '302e020100300506032b657004220420';

  test('hex of a whole PKCS#8 DER is named as PKCS#8', async () => {
    const { pkcs8 } = nodePair();
    await assert.rejects(keys.importSecretKey(view(pkcs8).toString('hex')), keyError(/^secretKey: base64 or hex of DER PKCS#8 bytes: give the key as PKCS#8 PEM text or a KeyObject$/));
  });

  test('64 and 128 hex digits are read as 32 and 64 bytes, whatever they start with', async () => {
    const { raw } = nodePair();
    const seedLike = PKCS8_PREFIX + '11'.repeat(16);
    await assert.rejects(keys.importSecretKey(seedLike), keyError(/^secretKey: 32 bytes could be a public key or a seed/));
    await assert.rejects(keys.importSecretKey(seedLike + view(raw).toString('hex')), keyError(/^secretKey: the last 32 bytes are not the public key of the first 32 \(seed\)$/));
  });

  test('the base64 reading of refused hex text leaves no copy in Node\'s Buffer pool (it spells the hex text back)', async () => {
    const { pkcs8 } = nodePair();
    const text = view(pkcs8).toString('hex');
    const asBase64 = Buffer.alloc(72); // Buffer.alloc does not take from the pool
    assert.equal(asBase64.write(text, 'base64url'), 72);
    await assert.rejects(keys.importSecretKey(text), keyError(/DER PKCS#8/));
    const pool = Buffer.allocUnsafe(1);
    assert.equal(view(new Uint8Array(pool.buffer)).indexOf(asBase64), -1);
  });
});

describe('PEM blocks (pkg/crypto/keys.js)', () => {
  test('a PEM block must end with its END line: text of the same length in its place is refused', async () => {
    const { spki, pkcs8 } = nodePair();
    const noEnd = (label, bytes) => `-----BEGIN ${label}-----\n${b64(bytes)}\n${'A'.repeat(`-----END ${label}-----`.length)}`;
    assert.throws(() => keys.publicKeyBytes(noEnd('PUBLIC KEY', spki)), keyError(/^publicKey: the PEM block is not an Ed25519 SPKI public key$/));
    await assert.rejects(keys.importSecretKey(noEnd('PRIVATE KEY', pkcs8)), keyError(/^secretKey: the PEM block is not an Ed25519 PKCS#8 private key$/));
    // The whole block, for comparison, is read.
    assert.deepStrictEqual(keys.publicKeyBytes(pem('PUBLIC KEY', spki)), spki.slice(12));
  });
});

describe('the public key cache (pkg/crypto/keys.js)', () => {
  test('a platform key object is imported once: the same key for the same object', async () => {
    const { publicKey, raw } = nodePair();
    const a = await keys.importPublicKey(publicKey);
    assert.equal(await keys.importPublicKey(publicKey), a);
    assert.deepStrictEqual(a.raw, raw);
    assert.equal(a.handle, publicKey);
  });

  test('switching the implementation starts both caches afresh, for key objects and for bytes', async () => {
    const { webEd25519 } = await import('../../pkg/crypto/ed25519-web.js');
    const { raw } = nodePair();
    const crypto = await globalThis.crypto.subtle.importKey('raw', raw, 'Ed25519', true, ['verify']);
    const underNode = await keys.importPublicKey(crypto);
    assert.ok(!(underNode.handle instanceof CryptoKey), 'node:crypto works on KeyObjects');
    // A key object first thing after the switch: not node:crypto's handle.
    const object = await using(webEd25519, () => keys.importPublicKey(crypto));
    assert.notEqual(object, underNode);
    assert.equal(object.handle, crypto);
    // Bytes first thing after the switch: the same.
    const bytesUnderNode = await keys.importPublicKeyBytes(raw);
    assert.ok(!(bytesUnderNode.handle instanceof CryptoKey));
    const bytes = await using(webEd25519, () => keys.importPublicKeyBytes(raw));
    assert.notEqual(bytes, bytesUnderNode);
    assert.ok(bytes.handle instanceof CryptoKey);
  });

  test('it holds the 256 keys imported last: a 257th new key evicts the oldest', async () => {
    // A fresh implementation object starts a fresh cache.
    await using({ ...nodeEd25519 }, async () => {
      const raws = Array.from({ length: 257 }, () => nodePair().raw);
      const first = await keys.importPublicKeyBytes(raws[0]);
      for (const raw of raws.slice(1, 256)) await keys.importPublicKeyBytes(raw);
      assert.equal(await keys.importPublicKeyBytes(raws[0]), first, 'the 256th key evicted the first');
      assert.equal(await keys.importPublicKey(b64(raws[0])), first);
      await keys.importPublicKeyBytes(raws[256]);
      const again = await keys.importPublicKeyBytes(raws[0]);
      assert.notEqual(again, first, 'the 257th key did not evict the first');
      assert.deepStrictEqual(again.raw, raws[0]);
    });
  });
});

describe('copies of a seed are wiped (pkg/crypto/keys.js)', () => {
  /** An implementation that keeps every seed it is handed, to look at afterwards. */
  function spying() {
    const seeds = [];
    const impl = {
      ...nodeEd25519,
      importSecretKey(seed) {
        seeds.push(seed);
        return nodeEd25519.importSecretKey(seed);
      },
      publicKeyOf(seed) {
        seeds.push(seed);
        return nodeEd25519.publicKeyOf(seed);
      },
    };
    return { impl, seeds };
  }
  const zero = (bytes) => bytes.every((b) => b === 0);

  test('the seed handed to the platform is all zeros once a secret key is imported, in every form', async () => {
    const pair = nodePair();
    const pkcs8v2 = Uint8Array.from([...hex('3051020101300506032b657004220420'), ...pair.seed, ...hex('812100'), ...pair.raw]);
    const forms = {
      '64 bytes': pair.full,
      base64: b64(pair.full),
      hex: view(pair.full).toString('hex'),
      PASERK: `k2.secret.${b64url(pair.full)}`,
      'PKCS#8 PEM': pem('PRIVATE KEY', pair.pkcs8),
      'PKCS#8 v2 PEM': pem('PRIVATE KEY', pkcs8v2),
      JWK: { kty: 'OKP', crv: 'Ed25519', d: b64url(pair.seed), x: b64url(pair.raw) },
      'JWK without x': { kty: 'OKP', crv: 'Ed25519', d: b64url(pair.seed) },
      '{ seed }': { seed: pair.seed },
    };
    for (const [form, key] of Object.entries(forms)) {
      const { impl, seeds } = spying();
      await using(impl, () => keys.importSecretKey(key));
      assert.equal(seeds.length, 1, form);
      assert.equal(seeds[0].length, 32, form);
      assert.ok(zero(seeds[0]), `${form}: the seed was not wiped with zeros`);
    }
    assert.deepStrictEqual(pair.full.slice(0, 32), pair.seed, 'the caller\'s bytes are left alone');
  });

  test('readPublicKey wipes the seed it read a secret key\'s public half from; readSecretKey hands its seed over unwiped', async () => {
    const pair = nodePair();
    for (const key of [pair.full, `k2.secret.${b64url(pair.full)}`, { seed: pair.seed }, pair.privateKey]) {
      const { impl, seeds } = spying();
      assert.deepStrictEqual(await using(impl, () => keys.readPublicKey(key)), pair.raw);
      assert.equal(seeds.length, 1);
      assert.ok(zero(seeds[0]), 'the seed was not wiped with zeros');
      const read = await keys.readSecretKey(key);
      assert.deepStrictEqual(read, { seed: pair.seed, publicKey: pair.raw });
    }
  });

  /** Whether Node's current Buffer pool holds `bytes` (key texts here are made without it). */
  const inPool = (bytes) => view(new Uint8Array(Buffer.allocUnsafe(1).buffer)).indexOf(view(bytes)) !== -1;

  test('secret bytes decoded from text and then refused leave no copy in Node\'s Buffer pool', async () => {
    const pair = nodePair();
    // A 64-byte secret key given as the public key (base64 and base64url go through the pool).
    assert.throws(() => keys.publicKeyBytes(b64(pair.full)), keyError(/^publicKey: expected 32 bytes, got 64 bytes$/));
    assert.ok(!inPool(pair.seed), 'a secret key given as a public key');
    assert.throws(() => keys.publicKeyBytes(b64url(pair.full)), keyError(/^publicKey: expected 32 bytes, got 64 bytes$/));
    assert.ok(!inPool(pair.seed), 'a secret key given as a public key (base64url)');
    // A JWK whose d holds the 64-byte form.
    await assert.rejects(keys.importSecretKey({ kty: 'OKP', crv: 'Ed25519', d: b64url(pair.full) }), keyError(/^secretKey.d: expected 32 bytes as unpadded base64url$/, 'secretKey.d'));
    assert.ok(!inPool(pair.seed), 'a JWK d of 64 bytes');
    // A PASERK k2.secret. of the seed alone.
    await assert.rejects(keys.importSecretKey(`k2.secret.${b64url(pair.seed)}`), keyError(/^secretKey: a PASERK k2\.secret\. key holds 64 bytes \(seed, then public key\), got 32 bytes$/));
    assert.ok(!inPool(pair.seed), 'a k2.secret. of 32 bytes');
  });

  test('a new key pair: the seed the platform made is wiped once it is copied into the 64-byte key', async () => {
    const made = [];
    const impl = {
      ...nodeEd25519,
      async generate() {
        const pair = await nodeEd25519.generate();
        made.push(pair.seed);
        return pair;
      },
    };
    const { publicKey, secretKey } = await using(impl, () => keys.generateKeyBytes());
    assert.equal(made.length, 1);
    assert.ok(zero(made[0]), 'the platform\'s seed was not wiped with zeros');
    assert.ok(!zero(secretKey.subarray(0, 32)));
    assert.deepStrictEqual(secretKey.subarray(32), publicKey);
    assert.deepStrictEqual(await keys.readPublicKey(secretKey), publicKey);
  });

  test('a seed whose stated public half is not its own is wiped before the refusal', async () => {
    const pair = nodePair();
    const other = nodePair();
    const { impl, seeds } = spying();
    const wrong = Uint8Array.from([...pair.seed, ...other.raw]);
    await assert.rejects(using(impl, () => keys.readSecretKey(wrong)), keyError(/^secretKey: the last 32 bytes are not the public key of the first 32 \(seed\)$/));
    await assert.rejects(using(impl, () => keys.importSecretKey(wrong)), keyError(/^secretKey: the last 32 bytes are not the public key/));
    assert.equal(seeds.length, 2);
    assert.ok(seeds.every(zero), 'a seed was not wiped with zeros');
  });
});

describe('a stated public half is checked once (pkg/crypto/keys.js)', () => {
  test('node:crypto derives the public key at import, so nothing is left to check at signing; WebCrypto keeps the stated half to check', async () => {
    const { webEd25519 } = await import('../../pkg/crypto/ed25519-web.js');
    const pair = nodePair();
    for (const key of [pair.full, { seed: pair.seed }, { kty: 'OKP', crv: 'Ed25519', d: b64url(pair.seed) }]) {
      assert.equal((await keys.importSecretKey(key)).check, undefined);
    }
    // WebCrypto: a form without a public half has nothing to check either.
    for (const key of [{ seed: pair.seed }, { kty: 'OKP', crv: 'Ed25519', d: b64url(pair.seed) }]) {
      const imported = await using(webEd25519, () => keys.importSecretKey(key));
      assert.equal(imported.check, undefined);
      assert.equal((await using(webEd25519, () => keys.signBytes(imported, new Uint8Array(3)))).length, 64);
    }
    const stated = await using(webEd25519, () => keys.importSecretKey(pair.full));
    assert.deepStrictEqual(stated.check, { claimed: pair.raw, path: 'secretKey' });
  });
});

describe('keys read for export (pkg/crypto/keys.js readPublicKey, readSecretKey)', () => {
  /** A key pair whose 64-byte form in base64url starts with "-----" (any 32 bytes are a seed). */
  function dashPair() {
    const seed = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    seed.set([0xfb, 0xef, 0xbe, 0xf8]);
    const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
    const raw = new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).subarray(12));
    return { seed, raw, text: b64url(Uint8Array.from([...seed, ...raw])) };
  }

  test('base64url of a 64-byte secret key that starts with "-----" is a secret key to every reader, exportPublicKey included', async () => {
    const { seed, raw, text } = dashPair();
    assert.ok(text.startsWith('-----'));
    assert.deepStrictEqual(await keys.readPublicKey(text), raw);
    assert.deepStrictEqual(await gt.exportPublicKey(text, 'raw'), raw);
    assert.deepStrictEqual(await keys.readSecretKey(text), { seed, publicKey: raw });
    assert.equal((await keys.importSecretKey(text)).handle.type, 'private');
  });

  test('text from "-----BEGIN" is PEM, refused as a public key\'s PEM unless it says PRIVATE KEY, even when it would decode as base64url', async () => {
    const text = `-----BEGIN${'A'.repeat(76)}`;
    assert.equal(Buffer.from(text, 'base64url').length, 64);
    await assert.rejects(keys.readPublicKey(text), keyError(/^publicKey: the PEM block is not an Ed25519 SPKI public key$/));
    await assert.rejects(keys.readPublicKey(`-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----`), keyError(/^publicKey: the PEM block is not an Ed25519 PKCS#8 private key$/));
  });

  test('what is neither bytes, text, a JWK nor a key object is refused in a public key\'s words', async () => {
    for (const input of [42, null, undefined, true]) {
      await assert.rejects(keys.readPublicKey(input), keyError(/^publicKey: expected a Uint8Array or a string \(or a KeyObject, CryptoKey or JWK\), got /));
    }
  });

  test('a key object of another algorithm is named, as a key, or as a secret key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('x25519');
    await assert.rejects(keys.readPublicKey(publicKey), keyError(/^publicKey: a KeyObject of type public \(x25519\), not Ed25519, not an Ed25519 key$/));
    await assert.rejects(keys.readSecretKey(privateKey), keyError(/^secretKey: a KeyObject of type private \(x25519\), not Ed25519, not an Ed25519 secret key$/));
    await assert.rejects(keys.readSecretKey(publicKey), keyError(/^secretKey: a KeyObject of type public \(x25519\), not Ed25519, not an Ed25519 secret key$/));
  });

  test('a public key object holding a point of small order or off the curve is refused by readPublicKey, as by importPublicKey', async () => {
    const spki = (raw) => createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const offCurve = new Uint8Array(32);
    offCurve[0] = 2;
    await assert.rejects(keys.readPublicKey(spki(identity)), keyError(/^publicKey: the 32 bytes are a point of small order/));
    await assert.rejects(keys.importPublicKey(spki(identity)), keyError(/^publicKey: the 32 bytes are a point of small order/));
    await assert.rejects(keys.readPublicKey(spki(offCurve)), keyError(/^publicKey: the 32 bytes are not an Ed25519 public key \(not a point on the curve\)$/));
  });

  test('a JWK\'s stated x, read with its d, leaves no copy in Node\'s Buffer pool', async () => {
    const pair = nodePair();
    const jwk = { kty: 'OKP', crv: 'Ed25519', d: b64url(pair.seed), x: b64url(pair.raw) };
    const read = await keys.readSecretKey(jwk);
    read.seed.fill(0);
    assert.ok(!view(new Uint8Array(Buffer.allocUnsafe(1).buffer)).includes(view(pair.raw)), 'x is in the Buffer pool');
  });
});
