#!/usr/bin/env node
// `goval-token`, the command line of the package: inspect, decode, encode, verify repl tokens,
// make Ed25519 key pairs and serve the inspector page. It never sends a token anywhere and
// writes nothing to disk. Everything it prints that comes from a token, a file or an argument
// goes through js/escape.js: a hostile token cannot move the cursor, retitle the terminal or
// reorder text.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toHex } from '../lib/hex.js';
import { escapeJson, escapeText, nearest, printableText } from '../lib/text.js';
import { durationText } from '../lib/time.js';
import * as gt from '../node.js';

const INPUT_NOTE = `A token is read from stdin when the argument is - or left out and stdin is not a terminal
(keeps the token out of shell history); stdin is read to its end, at most 1 MiB.`;
const KEY_NOTE = `Keys: PASERK (k2.public.…, k2.secret.…), base64, base64url or hex of the key bytes, or PEM;
inline or as @file. Values may start with "-" (--key -abc…, --key "-----BEGIN…").`;
const TIME_NOTE = 'Times: RFC 3339 (2024-01-02T03:04:05Z), a date (2024-01-02, midnight UTC), or now.';
const OUTPUT_NOTE = 'Output: control, bidi and invisible characters from a token are printed as \\uXXXX escapes.';

// Each command's help: `goval-token <command> --help` and `goval-token help <command>`.
const HELP = {
  inspect: `Usage: goval-token inspect [<token|url|->] [options]

A readable report of a repl, identity or Ghostwriter token, headed by one verdict: "valid"
only when a key checked every signature and the verify functions accept the token.
  --key <public key>    check the signature with this key
  --keys <json|@file>   or check it (and a certificate chain) with root keys given as
                        REPL_PUBKEYS JSON (key id → base64 public key)
  --now <time|now>      the time to judge exp/iat against (default: now)
  --json                the report as JSON

Exit status: 0 valid, 1 invalid (a signature does not verify, or the verify functions
refuse the token), 2 usage error, 3 expired or not yet valid, 4 signature not checked (no
--key or --keys given).

${INPUT_NOTE}
${KEY_NOTE}
${TIME_NOTE}
${OUTPUT_NOTE}
`,
  decode: `Usage: goval-token decode [<token|url|base64|hex|->] [options]

A token (or wss://…/wsv2/<token> URL): its message, footer and signature; raw protobuf bytes
of a ReplToken (base64 or hex): the message. Printed as proto3 JSON. Decoding checks no
signature: use verify or inspect --key for that.
  --base64, --hex       read the argument as base64 / hex bytes (default: guess)
  --json                one line of JSON instead of indented JSON

Exit status: 0 decoded, 1 unreadable input, 2 usage error.

${INPUT_NOTE}
${OUTPUT_NOTE}
`,
  encode: `Usage: goval-token encode [<json>|-] [options]

A ReplToken from proto3 JSON to protobuf bytes, printed as base64; or, with --sign, a signed
v2.public token.
  --hex                 print hex instead of base64
  --create              fill iat (now), exp (iat + 1 h) and salt (random) when absent
  --sign <secret key>   print a signed v2.public token
  --key-id <id>         footer: the signing key's id (with --sign)
  --issuer <name>       footer: the issuer (with --sign)
  --allow-expired       sign even a token already expired (refused by default)

Exit status: 0 encoded, 1 invalid JSON, claims or key, 2 usage error.

The JSON is read from stdin when the argument is - or left out (at most 1 MiB).
${KEY_NOTE}
`,
  verify: `Usage: goval-token verify [<token|url|->] [--key <public key> | --keys <json|@file>] [options]

Checks the signature (and a certificate chain's), then the time and the claims asked for;
prints "valid" and a summary, or the error. Repl tokens, identity tokens (with --audience)
and Ghostwriter tokens (GovalToken bodies) are told apart by their signed body.
  --key <public key>    the public key that signed the token
  --keys <json|@file>   or root keys as REPL_PUBKEYS JSON (key id → base64 public key),
                        for tokens signed through certificates; with neither option, the
                        REPL_PUBKEYS environment variable, as in a repl
  --now <time|now>      the time to check exp/iat against (default: now, read after the
                        token)
  --no-time-check       check the signature and claims only, not iat/exp
  --skew <seconds>      allowed clock skew (default 0)
  --cluster <name>      repl tokens: require this cluster
  --repl-id <id>        repl and Ghostwriter tokens: require this repl id
  --audience <repl id>  verify an identity token (REPL_IDENTITY, or one another repl signed
                        for you) addressed to this repl id (repeatable: any may match)
  --source <repl id>    identity tokens: an origin repl, when the token names one, must be
                        this one
  --flag <NAME>         the flag the signing certificate must hold (repeatable); default
                        MINT_GOVAL_TOKEN for repl tokens, IDENTITY for identity tokens,
                        GHOSTWRITER for Ghostwriter tokens
  --no-flag-check       require no flag (dangerous: a repl's own identity key can then
                        mint repl tokens)
  --json                print the result as one JSON object on stdout, the refusal too:
                        {"valid":true,…} or {"valid":false,"error":{"name","code",…}}
                        (code: the library's, e.g. ERR_TOKEN_EXPIRED; ERR_INPUT for an
                        unreadable file or stdin)

Exit status: 0 valid, 1 refused (or an unreadable key or input), 2 usage error.

${INPUT_NOTE}
${KEY_NOTE}
${TIME_NOTE}
`,
  identity: `Usage: goval-token identity create --audience <repl id> [--renewal]

In a repl: a new identity token proving this repl's identity to the repl <repl id>, signed
with this repl's identity key, as go-replidentity's CreateIdentityTokenSigningAuthority
does. Reads /tmp/replidentity and /tmp/replidentity.key, else REPL_IDENTITY and
REPL_IDENTITY_KEY (with --renewal: REPL_RENEWAL and REPL_RENEWAL_KEY), REPL_ID and
REPL_PUBKEYS; the repl's own token is verified first.
  --audience <repl id>  the repl the token is for
  --renewal             sign with the renewal pair (RENEW_IDENTITY) instead
  --now <time|now>      the time this repl's own identity token is checked at (default:
                        now); the new token carries no time of its own

Exit status: 0 printed, 1 no identity here or it does not verify (code ERR_NO_IDENTITY
when a variable is missing), 2 usage error.
${TIME_NOTE}
`,
  keygen: `Usage: goval-token keygen [--json | --pem]

A new Ed25519 key pair, as PASERK and base64url (every form --key and --sign take).
  --json                as JSON, with the PEM forms too
  --pem                 as PEM: the public key (SPKI), then the secret key (PKCS#8), as
                        node:crypto and openssl write them

Exit status: 0, or 2 for a usage error.
`,
  ui: `Usage: goval-token ui [--port <n>]

Serves the token inspector page on 127.0.0.1 and prints its URL; tokens stay in the browser.
  --port <n>            the port (default 8080; 0 picks a free one)

Exit status: 0 when stopped (Ctrl+C), 1 when the port cannot be used, 2 usage error.
`,
};

