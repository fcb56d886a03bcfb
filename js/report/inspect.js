// inspectToken: a plain report for people. A well-formed but odd token (expired, no iat,
// unknown fields, enum values from newer schemas) is reported, never thrown.

import { GovalTokenError, TokenClaimError, TokenExpiredError, TokenNotYetValidError, TokenSignatureError } from '../errors.js';
import { toHex } from '../lib/hex.js';
import { readOptions } from '../lib/options.js';
import { printableText } from '../lib/text.js';
import { currentTime, formatDuration, rfc3339 } from '../lib/time.js';
import { parseToken, replIdOf } from '../token/parse.js';
import { nowOption, timeStatusOf, validityOf } from '../token/time.js';
import { checkToken, flagsOption } from '../chain/verify.js';
import { chainReport, chainTimeStatus, keylessVerdict, typeAwareReport } from './chain.js';

// Names that public releases of the protocol give to field numbers this schema does not
// declare, so a report can say what an unknown field is: ReplToken 15 (in releases before
// @replit/protocol 0.4.27).
export const NEWER_FIELDS = {
  ReplToken: { 15: 'permissions' },
};
const WIRE_TYPES = ['varint', 'fixed64', 'length-delimited', 'group', undefined, 'fixed32'];

// The message each field of the object model holds, to name unknown fields inside it.
const FIELD_MESSAGES = {
  iat: 'Timestamp',
  exp: 'Timestamp',
  resourceLimits: 'ResourceLimits',
  presenced: 'Presenced',
  repl: 'Repl',
  id: 'ReplID',
  classroom: 'ClassroomMetadata',
  buckets: 'Buckets',
  userId: 'UserId',
  org: 'Org',
  features: 'Feature',
  boosted: 'Boosted',
  viktor: 'Viktor',
  notary: 'Notary',
  interactiveResourceLimits: 'ResourceLimits',
  buildInfo: 'BuildInfo',
  pid2Info: 'Pid2Binary',
  externalSecrets: 'ExternalSecret',
  before: 'Timestamp',
  idleTimeout: 'Duration',
};
// Maps of strings (whose keys are data, `$unknown` included): no unknown fields inside.
const MAP_FIELDS = new Set(['backerJobMetadata']);

const INSPECT_OPTIONS = ['now', 'publicKey', 'flags'];

/**
 * A report of everything in a token, for people and code, as plain data (strings, numbers,
 * booleans, null, arrays and plain objects: it survives JSON unchanged). With a key, its
 * `verdict` is the verify functions' own (js/chain/verify.js decides it): 'valid' exactly when
 * they accept the token, else why not; without one, what the time alone says.
 */
export async function inspectToken(input, options) {
  const opts = readOptions(options, INSPECT_OPTIONS);
  const now = opts.now === undefined ? currentTime() : nowOption(opts.now);
  const { publicKey, flags } = opts;
  const policy = { kind: 'any', time: { now, skew: 0 }, flags: flagsOption(flags) };

  let signature = 'not-checked';
  let verdict;
  let problem = null;
  if (publicKey !== undefined) {
    const state = {};
    try {
      await checkToken(input, publicKey, policy, state);
      signature = 'valid';
      verdict = 'valid';
    } catch (error) {
      // A problem of the caller's (a malformed key, not a token at all) is thrown; a token's is the verdict.
      if (!isTokenProblem(error)) throw error;
      signature = state.signature ?? (error instanceof TokenSignatureError ? 'invalid' : 'not-checked');
      verdict = verdictOf(error);
      problem = `${error.name}: ${error.message}`;
    }
  }
  let parsed;
  try {
    parsed = parseToken(input);
  } catch (error) {
    // A forged token may not even read: its report is the failed check.
    if (verdict === undefined || verdict === 'valid') throw error;
    return { messageType: null, verdict, signature, timeStatus: null, now: rfc3339(now), problem, notes: [problem, `the token cannot be read: ${error.message}`] };
  }
  const { message, footer } = parsed;
  // Identity, Ghostwriter and certificate bodies have a report of their own (js/report/chain.js).
  if (parsed.messageType !== 'ReplToken') return typeAwareReport(parsed, now, signature, verdict, problem);
  const validity = validityOf(message);
  const notes = [];
  const chain = chainReport(footer, now);
  if (problem) notes.push(problem);
  const ownTimeStatus = timeStatusOf(validity, now);
  const timeStatus = ownTimeStatus !== 'in-range' ? ownTimeStatus : chainTimeStatus(chain);
  verdict ??= keylessVerdict(timeStatus);

  if (validity.iatDefaulted) notes.push('iat is unset: the token counts as issued at the UNIX epoch');
  if (validity.expDefaulted) notes.push('exp is unset: the token expires one hour after iat');
  const persistence = enumText('persistence', message.persistence, notes);
  const format = enumText('format', message.format, notes);
  if (message.format === 'JSON' || message.format === 'MUXED') notes.push(`format ${message.format} is deprecated`);
  if (message.metadata.case === 'classroom') notes.push('classroom metadata is deprecated');
  const unknownFields = [];
  collectUnknown('ReplToken', message, '', unknownFields);
  if (unknownFields.length > 0) {
    notes.push(`${unknownFields.length} field(s) unknown to this schema, probably from a newer server`);
  }

  const secondsLeft = Number(validity.expiresAt.seconds - now.seconds) + (validity.expiresAt.nanos - now.nanos) / 1e9;
  const { case: kind, value: metadataValue } = message.metadata;
  return {
    messageType: 'ReplToken',
    verdict,
    signature,
    problem,
    timeStatus,
    secondsLeft: Math.floor(secondsLeft),
    now: rfc3339(now),
    iat: message.iat === undefined ? null : rfc3339(message.iat),
    exp: message.exp === undefined ? null : rfc3339(message.exp),
    effectiveIat: rfc3339(validity.issuedAt),
    effectiveExp: rfc3339(validity.expiresAt),
    iatDefaulted: validity.iatDefaulted,
    expDefaulted: validity.expDefaulted,
    lifetimeSeconds: Number(validity.expiresAt.seconds - validity.issuedAt.seconds),
    cluster: message.cluster,
    salt: message.salt,
    persistence,
    format,
    metadata: metadataReport(kind, metadataValue),
    replId: replIdOf(message) ?? null,
    resourceLimits: message.resourceLimits
      ? {
          net: message.resourceLimits.net,
          memory: sizeText(message.resourceLimits.memory),
          threads: plainNumber(message.resourceLimits.threads),
          shares: plainNumber(message.resourceLimits.shares),
          disk: sizeText(message.resourceLimits.disk),
        }
      : null,
    presenced: message.presenced
      ? { bearerID: message.presenced.bearerID, bearerName: message.presenced.bearerName }
      : null,
    flags: [...message.flags],
    idleTimeout: message.idleTimeout === undefined ? null : formatDuration(message.idleTimeout.seconds, message.idleTimeout.nanos),
    footer: footer
      ? {
          keyId: footer.cert.case === 'keyId' ? footer.cert.value : null,
          signedCert: footer.cert.case === 'signedCert' ? footer.cert.value : null,
          issuer: footer.issuer,
          version: footer.version,
        }
      : null,
    chain,
    unknownFields,
    notes,
  };
}

