#!/usr/bin/env node
// `goval-token`, the command line of the package: inspect, decode, encode, verify repl tokens
// and make Ed25519 key pairs. It never sends a token anywhere and writes nothing to disk.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as gt from './node.js';

const USAGE = `Usage: goval-token <command> [options]

Commands:
  inspect <token|url|->     a readable report of a repl token (nothing is verified
                            unless --key is given)
      --key <public key>    also check the signature
      --keys <json|@file>   or check it (and a certificate chain) with root keys
                            given as REPL_PUBKEYS JSON
      --now <time|now>      the time to judge exp/iat against (default: now)
      --json                the report as JSON
  decode <token|url|base64|hex|->
                            a token (or wss://…/wsv2/<token> URL): its message, footer and
                            signature; raw protobuf bytes of a ReplToken (base64 or hex):
                            the message. Printed as proto3 JSON
      --base64, --hex       read the argument as base64 / hex bytes (default: guess)
      --json                one line of JSON instead of indented JSON
  encode [<json>|-]         a ReplToken from proto3 JSON (argument, or stdin when - or
                            absent) to protobuf bytes, printed as base64
      --hex                 print hex instead of base64
      --create              fill iat (now), exp (iat + 1 h) and salt (random) when absent
      --sign <secret key>   print a signed v2.public token instead
      --key-id <id>         footer: the signing key's id (with --sign)
      --issuer <name>       footer: the issuer (with --sign)
  verify <token|url|-> --key <public key>
                            check the signature, then the time and the claims asked for;
                            exit 0 and print "valid", or print the error and exit 1
      --now <time|now>      the time to check exp/iat against (default: now)
      --no-time-check       check the signature and claims only
      --skew <seconds>      allowed clock skew (default 0)
      --cluster <name>      require this cluster
      --repl-id <id>        require this repl id
      --keys <json|@file>   instead of --key: root keys as REPL_PUBKEYS JSON (key id →
                            base64 public key), for tokens signed through certificates
      --audience <repl id>  verify an identity token (REPL_IDENTITY, or one another repl
                            signed for you) addressed to this repl id
  keygen                    a new Ed25519 key pair, as PASERK and base64url
      --json                as JSON
  help                      this text

Keys may be given inline (PASERK, base64, base64url, hex or PEM) or as @file.
A token argument of - is read from stdin (keeps the token out of shell history).
Times are RFC 3339, e.g. 2024-01-02T03:04:05Z.
Exit status: 0 success, 1 invalid token or input, 2 usage error.
`;

class UsageError extends Error {}
/** Bad input that is not the library's to word (unreadable file, invalid JSON text…). */
class InputError extends Error {}

const COMMANDS = {
  inspect: {
    options: { key: { type: 'string' }, keys: { type: 'string' }, now: { type: 'string' }, json: { type: 'boolean' } },
    positionals: [1, 1],
    run: inspect,
  },
  decode: {
    options: { json: { type: 'boolean' }, base64: { type: 'boolean' }, hex: { type: 'boolean' } },
    positionals: [1, 1],
    run: decode,
  },
  encode: {
    options: {
      hex: { type: 'boolean' },
      create: { type: 'boolean' },
      sign: { type: 'string' },
      'key-id': { type: 'string' },
      issuer: { type: 'string' },
    },
    positionals: [0, 1],
    run: encode,
  },
  verify: {
    options: {
      key: { type: 'string' },
      now: { type: 'string' },
      'no-time-check': { type: 'boolean' },
      skew: { type: 'string' },
      cluster: { type: 'string' },
      'repl-id': { type: 'string' },
      keys: { type: 'string' },
      audience: { type: 'string' },
    },
    positionals: [1, 1],
    run: verify,
  },
  keygen: { options: { json: { type: 'boolean' } }, positionals: [0, 0], run: keygen },
};

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  const spec = COMMANDS[command];
  if (spec === undefined) throw new UsageError(`unknown command "${command}"`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: spec.options, allowPositionals: true, strict: true });
  } catch (error) {
    if (typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(`${command}: ${error.message.split('\n')[0].replace(/\. To specify a positional.*$/, '')}`);
    }
    throw error;
  }
  const [min, max] = spec.positionals;
  const count = parsed.positionals.length;
  if (count < min) throw new UsageError(`${command}: missing argument`);
  if (count > max) throw new UsageError(`${command}: unexpected argument "${parsed.positionals[max]}"`);
  return (await spec.run(parsed.values, parsed.positionals, command)) ?? 0;
}