const USAGE = `Usage: goval-token <command> [options]

Commands:
  inspect [<token|url|->]   a readable report of a token, headed by one verdict
  decode [<token|url|base64|hex|->]
                            a token or protobuf bytes as proto3 JSON
  encode [<json>|-]         a ReplToken from proto3 JSON to protobuf bytes or a signed token
  verify [<token|url|->]    check a token's signature, time and claims
  identity create           in a repl: an identity token for another repl
  keygen                    a new Ed25519 key pair
  ui                        serve the token inspector page on 127.0.0.1
  help [<command>]          this text, or a command's options
  --version                 the package version

Run "goval-token help <command>" (or "goval-token <command> --help") for its options.

${INPUT_NOTE}
${KEY_NOTE}
${TIME_NOTE}
${OUTPUT_NOTE}
Exit status: 0 success, 1 invalid token, key or input, 2 usage error (inspect: also 3, 4).
`;

/** A mistake in the command line: exit 2, words of the command line. */
class UsageError extends Error {}
/** Bad input that is not the library's to word (unreadable file, invalid JSON text…). */
class InputError extends Error {}
InputError.prototype.name = 'InputError';

const COMMANDS = {
  inspect: {
    options: { key: 'public key', keys: 'REPL_PUBKEYS JSON', now: 'time', json: true },
    positionals: 1,
    run: inspect,
  },
  decode: {
    options: { json: true, base64: true, hex: true },
    positionals: 1,
    run: decode,
  },
  encode: {
    options: { hex: true, create: true, sign: 'secret key', 'key-id': 'id', issuer: 'name', 'allow-expired': true },
    positionals: 1,
    run: encode,
  },
  verify: {
    options: {
      key: 'public key',
      now: 'time',
      'no-time-check': true,
      skew: 'seconds',
      cluster: 'name',
      'repl-id': 'id',
      keys: 'REPL_PUBKEYS JSON',
      audience: 'repl id',
      source: 'repl id',
      flag: 'NAME',
      'no-flag-check': true,
      json: true,
    },
    positionals: 1,
    run: verify,
  },
  identity: { options: { audience: 'repl id', renewal: true, now: 'time' }, positionals: 1, run: identity },
  keygen: { options: { json: true, pem: true }, positionals: 0, run: keygen },
  ui: { options: { port: 'n' }, positionals: 0, run: ui },
};

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === 'help') {
    if (rest.length === 0) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (rest.length > 1) throw new UsageError(`help takes one command; unexpected argument ${argText(rest[1])}`);
    process.stdout.write(HELP[knownCommand(rest[0])]);
    return 0;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    print(packageVersion());
    return 0;
  }
  const spec = COMMANDS[knownCommand(command)];
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(HELP[command]);
    return 0;
  }
  const { values, positionals } = parseCommandLine(command, spec, rest);
  return (await spec.run(values, positionals, command)) ?? 0;
}

function knownCommand(command) {
  if (Object.hasOwn(COMMANDS, command)) return command;
  throw new UsageError(`unknown command ${argText(command)}${didYouMean(command, Object.keys(COMMANDS))}`);
}

/** Options that may be given more than once; their value is the list. */
const REPEATABLE = new Set(['audience', 'flag']);

/**
 * The options and positionals of one command. Unlike util.parseArgs, an option's value is the
 * next argument whatever it starts with: base64url keys start with "-" one time in 64, and
 * inline PEM always does.
 */
function parseCommandLine(command, spec, args) {
  const values = {};
  const positionals = [];
  const options = Object.keys(spec.options);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      if (!Object.hasOwn(spec.options, name)) {
        throw new UsageError(`${command}: unknown option ${argText(`--${name}`)}${didYouMean(`--${name}`, options.map((o) => `--${o}`))}`);
      }
      if (Object.hasOwn(values, name) && !REPEATABLE.has(name)) throw new UsageError(`${command}: --${name} is given twice`);
      const takes = spec.options[name];
      if (takes === true) {
        if (eq >= 0) throw new UsageError(`${command}: --${name} takes no value`);
        values[name] = true;
        continue;
      }
      let value;
      if (eq >= 0) {
        value = arg.slice(eq + 1);
      } else {
        value = args[i + 1];
        // `--key --json`: the value was forgotten, the next option is not a key.
        if (value === undefined || (value.startsWith('--') && Object.hasOwn(spec.options, value.slice(2)))) {
          throw new UsageError(`${command}: --${name} needs a value: --${name} <${takes}>`);
        }
        i++;
      }
      values[name] = REPEATABLE.has(name) ? [...(values[name] ?? []), value] : value;
    } else if (/^-[A-Za-z]$/.test(arg)) {
      throw new UsageError(`${command}: unknown option ${argText(arg)} (options are spelled --name)`);
    } else {
      positionals.push(arg);
    }
  }
  if (positionals.length > spec.positionals) {
    const extra = positionals[spec.positionals];
    const what = spec.positionals === 0 ? 'takes no argument' : `takes one argument`;
    throw new UsageError(`${command} ${what}; unexpected argument ${argText(extra)}`);
  }
  return { values, positionals };
}

