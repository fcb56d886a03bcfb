// Text helpers for the inspector page: values as readable text and byte sizes with units.
// Hex, base64 and durations are the package's own (its lib/, served at /pkg/). No DOM.

import { toHex } from '/pkg/lib/hex.js';

export { toHex };
export { encodeBase64 as toBase64, encodeBase64Url as toBase64Url } from '/pkg/lib/base64.js';
export { durationText } from '/pkg/lib/time.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A value of the object model as JS-like text: bigint with an `n` suffix, Uint8Array as hex,
 * -0, NaN and ±Infinity as themselves, `undefined` shown. Short objects stay on one line.
 */
export function formatValue(value, indent = '') {
  const inline = formatInline(value);
  if (inline !== undefined && inline.length + indent.length <= 88) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => inner + formatValue(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const lines = Object.entries(value).map(([key, item]) => `${inner}${keyText(key)}: ${formatValue(item, inner)}`);
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return scalarText(value);
}

function formatInline(value) {
  if (Array.isArray(value)) {
    const items = value.map(formatInline);
    return items.includes(undefined) ? undefined : `[${items.join(', ')}]`;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const parts = [];
    for (const [key, item] of entries) {
      const text = formatInline(item);
      if (text === undefined) return undefined;
      parts.push(`${keyText(key)}: ${text}`);
    }
    return `{ ${parts.join(', ')} }`;
  }
  return scalarText(value);
}

function keyText(key) {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function scalarText(value) {
  switch (typeof value) {
    case 'bigint':
      return `${value}n`;
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'undefined':
      return 'undefined';
    default:
      if (value instanceof Uint8Array) return `Uint8Array(${value.length}) [hex ${toHex(value) || '(empty)'}]`;
      return String(value);
  }
}

const SIZE_UNITS = {
  '': 1n,
  b: 1n,
  byte: 1n,
  bytes: 1n,
  kib: 1024n,
  mib: 1024n ** 2n,
  gib: 1024n ** 3n,
  tib: 1024n ** 4n,
  pib: 1024n ** 5n,
  k: 1024n,
  m: 1024n ** 2n,
  g: 1024n ** 3n,
  t: 1024n ** 4n,
  kb: 1000n,
  mb: 1000n ** 2n,
  gb: 1000n ** 3n,
  tb: 1000n ** 4n,
};

/**
 * A size like `2147483648`, `-1`, `2 GiB`, `1.5GiB`, `512 MB` as a bigint of bytes;
 * `undefined` when the text is not such a size (the caller then hands the text to the
 * package, which reports it).
 */
export function parseByteSize(text) {
  const match = /^(-?)(\d+)(?:\.(\d+))?\s*([a-z]*)$/i.exec(text.trim());
  if (match === null) return undefined;
  const [, sign, whole, fraction = '', unitText] = match;
  const unit = SIZE_UNITS[unitText.toLowerCase()];
  if (unit === undefined) return undefined;
  const scale = 10n ** BigInt(fraction.length);
  const scaled = (BigInt(whole) * scale + BigInt(fraction || '0')) * unit;
  if (scaled % scale !== 0n) return undefined;
  const bytes = scaled / scale;
  return sign === '-' ? -bytes : bytes;
}
