// Ed25519 over node:crypto (OpenSSL): synchronous underneath, behind the same async API as
// WebCrypto. Installed by the Node entry (node.js), so browser builds never import it.

import { KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { SPKI_PREFIX, PKCS8_PREFIX } from './der.js';

function privateKeyOf(seed) {
  const der = new Uint8Array(48);
  der.set(PKCS8_PREFIX);
  der.set(seed, 16);
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

function rawPublicKey(keyObject) {
  const der = keyObject.export({ type: 'spki', format: 'der' });
  return new Uint8Array(der.subarray(der.length - 32));
}

export const nodeEd25519 = {
  name: 'node:crypto',

  importPublicKey(raw) {
    const der = new Uint8Array(44);
    der.set(SPKI_PREFIX);
    der.set(raw, 12);
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  },

  /** OpenSSL derives the public key on import, so it is returned for the caller to check. */
  importSecretKey(seed) {
    const handle = privateKeyOf(seed);
    return { handle, publicKey: rawPublicKey(createPublicKey(handle)) };
  },

  /** The public key of a 32-byte seed. */
  publicKeyOf(seed) {
    return rawPublicKey(createPublicKey(privateKeyOf(seed)));
  },

  /**
   * The 32-byte seed of a private KeyObject or CryptoKey (an Ed25519 one: the caller asked
   * platformKey), or a problem string. A non-extractable CryptoKey stays so here too, though
   * KeyObject.from would read it.
   */
  exportSeed(key) {
    const CryptoKeyClass = globalThis.CryptoKey;
    if (typeof CryptoKeyClass === 'function' && key instanceof CryptoKeyClass) {
      if (!key.extractable) return 'a non-extractable CryptoKey';
      return this.exportSeed(KeyObject.from(key));
    }
    const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
    const seed = new Uint8Array(pkcs8.subarray(pkcs8.length - 32));
    pkcs8.fill(0);
    return seed;
  },

  verify(handle, signature, message) {
    return verify(null, message, handle, signature);
  },

  sign(handle, message) {
    const signature = sign(null, message, handle);
    return new Uint8Array(signature.buffer, signature.byteOffset, signature.length);
  },

  generate() {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
    const seed = new Uint8Array(pkcs8.subarray(pkcs8.length - 32));
    pkcs8.fill(0);
    return { seed, publicKey: rawPublicKey(publicKey) };
  },

  platformKey(key) {
    const CryptoKeyClass = globalThis.CryptoKey;
    if (typeof CryptoKeyClass === 'function' && key instanceof CryptoKeyClass) {
      if (key.algorithm?.name !== 'Ed25519') return 'a CryptoKey of another algorithm';
      return this.platformKey(KeyObject.from(key));
    }
    if (!(key instanceof KeyObject)) return undefined;
    if (key.asymmetricKeyType !== 'ed25519') return `a KeyObject of type ${key.type}${key.asymmetricKeyType ? ` (${key.asymmetricKeyType})` : ''}, not Ed25519`;
    if (key.type === 'public') return { type: 'public', handle: key, raw: rawPublicKey(key) };
    return { type: 'private', handle: key };
  },
};