// ---- commands ----

async function inspect(values, [input], command) {
  if (values.key !== undefined && values.keys !== undefined) throw new UsageError(`${command}: --key and --keys exclude each other`);
  const when = timeOption(values.now, '--now');
  const token = await readToken(input, command);
  const options = {};
  if (values.key !== undefined) options.publicKey = readKey(values.key, '--key');
  if (values.keys !== undefined) {
    options.publicKey = readKeys(values.keys, command);
    nameKeySource('--keys');
  }
  // The clock is read once the input is in: a token minted upstream in the pipe is not "from the future".
  options.now = when();
  const report = await gt.inspectToken(token, options);
  const keyGiven = options.publicKey !== undefined;
  print(
    values.json
      ? json(report, 2)
      : report.messageType === 'ReplToken'
        ? formatReport(report, keyGiven)
        : report.messageType === null
          ? formatUnreadableReport(report)
          : formatTypeAwareReport(report),
  );
  return INSPECT_EXIT_STATUS[report.verdict] ?? 1;
}

/** inspect's exit status by verdict (documented in its help). */
const INSPECT_EXIT_STATUS = {
  valid: 0,
  'signature-invalid': 1,
  invalid: 1,
  expired: 3,
  'not-yet-valid': 3,
  'signature-not-checked': 4,
};

async function decode(values, [input], command) {
  if (values.base64 && values.hex) throw new UsageError(`${command}: --base64 and --hex exclude each other`);
  const text = await readToken(input, command);
  if (text === '') throw new InputError('nothing to decode: the input is empty');
  const unknown = [];
  let output;
  if (!values.base64 && !values.hex && isTokenLike(text)) {
    const { messageType, message, footer, signature } = await gt.parseToken(text);
    output = {
      // Identity and Ghostwriter tokens (TYPE_AWARE_TOKEN) say what their body is.
      ...(messageType === 'ReplToken' ? {} : { messageType }),
      message: messageJson(messageType, message, unknown),
      footer: footer === undefined ? null : messageJson('GovalSigningAuthority', footer, unknown),
      signature: toHex(signature),
    };
  } else {
    const message = gt.decodeReplToken(rawBytes(text, values));
    if (holdsOnlyUnknownFields(message)) {
      const numbers = message.$unknown.map((u) => `#${u.no}`).join(', ');
      throw new InputError(
        `not a ReplToken: the ${values.hex ? 'hex' : values.base64 ? 'base64' : 'text, read as base64 or hex,'} decodes to ` +
          `no ReplToken field, only unknown field numbers ${numbers}; expected a token (v2.public.…), ` +
          'a URL holding one, or protobuf bytes of a ReplToken as base64 or hex',
      );
    }
    output = messageJson('ReplToken', message, unknown);
  }
  print(values.json ? json(output) : json(output, 2));
  if (unknown.length > 0) {
    process.stderr.write(
      `note: proto3 JSON cannot hold fields unknown to the schema; left out:\n${unknown.map((u) => `  ${u}\n`).join('')}`,
    );
  }
}

async function encode(values, [input], command) {
  if (values.sign === undefined && (values['key-id'] !== undefined || values.issuer !== undefined)) {
    throw new UsageError(`${command}: --key-id and --issuer are footer fields: they need --sign`);
  }
  if (values.sign !== undefined && values.hex) throw new UsageError(`${command}: --hex and --sign exclude each other`);
  if (input === undefined && process.stdin.isTTY) {
    throw new UsageError(`${command}: missing argument: give the ReplToken as JSON, or pipe it to stdin`);
  }
  const text = input === undefined || input === '-' ? await readStdin() : input;
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the text, which may be a misplaced key: say where, not what.
    const at = /position (\d+)/.exec(error.message);
    throw new InputError(
      `the ReplToken is not valid JSON (${text.length} characters${at ? `, the error at character ${at[1]}` : ''}); ` +
        `give proto3 JSON such as '{"cluster":"global"}'`,
    );
  }
  let token = gt.replTokenFromJson(parsed);
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
    print(await gt.signToken(token, readKey(values.sign, '--sign'), footer, { allowExpired: values['allow-expired'] === true }));
    return;
  }
  const bytes = gt.encodeReplToken(token);
  print(values.hex ? toHex(bytes) : Buffer.from(bytes).toString('base64'));
}

