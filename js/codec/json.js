// Canonical proto3 JSON (https://protobuf.dev/programming-guides/json/) as plain
// JSON-compatible values, for every message of the schema: `toJson(message, …)` and
// `fromJson(message, …)`, which the generated API (js/gen/api.js) calls with a message's
// index. Both walk the JSON descriptors generated into js/gen/json.js.
//
// toJson takes anything `encode…` accepts; `normalize` checks it with the encoder's own code
// (one wasm call, no protobuf bytes) and gives the object model, which is then written as
// JSON. fromJson reads JSON and builds the object model exactly as `decode…` returns it; its
// input errors are JsonError, with the path as written in the JSON (JSON or proto names).

import { isWellFormed } from './boundary.js';
import { defineEntry, looksLikeFieldName, normalize, pathString } from './walk.js';
import { decodeBase64Loose, encodeBase64 } from '../lib/base64.js';
import { isPlainObject } from '../lib/object.js';
import { readOptions } from '../lib/options.js';
import { describe, nearest } from '../lib/text.js';
import { formatDuration, formatRfc3339, parseRfc3339 } from '../lib/time.js';
import { EncodeError, JsonError } from '../errors.js';
import { messageDescriptors } from '../gen/json.js';

// Literals, not `2n ** 31n`: this module's top level stays free of anything a bundler must
// keep (index.js is one file, so an app that never uses JSON drops all of it).
const INT32 = [-2147483648n, 2147483647n];
const UINT32 = [0n, 4294967295n];
const INT64 = [-9223372036854775808n, 9223372036854775807n];
const UINT64 = [0n, 18446744073709551615n];
const RANGES = {
  int32: INT32, sint32: INT32, sfixed32: INT32,
  uint32: UINT32, fixed32: UINT32,
  int64: INT64, sint64: INT64, sfixed64: INT64,
  uint64: UINT64, fixed64: UINT64,
};
const SIXTY_FOUR = new Set(['int64', 'sint64', 'sfixed64', 'uint64', 'fixed64']);
const FLOAT_MAX = 3.4028234663852886e38;
/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range proto3 JSON allows. */
const MIN_SECONDS = -62135596800n;
const MAX_SECONDS = 253402300799n;
const TIMESTAMP_RANGE = '0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999999Z';
/** A Duration's seconds are within ±10,000 years (duration.proto). */
const DURATION_MAX_SECONDS = 315576000000n;
const DURATION_TEXT = /^(-?)([0-9]{1,12})(?:\.([0-9]{1,9}))?s$/;
/** fromJson leaves the field at its default (an unknown enum name under ignoreUnknownFields). */
const SKIP = Symbol('skip');

const TO_JSON_OPTIONS = ['emitDefaults', 'dropUnknownFields'];
const jsonPath = (segments) => pathString(undefined, segments);
const FROM_JSON_OPTIONS = ['ignoreUnknownFields'];

// ---- toJson ----

/** The proto3 JSON of message `index` (a JSON object; a string for Timestamp). */
export function toJson(index, write, read, value, options) {
  const opts = checkOptions(options, TO_JSON_OPTIONS, EncodeError, {
    ignoreUnknownFields: 'ignoreUnknownFields is a fromJson option; to leave out $unknown fields use dropUnknownFields',
  });
  return messageToJson(messageDescriptors()[index], normalize(index, write, read, value), [], opts);
}

function messageToJson(message, object, path, opts) {
  if (object.$unknown !== undefined && !opts.dropUnknownFields) {
    throw new EncodeError(
      `proto3 JSON cannot hold fields unknown to the schema (here no. ${object.$unknown.map((u) => u.no).join(', ')}); ` +
        'pass { dropUnknownFields: true } to leave them out',
      { path: jsonPath([...path, '$unknown']) },
    );
  }
  if (message.isTimestamp) return timestampToString(object, path);
  if (message.isDuration) return formatDuration(object.seconds, object.nanos); // the core checked its range and signs
  const json = {};
  for (const field of message.fields) {
    const key = field.name;
    if (field.oneof !== null) {
      const oneof = message.oneofs[field.oneof];
      const selected = object[oneof];
      // A set member is always written, even with its default value.
      if (selected.case === key) json[key] = valueToJson(field, selected.value, [...path, oneof, 'value'], opts);
      continue;
    }
    const value = object[key];
    if (field.map) {
      const keys = Object.keys(value);
      if (keys.length > 0 || opts.emitDefaults) {
        const map = {};
        for (const k of keys) defineEntry(map, k, value[k]);
        json[key] = map;
      }
    } else if (field.repeated) {
      if (value.length > 0 || opts.emitDefaults) {
        json[key] = value.map((item, i) => valueToJson(field, item, [...path, key, i], opts));
      }
    } else if (field.kind === 'message') {
      if (value !== undefined) json[key] = valueToJson(field, value, [...path, key], opts);
    } else if (opts.emitDefaults || !isDefault(field, value)) {
      json[key] = valueToJson(field, value, [...path, key], opts);
    }
  }
  return json;
}