// ---- commands ----

async function inspect(values, [input]) {
  const options = {};
  if (values.key !== undefined && values.keys !== undefined) throw new UsageError('inspect: --key and --keys exclude each other');
  if (values.key !== undefined) options.publicKey = readKey(values.key);
  if (values.keys !== undefined) options.publicKey = readKeys(values.keys, 'inspect');
  const now = timeOption(values.now);
  if (now !== undefined) options.now = now;
  const report = await gt.inspectToken(readToken(input), options);
  print(values.json ? json(report, 2) : formatReport(report));
}

function decode(values, [input], command) {
  if (values.base64 && values.hex) throw new UsageError(`${command}: --base64 and --hex exclude each other`);
  const text = input === '-' ? readStdin().trim() : input;
  const dropped = [];
  let output;
  if (!values.base64 && !values.hex && isTokenLike(text)) {
    const { messageType, message, footer, signature } = gt.parseToken(text);
    output = {
      // Identity and Ghostwriter tokens (TYPE_AWARE_TOKEN) say what their body is.
      ...(messageType === 'ReplToken' ? {} : { messageType }),
      message: messageJson(messageType, message, dropped),
      footer: footer === undefined ? null : messageJson('GovalSigningAuthority', footer, dropped),
      signature: hex(signature),
    };
  } else {
    output = messageJson('ReplToken', gt.decodeReplToken(rawBytes(text, values)), dropped);
  }
  print(values.json ? json(output) : json(output, 2));
  if (dropped.length > 0) {
    process.stderr.write(
      `note: proto3 JSON cannot hold fields unknown to the schema; left out:\n${dropped.map((u) => `  ${u}\n`).join('')}`,
    );
  }
}

async function encode(values, [input], command) {
  if (values.sign === undefined && (values['key-id'] !== undefined || values.issuer !== undefined)) {
    throw new UsageError(`${command}: --key-id and --issuer are footer fields: they need --sign`);
  }
  if (values.sign !== undefined && values.hex) throw new UsageError(`${command}: --hex and --sign exclude each other`);
  const text = input === undefined || input === '-' ? readStdin() : input;
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`the ReplToken is not valid JSON: ${error.message}`);
  }
  let token = messageFromJson(parsed);
  if (values.create) {
    // From JSON every scalar is present; an absent salt must stay absent to get a random one.
    const init = { ...token };
    if (!(isObject(parsed) && Object.hasOwn(parsed, 'salt'))) delete init.salt;
    token = gt.createReplToken(init);
  }
  if (values.sign !== undefined) {
    let footer;
    if (values['key-id'] !== undefined || values.issuer !== undefined) {
      footer = {};
      if (values['key-id'] !== undefined) footer.cert = { case: 'keyId', value: values['key-id'] };
      if (values.issuer !== undefined) footer.issuer = values.issuer;
    }
    print(await gt.signToken(token, readKey(values.sign), footer));
    return;
  }
  const bytes = gt.encodeReplToken(token);
  print(values.hex ? hex(bytes) : Buffer.from(bytes).toString('base64'));
}

