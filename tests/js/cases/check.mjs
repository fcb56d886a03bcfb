// A few assertions that run alike in Node and in a browser page, for the shared case lists
// (tests/js/cases/*.mjs), which both tests/js/*.test.mjs and tests/browser/*.test.mjs run.

export class AssertionError extends Error {}
AssertionError.prototype.name = 'AssertionError';

export function ok(value, message = 'expected a truthy value') {
  if (!value) throw new AssertionError(message);
}

function show(value) {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `Uint8Array[${Array.from(value).join(',')}]`;
  try {
    return JSON.stringify(value, (k, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

export function equal(actual, expected, message = '') {
  if (!Object.is(actual, expected)) throw new AssertionError(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
}

function same(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === b.getTime();
  if (ArrayBuffer.isView(a)) return a.length === b.length && a.every((x, i) => x === b[i]);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]));
}

export function deepEqual(actual, expected, message = '') {
  if (!same(actual, expected)) throw new AssertionError(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
}

export function match(text, pattern, message = '') {
  if (typeof text !== 'string' || !pattern.test(text)) throw new AssertionError(`${message ? `${message}: ` : ''}${show(text)} does not match ${pattern}`);
}

/**
 * Awaits `fn()` and expects it to reject (or throw) with an error named `name` (an instance
 * of `ErrorClass` when given) whose fields match `fields`; returns the error.
 */
export async function rejects(fn, ErrorClass, fields = {}, label = '') {
  let error;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  const where = label ? `${label}: ` : '';
  if (error === undefined) throw new AssertionError(`${where}expected ${ErrorClass.name ?? ErrorClass}, but it succeeded`);
  const name = typeof ErrorClass === 'string' ? ErrorClass : ErrorClass.prototype.name;
  if (error.name !== name || (typeof ErrorClass === 'function' && !(error instanceof ErrorClass))) {
    throw new AssertionError(`${where}expected ${name}, got ${error?.name}: ${error?.message}`);
  }
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof RegExp) match(error[key], value, `${where}${key}`);
    else deepEqual(error[key], value, `${where}${key}`);
  }
  return error;
}

// Bytes and text without Buffer.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function b64(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}
export const b64url = (bytes) => b64(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
export function unb64(text) {
  const clean = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const out = [];
  let bits = 0;
  let value = 0;
  for (const c of clean) {
    value = (value << 6) | B64.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}
export const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
export const fromHex = (text) => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
export const latin1 = (text) => Uint8Array.from(text, (c) => c.charCodeAt(0));
export const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