function isDefault(field, value) {
  switch (field.kind) {
    case 'string':
      return value === '';
    case 'bytes':
      return value.length === 0;
    case 'bool':
      return value === false;
    case 'enum':
      return value === 0 || value === field.enum.byNumber.get(0);
    case 'float':
    case 'double':
      return Object.is(value, 0); // -0 is not the default: binary keeps it, so JSON does too
    default:
      return value == 0; // 0 or 0n
  }
}

function valueToJson(field, value, path, opts) {
  switch (field.kind) {
    case 'string':
    case 'bool':
    case 'enum': // a name, or a number the schema does not know
      return value;
    case 'bytes':
      return encodeBase64(value);
    case 'message':
      return messageToJson(field.message, value, path, opts);
    case 'float':
    case 'double':
      if (Number.isFinite(value)) return value;
      return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    default:
      return SIXTY_FOUR.has(field.kind) ? String(value) : value;
  }
}

function timestampToString({ seconds, nanos }, path) {
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    throw new EncodeError(`seconds ${seconds} is outside ${TIMESTAMP_RANGE}, which proto3 JSON cannot represent`, {
      path: jsonPath([...path, 'seconds']),
    });
  }
  // nanos is in range: normalize checked it as encode does.
  return formatRfc3339(seconds, nanos);
}

// ---- fromJson ----

/** The object model of message `index` from its proto3 JSON, as `decode…` returns it. */
export function fromJson(index, json, options) {
  const opts = checkOptions(options, FROM_JSON_OPTIONS, JsonError, {
    emitDefaults: 'emitDefaults is a toJson option',
    dropUnknownFields: 'dropUnknownFields is a toJson option; fromJson takes ignoreUnknownFields',
  });
  const message = messageDescriptors()[index];
  if (message.isTimestamp) return timestampFromString(json, []);
  if (message.isDuration) return durationFromString(json, []);
  if (!isPlainObject(json)) {
    const hint = typeof json === 'string' ? ' (parse JSON text with JSON.parse first)' : '';
    throw new JsonError(`expected a JSON object for ${message.name}, got ${describe(json)}${hint}`);
  }
  return messageFromJson(message, json, [], opts);
}

const lookups = new WeakMap();

/** JSON name and proto name → field, for one message. */
function lookup(message) {
  let map = lookups.get(message);
  if (map === undefined) {
    map = new Map();
    for (const field of message.fields) {
      map.set(field.name, field);
      map.set(field.protoName, field);
    }
    lookups.set(message, map);
  }
  return map;
}

function messageFromJson(message, json, path, opts) {
  if (message.isTimestamp) return timestampFromString(json, path);
  if (message.isDuration) return durationFromString(json, path);
  if (!isPlainObject(json)) {
    throw new JsonError(`expected a JSON object for ${message.name}, got ${describe(json)}`, { path: jsonPath(path) });
  }
  const fields = lookup(message);
  const object = {};
  for (const slot of message.slots) {
    if (slot.field !== undefined) object[slot.field.name] = defaultValue(slot.field);
    else object[slot.oneof] = { case: undefined };
  }
  const keyOf = new Map(); // field → the key that set it
  const oneofKey = new Map(); // oneof index → the key that set it
  for (const key of Object.keys(json)) {
    const field = fields.get(key);
    if (field === undefined) {
      if (opts.ignoreUnknownFields) continue;
      // Named only when it looks like a name: a misplaced value (a key, a token) is described.
      if (!looksLikeFieldName(key)) throw new JsonError(`unknown field ${describe(key)} of ${message.name} (not a field name)`, { path: jsonPath(path) });
      throw new JsonError(unknownKey(message, key), { path: jsonPath([...path, key]) });
    }
    const here = [...path, key];
    if (keyOf.has(field)) {
      throw new JsonError(`${field.name} is given twice, as "${keyOf.get(field)}" and "${key}"`, { path: jsonPath(here) });
    }
    keyOf.set(field, key);
    const value = json[key];
    if (value === null) continue; // the default; a null oneof member does not set the oneof
    if (field.oneof !== null) {
      const oneof = message.oneofs[field.oneof];
      const other = oneofKey.get(field.oneof);
      if (other !== undefined) {
        throw new JsonError(`oneof ${oneof} is set twice, by "${other}" and "${key}"; set at most one of its fields`, {
          path: jsonPath(here),
        });
      }
      oneofKey.set(field.oneof, key);
      const v = valueFromJson(field, value, here, opts);
      if (v !== SKIP) object[oneof] = { case: field.name, value: v };
    } else if (field.map) {
      object[field.name] = mapFromJson(value, here);
    } else if (field.repeated) {
      if (!Array.isArray(value)) throw new JsonError(`expected an array or null, got ${describe(value)}`, { path: jsonPath(here) });
      const items = [];
      for (let i = 0; i < value.length; i++) {
        const itemPath = [...here, i];
        if (value[i] === null || value[i] === undefined) {
          throw new JsonError(`expected ${expected(field)}, got ${describe(value[i])} (list items cannot be null)`, {
            path: jsonPath(itemPath),
          });
        }
        const v = valueFromJson(field, value[i], itemPath, opts);
        if (v !== SKIP) items.push(v);
      }
      object[field.name] = items;
    } else {
      const v = valueFromJson(field, value, here, opts);
      if (v !== SKIP) object[field.name] = v;
    }
  }
  return object;
}