async function verify(values, [input], command) {
  if (values.key === undefined && values.keys === undefined) {
    throw new UsageError(`${command}: --key <public key> is required (or --keys <REPL_PUBKEYS JSON>)`);
  }
  if (values.key !== undefined && values.keys !== undefined) throw new UsageError(`${command}: --key and --keys exclude each other`);
  if (values.audience !== undefined && (values.cluster !== undefined || values['repl-id'] !== undefined)) {
    throw new UsageError(`${command}: --cluster and --repl-id are for repl tokens, not identity tokens (--audience)`);
  }
  if (values['no-time-check'] && values.now !== undefined) {
    throw new UsageError(`${command}: --now and --no-time-check exclude each other`);
  }
  const options = {};
  // verifyToken checks the clock unless told `now: false`.
  options.now = values['no-time-check'] ? false : (timeOption(values.now) ?? gt.timestampNow());
  if (values.skew !== undefined) {
    if (!/^\d+$/.test(values.skew)) throw new UsageError(`${command}: --skew takes a whole number of seconds`);
    options.clockSkewSeconds = Number(values.skew);
  }
  if (values.cluster !== undefined) options.cluster = values.cluster;
  if (values['repl-id'] !== undefined) options.replId = values['repl-id'];
  const token = readToken(input);
  const publicKey = values.key !== undefined ? readKey(values.key) : readKeys(values.keys, command);
  if (values.audience !== undefined) {
    const { identity, chain } = await gt.verifyIdentityToken(token, { ...options, publicKeys: publicKey, audience: values.audience });
    print('valid');
    print(identitySummary(identity, chain));
    return;
  }
  if (gt.parseToken(token).messageType !== 'ReplToken') {
    throw new UsageError(`${command}: this is an identity token: give --audience <your repl id>`);
  }
  await gt.verifyToken(token, publicKey, options);
  const report = await gt.inspectToken(token, options.now === false ? {} : { now: options.now });
  print('valid');
  print(summary(report, options.now !== false));
}

async function keygen(values) {
  const { publicKey, secretKey } = await gt.generateSigningKeyPair();
  const keys = {
    publicKey: `k2.public.${base64url(publicKey)}`,
    secretKey: `k2.secret.${base64url(secretKey)}`,
    publicKeyBase64url: base64url(publicKey),
    secretKeyBase64url: base64url(secretKey),
  };
  if (values.json) {
    print(json(keys, 2));
    return;
  }
  print(
    lines([
      ['public key', keys.publicKey],
      ['secret key', keys.secretKey],
      ['public key (base64url)', keys.publicKeyBase64url],
      ['secret key (base64url)', keys.secretKeyBase64url],
    ]),
  );
  process.stderr.write('The secret key signs tokens: keep it out of logs and repositories.\n');
}

// ---- input ----

function readStdin() {
  try {
    return readFileSync(0, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read stdin: ${error.message}`);
  }
}

function readToken(input) {
  return input === '-' ? readStdin().trim() : input;
}

/** A key argument: inline text, or `@file` (text such as PEM or PASERK, or raw key bytes). */
function readKey(arg) {
  if (!arg.startsWith('@')) return arg;
  const path = arg.slice(1);
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read the key file ${path}: ${error.code ?? error.message}`);
  }
  const text = bytes.toString('latin1');
  // Printable text (PEM, PASERK, base64, hex) goes as a string; anything else is raw bytes.
  if (/^[\x20-\x7e\t\r\n]*$/.test(text)) return text.trim();
  return new Uint8Array(bytes);
}

/** `--keys`: REPL_PUBKEYS JSON text, inline or `@file`; the library reads the JSON. */
function readKeys(arg, command) {
  let text = arg;
  if (arg.startsWith('@')) {
    try {
      text = readFileSync(arg.slice(1), 'utf8');
    } catch (error) {
      throw new InputError(`cannot read the keys file ${arg.slice(1)}: ${error.code ?? error.message}`);
    }
  }
  if (!text.trimStart().startsWith('{')) throw new UsageError(`${command}: --keys takes REPL_PUBKEYS JSON ({"key id": "base64 key", …}) or @file`);
  return text;
}

/** `--now`: undefined when not given, the current time for `now`, else the text itself. */
function timeOption(value) {
  if (value === undefined) return undefined;
  return value === 'now' ? gt.timestampNow() : value;
}