async function verify(values, [input], command) {
  if (values.key !== undefined && values.keys !== undefined) throw new UsageError(`${command}: --key and --keys exclude each other`);
  const fromEnvironment = values.key === undefined && values.keys === undefined;
  if (fromEnvironment && replPubkeys() === undefined) {
    throw new UsageError(`${command}: --key <public key> is required (or --keys <REPL_PUBKEYS JSON>, or REPL_PUBKEYS in the environment)`);
  }
  const identity = values.audience !== undefined;
  if (identity && (values.cluster !== undefined || values['repl-id'] !== undefined)) {
    throw new UsageError(`${command}: --cluster and --repl-id are for repl tokens, not identity tokens (--audience)`);
  }
  const timeChecked = !values['no-time-check'];
  if (!timeChecked && values.now !== undefined) {
    throw new UsageError(`${command}: --now and --no-time-check exclude each other`);
  }
  const when = timeOption(values.now, '--now');
  const options = {};
  if (values.skew !== undefined) {
    if (!/^\d{1,15}$/.test(values.skew)) {
      throw new UsageError(`${command}: --skew takes a whole number of seconds, 0 or more (the clock difference to allow), got ${argText(values.skew)}`);
    }
    options.clockSkewSeconds = Number(values.skew);
  }
  if (values.source !== undefined && !identity) throw new UsageError(`${command}: --source is for identity tokens (with --audience)`);
  if (values['no-flag-check'] && values.flag !== undefined) throw new UsageError(`${command}: --flag and --no-flag-check exclude each other`);
  if (values.flag !== undefined) options.flags = values.flag;
  if (values['no-flag-check']) options.flags = [];
  const output = values.json ? verifyJson : verifyText;

  const token = await readToken(input, command);
  if (fromEnvironment) nameKeySource('REPL_PUBKEYS');
  if (values.keys !== undefined) nameKeySource('--keys');
  const publicKey = fromEnvironment ? replPubkeys() : values.key !== undefined ? readKey(values.key, '--key') : readKeys(values.keys, command);
  // The library checks the clock unless told `now: false`, like --no-time-check; read after the input.
  options.now = timeChecked ? when() : false;
  try {
    if (identity) {
      if (values.source !== undefined) options.source = values.source;
      const verified = await gt.verifyIdentityToken(token, { ...options, publicKeys: publicKey, audience: values.audience });
      output.identity(verified, timeChecked);
      return;
    }
    const claims = {};
    if (values.cluster !== undefined) claims.cluster = values.cluster;
    if (values['repl-id'] !== undefined) claims.replId = values['repl-id'];
    let verified;
    try {
      verified = await gt.verifyToken(token, publicKey, { ...options, ...claims });
    } catch (error) {
      // Known only once the signature holds: the body is not a repl token.
      if (!(error instanceof gt.TokenFormatError && error.reason === 'unsupported-footer-version')) throw error;
      const { messageType } = await gt.parseToken(token);
      if (messageType === 'GovalReplIdentity') throw new UsageError(`${command}: this is an identity token: give --audience <your repl id>`);
      if (messageType !== 'GovalToken') throw error;
      if (values.cluster !== undefined) throw new UsageError(`${command}: --cluster is for repl tokens; this is a Ghostwriter token`);
      output.ghostwriter(await gt.verifyGhostwriterToken(token, publicKey, { ...options, ...claims }), timeChecked);
      return;
    }
    output.replToken(verified, timeChecked, await gt.inspectToken(token, timeChecked ? { now: options.now } : {}));
  } catch (error) {
    if (!values.json || error instanceof UsageError || !isRefusal(error)) throw error;
    print(json({ valid: false, error: errorJson(error) }));
    return 1;
  }
}

/** REPL_PUBKEYS from the environment, as a repl has it; undefined when unset or blank. */
function replPubkeys() {
  const value = process.env.REPL_PUBKEYS;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (!value.trimStart().startsWith('{')) {
    throw new InputError(`REPL_PUBKEYS holds no JSON object (${value.length} characters): a repl's holds {"key id": "base64 key", …}`);
  }
  return value;
}

/** An error `verify --json` reports as its result (the token's, a key's or the input's). */
const isRefusal = (error) => error instanceof gt.GovalTokenError || error instanceof InputError;

/** An error as plain JSON: its name, code, message and the details its class carries. */
function errorJson(error) {
  const out = { name: error.name, code: error.code ?? 'ERR_INPUT', message: error instanceof InputError ? error.message : cliMessage(error) };
  for (const key of ['path', 'reason', 'claim', 'expected', 'actual', 'offset']) {
    if (error[key] !== undefined && error[key] !== '') out[key] = error[key];
  }
  for (const key of ['expiredAt', 'validFrom', 'now']) if (error[key] !== undefined) out[key] = gt.timestampToJson(error[key]);
  return out;
}

const verifyText = {
  replToken(_verified, timeChecked, report) {
    print(timeChecked ? 'valid' : 'signature valid (time not checked)');
    print(summary(report, timeChecked));
  },
  identity({ identity, chain }, timeChecked) {
    print(timeChecked ? 'valid' : 'signature valid (time not checked)');
    print(identitySummary(identity, chain));
  },
  ghostwriter({ message, chain }, timeChecked) {
    print(timeChecked ? 'valid' : 'signature valid (time not checked)');
    const parts = [`Ghostwriter token for repl ${quoted(message.replid)}`];
    parts.push(chain.length === 0 ? 'signed by a root key' : `${chain.length} certificate${chain.length === 1 ? '' : 's'} from root key ${quoted(chain[0].keyId)}`);
    print(parts.join(', '));
  },
};

const verifyJson = {
  replToken(verified, timeChecked) {
    print(json(verifiedJson('ReplToken', verified.message, verified, timeChecked)));
  },
  identity(verified, timeChecked) {
    print(json(verifiedJson('GovalReplIdentity', verified.identity, verified, timeChecked)));
  },
  ghostwriter(verified, timeChecked) {
    print(json(verifiedJson('GovalToken', verified.message, verified, timeChecked)));
  },
};

/** `verify --json`'s result: the message and footer as proto3 JSON, and who signed. */
function verifiedJson(messageType, message, verified, timeChecked) {
  return {
    valid: true,
    timeChecked,
    messageType,
    message: TO_JSON[messageType](message, { dropUnknownFields: true }),
    footer: verified.footer === undefined ? null : gt.govalSigningAuthorityToJson(verified.footer, { dropUnknownFields: true }),
    signedBy: verified.signedBy ?? 'root-key',
    rootKeyId: verified.rootKeyId ?? null,
    flags: verified.flags ?? [],
    chain: (verified.chain ?? []).map((link) => ({
      depth: link.depth,
      issuer: link.issuer,
      keyId: link.keyId ?? null,
      signedBy: link.signedBy,
      iat: gt.timestampToJson(link.iat),
      exp: gt.timestampToJson(link.exp),
      claims: link.claimsText,
      publicKey: link.publicKey,
    })),
  };
}