/** A map<string, string> from a JSON object of strings; keys in order, each an own property. */
function mapFromJson(value, path) {
  if (!isPlainObject(value)) failAt(path, `expected a JSON object of strings or null, got ${describe(value)}`);
  const map = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    const here = [...path, [key]];
    if (typeof v !== 'string') failAt(here, `expected a string, got ${describe(v)}${v === null ? ' (map values cannot be null)' : ''}`);
    if (!isWellFormed(key)) failAt(here, 'the key has a lone surrogate, which UTF-8 cannot encode');
    if (!isWellFormed(v)) failAt(here, 'the string has a lone surrogate, which UTF-8 cannot encode');
    defineEntry(map, key, v);
  }
  return map;
}

function unknownKey(message, key) {
  if (message.oneofs.includes(key)) {
    const members = message.fields.filter((f) => f.oneof === message.oneofs.indexOf(key)).map((f) => f.name);
    return `unknown field: ${key} is a oneof, which proto3 JSON writes as one of its fields (${members.join(', ')}) directly`;
  }
  if (key === '$unknown') return 'unknown field: proto3 JSON has no unknown fields ($unknown is the object model only)';
  const names = new Set(message.fields.map((f) => f.name));
  const suggestion = nearest(key, names);
  return suggestion ? `unknown field, did you mean ${suggestion}?` : `unknown field of ${message.name}`;
}

function defaultValue(field) {
  if (field.map) return {};
  if (field.repeated) return [];
  switch (field.kind) {
    case 'string':
      return '';
    case 'bytes':
      return new Uint8Array(0);
    case 'message':
      return undefined;
    case 'bool':
      return false;
    case 'enum':
      return field.enum.byNumber.get(0) ?? 0;
    default:
      return SIXTY_FOUR.has(field.kind) ? 0n : 0;
  }
}

function valueFromJson(field, value, path, opts) {
  switch (field.kind) {
    case 'string':
      if (typeof value !== 'string') failAt(path, `expected a string, got ${describe(value)}`);
      if (!isWellFormed(value)) failAt(path, 'the string has a lone surrogate, which UTF-8 cannot encode');
      return value;
    case 'bytes':
      if (typeof value !== 'string') failAt(path, `expected a base64 string, got ${describe(value)}`);
      return decodeBase64Loose(value) ?? failAt(path, `expected standard or URL-safe base64, got ${describe(value)}`);
    case 'bool':
      if (typeof value !== 'boolean') failAt(path, `expected true or false, got ${describe(value)}`);
      return value;
    case 'message':
      return messageFromJson(field.message, value, path, opts);
    case 'enum': {
      const e = field.enum;
      if (typeof value === 'string') {
        if (e.byName.has(value)) return value;
        if (opts.ignoreUnknownFields) return SKIP;
        const names = e.values.map(([name]) => `"${name}"`).join(', ');
        failAt(path, `unknown ${e.name} name ${describe(value)}, expected one of ${names} or an integer`);
      }
      if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
        failAt(path, `expected a ${e.name} name or an int32 integer, got ${describe(value)}`);
      }
      return e.byNumber.get(value) ?? value;
    }
    case 'float':
    case 'double':
      return floatFromJson(field.kind, value, path);
    default: {
      const n = integerFromJson(value, RANGES[field.kind], path);
      return SIXTY_FOUR.has(field.kind) ? n : Number(n);
    }
  }
}

const INTEGER_TEXT = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