function isTokenLike(text) {
  // base64 and hex never contain a dot; every token (and every URL holding one) does.
  return text.includes('.');
}

function rawBytes(text, values) {
  const compact = text.replace(/\s+/g, '');
  const isHex = /^(?:[0-9a-fA-F]{2})*$/.test(compact);
  const isBase64 = /^[A-Za-z0-9+/_-]*={0,2}$/.test(compact) && compact.replace(/=+$/, '').length % 4 !== 1;
  if (values.hex || (!values.base64 && isHex)) {
    if (!isHex) throw new InputError('the argument is not hex (an even number of 0-9, a-f)');
    return new Uint8Array(Buffer.from(compact, 'hex'));
  }
  if (!isBase64) {
    throw new InputError(
      values.base64
        ? 'the argument is not base64 or base64url'
        : 'expected a token (v2.public.…), a URL holding one, or protobuf bytes as base64 or hex',
    );
  }
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

// ---- JSON ----

const TO_JSON = {
  ReplToken: 'replTokenToJson',
  GovalSigningAuthority: 'govalSigningAuthorityToJson',
  GovalReplIdentity: 'govalReplIdentityToJson',
  GovalToken: 'govalTokenToJson',
};

/** proto3 JSON of a decoded message; the unknown fields it cannot hold go to `dropped`. */
function messageJson(name, value, dropped) {
  collectUnknown(name, value, '', dropped);
  const toJson = gt[TO_JSON[name]];
  if (typeof toJson === 'function') return toJson(value, { dropUnknownFields: true });
  return jsonSafe(value); // the object model, before the proto3 JSON functions existed
}

function messageFromJson(value) {
  if (typeof gt.replTokenFromJson === 'function') return gt.replTokenFromJson(value);
  return value; // the object model: encodeReplToken takes int64 as decimal strings
}

/** `path #no (wire type N, hex)` for each `$unknown` anywhere in the object model. */
function collectUnknown(name, value, path, out) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectUnknown(name, item, `${path}[${i}]`, out));
    return;
  }
  if (!isObject(value) || value instanceof Uint8Array) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$unknown') {
      for (const u of child) out.push(`${name}${path === '' ? '' : ` ${path}`} #${u.no} (wire type ${u.wireType}) ${hex(u.data)}`);
    } else if (key === 'value' && 'case' in value) {
      collectUnknown(name, child, `${path}.${value.case}`, out);
    } else {
      collectUnknown(name, child, path === '' ? key : `${path}.${key}`, out);
    }
  }
}

/** JSON text with bigint as decimal strings and bytes as hex. */
function json(value, indent) {
  return JSON.stringify(jsonSafe(value), null, indent);
}