/** `identity create`: a token for another repl, signed with this repl's identity. */
async function identity(values, [action], command) {
  if (action !== 'create') {
    throw new UsageError(`${command}: expected "${command} create --audience <repl id>"${action === undefined ? '' : `, got ${argText(action)}`}`);
  }
  if (values.audience === undefined) throw new UsageError(`${command} create: --audience <repl id> is required: the repl the token is for`);
  if (values.audience.length > 1) throw new UsageError(`${command} create: --audience is given twice: a token is for one repl`);
  const when = timeOption(values.now, '--now');
  const signer = await gt.identitySignerFromEnv({ now: when(), ...(values.renewal ? { renewal: true } : {}) });
  print(await signer.sign(values.audience[0]));
}

async function keygen(values, _positionals, command) {
  if (values.json && values.pem) throw new UsageError(`${command}: --json and --pem exclude each other (the JSON holds the PEM too)`);
  const pair = await gt.generateSigningKeyPair();
  const [publicKey, secretKey, publicPem, secretPem] = await Promise.all([
    gt.exportPublicKey(pair.publicKey, 'paserk'),
    gt.exportSecretKey(pair.secretKey, 'paserk'),
    gt.exportPublicKey(pair.publicKey, 'pem'),
    gt.exportSecretKey(pair.secretKey, 'pem'),
  ]);
  const keys = {
    publicKey,
    secretKey,
    publicKeyBase64url: base64url(pair.publicKey),
    secretKeyBase64url: base64url(pair.secretKey),
    publicKeyPem: publicPem,
    secretKeyPem: secretPem,
  };
  pair.secretKey.fill(0);
  if (values.json) {
    print(json(keys, 2));
  } else if (values.pem) {
    process.stdout.write(`${publicPem}${secretPem}`);
  } else {
    print(
      lines([
        ['public key', keys.publicKey],
        ['secret key', keys.secretKey],
        ['public key (base64url)', keys.publicKeyBase64url],
        ['secret key (base64url)', keys.secretKeyBase64url],
      ]),
    );
  }
  process.stderr.write('The secret key signs tokens: keep it out of logs and repositories.\n');
}

/** Serves the page from this installed package; runs until interrupted. */
async function ui(values, _positionals, command) {
  let port = 8080;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
      throw new UsageError(`${command}: --port takes a port number, 0..65535 (0 picks a free one), got ${argText(values.port)}`);
    }
    port = Number(values.port);
  }
  const { startServer } = await import('./server.js');
  const here = fileURLToPath(new URL('..', import.meta.url));
  let server;
  try {
    server = await startServer({ www: `${here}www`, pkg: here, port });
  } catch (error) {
    const why = error.code === 'EADDRINUSE' ? 'the port is in use (try --port 0 for a free one)' : (error.code ?? error.message);
    throw new InputError(`cannot listen on 127.0.0.1:${port}: ${why}`);
  }
  print(`${server.url}/`);
  process.stderr.write('goval-token inspector: open the URL above; tokens stay in the browser. Ctrl+C stops.\n');
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close().then(() => process.exit(0)));
  return new Promise(() => {}); // serve until a signal
}

// ---- input ----

/** More than any token or ReplToken JSON: a larger input is a wrong file, refused before it fills memory. */
const STDIN_LIMIT_BYTES = 1024 * 1024;

/**
 * All of stdin as text, read as a stream until its end: a pipe whose writer is slow or not yet
 * started, a file, a terminal (until Ctrl+D) or a closed stdin (empty).
 */
async function readStdin() {
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of process.stdin) {
      size += chunk.length;
      if (size > STDIN_LIMIT_BYTES) {
        process.stdin.destroy();
        throw new InputError(`stdin holds more than ${sizeText(STDIN_LIMIT_BYTES)}, the limit of this command: no token or ReplToken is that long`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read stdin: ${error.code ?? 'read failed'}`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const sizeText = (bytes) => (bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`);

/** The token argument; stdin for `-`, or when absent and stdin is a pipe or file. */
async function readToken(input, command) {
  if (input !== undefined && input !== '-') return input.trim();
  if (input === undefined && process.stdin.isTTY) {
    throw new UsageError(`${command}: missing argument: give a token, or pipe one to stdin`);
  }
  const text = (await readStdin()).trim();
  if (input === undefined && text === '') {
    throw new UsageError(`${command}: missing argument: give a token, or pipe one to stdin (stdin was empty)`);
  }
  return text;
}

/** A key argument: inline text, or `@file` (text such as PEM or PASERK, or raw key bytes). */
function readKey(arg, option) {
  if (!arg.startsWith('@')) {
    keyOptions.set(option, arg);
    return arg;
  }
  const path = arg.slice(1);
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(`${option}: cannot read the key file ${path}: ${error.code ?? 'read failed'}`);
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
      throw new InputError(`--keys: cannot read the keys file ${arg.slice(1)}: ${error.code ?? 'read failed'}`);
    }
  }
  if (!text.trimStart().startsWith('{')) {
    throw new UsageError(`${command}: --keys takes REPL_PUBKEYS JSON ({"key id": "base64 key", …}) or @file`);
  }
  return text;
}

/** The inline key arguments given, to explain a KeyError in command-line words. */
const keyOptions = new Map();

/**
 * `--now`, checked now and read later: a function giving the Timestamp, the clock's when the
 * option is absent or `now` (called once the input is in). A usage error when unreadable,
 * naming the problem (month 13) without echoing the text, which may be a misplaced key.
 */
function timeOption(value, option) {
  if (value === undefined || value === 'now') return () => gt.timestampNow();
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  let time;
  try {
    time = gt.timestampFromJson(text);
  } catch (error) {
    const problem = error.message.replace(/: a string of \d+ characters?$/, '');
    const shape = /^expected an RFC 3339/.test(problem)
      ? 'expected an RFC 3339 time such as 2024-01-02T03:04:05Z, a date such as 2024-01-02 (midnight UTC) or "now"'
      : problem;
    throw new UsageError(`${option}: ${shape}, got ${argText(value)}`);
  }
  return () => time;
}

