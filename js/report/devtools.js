// Readable printing of the object model, without changing it: Chrome DevTools custom
// formatters (`installDevtoolsFormatters`) and a text form for Node's console (`formatToken`).
// Timestamps read as RFC 3339 with the time from now, Durations as "1800s (30 min)", int64s as decimals, enums by name, bytes
// as hex, unknown fields by number, wire type and the name newer schemas give them. Field
// kinds come from the descriptors generated from proto/ (js/gen/json.js), not from a copy.

import { escapeJson } from '../lib/text.js';
import { messageDescriptors } from '../gen/json.js';
import { toHex } from '../lib/hex.js';
import { durationText, formatDuration } from '../lib/time.js';
import { NEWER_FIELDS, sizeText } from './inspect.js';

const FORMATTED_MESSAGES = ['ReplToken', 'GovalSigningAuthority', 'Repl', 'ReplID', 'ResourceLimits', 'Presenced', 'ClassroomMetadata'];
const WIRE_TYPES = ['varint', 'fixed64', 'length-delimited', 'group start', 'group end', 'fixed32'];
const SIZE_FIELDS = new Set(['memory', 'disk']);

// ---- the model: a value as a tree of { label, text, children } ----

/** The schema message a plain object most likely is, by its keys; undefined when none fits. */
function guessMessage(value) {
  if (isTimestamp(value)) return 'Timestamp';
  const keys = Object.keys(value).filter((k) => k !== '$unknown');
  if (keys.length === 0) return undefined;
  let best;
  for (const name of FORMATTED_MESSAGES) {
    const message = schemaOf(name);
    if (message === undefined) continue;
    const known = new Set([...message.fields.filter((f) => f.oneof === null).map((f) => f.name), ...message.oneofs]);
    if (keys.every((k) => known.has(k)) && (best === undefined || known.size < best.size)) best = { name, size: known.size };
  }
  return best?.name;
}

function schemaOf(name) {
  return messageDescriptors().find((m) => m.name === name);
}

const isTimestamp = (v) => isObject(v) && typeof v.seconds === 'bigint' && typeof v.nanos === 'number' && Object.keys(v).length === 2;
const isParsedToken = (v) => isObject(v) && v.version === 'v2' && v.purpose === 'public' && isObject(v.message);
const isObject = (v) => typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && !Array.isArray(v);

/** The tree of a value: a parsed token, a message of the schema, a Timestamp, or anything. */
function tree(value, label = '', type = undefined, field = undefined) {
  if (isParsedToken(value) && type === undefined) {
    return {
      label,
      text: `v2.public token${value.message.cluster ? ` (cluster ${quote(value.message.cluster)})` : ''}`,
      children: [
        tree(value.message, 'message', 'ReplToken'),
        value.footer === undefined ? { label: 'footer', text: 'none' } : tree(value.footer, 'footer', 'GovalSigningAuthority'),
        tree(value.signature, 'signature'),
      ],
    };
  }
  if (value instanceof Uint8Array) return { label, text: bytesText(value) };
  if (typeof value === 'bigint') {
    return { label, text: SIZE_FIELDS.has(field) ? sizeText(value) : `${value} (int64)` };
  }
  if (typeof value === 'string') return { label, text: quote(value) };
  if (typeof value === 'number') return { label, text: Object.is(value, -0) ? '-0' : String(value) };
  if (value === undefined || value === null || typeof value !== 'object') return { label, text: String(value) };
  if (Array.isArray(value)) {
    return { label, text: `[${value.length}]`, children: value.map((item, i) => tree(item, String(i), type, field)) };
  }
  const name = type ?? guessMessage(value);
  if (name === 'Duration') return { label, text: durationValueText(value) };
  if (name === 'Timestamp' || isTimestamp(value)) return { label, text: timestampText(value) };
  const message = name === undefined ? undefined : schemaOf(name);
  if (message === undefined) {
    return { label, text: '{…}', children: Object.entries(value).map(([k, v]) => tree(v, k)) };
  }
  return { label, text: summary(name, value), children: fieldsOf(message, value) };
}

