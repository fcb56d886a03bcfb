// Ed25519 over WebCrypto (`crypto.subtle`): browsers (Chrome 137+, Firefox 129+, Safari 17+),
// Deno, Bun and Node. Keys are imported non-extractable; seeds are wiped after import.

import { GovalTokenError } from '../errors.js';
import { decodeBase64Url } from '../lib/base64.js';
import { PKCS8_PREFIX } from './der.js';

const ALGORITHM = 'Ed25519';

function subtle() {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) {
    throw new GovalTokenError(
      'signing and verifying need WebCrypto (crypto.subtle), which this environment lacks; browsers offer it only to pages served over HTTPS or from localhost',
      { code: 'ERR_UNSUPPORTED_PLATFORM' },
    );
  }
  return s;
}

/** Runs a WebCrypto call, turning "no Ed25519 here" into an error that says so. */
async function call(fn) {
  try {
    return await fn(subtle());
  } catch (error) {
    if (error?.name === 'NotSupportedError' || (error?.name === 'TypeError' && /algorithm|Ed25519/i.test(String(error.message)))) {
      throw new GovalTokenError(
        "this platform's WebCrypto has no Ed25519 (it needs Chrome 137+, Firefox 129+, Safari 17+, or Node 20+)",
        { cause: error, code: 'ERR_UNSUPPORTED_PLATFORM' },
      );
    }
    throw error;
  }
}

/** A private CryptoKey from a 32-byte seed (its PKCS#8 copy wiped). */
async function importSeed(seed, extractable) {
  const der = new Uint8Array(48);
  der.set(PKCS8_PREFIX);
  der.set(seed, 16);
  try {
    return await call((s) => s.importKey('pkcs8', der, ALGORITHM, extractable, ['sign']));
  } finally {
    der.fill(0);
  }
}

export const webEd25519 = {
  name: 'WebCrypto',

  /** A verifying key from 32 checked bytes. */
  importPublicKey(raw) {
    return call((s) => s.importKey('raw', raw, ALGORITHM, true, ['verify']));
  },

  /**
   * A signing key from a 32-byte seed. WebCrypto cannot give the public key of a
   * non-extractable private key, so `publicKey` is `undefined`: the caller checks a claimed
   * public key by verifying what it signs.
   */
  async importSecretKey(seed) {
    return { handle: await importSeed(seed, false), publicKey: undefined };
  },

  /**
   * The public key of a 32-byte seed: WebCrypto derives it only into the JWK of an
   * extractable private key, imported for this and dropped.
   */
  async publicKeyOf(seed) {
    const jwk = await call(async (s) => s.exportKey('jwk', await importSeed(seed, true)));
    jwk.d = '';
    return decodeBase64Url(jwk.x).slice();
  },

  /** The 32-byte seed of an extractable private CryptoKey (an Ed25519 one), or a problem string. */
  async exportSeed(key) {
    if (!key.extractable) return 'a non-extractable CryptoKey';
    const pkcs8 = new Uint8Array(await call((s) => s.exportKey('pkcs8', key)));
    const seed = pkcs8.slice(pkcs8.length - 32);
    pkcs8.fill(0);
    return seed;
  },

  verify(handle, signature, message) {
    return call((s) => s.verify(ALGORITHM, handle, signature, message));
  },

  async sign(handle, message) {
    return new Uint8Array(await call((s) => s.sign(ALGORITHM, handle, message)));
  },

  /** A new pair as `{ seed, publicKey }` (the caller wipes the seed). */
  async generate() {
    const pair = await call((s) => s.generateKey(ALGORITHM, true, ['sign', 'verify']));
    const pkcs8 = new Uint8Array(await call((s) => s.exportKey('pkcs8', pair.privateKey)));
    const publicKey = new Uint8Array(await call((s) => s.exportKey('raw', pair.publicKey)));
    const seed = pkcs8.slice(pkcs8.length - 32);
    pkcs8.fill(0);
    return { seed, publicKey };
  },

  /**
   * A key object of this platform: `{ type: 'public', raw, handle }` or
   * `{ type: 'private', handle }`, `undefined` when `key` is none, or a problem string.
   */
  async platformKey(key) {
    const CryptoKeyClass = globalThis.CryptoKey;
    if (typeof CryptoKeyClass !== 'function' || !(key instanceof CryptoKeyClass)) return undefined;
    if (key.algorithm?.name !== ALGORITHM) return 'a CryptoKey of another algorithm';
    if (key.type === 'public') {
      return { type: 'public', handle: key, raw: new Uint8Array(await call((s) => s.exportKey('raw', key))) };
    }
    if (!key.usages.includes('sign')) return "a private CryptoKey without the 'sign' usage";
    return { type: 'private', handle: key };
  },
};