function isTokenLike(text) {
  // base64 and hex never contain a dot; every token (and every URL holding one) does. A PEM
  // key goes to parseToken too, which names it as a key, not a token.
  return text.includes('.') || text.startsWith('-----BEGIN');
}

function rawBytes(text, values) {
  const compact = text.replace(/\s+/g, '');
  const isHex = /^(?:[0-9a-fA-F]{2})*$/.test(compact);
  // At most two "=" at the end (the test says so), so the length without them is a subtraction.
  const isBase64 = /^[A-Za-z0-9+/_-]*={0,2}$/.test(compact) && (compact.length - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0)) % 4 !== 1;
  if (values.hex || (!values.base64 && isHex)) {
    if (!isHex) throw new InputError('the input is not hex (an even number of 0-9, a-f)');
    return new Uint8Array(Buffer.from(compact, 'hex'));
  }
  if (!isBase64) {
    throw new InputError(
      values.base64
        ? 'the input is not base64 or base64url'
        : 'expected a token (v2.public.…), a URL holding one, or protobuf bytes as base64 or hex',
    );
  }
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** Bytes that parse as protobuf but give no ReplToken field: text, not a ReplToken. */
function holdsOnlyUnknownFields(message) {
  if (message.$unknown === undefined || message.$unknown.length === 0) return false;
  const { $unknown, ...known } = message;
  return gt.encodeReplToken(known).length === 0;
}

// ---- arguments in messages ----

// Prefixes that say what an argument is without revealing its secret part.
const SAFE_PREFIXES = ['k2.secret.', 'k2.public.', 'k2.local.', 'v2.public.', 'v2.local.', '-----BEGIN', 'wss://', 'https://', 'http://', '@'];

/**
 * An argument for a message: quoted only when it is a short word (a command or option name);
 * otherwise its length and at most a recognisable prefix, since a misplaced argument may be a
 * secret key.
 */
function argText(arg) {
  if (/^-{0,2}[A-Za-z][A-Za-z-]{0,23}$/.test(arg) || /^[-+]?\d{1,6}(\.\d{1,3})?$/.test(arg)) return `"${arg}"`;
  return describeArg(arg);
}

function describeArg(text) {
  const length = `${text.length} character${text.length === 1 ? '' : 's'}`;
  const prefix = SAFE_PREFIXES.find((p) => text.startsWith(p));
  return prefix === undefined ? `(${length})` : `"${prefix}…" (${length})`;
}

function didYouMean(word, known) {
  const close = nearest(word.toLowerCase(), known);
  return close === undefined ? ` (known: ${known.join(', ')})` : `; did you mean ${close}?`;
}

// ---- JSON ----

const TO_JSON = {
  ReplToken: gt.replTokenToJson,
  GovalSigningAuthority: gt.govalSigningAuthorityToJson,
  GovalReplIdentity: gt.govalReplIdentityToJson,
  GovalToken: gt.govalTokenToJson,
  GovalCert: gt.govalCertToJson,
};

/** proto3 JSON of a decoded message; the unknown fields it cannot hold go to `unknown`. */
function messageJson(name, value, unknown) {
  collectUnknown(name, value, '', unknown);
  return TO_JSON[name](value, { dropUnknownFields: true });
}

/** `path #no (wire type N, hex, "text")` for each `$unknown` anywhere in the object model. */
function collectUnknown(name, value, path, out) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectUnknown(name, item, `${path}[${i}]`, out));
    return;
  }
  if (!isObject(value) || value instanceof Uint8Array) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$unknown') {
      for (const u of child) {
        const text = u.wireType === 2 ? printableText(u.data) : undefined; // as inspectToken
        out.push(
          `${name}${path === '' ? '' : ` ${path}`} #${u.no} (wire type ${u.wireType}) ${toHex(u.data)}` +
            (text === undefined ? '' : ` (text ${quoted(text)})`),
        );
      }
    } else if (key === 'value' && 'case' in value) {
      collectUnknown(name, child, `${path === '' ? '' : `${path}.`}${value.case}`, out);
    } else if (isObject(child) && 'case' in child) {
      collectUnknown(name, child, path, out); // a oneof: proto3 JSON names its case, not the oneof
    } else {
      collectUnknown(name, child, path === '' ? key : `${path}.${key}`, out);
    }
  }
}

/** JSON text with bigint as decimal strings and bytes as hex, safe to print. */
function json(value, indent) {
  return escapeJson(JSON.stringify(jsonSafe(value), null, indent));
}

