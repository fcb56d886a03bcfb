// Keys out: a key in any form keys.js reads, written as PASERK, PEM, a JWK or raw bytes
// (exportPublicKey, exportSecretKey, as jose's exportSPKI / exportPKCS8 / exportJWK), and new
// key pairs that print without their secret. Only exportSecretKey's result holds secret
// material; our copies of a seed are wiped. No top-level side effects.

import { GovalTokenError } from '../errors.js';
import { encodeBase64, encodeBase64Url } from '../lib/base64.js';
import { describe, nearest } from '../lib/text.js';
import { PKCS8_PREFIX, SPKI_PREFIX } from './der.js';
import { generateKeyBytes, readPublicKey, readSecretKey } from './keys.js';

const FORMATS = ['paserk', 'pem', 'jwk', 'raw'];

/** Throws unless `format` is one of FORMATS (before any key is read). */
function checkFormat(format) {
  if (typeof format === 'string' && FORMATS.includes(format)) return;
  // The suggestion never echoes the argument: a caller who swapped them passed the key here.
  const hint = typeof format === 'string' ? nearest(format, FORMATS) : undefined;
  throw new GovalTokenError(`expected 'paserk', 'pem', 'jwk' or 'raw', got ${describe(format)}${hint ? ` (did you mean '${hint}'?)` : ''}`, { path: 'format' });
}

/** DER: an RFC 8410 prefix, then 32 key bytes. */
function der(prefix, key) {
  const out = new Uint8Array(prefix.length + 32);
  out.set(prefix);
  out.set(key, prefix.length);
  return out;
}

/**
 * A PEM block as node:crypto and OpenSSL write it: lines of 64 characters, a final newline.
 * An Ed25519 SPKI (44 bytes) or PKCS#8 v1 (48) is at most 64 characters: one line.
 */
function pem(label, bytes) {
  return `-----BEGIN ${label}-----\n${encodeBase64(bytes)}\n-----END ${label}-----\n`;
}

const paserkPublic = (raw) => `k2.public.${encodeBase64Url(raw)}`;

/**
 * A public key in `format`: `paserk` (k2.public.…), `pem` (SPKI), `jwk` ({ kty, crv, x }) or
 * `raw` (32 bytes). `key`: a public key in any accepted form, or a secret key in any accepted
 * form, whose public half is derived from its seed (and any public half it states checked).
 */
export async function exportPublicKey(key, format) {
  checkFormat(format);
  const raw = await readPublicKey(key, 'key');
  switch (format) {
    case 'paserk':
      return paserkPublic(raw);
    case 'pem':
      return pem('PUBLIC KEY', der(SPKI_PREFIX, raw));
    case 'jwk':
      return { kty: 'OKP', crv: 'Ed25519', x: encodeBase64Url(raw) };
    default:
      return raw;
  }
}

/**
 * A secret key in `format`: `paserk` (k2.secret.…: seed ‖ public key), `pem` (PKCS#8 v1),
 * `jwk` ({ kty, crv, x, d }) or `raw` (64 bytes: seed ‖ public key, as generateSigningKeyPair
 * gives and libsodium keeps). `key`: a secret key in any accepted form (a platform key must be
 * extractable).
 */
export async function exportSecretKey(key, format) {
  checkFormat(format);
  const { seed, publicKey } = await readSecretKey(key, 'key');
  const full = new Uint8Array(64);
  full.set(seed);
  full.set(publicKey, 32);
  let pkcs8;
  try {
    switch (format) {
      case 'paserk':
        return `k2.secret.${encodeBase64Url(full)}`;
      case 'pem':
        pkcs8 = der(PKCS8_PREFIX, seed);
        return pem('PRIVATE KEY', pkcs8);
      case 'jwk':
        return { kty: 'OKP', crv: 'Ed25519', x: encodeBase64Url(publicKey), d: encodeBase64Url(seed) };
      default:
        return full.slice();
    }
  } finally {
    seed.fill(0);
    full.fill(0);
    pkcs8?.fill(0);
  }
}

/**
 * What generateSigningKeyPair gives: `publicKey` (32 bytes) and `secretKey` (64 bytes: seed,
 * then public key), the secret not enumerable (spreads, Object.keys and structuredClone leave
 * it out), and printed by neither JSON.stringify nor Node's util.inspect / console.log, which
 * show the public key as PASERK.
 */
class SigningKeyPair {
  constructor(publicKey, secretKey) {
    this.publicKey = publicKey;
    Object.defineProperty(this, 'secretKey', { value: secretKey, enumerable: false, writable: true, configurable: true });
  }

  /** `{ publicKey: 'k2.public.…' }`: never the secret. */
  toJSON() {
    return { publicKey: this.publicKey instanceof Uint8Array ? paserkPublic(this.publicKey) : this.publicKey };
  }
}

/** Node's util.inspect of a pair (installed on first use: no module does work at its top level). */
function inspectPair(depth, options, inspect) {
  const { publicKey } = this.toJSON();
  const shown = typeof inspect === 'function' ? inspect(publicKey, options) : JSON.stringify(publicKey);
  const redacted = typeof options?.stylize === 'function' ? options.stylize('[redacted]', 'special') : '[redacted]';
  return `SigningKeyPair { publicKey: ${shown}, secretKey: ${redacted} }`;
}

/** A new key pair (a SigningKeyPair) from the platform's generator. */
export async function generateKeyPair() {
  const { publicKey, secretKey } = await generateKeyBytes();
  const inspect = Symbol.for('nodejs.util.inspect.custom');
  if (!Object.hasOwn(SigningKeyPair.prototype, inspect)) Object.defineProperty(SigningKeyPair.prototype, inspect, { value: inspectPair });
  return new SigningKeyPair(publicKey, secretKey);
}