function fieldsOf(message, value) {
  const rows = [];
  for (const field of message.fields) {
    if (field.oneof !== null) continue;
    if (!Object.hasOwn(value, field.name) || value[field.name] === undefined) continue;
    rows.push(fieldTree(field, value[field.name]));
  }
  message.oneofs.forEach((oneof, index) => {
    const chosen = value[oneof];
    if (!isObject(chosen)) return;
    const member = message.fields.find((f) => f.oneof === index && f.name === chosen.case);
    if (chosen.case === undefined || member === undefined) {
      rows.push({ label: oneof, text: chosen.case === undefined ? 'unset (oneof)' : `case ${quote(String(chosen.case))}` });
      return;
    }
    const inner = fieldTree(member, chosen.value);
    rows.push({ label: `${oneof} (${chosen.case})`, text: inner.text, children: inner.children });
  });
  if (Array.isArray(value.$unknown) && value.$unknown.length > 0) {
    rows.push({
      label: '$unknown',
      text: `${value.$unknown.length} field(s) unknown to this schema`,
      children: value.$unknown.map((unknown) => unknownTree(unknown, NEWER_FIELDS[message.name]?.[unknown.no])),
    });
  }
  return rows;
}

function fieldTree(field, value) {
  if (field.map && isObject(value)) {
    const entries = Object.entries(value);
    return { label: field.name, text: `{${entries.length}}`, children: entries.map(([k, v]) => ({ label: quote(k), text: tree(v).text })) };
  }
  if (field.repeated && Array.isArray(value)) {
    return { label: field.name, text: `[${value.length}]`, children: value.map((item, i) => fieldTree({ ...field, repeated: false, name: String(i) }, item)) };
  }
  if (field.kind === 'message' && isObject(value)) return tree(value, field.name, field.message?.isTimestamp ? 'Timestamp' : field.message?.name);
  if (field.kind === 'enum') {
    return { label: field.name, text: typeof value === 'number' ? `${value} (not in this schema's ${field.enum?.name ?? 'enum'})` : String(value) };
  }
  return tree(value, field.name, undefined, field.name);
}

function unknownTree(unknown, newerName) {
  const data = unknown.data instanceof Uint8Array ? unknown.data : new Uint8Array();
  return {
    label: newerName === undefined ? `#${unknown.no}` : `#${unknown.no} ${newerName} (newer schema)`,
    text: `${WIRE_TYPES[unknown.wireType] ?? `wire type ${unknown.wireType}`}, ${bytesText(data)}`,
  };
}

function summary(name, value) {
  if (name === 'ReplToken') {
    const parts = [];
    if (typeof value.cluster === 'string') parts.push(`cluster ${quote(value.cluster)}`);
    const meta = value.metadata;
    if (isObject(meta) && meta.case !== undefined && isObject(meta.value)) parts.push(`${meta.case} ${quote(String(meta.value.id ?? ''))}`);
    if (isTimestamp(value.exp)) parts.push(`exp ${timestampText(value.exp)}`);
    return `ReplToken {${parts.join(', ')}}`;
  }
  return name;
}

// ---- text pieces ----

function timestampText({ seconds, nanos }) {
  const ms = Number(seconds) * 1000 + Math.floor(nanos / 1e6);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15 || nanos < 0 || nanos > 999999999) return `Timestamp { seconds: ${seconds}, nanos: ${nanos} }`;
  const date = new Date(ms);
  let iso = date.toISOString();
  if (nanos % 1e6 !== 0) iso = `${iso.slice(0, 19)}.${String(nanos).padStart(9, '0')}Z`;
  else if (nanos === 0) iso = `${iso.slice(0, 19)}Z`;
  return `${iso} (${relative(ms - Date.now())})`;
}