/** Whether a verify error is about the token (its verdict), not the caller's arguments. */
function isTokenProblem(error) {
  if (!(error instanceof GovalTokenError)) return false;
  if (error instanceof TokenSignatureError || error instanceof TokenExpiredError || error instanceof TokenNotYetValidError) return true;
  return error instanceof TokenClaimError || error.link !== undefined;
}

/** The verdict a verify error stands for. */
function verdictOf(error) {
  if (error instanceof TokenSignatureError) return 'signature-invalid';
  if (error instanceof TokenExpiredError) return 'expired';
  if (error instanceof TokenNotYetValidError) return 'not-yet-valid';
  return 'invalid';
}

function metadataReport(kind, value) {
  const out = { kind: kind ?? 'none' };
  if (value === undefined) return out;
  for (const [key, field] of Object.entries(value)) {
    if (key === '$unknown') {
      out.$unknown = field.map((unknown) => unknownReport(FIELD_MESSAGES[kind], unknown, kind));
    } else if (MAP_FIELDS.has(key)) {
      out[key] = Object.fromEntries(Object.entries(field)); // own data properties, `__proto__` too
    } else if (field !== undefined) {
      out[key] = plainData(field);
    }
  }
  return out;
}

/** A decoded value as JSON-safe data: int64s as decimal text, no undefined keys. */
function plainData(value) {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(plainData);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, field] of Object.entries(value)) {
    if (key !== '$unknown' && field !== undefined) out[key] = plainData(field);
  }
  return out;
}

/** A JSON-safe number: NaN, ±Infinity as text, -0 as 0. */
function plainNumber(value) {
  if (Number.isFinite(value)) return value === 0 ? 0 : value;
  return String(value);
}

function unknownReport(messageName, unknown, path) {
  return {
    path: path === '' ? `#${unknown.no}` : `${path}.#${unknown.no}`,
    message: messageName ?? null,
    no: unknown.no,
    name: NEWER_FIELDS[messageName]?.[unknown.no] ?? null,
    wireType: WIRE_TYPES[unknown.wireType] ?? String(unknown.wireType),
    length: unknown.data.length,
    hex: toHex(unknown.data),
    text: (unknown.wireType === 2 ? printableText(unknown.data) : undefined) ?? null,
  };
}

/** Every unknown field in a decoded message and the messages inside it, in field order. */
function collectUnknown(messageName, object, path, out) {
  for (const unknown of object.$unknown ?? []) out.push(unknownReport(messageName, unknown, path));
  for (const [key, value] of Object.entries(object)) {
    if (key === '$unknown' || MAP_FIELDS.has(key) || value === null || typeof value !== 'object' || value instanceof Uint8Array) continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (item !== null && typeof item === 'object') collectUnknown(FIELD_MESSAGES[key], item, `${path === '' ? key : `${path}.${key}`}[${i}]`, out);
      });
      continue;
    }
    if ('case' in value && 'value' in value && Object.keys(value).length === 2) {
      const { case: c, value: member } = value;
      if (c !== undefined && member !== null && typeof member === 'object') {
        collectUnknown(FIELD_MESSAGES[c], member, path === '' ? c : `${path}.${c}`, out);
      }
      continue;
    }
    collectUnknown(FIELD_MESSAGES[key], value, path === '' ? key : `${path}.${key}`, out);
  }
}

function enumText(field, value, notes) {
  if (typeof value === 'string') return value;
  notes.push(`${field} ${value} is not in this schema`);
  return String(value);
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** `2 GiB (2147483648 bytes)`: binary units, exact or to two decimals. */
export function sizeText(value) {
  if (value <= 0n) return `${value} bytes`;
  let unit = 0;
  while (unit < UNITS.length - 1 && value >= 1024n ** BigInt(unit + 1)) unit++;
  if (unit === 0) return `${value} bytes`;
  const scaled = Number(value) / 1024 ** unit;
  const text = Number.isInteger(scaled) ? String(scaled) : scaled.toFixed(2);
  return `${text} ${UNITS[unit]} (${value} bytes)`;
}