function jsonSafe(value) {
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return hex(value);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (isObject(value)) {
    const out = {};
    for (const [key, child] of Object.entries(value)) if (child !== undefined) out[key] = jsonSafe(child);
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

// ---- text output ----

function formatReport(r) {
  if (r.identity !== undefined || r.govalToken !== undefined) return formatTypeAwareReport(r);
  const sections = [];
  const show = (value) => (value === '' ? '""' : String(value));
  sections.push([
    'Token',
    [
      ['verdict', verdictText(r)],
      ['now', r.now],
      ['issued (iat)', r.iatDefaulted ? `${r.effectiveIat} (iat unset)` : r.iat],
      ['expires (exp)', r.expDefaulted ? `${r.effectiveExp} (exp unset: iat + 1 h)` : r.exp],
      ['lifetime', `${r.lifetimeSeconds} s (${duration(r.lifetimeSeconds)})`],
      ['signature', r.signature === 'not-checked' ? 'not checked (give --key to check)' : r.signature],
      ['time', timeText(r)],
    ],
  ]);
  sections.push([
    'Claims',
    [
      ['cluster', show(r.cluster)],
      ['repl id', r.replId ?? '(none)'],
      ['salt', show(r.salt)],
      ['persistence', r.persistence],
      ['format', r.format],
      ['flags', r.flags.length === 0 ? '(none)' : r.flags.join(', ')],
    ],
  ]);
  const { kind, $unknown, ...metadata } = r.metadata;
  sections.push([`Metadata (${kind})`, Object.entries(metadata).map(([k, v]) => [k, show(v)])]);
  if (r.resourceLimits) sections.push(['Resource limits', Object.entries(r.resourceLimits).map(([k, v]) => [k, show(v)])]);
  if (r.presenced) sections.push(['Presenced', Object.entries(r.presenced).map(([k, v]) => [k, show(v)])]);
  if (r.footer) {
    sections.push([
      'Footer',
      [
        ['key id', r.footer.keyId],
        ['signed cert', r.footer.signedCert],
        ['issuer', show(r.footer.issuer)],
        ['version', r.footer.version],
      ],
    ]);
  } else {
    sections.push(['Footer', [['footer', '(none)']]]);
  }
  sections.push(...chainSections(r.chain));
  if (r.unknownFields.length > 0) {
    sections.push([
      'Unknown fields',
      r.unknownFields.map((u) => [
        u.path,
        `${u.message} field ${u.no}${u.name ? ` (${u.name} in newer schemas)` : ''}, ${u.wireType ?? 'unknown wire type'}, ` +
          `${u.length} byte${u.length === 1 ? '' : 's'}: ${u.hex}`,
      ]),
    ]);
  }
  let text = sections
    .map(([title, rows]) => `${title}\n${lines(rows.filter(([, v]) => v !== undefined && v !== null), '  ')}`)
    .join('\n\n');
  if (r.notes.length > 0) text += `\n\nNotes\n${r.notes.map((n) => `  - ${n}`).join('\n')}`;
  return text;
}

// ---- identity tokens and certificate chains (issue 13) ----

/** One section per certificate, root first: who signed it, its lifetime, claims in words. */
function chainSections(chain = []) {
  return chain.map((link) => {
    const signer = link.signedBy === 'root-key' ? `root key ${link.keyId}` : link.signedBy === 'certificate' ? `the certificate at depth ${link.depth + 1}` : '(nothing)';
    const rows = [
      ['signed by', signer],
      ['issuer', link.issuer === '' ? '""' : link.issuer],
    ];
    if (link.error !== undefined) {
      rows.push(['error', link.error]);
    } else {
      rows.push(['valid', `${link.iat}${link.iatDefaulted ? ' (iat unset)' : ''} .. ${link.exp}${link.expDefaulted ? ' (exp unset: iat + 1 h)' : ''}: ${link.timeStatus}`]);
      for (const claim of link.claims) rows.push(['claim', claim]);
      if (link.claims.length === 0) rows.push(['claims', '(none)']);
      rows.push(['public key', link.publicKey.trim().replace(/\s+/g, ' ')]);
    }
    return [`Certificate at depth ${link.depth}${link.depth === 1 ? ' (signed the token)' : ''}`, rows];
  });
}

/** An identity (GovalReplIdentity) or Ghostwriter (GovalToken) token's report. */
function formatTypeAwareReport(r) {
  const body = r.identity ?? r.govalToken;
  const flat = (value) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : value === '' ? '""' : String(value));
  const sections = [
    [
      r.identity !== undefined ? 'Identity token' : 'Ghostwriter token (GovalToken)',
      [
        ['verdict', verdictText(r)],
        ['now', r.now],
        ['valid', r.effectiveIat === null ? '(no certificate: no lifetime)' : `${r.effectiveIat} .. ${r.effectiveExp}`],
        ['signature', r.signature === 'not-checked' ? 'not checked (give --key or --keys to check)' : r.signature],
      ],
    ],
    ['Claims', Object.entries(body).map(([k, v]) => [k, flat(v)])],
    ['Footer', r.footer ? [['key id', r.footer.keyId], ['issuer', flat(r.footer.issuer)], ['version', r.footer.version]] : [['footer', '(none)']]],
    ...chainSections(r.chain),
  ];
  let text = sections
    .map(([title, rows]) => `${title}\n${lines(rows.filter(([, v]) => v !== undefined && v !== null), '  ')}`)
    .join('\n\n');
  if (r.notes.length > 0) text += `\n\nNotes\n${r.notes.map((n) => `  - ${n}`).join('\n')}`;
  return text;
}

function identitySummary(identity, chain) {
  const parts = [`repl ${identity.replid || '""'}`, `user ${identity.user || '""'}`, `audience ${identity.aud}`];
  if (identity.runtime.case !== undefined) parts.push(`runtime ${identity.runtime.case}`);
  parts.push(chain.length === 0 ? 'signed by a root key' : `${chain.length} certificate${chain.length === 1 ? '' : 's'} from root key ${chain[0].keyId}`);
  return parts.join(', ');
}

/** The report's headline: 'valid' only with a signature checked and holding, in time. */
function verdictText(r) {
  if (r.verdict === 'valid') return `valid (expires in ${duration(r.secondsLeft)})`;
  if (r.verdict === 'signature-invalid') return 'signature INVALID';
  if (r.verdict === 'signature-not-checked') return 'signature not checked (give --key to check)';
  return timeText(r);
}

function timeText(r) {
  if (r.timeStatus === 'in-range') return `in range (expires in ${duration(r.secondsLeft)})`;
  if (r.timeStatus === 'expired') return `expired (${duration(-r.secondsLeft)} ago)`;
  return `not yet valid (valid from ${r.effectiveIat})`;
}

function summary(r, timeChecked) {
  const parts = [`cluster ${r.cluster === '' ? '""' : r.cluster}`];
  if (r.replId !== null) parts.push(`repl ${r.replId}`);
  if (r.presenced) parts.push(`bearer ${r.presenced.bearerName || '""'} (${r.presenced.bearerID})`);
  const left = r.secondsLeft >= 0 ? `in ${duration(r.secondsLeft)}` : `${duration(-r.secondsLeft)} ago`;
  parts.push(`expires ${r.effectiveExp} (${left}${timeChecked ? '' : ', not checked'})`);
  if (r.footer?.keyId != null) parts.push(`key id ${r.footer.keyId}`);
  if (r.footer?.issuer) parts.push(`issuer ${r.footer.issuer}`);
  return parts.join(', ');
}

/** `1d 2h`, `59m 59s`, `0s`: the two largest units. */
function duration(seconds) {
  const units = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  const parts = [];
  let left = Math.max(0, Math.floor(seconds));
  for (const [unit, size] of units) {
    const n = Math.floor(left / size);
    left -= n * size;
    if (n > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${n}${unit}`);
    if (parts.length === 2) break;
  }
  if (parts.length === 2 && parts[1].startsWith('0')) parts.pop();
  return parts.length === 0 ? '0s' : parts.join(' ');
}

/** Aligned `key: value` lines. */
function lines(rows, indent = '') {
  const width = Math.max(0, ...rows.map(([k]) => k.length)) + 1;
  return rows.map(([k, v]) => `${indent}${`${k}:`.padEnd(width)} ${v}`).join('\n');
}

function print(text) {
  process.stdout.write(`${text}\n`);
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const base64url = (bytes) => Buffer.from(bytes).toString('base64url');
const isObject = (value) => typeof value === 'object' && value !== null;

// ---- run ----

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`goval-token: ${error.message}\nRun "goval-token --help" for usage.\n`);
    process.exitCode = 2;
  } else if (error instanceof gt.GovalTokenError) {
    // Options the CLI filled in are named as the user wrote them.
    const option = { 'options.now': '--now', 'options.clockSkewSeconds': '--skew' }[error.path];
    const message = option ? `${option}${error.message.slice(error.path.length)}` : error.message;
    process.stderr.write(`${error.name}: ${message}\n`);
    process.exitCode = 1;
  } else if (error instanceof InputError) {
    process.stderr.write(`goval-token: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
