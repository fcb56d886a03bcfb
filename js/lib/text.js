// Text from a token, a file or an argument is hostile: control characters move a terminal's
// cursor, recolour it, retitle the window or hide hyperlinks; bidi and format characters
// reorder or hide what is shown. These helpers make every such character visible as an
// escape. Used by the CLI (terminal and JSON output) and the inspector page (badges).
// Also: values described in messages without their text (`describe`), and "did you mean".

import { isPlainObject } from './object.js';

// C0, DEL and C1 (Cc); bidi controls, zero-width and other invisible format characters (Cf);
// the line and paragraph separators; lone surrogates.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const UNSAFE_OR_BACKSLASH = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\\]/gu;
// In JSON.stringify's output a raw line feed is layout (a string's is escaped already).
const UNSAFE_IN_JSON = /[\0-\x09\x0b-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]/gu;

/** `\u001b`, `\u202e`, `\u{e0041}`: a character as a visible escape. */
export function escapeChar(char) {
  const code = char.codePointAt(0);
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Whether the text holds a character that `escapeText` would escape (backslash aside). */
export function hasUnsafeChars(text) {
  return UNSAFE.test(text);
}

/**
 * Text safe for a terminal: every control, bidi, format or separator character becomes
 * `\uXXXX`, and a backslash `\\`, so the escapes cannot be forged.
 */
export function escapeText(text) {
  return String(text).replace(UNSAFE_OR_BACKSLASH, (c) => (c === '\\' ? '\\\\' : escapeChar(c)));
}

/**
 * JSON text (from JSON.stringify) with the characters JSON.stringify leaves raw (DEL, C1,
 * format and separator characters) as `\uXXXX` escapes: the same JSON value, safe to print.
 */
export function escapeJson(json) {
  return json.replace(UNSAFE_IN_JSON, (c) => {
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}

/**
 * The text cut into plain runs (strings) and unsafe characters (`{ char, escape }`), for
 * showing each unsafe character as a badge.
 */
export function splitUnsafe(text) {
  const parts = [];
  let run = '';
  for (const char of String(text)) {
    if (UNSAFE.test(char)) {
      if (run !== '') parts.push(run);
      run = '';
      parts.push({ char, escape: escapeChar(char) });
    } else {
      run += char;
    }
  }
  if (run !== '') parts.push(run);
  return parts;
}

/**
 * The UTF-8 text of bytes when it is printable: no character escapeText would escape, and no
 * private-use or unassigned one (inspectToken's rule for unknown fields' text).
 */
export function printableText(bytes) {
  if (bytes.length === 0) return undefined;
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return UNSAFE.test(text) || /[\p{Co}\p{Cn}]/u.test(text) ? undefined : text;
}

export function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return describeString(value);
    case 'bigint':
      return `${value}n`;
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'object': {
      if (isPlainObject(value)) return 'an object';
      const name = value.constructor?.name;
      return name ? `a ${name}` : 'an object';
    }
    default:
      return `a ${typeof value}`;
  }
}

// Prefixes that say what a string is without revealing any of its secret part.
const SAFE_PREFIXES = ['k2.secret.', 'k2.public.', 'v2.public.', 'v2.local.', '-----BEGIN'];

/**
 * A string by its length (and a recognisable prefix), never its text: a caller who swaps
 * arguments may pass a secret key where a message was expected, and error messages end up
 * in logs.
 */
function describeString(value) {
  if (value === '') return 'an empty string';
  const prefix = SAFE_PREFIXES.find((p) => value.startsWith(p));
  const length = `${value.length} character${value.length === 1 ? '' : 's'}`;
  return prefix === undefined ? `a string of ${length}` : `a string of ${length} starting "${prefix}"`;
}

/** The closest known key, for "did you mean" hints. */
export function nearest(key, known) {
  let best;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}