function jsonSafe(value) {
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return toHex(value);
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

const VERDICTS = {
  valid: 'VALID: the signature holds and the time is in range',
  'signature-invalid': 'INVALID: the signature does not verify with this key',
  expired: 'EXPIRED',
  'not-yet-valid': 'NOT YET VALID',
  'signature-not-checked': 'signature not checked (give --key <public key> to check it)',
  invalid: 'INVALID: the verify functions refuse this token (see Notes)',
};

function formatReport(r, keyGiven) {
  const sections = [];
  // A string from the token: escaped, and quoted when empty so it cannot look like nothing.
  const show = (value) => (value === '' ? '""' : value == null ? undefined : String(value));
  sections.push([
    'Token',
    [
      ['verdict', VERDICTS[r.verdict] ?? r.verdict],
      // The verdict row already says how to check a signature when that is what is missing.
      ['signature', r.signature === 'not-checked' && !keyGiven && r.verdict !== 'signature-not-checked' ? 'not checked (give --key to check)' : r.signature.replace('-', ' ')],
      ['time', timeText(r)],
      ['now', r.now],
      ['issued (iat)', r.iatDefaulted ? `${r.effectiveIat} (iat unset)` : r.iat],
      ['expires (exp)', r.expDefaulted ? `${r.effectiveExp} (exp unset: iat + 1 h)` : r.exp],
      ['lifetime', `${r.lifetimeSeconds} s (${durationText(r.lifetimeSeconds)})`],
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
      ['flags', r.flags.length === 0 ? '(none)' : safe(r.flags.map((f) => quoted(f)).join(', '))],
      ...(r.idleTimeout == null ? [] : [['idle timeout', idleTimeoutText(r.idleTimeout)]]),
    ],
  ]);
  // The metadata's unknown fields are listed with the others below.
  const { kind, $unknown, ...metadata } = r.metadata;
  // A message or map inside (buckets, backerJobMetadata) as key=value pairs.
  const isPairs = (v) => isObject(v) && !Array.isArray(v);
  const entries = (o) => Object.entries(o).map(([a, b]) => `${quoted(a)}=${isPairs(b) ? `{${entries(b)}}` : quoted(String(b))}`).join(', ');
  sections.push([`Metadata (${kind})`, Object.entries(metadata).map(([k, v]) => [k, isPairs(v) ? safe(entries(v) || '(none)') : show(v)])]);
  if (r.resourceLimits) sections.push(['Resource limits', Object.entries(r.resourceLimits).map(([k, v]) => [k, show(v)])]);
  if (r.presenced) sections.push(['Presenced', Object.entries(r.presenced).map(([k, v]) => [k, show(v)])]);
  if (r.footer) {
    sections.push([
      'Footer',
      [
        ['key id', show(r.footer.keyId)],
        ['signed cert', show(r.footer.signedCert)],
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
      r.unknownFields.map((u) => {
        const text = u.text == null ? '' : ` (text ${quoted(u.text)})`;
        const what =
          `${u.message ?? 'unknown message'} field ${u.no}${u.name ? ` (${u.name} in newer schemas)` : ''}, ` +
          `${u.wireType ?? 'unknown wire type'}, ${u.length} byte${u.length === 1 ? '' : 's'}: ${u.hex}`;
        return [u.path, safe(`${escapeText(what)}${text}`)];
      }),
    ]);
  }
  let text = sections
    .map(([title, rows]) => `${escapeText(title)}\n${lines(rows.filter(([, v]) => v !== undefined), '  ')}`)
    .join('\n\n');
  if (r.notes.length > 0) text += `\n\nNotes\n${r.notes.map((n) => `  - ${escapeText(n)}`).join('\n')}`;
  return text;
}

// ---- identity tokens and certificate chains (issue 13) ----

/** One section per certificate, root first: who signed it, its lifetime, claims in words. */
function chainSections(chain = []) {
  return chain.map((link) => {
    const signer = link.signedBy === 'root-key' ? `root key ${quoted(link.keyId)}` : link.signedBy === 'certificate' ? `the certificate at depth ${link.depth + 1}` : '(nothing)';
    const rows = [
      ['signed by', safe(signer)],
      ['issuer', safe(quoted(link.issuer ?? ''))],
    ];
    if (link.error !== undefined) {
      rows.push(['error', link.error]);
    } else {
      rows.push(['valid', `${link.iat}${link.iatDefaulted ? ' (iat unset)' : ''} .. ${link.exp}${link.expDefaulted ? ' (exp unset: expired, as go-replidentity reads it)' : ''}: ${link.timeStatus}`]);
      for (const claim of link.claims) rows.push(['claim', claim]);
      if (link.claims.length === 0) rows.push(['claims', '(none)']);
      rows.push(['public key', link.publicKey.trim().replace(/\s+/g, ' ')]);
    }
    return [`Certificate at depth ${link.depth}${link.depth === 1 ? ' (signed the token)' : ''}`, rows];
  });
}

/** The report of a token whose signature fails and whose body does not read. */
function formatUnreadableReport(r) {
  return `Token\n${lines([['verdict', VERDICTS[r.verdict] ?? r.verdict], ['signature', r.signature.replace('-', ' ')], ['now', r.now]], '  ')}\n\nNotes\n${r.notes.map((n) => `  - ${escapeText(n)}`).join('\n')}`;
}

/** An identity (GovalReplIdentity), Ghostwriter (GovalToken) or certificate token's report. */
function formatTypeAwareReport(r) {
  const body = r.identity ?? r.govalToken ?? r.certificate;
  const flat = (value) => (typeof value === 'string' ? safe(quoted(value)) : safe(escapeJson(JSON.stringify(value))));
  const sections = [
    [
      r.identity !== undefined ? 'Identity token' : r.certificate !== undefined ? 'Certificate (GovalCert), not a ReplToken' : 'Ghostwriter token (GovalToken)',
      [
        ['verdict', VERDICTS[r.verdict] ?? r.verdict],
        ['signature', r.signature === 'not-checked' ? 'not checked (give --key or --keys to check)' : r.signature.replace('-', ' ')],
        ['time', r.secondsLeft === null ? 'no certificate, no lifetime' : timeText(r)],
        ['now', r.now],
        ['valid', r.effectiveIat === null ? '(no certificate: no lifetime)' : `${r.effectiveIat} .. ${r.effectiveExp}`],
      ],
    ],
    ['Claims', Object.entries(body).map(([k, v]) => [k, flat(v)])],
    ['Footer', r.footer ? [['key id', r.footer.keyId == null ? undefined : safe(quoted(r.footer.keyId))], ['issuer', safe(quoted(r.footer.issuer))], ['version', r.footer.version]] : [['footer', '(none)']]],
    ...chainSections(r.chain),
  ];
  let text = sections
    .map(([title, rows]) => `${escapeText(title)}\n${lines(rows.filter(([, v]) => v !== undefined), '  ')}`)
    .join('\n\n');
  if (r.notes.length > 0) text += `\n\nNotes\n${r.notes.map((n) => `  - ${escapeText(n)}`).join('\n')}`;
  return text;
}

function identitySummary(identity, chain) {
  const parts = [`repl ${quoted(identity.replid)}`, `user ${quoted(identity.user)}`, `audience ${quoted(identity.aud)}`];
  if (identity.runtime.case !== undefined) parts.push(`runtime ${identity.runtime.case}`);
  parts.push(chain.length === 0 ? 'signed by a root key' : `${chain.length} certificate${chain.length === 1 ? '' : 's'} from root key ${quoted(chain[0].keyId)}`);
  return parts.join(', ');
}

/** The time half of the verdict, in words. */
/** `30 min (1800s)`: a report's idle timeout (proto3 JSON text) in words from a minute on. */
function idleTimeoutText(text) {
  const seconds = Math.trunc(Number.parseFloat(text));
  return Math.abs(seconds) >= 60 ? `${durationText(seconds)} (${text})` : text;
}

function timeText(r) {
  if (r.timeStatus === 'in-range') return `in range, expires in ${durationText(r.secondsLeft)}`;
  if (r.timeStatus === 'expired') return `expired ${durationText(-r.secondsLeft)} ago`;
  return `not yet valid: valid from ${r.effectiveIat}`;
}

function summary(r, timeChecked) {
  const parts = [`cluster ${quoted(r.cluster)}`];
  if (r.replId != null) parts.push(`repl ${quoted(r.replId)}`);
  if (r.presenced) parts.push(`bearer ${quoted(r.presenced.bearerName)} (${r.presenced.bearerID})`);
  const left = r.secondsLeft >= 0 ? `in ${durationText(r.secondsLeft)}` : `${durationText(-r.secondsLeft)} ago`;
  parts.push(`expires ${r.effectiveExp} (${left}${timeChecked ? '' : ', not checked'})`);
  if (r.footer?.keyId != null) parts.push(`key id ${quoted(r.footer.keyId)}`);
  if (r.footer?.issuer) parts.push(`issuer ${quoted(r.footer.issuer)}`);
  return parts.join(', ');
}

/** A token's string in running text: as is when plain, in JSON quotes when empty or odd. */
function quoted(text) {
  return /^[\w.:@/+-]+$/.test(text) ? text : escapeJson(JSON.stringify(text));
}

/** Text already escaped (by `quoted` or `escapeText`), which `lines` prints as it is. */
const safe = (text) => ({ safe: text });

/** Aligned `key: value` lines; every key and value escaped unless marked `safe`. */
function lines(rows, indent = '') {
  const shown = rows.map(([k, v]) => [escapeText(k), isObject(v) && 'safe' in v ? v.safe : escapeText(v)]);
  const width = Math.max(0, ...shown.map(([k]) => k.length)) + 1;
  return shown.map(([k, v]) => `${indent}${`${k}:`.padEnd(width)} ${v}`).join('\n');
}

function print(text) {
  process.stdout.write(`${text}\n`);
}

function packageVersion() {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}

const base64url = (bytes) => Buffer.from(bytes).toString('base64url');
const isObject = (value) => typeof value === 'object' && value !== null;

// ---- run ----

// Library paths of what the CLI filled in, named as the user wrote them.
const OPTION_NAMES = {
  'options.now': '--now',
  'options.clockSkewSeconds': '--skew',
  publicKey: '--key',
  'options.publicKey': '--key',
  secretKey: '--sign',
};

/** The public keys came from `--keys` or REPL_PUBKEYS, not `--key`: name that in errors. */
let keySourceName;
function nameKeySource(name) {
  keySourceName = name;
  OPTION_NAMES.publicKey = name;
  OPTION_NAMES['options.publicKey'] = name;
}

/** A library error in command-line words: the option the user wrote instead of the library's path. */
function cliMessage(error) {
  const option = OPTION_NAMES[error.path];
  let message = error.message;
  if (option !== undefined) {
    message = `${option}${message.slice(error.path.length)}`;
  } else if (keySourceName !== undefined && error.path.startsWith('publicKeys[')) {
    message = `${keySourceName}${message.slice('publicKeys'.length)}`; // publicKeys["id"] → REPL_PUBKEYS["id"]
  }
  if (error.name === 'KeyError' && (option === '--key' || option === '--sign')) message += keyHint(option);
  return message;
}

function report(error, command) {
  if (error instanceof UsageError) {
    const help = Object.hasOwn(COMMANDS, command ?? '') ? `goval-token ${command} --help` : 'goval-token --help';
    process.stderr.write(`goval-token: ${escapeText(error.message)}\nRun "${help}" for usage.\n`);
    return 2;
  }
  if (error instanceof gt.GovalTokenError) {
    process.stderr.write(`${error.name}: ${escapeText(cliMessage(error))}\n`);
    return 1;
  }
  if (error instanceof InputError) {
    process.stderr.write(`goval-token: ${escapeText(error.message)}\n`);
    return 1;
  }
  throw error;
}

/** What a key option takes, and whether an inline value was meant as a file. */
function keyHint(option) {
  const kind = option === '--sign' ? 'secret' : 'public';
  let hint =
    ` (${option} takes the ${kind} key as PASERK k2.${kind}.…, base64, base64url or hex of its bytes, ` +
    `or PEM, inline or as @file`;
  const inline = keyOptions.get(option);
  if (inline !== undefined && !inline.includes('\n') && existsSync(inline)) hint += `; a file of that name exists: did you mean ${option} @…?`;
  return `${hint})`;
}

/**
 * The reader of our output has gone (`| head -1`, a consumer that failed): stop at once and
 * quietly, with the status a shell gives a command that SIGPIPE ended.
 */
const EXIT_BROKEN_PIPE = 128 + 13;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(EXIT_BROKEN_PIPE);
  });
}

const argv = process.argv.slice(2);
try {
  process.exitCode = await main(argv);
} catch (error) {
  process.exitCode = report(error, argv[0]);
}
