// inspectToken: a plain report for people. A well-formed but odd token (expired, no iat,
// unknown fields, enum values from newer schemas) is reported, never thrown.

import { describe, formatRfc3339, isPlainObject } from './codec.js';
import { GovalTokenError, TokenSignatureError } from './errors.js';
import { replIdOf } from './token.js';

// Names that newer releases of the protocol give to field numbers and enum values this
// schema lacks (shared/docs/token-format.md), so a report can say what an unknown field is.
const NEWER_FIELDS = {
  ReplToken: {
    15: 'permissions',
    16: 'features',
    17: 'interactiveResourceLimits',
    18: 'buildInfo',
    19: 'pid2Info',
    20: 'paid',
    21: 'replexec',
    22: 'externalSecrets',
    23: 'before',
    25: 'resourceTier',
    26: 'idleTimeout',
  },
  Repl: {
    7: 'database',
    8: 'buckets',
    9: 'userId',
    10: 'isTeam',
    11: 'roles',
    13: 'logFields',
    14: 'org',
    15: 'useReplShield',
    16: 'connectorsHost',
    17: 'backerJobMetadata',
    18: 'customSkillsBucket',
  },
  ResourceLimits: { 6: 'cache', 7: 'restrictNetwork', 9: 'scratchDisk', 10: 'minimumDisk' },
};
const NEWER_ENUM_VALUES = {
  persistence: { 3: 'READ_ONLY' },
  format: { 2: 'MUXED (deprecated)', 3: 'RIVER' },
};
const WIRE_TYPES = ['varint', 'fixed64', 'length-delimited', 'group', undefined, 'fixed32'];

export function createInspector({ codec, tokens, verifyToken, timestampNow }) {
  const replToken = codec.message('ReplToken');

  return function inspectToken(input, options = {}) {
    if (!isPlainObject(options)) throw new GovalTokenError(`options must be an object, got ${describe(options)}`);
    const { now: nowOption, publicKey, ...rest } = options;
    const unknownOption = Object.keys(rest)[0];
    if (unknownOption !== undefined) {
      throw new GovalTokenError(`unknown option "${unknownOption}" (known: now, publicKey)`, { path: 'options' });
    }
    const { parsed, validity } = tokens.parseWithValidity(input);
    const { message, footer } = parsed;
    const now = nowOption === undefined ? timestampNow() : tokens.instant(nowOption, 'options.now');
    const notes = [];

    let signature = 'not checked';
    if (publicKey !== undefined) {
      try {
        verifyToken(input, publicKey);
        signature = 'valid';
      } catch (error) {
        if (!(error instanceof TokenSignatureError)) throw error;
        signature = 'invalid';
      }
    }

    if (validity.iatDefaulted) notes.push('iat is unset: the token counts as issued at the UNIX epoch');
    if (validity.expDefaulted) notes.push('exp is unset: the token expires one hour after iat');
    const persistence = enumText('persistence', message.persistence, notes);
    const format = enumText('format', message.format, notes);
    if (message.format === 'JSON') notes.push('format JSON is deprecated');
    if (message.metadata.case === 'classroom') notes.push('classroom metadata is deprecated');
    const unknownFields = [];
    collectUnknown(replToken, message, '', unknownFields);
    if (unknownFields.length > 0) {
      notes.push(`${unknownFields.length} field(s) unknown to this schema, probably from a newer server`);
    }

    const secondsLeft = Number(validity.expiresAt.seconds - now.seconds) + (validity.expiresAt.nanos - now.nanos) / 1e9;
    return {
      status: tokens.timeStatus(validity, now),
      secondsLeft: Math.floor(secondsLeft),
      now: time(now),
      iat: message.iat === undefined ? undefined : time(message.iat),
      exp: message.exp === undefined ? undefined : time(message.exp),
      effectiveIat: time(validity.issuedAt),
      effectiveExp: time(validity.expiresAt),
      iatDefaulted: validity.iatDefaulted,
      expDefaulted: validity.expDefaulted,
      lifetimeSeconds: Number(validity.expiresAt.seconds - validity.issuedAt.seconds),
      signature,
      cluster: message.cluster,
      salt: message.salt,
      persistence,
      format,
      metadata: { kind: message.metadata.case ?? 'none', ...(message.metadata.value ?? {}) },
      replId: replIdOf(message),
      resourceLimits: message.resourceLimits && {
        net: message.resourceLimits.net,
        memory: bytesText(message.resourceLimits.memory),
        threads: message.resourceLimits.threads,
        shares: message.resourceLimits.shares,
        disk: bytesText(message.resourceLimits.disk),
      },
      presenced: message.presenced && {
        bearerID: message.presenced.bearerID,
        bearerName: message.presenced.bearerName,
      },
      flags: message.flags,
      footer: footer && {
        keyId: footer.cert.case === 'keyId' ? footer.cert.value : undefined,
        signedCert: footer.cert.case === 'signedCert' ? footer.cert.value : undefined,
        issuer: footer.issuer,
        version: footer.version,
      },
      unknownFields,
      notes,
    };
  };

  function collectUnknown(message, object, path, out) {
    for (const unknown of object.$unknown ?? []) {
      out.push({
        path: path === '' ? `#${unknown.no}` : `${path}.#${unknown.no}`,
        message: message.name,
        no: unknown.no,
        name: NEWER_FIELDS[message.name]?.[unknown.no],
        wireType: WIRE_TYPES[unknown.wireType],
        length: unknown.data.length,
        hex: Array.from(unknown.data, (b) => b.toString(16).padStart(2, '0')).join(''),
      });
    }
    for (const slot of message.slots) {
      if (slot.field !== undefined) {
        const { field } = slot;
        const value = object[field.name];
        if (field.kind !== 'message' || value === undefined) continue;
        const items = field.repeated ? value : [value];
        items.forEach((item, i) => {
          const itemPath = `${path === '' ? '' : `${path}.`}${field.name}${field.repeated ? `[${i}]` : ''}`;
          collectUnknown(field.message, item, itemPath, out);
        });
      } else {
        const { case: c, value } = object[slot.oneof];
        const member = slot.members.find((m) => m.name === c);
        if (member?.kind === 'message') collectUnknown(member.message, value, path === '' ? c : `${path}.${c}`, out);
      }
    }
  }
}

function enumText(field, value, notes) {
  if (typeof value === 'string') return value;
  const newer = NEWER_ENUM_VALUES[field]?.[value];
  notes.push(`${field} ${value} is not in this schema${newer ? ` (${newer} in newer schemas)` : ''}`);
  return newer ? `${newer} (${value})` : String(value);
}

function time({ seconds, nanos }) {
  return formatRfc3339(seconds, nanos) ?? `${seconds} s after the UNIX epoch`;
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** `2 GiB (2147483648 bytes)`: binary units, exact or to two decimals. */
export function bytesText(value) {
  if (value <= 0n) return `${value} bytes`;
  let unit = 0;
  while (unit < UNITS.length - 1 && value >= 1024n ** BigInt(unit + 1)) unit++;
  if (unit === 0) return `${value} bytes`;
  const scaled = Number(value) / 1024 ** unit;
  const text = Number.isInteger(scaled) ? String(scaled) : scaled.toFixed(2);
  return `${text} ${UNITS[unit]} (${value} bytes)`;
}