/** `1800s (30 min)`, `1.5s`: proto3 JSON's form, and in words from a minute on. */
function durationValueText({ seconds, nanos }) {
  if (typeof seconds !== 'bigint' || !Number.isInteger(nanos)) return `Duration { seconds: ${seconds}, nanos: ${nanos} }`;
  const words = seconds >= 60n || seconds <= -60n ? ` (${durationText(Number(seconds))})` : '';
  return `${formatDuration(seconds, nanos)}${words}`;
}

function relative(ms) {
  const text = durationText(Math.round(ms / 1000));
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

function bytesText(bytes) {
  const hex = toHex(bytes.subarray(0, 64));
  return `${bytes.length} byte${bytes.length === 1 ? '' : 's'}${bytes.length === 0 ? '' : ` hex ${hex}${bytes.length > 64 ? '…' : ''}`}`;
}

/** A string in quotes, with control, bidi and invisible characters escaped. */
function quote(text) {
  return escapeJson(JSON.stringify(text));
}

// ---- Node: text ----

/**
 * A value of the object model (a ReplToken, a message of the schema, a Timestamp, or what
 * parseToken/verifyToken return) as readable, indented text for a terminal or log: Timestamps as
 * RFC 3339 with the time from now, int64s as decimals, enums by name, bytes as hex, unknown fields
 * with their newer-schema names. The value is not changed.
 */
export function formatToken(value) {
  const lines = [];
  const walk = (node, indent) => {
    lines.push(`${indent}${node.label ? `${node.label}: ` : ''}${node.text}`);
    for (const child of node.children ?? []) walk(child, `${indent}  `);
  };
  walk(tree(value), '');
  return lines.join('\n');
}

// ---- Chrome DevTools: custom formatters (JsonML) ----

const STYLE = {
  header: 'font-weight: 600',
  label: 'color: #881391',
  text: 'color: inherit',
  list: 'list-style: none; margin: 0 0 0 12px; padding: 0',
};

function jsonRow(node) {
  const row = ['li', {}];
  if (node.label) row.push(['span', { style: STYLE.label }, `${node.label}: `]);
  row.push(['span', { style: STYLE.text }, node.text]);
  if (node.children?.length) row.push(['ol', { style: STYLE.list }, ...node.children.map(jsonRow)]);
  return row;
}

/**
 * Ours: a parsed token, a Timestamp, or an object that is clearly a ReplToken or footer (two
 * or more of its keys); an app's `{ id }` is not taken for a ReplID. Not what is shown raw.
 */
function formattable(value, config) {
  if (config?.govalRaw || !isObject(value)) return false;
  if (isParsedToken(value) || isTimestamp(value)) return true;
  const name = guessMessage(value);
  return (name === 'ReplToken' || name === 'GovalSigningAuthority') && Object.keys(value).length >= 2;
}

const formatter = {
  header(value, config) {
    if (!formattable(value, config)) return null;
    const node = tree(value);
    return ['div', { style: STYLE.header }, node.text];
  },
  hasBody(value, config) {
    return formattable(value, config) && (tree(value).children?.length ?? 0) > 0;
  },
  body(value) {
    const node = tree(value);
    return [
      'ol',
      { style: STYLE.list },
      ...node.children.map(jsonRow),
      // The plain object itself, as DevTools shows it without formatters.
      ['li', {}, ['span', { style: STYLE.label }, 'object: '], ['object', { object: value, config: { govalRaw: true } }]],
    ];
  },
};

/**
 * Turns the Chrome DevTools custom formatters for the object model on (the default) or off
 * (`installDevtoolsFormatters(false)`). DevTools applies them when "Enable custom formatters" is
 * ticked in its settings (Console). Returns whether they are now installed.
 */
export function installDevtoolsFormatters(enabled = true) {
  const list = Array.isArray(globalThis.devtoolsFormatters) ? globalThis.devtoolsFormatters : [];
  const others = list.filter((f) => f !== formatter);
  globalThis.devtoolsFormatters = enabled ? [...others, formatter] : others;
  return enabled;
}