/** An integral JSON number, or a string of one (exponent notation allowed), as a bigint. */
function integerFromJson(value, [lo, hi], path) {
  const range = `${lo}..${hi}`;
  let n;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) failAt(path, `expected an integer in ${range}, got ${describe(value)}`);
    n = BigInt(value);
    if (n < lo || n > hi) failAt(path, `expected an integer in ${range}, got ${describe(value)}`);
    // Beyond 2^53 a JSON number has already been rounded by the parser.
    if (!Number.isSafeInteger(value)) failAt(path, `${describe(value)} is beyond 2^53, where JSON numbers lose precision; write it as a string`);
  } else if (typeof value === 'string') {
    const m = INTEGER_TEXT.exec(value);
    if (!m) failAt(path, `expected an integer or a string of one, got ${describe(value)}`);
    const [, sign, whole, fraction = '', exponent = '0'] = m;
    let digits = (whole + fraction).replace(/^0+/, '');
    let exp = Number(exponent) - fraction.length;
    if (digits === '') {
      n = 0n;
    } else {
      while (exp < 0 && digits.endsWith('0')) {
        digits = digits.slice(0, -1);
        exp++;
      }
      if (exp < 0) failAt(path, `expected an integer in ${range}, got ${describe(value)}`);
      if (digits.length + exp > 21) failAt(path, `expected an integer in ${range}, got ${describe(value)}`);
      n = BigInt(digits) * 10n ** BigInt(exp);
      if (sign) n = -n;
    }
  } else {
    failAt(path, `expected an integer or a string of one, got ${describe(value)}`);
  }
  if (n < lo || n > hi) failAt(path, `expected an integer in ${range}, got ${describe(value)}`);
  return n;
}

const FLOAT_TEXT = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

function floatFromJson(kind, value, path) {
  let n;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      failAt(path, `expected a finite number; JSON writes ${describe(value)} as the string "${value}"`);
    }
    n = value;
  } else if (typeof value === 'string') {
    if (value === 'NaN') return NaN;
    if (value === 'Infinity') return Infinity;
    if (value === '-Infinity') return -Infinity;
    if (!FLOAT_TEXT.test(value)) failAt(path, `expected a number, "NaN", "Infinity" or "-Infinity", got ${describe(value)}`);
    n = Number(value);
    if (!Number.isFinite(n)) failAt(path, `${describe(value)} is out of range for a ${kind}`);
  } else {
    failAt(path, `expected a number, "NaN", "Infinity" or "-Infinity", got ${describe(value)}`);
  }
  if (kind === 'float') {
    if (Math.abs(n) > FLOAT_MAX) failAt(path, `${describe(value)} is out of range for a float`);
    return Math.fround(n);
  }
  return n;
}

function timestampFromString(value, path) {
  if (typeof value !== 'string') {
    failAt(path, `expected an RFC 3339 string such as "2024-01-02T03:04:05.678Z" for a Timestamp, got ${describe(value)}`);
  }
  const parsed = parseRfc3339(value);
  if (typeof parsed === 'string') failAt(path, `${parsed}: ${describe(value)}`);
  const seconds = BigInt(parsed.seconds);
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) failAt(path, `${describe(value)} is outside ${TIMESTAMP_RANGE}`);
  return { seconds, nanos: parsed.nanos };
}

function durationFromString(value, path) {
  if (typeof value !== 'string') {
    failAt(path, `expected a string of seconds such as "1.5s" for a Duration, got ${describe(value)}`);
  }
  const m = DURATION_TEXT.exec(value);
  if (!m) failAt(path, `expected seconds with up to 9 decimals and an "s", such as "1.5s" or "-0.25s", got ${describe(value)}`);
  const [, sign, whole, fraction = ''] = m;
  let seconds = BigInt(whole);
  if (seconds > DURATION_MAX_SECONDS) {
    failAt(path, `${describe(value)} is outside -${DURATION_MAX_SECONDS}s..${DURATION_MAX_SECONDS}s, the range of a Duration`);
  }
  let nanos = Number(fraction.padEnd(9, '0'));
  if (sign) {
    seconds = -seconds;
    nanos = -nanos;
  }
  return { seconds, nanos: nanos + 0 }; // + 0: no -0
}

/** Throws the JsonError of a value at `path` (a function of the module, not a closure made per
 * value: the Node builds keep names, which would name each closure with Object.defineProperty). */
function failAt(path, detail) {
  throw new JsonError(detail, { path: jsonPath(path) });
}

// ---- shared ----

function checkOptions(options, known, ErrorClass, hints) {
  // Read by the package's one options reader: own keys only, nothing from a (polluted) prototype.
  const given = readOptions(options, known, undefined, { ErrorClass, hints, objectPath: '' });
  const result = Object.fromEntries(known.map((key) => [key, false]));
  for (const key of known) {
    const value = given[key];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new ErrorClass(`expected true or false, got ${describe(value)}`, { path: `options.${key}` });
    }
    result[key] = value === true;
  }
  return result;
}

function expected(field) {
  if (field.kind === 'message') {
    if (field.message.isDuration) return 'a string of seconds such as "1.5s"';
    return field.message.isTimestamp ? 'an RFC 3339 string' : `a ${field.message.name} object`;
  }
  return field.kind === 'string' ? 'a string' : `a ${field.kind}`;
}

