// Ed25519 from the platform, with the strictness the platforms disagree on checked here, on
// the bytes: public keys must be canonical points on the curve and not of small order;
// signatures must have S < L (no malleability) and an R that is canonical and not of small
// order. The signing and verifying themselves are the platform's (node:crypto or WebCrypto);
// this file only validates encodings, with BigInt. No top-level side effects.

import { webEd25519 } from './ed25519-web.js';

/**
 * The platform implementation: WebCrypto unless an entry point installs another (the Node
 * entry installs node:crypto). Browsers and bundlers thus never see node:crypto.
 */
let implementation = webEd25519;

/** Installs the Ed25519 implementation (called by the Node entry). */
export function useEd25519(impl) {
  implementation = impl;
}

export function ed25519() {
  return implementation;
}

// Written out, not as `2n ** 255n - 19n`: a bundler keeps any top-level expression it cannot
// prove free of side effects, and the browser entry is one file.
/** 2^255 - 19. */
const P = 0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffedn;
/** The order of the prime subgroup: 2^252 + 27742317777372353535851937790883648493. */
const L = 0x1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3edn;
/** 2^255 - 1. */
const Y_MASK = 0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffn;

function mod(a) {
  const r = a % P;
  return r < 0n ? r + P : r;
}

function pow(base, exponent) {
  let result = 1n;
  let b = mod(base);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

let constants;

/** d = -121665/121666, sqrt(-1), and the y of every small-order point (computed once). */
function curve() {
  if (constants !== undefined) return constants;
  const d = mod(-121665n * pow(121666n, P - 2n));
  const sqrtM1 = pow(2n, (P - 1n) / 4n);
  constants = { d, sqrtM1, smallOrderY: undefined };
  // The eight points of order dividing 8: y = 1 (identity), -1 (order 2), 0 (order 4), and
  // ±y8 (order 8), where doubling y8 gives y = 0: d·y⁴ + 2y² - 1 = 0.
  const root = sqrt(mod(1n + d));
  const ys = [0n, 1n, P - 1n];
  for (const t of [mod((P - 1n + root) * pow(d, P - 2n)), mod((P - 1n - root) * pow(d, P - 2n))]) {
    const y = sqrt(t);
    if (y !== undefined) ys.push(y, P - y);
  }
  constants.smallOrderY = ys;
  // The same as 32 little-endian bytes, for a quick comparison with a signature's R.
  constants.smallOrderBytes = ys.map((y) => Uint8Array.from({ length: 32 }, (_, i) => Number((y >> BigInt(8 * i)) & 0xffn)));
  return constants;
}

/** A square root mod p, or `undefined`. */
function sqrt(a) {
  const { sqrtM1 } = constants;
  let x = pow(a, (P + 3n) / 8n);
  if (mod(x * x) === a) return x;
  x = mod(x * sqrtM1);
  return mod(x * x) === a ? x : undefined;
}

function littleEndian(bytes, from, to) {
  let n = 0n;
  for (let i = to - 1; i >= from; i--) n = (n << 8n) | BigInt(bytes[i]);
  return n;
}

/**
 * What is wrong with 32 bytes as an Ed25519 public key, or `undefined` when nothing is:
 * `non-canonical` (y ≥ p, or x = 0 with the sign bit set), `not-on-curve`, `small-order`.
 */
export function publicKeyProblem(bytes) {
  const { d, sqrtM1 } = curve();
  const encoded = littleEndian(bytes, 0, 32);
  const y = encoded & Y_MASK;
  const sign = encoded >> 255n;
  if (y >= P) return 'non-canonical';
  const y2 = mod(y * y);
  const u = mod(y2 - 1n);
  const v = mod(d * y2 + 1n);
  // x = sqrt(u / v) = u·v³·(u·v⁷)^((p-5)/8), then fixed up by sqrt(-1) (RFC 8032, 5.1.3).
  const v3 = mod(v * v * v);
  let x = mod(u * v3 * pow(u * v3 * v3 * v, (P - 5n) / 8n));
  const vx2 = mod(v * x * x);
  if (vx2 === mod(-u)) x = mod(x * sqrtM1);
  else if (vx2 !== u) return 'not-on-curve';
  if (x === 0n && sign === 1n) return 'non-canonical';
  if (isSmallOrder(x, y)) return 'small-order';
  return undefined;
}

/** 8·(x, y) is the identity: three doublings in projective coordinates (a = -1). */
function isSmallOrder(x, y) {
  let X = x;
  let Y = y;
  let Z = 1n;
  for (let i = 0; i < 3; i++) {
    const B = mod((X + Y) * (X + Y));
    const C = mod(X * X);
    const D = mod(Y * Y);
    const E = mod(-C);
    const F = mod(E + D);
    const H = mod(Z * Z);
    const J = mod(F - 2n * H);
    X = mod((B - C - D) * J);
    Y = mod(F * (E - D));
    Z = mod(F * J);
  }
  return X === 0n && Y === Z;
}

/**
 * What is wrong with a 64-byte signature's encoding, or `undefined`: `s-not-reduced`
 * (S ≥ L, a malleated signature), `r-non-canonical`, `r-small-order`.
 */
export function signatureProblem(signature) {
  const top = signature[63];
  if (top & 0xe0 || ((top & 0x10) !== 0 && littleEndian(signature, 32, 64) >= L)) return 's-not-reduced';
  // R's y (the sign bit cleared) on the bytes: this runs on every verification.
  if (isNonCanonicalY(signature)) return 'r-non-canonical';
  for (const y of curve().smallOrderBytes) if (sameY(signature, y)) return 'r-small-order';
  return undefined;
}

/** y ≥ p = 2^255 - 19: 0x7f, then 30 bytes of 0xff, then a low byte ≥ 0xed (little-endian). */
function isNonCanonicalY(bytes) {
  if ((bytes[31] & 0x7f) !== 0x7f || bytes[0] < 0xed) return false;
  for (let i = 1; i < 31; i++) if (bytes[i] !== 0xff) return false;
  return true;
}

function sameY(bytes, y) {
  if ((bytes[31] & 0x7f) !== y[31]) return false;
  for (let i = 0; i < 31; i++) if (bytes[i] !== y[i]) return false;
  return true;
}
