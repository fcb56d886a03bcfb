// Ed25519 keys in the forms people have them, imported into the platform's crypto.
//
// Public keys: 32 raw bytes; base64, base64url or hex of them; PASERK `k2.public.`; PEM SPKI;
// a node:crypto KeyObject; a WebCrypto CryptoKey; an Ed25519 JWK.
// Secret keys only in a form that says it is secret: PASERK `k2.secret.`; PEM PKCS#8; the
// 64-byte seed‖public form (bytes or text, its public half checked); a private KeyObject or
// CryptoKey; a JWK with `d`; `{ seed }`. Error messages never hold any part of a key.
// Keys read for export (readPublicKey, readSecretKey) come out as bytes; export.js writes
// them in each form. No top-level side effects.

import { ed25519, publicKeyProblem } from './ed25519.js';
import { KeyError } from '../errors.js';
import { decodeBase64, decodeBase64Url } from '../lib/base64.js';
import { isPlainObject, ownValue } from '../lib/object.js';
import { describe } from '../lib/text.js';
import { SPKI_PREFIX, PKCS8_PREFIX } from './der.js';

/** PKCS#8 v2 (RFC 5958): version 1, then `[1] BIT STRING` with the public key after the seed. */
const PKCS8_V2_PREFIX = [0x30, 0x51, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
const PKCS8_V2_PUBLIC_TAG = [0x81, 0x21, 0x00];

const SECRET_FORMS =
  'a secret key must say it is one: PASERK k2.secret., PKCS#8 PEM, 64 bytes (seed, then public key), a private KeyObject, CryptoKey or JWK, or { seed } for a 32-byte seed';
const PUBLIC_FORMS =
  '32 bytes, their base64, base64url or hex, PASERK k2.public., PEM (SPKI), a KeyObject, a CryptoKey or a JWK';

/** A KeyError at `path` (returned, for the caller to throw). */
const keyError = (path, detail) => new KeyError(detail, { path });

/** A key object of a platform (a KeyObject or CryptoKey, if anything): not bytes, text, a JWK or { seed }. */
const isObjectKey = (input) => input !== null && typeof input === 'object' && !(input instanceof Uint8Array) && !isPlainObject(input);

// A token pasted where a key goes (its text stays out of the message).
const PASETO_TOKEN = /^v[0-9]\.(public|local)\./;
const TOKEN_NOT_KEY = 'this is a PASETO token (v2.public.…), not a key';

function startsWith(bytes, prefix) {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function decodeHex(text) {
  const out = new Uint8Array(text.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.substr(i * 2, 2), 16);
  return out;
}

/** Key bytes from hex (64 or 128 digits) or base64 / base64url, padded or not; else `undefined`. */
function decodeKeyText(text) {
  if ((text.length === 64 || text.length === 128) && /^[0-9a-fA-F]+$/.test(text)) return decodeHex(text);
  if (/[+/]/.test(text) && /[-_]/.test(text)) return undefined;
  if (/=/.test(text)) return /[-_]/.test(text) ? decodeBase64(text.replace(/-/g, '+').replace(/_/g, '/')) : decodeBase64(text);
  return decodeBase64Url(text.replace(/\+/g, '-').replace(/\//g, '_'));
}

/** The DER inside a PEM block with this label, or `undefined`. */
function pemBody(text, label) {
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  if (!text.startsWith(begin) || !text.endsWith(end)) return undefined;
  const inner = text.slice(begin.length, text.length - end.length);
  if (inner.includes('-----')) return undefined;
  return decodeBase64(inner.replace(/[\t\n\f\r ]+/g, ''));
}

function wipe(...arrays) {
  for (const a of arrays) a?.fill(0);
}

// ---------------------------------------------------------------- public keys

let cache = new Map();
let objectCache = new WeakMap();
let cachedFor;
const CACHE_SIZE = 256;

function caches() {
  // Handles belong to one implementation; a newly installed one starts afresh.
  if (cachedFor !== ed25519()) {
    cachedFor = ed25519();
    cache = new Map();
    objectCache = new WeakMap();
  }
}

// Key algorithms other than Ed25519, by the DER of their OID, to name them in errors.
const OTHER_ALGORITHMS = [
  ['RSA', [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]],
  ['EC (ECDSA)', [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]],
  ['X25519', [0x06, 0x03, 0x2b, 0x65, 0x6e]],
  ['Ed448', [0x06, 0x03, 0x2b, 0x65, 0x71]],
];

/** The length a DER SEQUENCE at the start of `bytes` declares for the whole, or -1. */
function derSequenceLength(bytes) {
  if (bytes.length < 2 || bytes[0] !== 0x30) return -1;
  const first = bytes[1];
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n < 1 || n > 2 || bytes.length < 2 + n) return -1;
  return 2 + n + (n === 1 ? bytes[2] : (bytes[2] << 8) | bytes[3]);
}

/**
 * What DER key bytes (SPKI or PKCS#8) of another algorithm are, e.g. "DER SPKI of an RSA
 * key", or `undefined`. Only the structure's start and the OID are read.
 */
function otherDerKey(bytes) {
  if (derSequenceLength(bytes) !== bytes.length) return undefined;
  const inner = bytes[1] < 0x80 ? 2 : 2 + (bytes[1] & 0x7f);
  // PKCS#8 opens with its version (an INTEGER), SPKI with the algorithm's SEQUENCE.
  const form = bytes[inner] === 0x02 ? 'PKCS#8' : bytes[inner] === 0x30 ? 'SPKI' : undefined;
  if (form === undefined) return undefined;
  const head = bytes.subarray(inner, inner + 24);
  for (const [name, oid] of OTHER_ALGORITHMS) {
    for (let i = 0; i + oid.length <= head.length; i++) {
      if (startsWith(head.subarray(i), oid)) return `DER ${form} of an ${name} key`;
    }
  }
  return undefined;
}

/**
 * Names DER key bytes given where raw key bytes go, or `undefined` (the message holds no key
 * bytes). `encoded`: they came as base64 or hex text.
 */
function derKeyProblem(bytes, path, kind, encoded) {
  const of = encoded ? 'base64 or hex of ' : '';
  if (bytes.length === 44 && startsWith(bytes, SPKI_PREFIX)) {
    return kind === 'public'
      ? keyError(path, `${of}44 bytes of DER SPKI (an Ed25519 public key in its X.509 wrapping): give it as PEM text, a KeyObject, or its last 32 bytes`)
      : publicAsSecret(path, `${of}44 bytes of DER SPKI`);
  }
  if (startsWith(bytes, PKCS8_PREFIX) || startsWith(bytes, PKCS8_V2_PREFIX)) {
    return kind === 'public'
      ? keyError(path, `${of}DER PKCS#8 bytes: a secret key, not a public key`)
      : keyError(path, `${of}DER PKCS#8 bytes: give the key as PKCS#8 PEM text or a KeyObject`);
  }
  const other = otherDerKey(bytes);
  return other === undefined ? undefined : keyError(path, `${of}${other}, not an Ed25519 key`);
}

/** For text that decoded to no key: DER key bytes in hex of any length, named. */
function derInHex(text, path, kind) {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(text)) return undefined;
  const bytes = decodeHex(text);
  const problem = derKeyProblem(bytes, path, kind, true);
  wipe(bytes);
  return problem;
}

/**
 * The 32 bytes of a public key given as bytes, text or a JWK (sync; no platform objects).
 * Throws a `KeyError` naming `path`.
 */
export function publicKeyBytes(input, path = 'publicKey') {
  if (input instanceof Uint8Array) {
    if (input.length === 32) return input.slice();
    throw derKeyProblem(input, path, 'public', false) ?? keyError(path, `expected 32 bytes, got ${input.length} bytes`);
  }
  if (typeof input === 'string') return publicKeyFromText(input.trim(), path);
  if (isPlainObject(input)) {
    if (ownValue(input, 'seed') !== undefined) throw keyError(path, 'a { seed } is a secret key, not a public key');
    if (ownValue(input, 'kty') !== undefined) return publicKeyFromJwk(input, path);
  }
  throw keyError(path, `expected a Uint8Array or a string (or a KeyObject, CryptoKey or JWK), got ${describe(input)}`);
}

function publicKeyFromText(text, path) {
  let bytes;
  if (text.startsWith('-----BEGIN')) {
    if (/^-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/.test(text)) {
      throw keyError(path, 'a PRIVATE KEY PEM block is a secret key, not an Ed25519 SPKI public key');
    }
    const der = pemBody(text, 'PUBLIC KEY');
    if (der === undefined || der.length !== 44 || !startsWith(der, SPKI_PREFIX)) {
      throw keyError(path, 'the PEM block is not an Ed25519 SPKI public key');
    }
    return der.slice(12);
  }
  if (text.startsWith('k2.public.')) {
    bytes = decodeBase64Url(text.slice(10));
    if (bytes === undefined) throw keyError(path, 'the PASERK k2.public. key is not unpadded base64url');
  } else if (text.startsWith('k2.secret.')) {
    throw keyError(path, 'a PASERK k2.secret. key is a secret key: give the public key, k2.public.…');
  } else if (/^k[0-9]+\./.test(text)) {
    throw keyError(path, 'a PASERK key must start with k2.public.');
  } else if (PASETO_TOKEN.test(text)) {
    throw keyError(path, TOKEN_NOT_KEY);
  } else {
    bytes = decodeKeyText(text);
    if (bytes === undefined) throw keyError(path, `not a public key in any accepted form: ${PUBLIC_FORMS}`);
  }
  if (bytes.length !== 32) {
    const problem = derKeyProblem(bytes, path, 'public', true) ?? derInHex(text, path, 'public') ?? keyError(path, `expected 32 bytes, got ${bytes.length} bytes`);
    wipe(bytes);
    throw problem;
  }
  return bytes.slice();
}

function jwkPart(jwk, name, path) {
  const value = ownValue(jwk, name);
  const bytes = typeof value === 'string' ? decodeBase64Url(value) : undefined;
  if (bytes === undefined || bytes.length !== 32) {
    wipe(bytes);
    throw keyError(`${path}.${name}`, 'expected 32 bytes as unpadded base64url');
  }
  return bytes;
}

function checkJwk(jwk, path) {
  if (ownValue(jwk, 'kty') !== 'OKP' || ownValue(jwk, 'crv') !== 'Ed25519') throw keyError(path, 'the JWK is not an Ed25519 key (kty "OKP", crv "Ed25519")');
}

function publicKeyFromJwk(jwk, path) {
  checkJwk(jwk, path);
  if (ownValue(jwk, 'd') !== undefined) throw keyError(path, 'the JWK has d: it is a secret key, not a public key');
  return jwkPart(jwk, 'x', path).slice();
}

function latin1Id(bytes) {
  return String.fromCharCode.apply(null, bytes);
}

/**
 * A public key in any accepted form, checked (canonical, on the curve, not of small order)
 * and imported: `{ raw, handle }`. Imported keys are cached by their bytes.
 */
export async function importPublicKey(input, path = 'publicKey') {
  caches();
  if (isObjectKey(input)) {
    const hit = objectCache.get(input);
    if (hit !== undefined) return hit;
    const platform = await ed25519().platformKey(input);
    if (typeof platform === 'string') throw keyError(path, `${platform}, not an Ed25519 public key`);
    if (platform !== undefined) {
      if (platform.type !== 'public') throw keyError(path, 'a private key is a secret key: give its public key');
      checkPublicKeyBytes(platform.raw, path);
      const key = { raw: platform.raw, handle: platform.handle };
      objectCache.set(input, key);
      return key;
    }
  }
  return importPublicKeyBytes(publicKeyBytes(input, path), path);
}

/** Imports 32 public key bytes after checking them (cached by their bytes). */
export async function importPublicKeyBytes(raw, path = 'publicKey') {
  caches();
  const id = latin1Id(raw);
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  checkPublicKeyBytes(raw, path);
  const key = { raw: raw.slice(), handle: await ed25519().importPublicKey(raw) };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value);
  cache.set(id, key);
  return key;
}

/** The 32 bytes of a public key given as bytes, text or a JWK, checked as importPublicKey checks them (sync). */
export function checkedPublicKeyBytes(input, path = 'publicKey') {
  const raw = publicKeyBytes(input, path);
  checkPublicKeyBytes(raw, path);
  return raw;
}

/**
 * How a certificate's `publicKey` names the key it certifies: `paserk` (k2.public.…, as is:
 * go-replidentity takes it untrimmed), `pem` (a PEM PUBLIC KEY block), or `undefined`:
 * go-replidentity reads no other form.
 */
export function certifiedKeyForm(text) {
  if (text.startsWith('k2.public.')) return 'paserk';
  if (text.trim().startsWith('-----BEGIN PUBLIC KEY-----')) return 'pem';
  return undefined;
}

const KEY_PROBLEMS = {
  'non-canonical': 'the 32 bytes are not an Ed25519 public key (a non-canonical encoding)',
  'not-on-curve': 'the 32 bytes are not an Ed25519 public key (not a point on the curve)',
  'small-order': 'the 32 bytes are a point of small order, a weak key that would let forged signatures verify',
};

function checkPublicKeyBytes(raw, path) {
  const problem = publicKeyProblem(raw);
  if (problem !== undefined) throw keyError(path, KEY_PROBLEMS[problem]);
}

// ---------------------------------------------------------------- secret keys

/**
 * A secret key from bytes, text, a JWK or `{ seed }`: `{ seed, claimed }`, fresh copies the
 * caller wipes (`claimed`: the public key the form states, when it states one).
 */
function secretKeyParts(input, path) {
  if (input instanceof Uint8Array) return secretKeyFromBytes(input, path, false);
  if (typeof input === 'string') return secretKeyFromText(input.trim(), path);
  if (isPlainObject(input)) {
    const seed = ownValue(input, 'seed');
    if (seed !== undefined) {
      const extra = Object.keys(input).find((k) => k !== 'seed');
      if (extra !== undefined) throw keyError(path, 'a { seed } takes no other property');
      if (!(seed instanceof Uint8Array) || seed.length !== 32) throw keyError(`${path}.seed`, `expected 32 bytes, got ${seed instanceof Uint8Array ? `${seed.length} bytes` : describe(seed)}`);
      return { seed: seed.slice(), claimed: undefined };
    }
    if (ownValue(input, 'kty') !== undefined) {
      checkJwk(input, path);
      if (ownValue(input, 'd') === undefined) throw publicAsSecret(path, 'a JWK without d');
      const seed = jwkPart(input, 'd', path);
      return { seed, claimed: ownValue(input, 'x') === undefined ? undefined : jwkPart(input, 'x', path) };
    }
  }
  throw keyError(path, `expected a Uint8Array or a string (or a KeyObject, CryptoKey, JWK or { seed }), got ${describe(input)}`);
}

function publicAsSecret(path, what) {
  return keyError(path, `${what} is a public key, not a secret key; ${SECRET_FORMS}`);
}

function secretKeyFromBytes(bytes, path, decoded) {
  const n = bytes.length;
  if (n === 64) {
    return { seed: bytes.slice(0, 32), claimed: bytes.slice(32) };
  }
  const der = n === 32 ? undefined : derKeyProblem(bytes, path, 'secret', decoded);
  if (decoded) wipe(bytes);
  if (n === 32) {
    throw keyError(path, `32 bytes could be a public key or a seed, so they are not taken as a secret key; ${SECRET_FORMS}`);
  }
  throw der ?? keyError(path, `expected 64 bytes (seed, then public key), got ${n} bytes`);
}

function secretKeyFromText(text, path) {
  if (text.startsWith('-----BEGIN')) {
    if (text.startsWith('-----BEGIN PUBLIC KEY-----')) throw publicAsSecret(path, 'a PUBLIC KEY PEM block');
    const der = pemBody(text, 'PRIVATE KEY');
    try {
      if (der !== undefined && der.length === 48 && startsWith(der, PKCS8_PREFIX)) {
        return { seed: der.slice(16), claimed: undefined };
      }
      if (der !== undefined && der.length === 83 && startsWith(der, PKCS8_V2_PREFIX) && startsWith(der.subarray(48), PKCS8_V2_PUBLIC_TAG)) {
        return { seed: der.slice(16, 48), claimed: der.slice(51) };
      }
    } finally {
      wipe(der);
    }
    throw keyError(path, 'the PEM block is not an Ed25519 PKCS#8 private key');
  }
  if (text.startsWith('k2.secret.')) {
    const bytes = decodeBase64Url(text.slice(10));
    if (bytes === undefined) throw keyError(path, 'the PASERK k2.secret. key is not unpadded base64url');
    if (bytes.length !== 64) {
      const n = bytes.length;
      wipe(bytes);
      throw keyError(path, `a PASERK k2.secret. key holds 64 bytes (seed, then public key), got ${n} bytes`);
    }
    try {
      return secretKeyFromBytes(bytes, path, true);
    } finally {
      wipe(bytes);
    }
  }
  if (text.startsWith('k2.public.')) throw publicAsSecret(path, 'a PASERK k2.public. key');
  if (/^k[0-9]+\./.test(text)) throw keyError(path, 'a PASERK key must start with k2.secret.');
  if (PASETO_TOKEN.test(text)) throw keyError(path, TOKEN_NOT_KEY);
  const bytes = decodeKeyText(text);
  if (bytes === undefined) throw keyError(path, `not a key in any accepted form; ${SECRET_FORMS}`);
  if (bytes.length !== 64 && bytes.length !== 32) {
    const hex = derInHex(text, path, 'secret');
    if (hex !== undefined) {
      wipe(bytes);
      throw hex;
    }
  }
  try {
    return secretKeyFromBytes(bytes, path, true);
  } finally {
    wipe(bytes);
  }
}

/**
 * A secret key in any accepted form, imported for signing: `{ handle, check }`, where
 * `check` is the public key the form states and the platform could not confirm at import
 * (WebCrypto): `signBytes` then verifies its own signature with it. Our copies of the seed
 * are wiped before this returns; nothing secret is cached.
 */
export async function importSecretKey(input, path = 'secretKey') {
  if (isObjectKey(input)) {
    const platform = await ed25519().platformKey(input);
    if (typeof platform === 'string') throw keyError(path, `${platform}, not an Ed25519 secret key`);
    if (platform !== undefined) {
      if (platform.type === 'public') throw publicAsSecret(path, `a public ${input.constructor?.name ?? 'key'}`);
      return { handle: platform.handle, check: undefined };
    }
  }
  const { seed, claimed } = secretKeyParts(input, path);
  try {
    const { handle, publicKey } = await ed25519().importSecretKey(seed);
    if (claimed !== undefined && publicKey !== undefined && !equal(claimed, publicKey)) throw mismatch(path);
    return { handle, check: claimed !== undefined && publicKey === undefined ? { claimed: claimed.slice(), path } : undefined };
  } finally {
    wipe(seed, claimed);
  }
}

function mismatch(path) {
  return keyError(path, 'the last 32 bytes are not the public key of the first 32 (seed)');
}

function equal(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** Signs bytes with an imported secret key (checking a stated public key where needed). */
export async function signBytes(secretKey, message) {
  const signature = await ed25519().sign(secretKey.handle, message);
  const { check } = secretKey;
  if (check !== undefined) {
    let ok = false;
    try {
      const publicKey = await importPublicKeyBytes(check.claimed, check.path);
      ok = await ed25519().verify(publicKey.handle, signature, message);
    } catch {
      ok = false;
    }
    if (!ok) throw mismatch(check.path);
  }
  return signature;
}

/** A new key pair's bytes: `{ publicKey: 32 bytes, secretKey: 64 bytes (seed, then public key) }`. */
export async function generateKeyBytes() {
  const { seed, publicKey } = await ed25519().generate();
  const secretKey = new Uint8Array(64);
  secretKey.set(seed);
  secretKey.set(publicKey, 32);
  wipe(seed);
  return { publicKey, secretKey };
}

// ---------------------------------------------------------------- keys read for export

/** Whether a key given as bytes, text or a JWK says it is secret (so secretKeyParts reads it; PEM starts `-----BEGIN`, base64url may start `-----`). */
function saysSecret(input) {
  if (input instanceof Uint8Array) return input.length === 64;
  if (isPlainObject(input)) return ownValue(input, 'seed') !== undefined || ownValue(input, 'd') !== undefined;
  if (typeof input !== 'string') return false;
  const text = input.trim();
  if (text.startsWith('k2.secret.') || /^-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/.test(text)) return true;
  if (/^k[0-9]+\./.test(text) || text.startsWith('-----BEGIN') || PASETO_TOKEN.test(text)) return false;
  const bytes = decodeKeyText(text);
  const secret = bytes?.length === 64;
  wipe(bytes);
  return secret;
}

/**
 * A secret key in any accepted form as `{ seed, publicKey }`, fresh copies (the caller wipes
 * the seed): the public key derived from the seed, and any public half the form states
 * checked against it. A platform key must be extractable.
 */
export async function readSecretKey(input, path = 'secretKey') {
  let seed;
  let claimed;
  if (isObjectKey(input)) {
    const platform = await ed25519().platformKey(input);
    if (typeof platform === 'string') throw keyError(path, `${platform}, not an Ed25519 secret key`);
    if (platform !== undefined) {
      if (platform.type === 'public') throw publicAsSecret(path, `a public ${input.constructor?.name ?? 'key'}`);
      const exported = await ed25519().exportSeed(input);
      if (typeof exported === 'string') {
        throw keyError(path, `${exported}: neither it nor its public key can be read (create it extractable, or export the public key of its pair)`);
      }
      seed = exported;
    }
  }
  if (seed === undefined) ({ seed, claimed } = secretKeyParts(input, path));
  try {
    const publicKey = await ed25519().publicKeyOf(seed);
    if (claimed !== undefined && !equal(claimed, publicKey)) throw mismatch(path);
    return { seed, publicKey };
  } catch (error) {
    wipe(seed);
    throw error;
  } finally {
    wipe(claimed);
  }
}

/**
 * The checked 32 bytes of a public key in any accepted form, or of a secret key's public half
 * (a secret key in any accepted form, read by readSecretKey). A fresh copy.
 */
export async function readPublicKey(input, path = 'publicKey') {
  let secret = saysSecret(input);
  if (isObjectKey(input)) {
    const platform = await ed25519().platformKey(input);
    if (typeof platform === 'string') throw keyError(path, `${platform}, not an Ed25519 key`);
    if (platform?.type === 'public') {
      checkPublicKeyBytes(platform.raw, path);
      return platform.raw.slice();
    }
    secret = platform !== undefined;
  }
  if (!secret) return checkedPublicKeyBytes(input, path);
  const { seed, publicKey } = await readSecretKey(input, path);
  wipe(seed);
  return publicKey;
}
