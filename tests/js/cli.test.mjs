// The `goval-token` command, run the way a user runs it: through node_modules/.bin of a
// project that has the package installed (pkg/ symlinked in, as npm link would).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as gt from '../../pkg/node.js';

const pkg = fileURLToPath(new URL('../../pkg', import.meta.url));
const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
const project = mkdtempSync(join(tmpdir(), 'goval-token-cli-'));
after(() => rmSync(project, { recursive: true, force: true }));

mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
symlinkSync(pkg, join(project, 'node_modules', 'goval-token'), 'dir');
symlinkSync(join('..', 'goval-token', manifest.bin['goval-token']), join(project, 'node_modules', '.bin', 'goval-token'));
writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
const bin = join(project, 'node_modules', '.bin', 'goval-token');

/** Runs the command; `input` goes to stdin. */
function cli(args, input = '', env = {}) {
  const { REPL_PUBKEYS, ...inherited } = process.env; // verify reads it when no key is given
  const r = spawnSync(bin, args, { cwd: project, input, encoding: 'utf8', timeout: 60_000, env: { ...inherited, ...env } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(args, input) {
  return exits(0, args, input);
}

/** Runs the command and checks its exit status (inspect's tells the verdict). */
function exits(status, args, input) {
  const r = cli(args, input);
  assert.equal(r.code, status, `goval-token ${args.join(' ')}: exit ${r.code}, expected ${status}: ${r.stderr}`);
  return r;
}

/** inspect's exit status by verdict, as its help documents. */
const INSPECT_STATUS = { valid: 0, invalid: 1, 'signature-invalid': 1, expired: 3, 'not-yet-valid': 3, 'signature-not-checked': 4 };

function keygen() {
  return JSON.parse(ok(['keygen', '--json']).stdout);
}

const CLAIMS = {
  cluster: 'global',
  repl: { id: '1f0c-repl', language: 'python3' },
  resourceLimits: { memory: '2147483648', threads: 2 },
  presenced: { bearerID: 42, bearerName: 'ada' },
  flags: ['a', 'b'],
};
const FIXED = { ...CLAIMS, iat: '2024-01-02T03:04:05Z', exp: '2024-01-02T04:04:05Z', salt: 'pepper' };

test('the manifest has a bin entry pointing at an executable file with a shebang', () => {
  assert.deepStrictEqual(manifest.bin, { 'goval-token': './cli/cli.js' });
  const file = join(pkg, manifest.bin['goval-token']);
  accessSync(file, constants.X_OK);
  assert.match(readFileSync(file, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  assert.ok(manifest.files.some((pattern) => pattern === '*.js' || pattern === 'cli/'), 'cli/cli.js ships');
});

test('no arguments, help and --help print the overview; exit 0', () => {
  for (const args of [[], ['help'], ['--help'], ['-h']]) {
    const r = ok(args);
    assert.match(r.stdout, /^Usage: goval-token <command>/);
    for (const command of ['inspect', 'decode', 'encode', 'verify', 'identity create', 'keygen', 'ui']) assert.match(r.stdout, new RegExp(`\\n  ${command}`));
    assert.match(r.stdout, /Run "goval-token help <command>"/);
    assert.ok(r.stdout.split('\n').length < 35, 'the overview stays short: options are in each command\'s help');
  }
});

test('each command has its own help: <command> --help, <command> -h and help <command> print it alone', () => {
  const commands = ['inspect', 'decode', 'encode', 'verify', 'identity', 'keygen', 'ui'];
  for (const command of commands) {
    const texts = [ok([command, '--help']).stdout, ok([command, '-h']).stdout, ok(['help', command]).stdout, ok([command, 'x', '--json', '--help']).stdout];
    for (const text of texts) assert.equal(text, texts[0]);
    assert.match(texts[0], new RegExp(`^Usage: goval-token ${command}`));
    assert.match(texts[0], /Exit status: 0/);
    for (const other of commands.filter((c) => c !== command)) assert.doesNotMatch(texts[0], new RegExp(`^Usage: goval-token ${other}`, 'm'));
  }
  assert.match(ok(['verify', '--help']).stdout, /--json/);
  assert.match(ok(['inspect', '--help']).stdout, /3 expired or not yet valid, 4 signature not checked/);
  const unknown = cli(['help', 'inspcet']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "inspcet"; did you mean inspect\?/);
});

test('usage errors go to stderr with exit 2', () => {
  const cases = [
    [['bogus'], /unknown command "bogus"/],
    [['inspect'], /inspect: missing argument/],
    [['inspect', 'a', 'b'], /unexpected argument "b"/],
    [['inspect', 'x', '--nope'], /unknown option "--nope"/],
    [['inspect', 'x', '--jsno'], /unknown option "--jsno"; did you mean --json\?/],
    [['inspect', 'x', '-k', 'key'], /unknown option "-k" \(options are spelled --name\)/],
    [['inspect', 'x', '--json=yes'], /--json takes no value/],
    [['inspect', 'x', '--now', 'now', '--now', 'now'], /--now is given twice/],
    [['inspect', 'x', '--key', '--json'], /--key needs a value: --key <public key>/],
    [['inspcet'], /unknown command "inspcet"; did you mean inspect\?/],
    [['verify', 'v2.public.x'], /--key <public key> is required/],
    [['verify', 'v2.public.x', '--key', 'k', '--skew', '1.5'], /--skew takes a whole number/],
    [['verify', 'v2.public.x', '--key', 'k', '--now', 'now', '--no-time-check'], /exclude each other/],
    [['encode', '{}', '--issuer', 'x'], /need --sign/],
    [['decode', 'AA', '--hex', '--base64'], /exclude each other/],
    [['keygen', 'extra'], /unexpected argument/],
    [['inspect', '--key'], /--key needs a value/],
    [['ui', '--port', '70000'], /--port takes a port number, 0\.\.65535/],
    [['ui', '--port', 'http'], /--port takes a port number/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
    const command = args[0];
    const help = ['bogus', 'inspcet'].includes(command) ? 'goval-token --help' : `goval-token ${command} --help`;
    assert.ok(r.stderr.endsWith(`Run "${help}" for usage.\n`), `${args.join(' ')}: ${r.stderr}`);
  }
});

test('keygen prints PASERK and base64url keys that sign and verify', async () => {
  const text = ok(['keygen']).stdout;
  const field = (label) => new RegExp(`^${label}: +(\\S+)$`, 'm').exec(text)[1];
  const publicKey = field('public key');
  const secretKey = field('secret key');
  assert.match(publicKey, /^k2\.public\.[A-Za-z0-9_-]{43}$/);
  assert.match(secretKey, /^k2\.secret\.[A-Za-z0-9_-]{86}$/);
  assert.equal(field('public key \\(base64url\\)'), publicKey.slice('k2.public.'.length));
  assert.equal(field('secret key \\(base64url\\)'), secretKey.slice('k2.secret.'.length));
  const token = await gt.signToken(gt.createReplToken(), secretKey);
  await gt.verifyToken(token, publicKey);
  await gt.verifyToken(token, field('public key \\(base64url\\)'));

  const keys = keygen();
  assert.deepStrictEqual(Object.keys(keys).sort(), ['publicKey', 'publicKeyBase64url', 'publicKeyPem', 'secretKey', 'secretKeyBase64url', 'secretKeyPem']);
  assert.notEqual(keys.publicKey, publicKey);
  // Every form is the same pair: node:crypto reads the PEM, and it matches the PASERK.
  const { createPrivateKey, createPublicKey } = await import('node:crypto');
  const fromPem = createPublicKey(keys.publicKeyPem).export({ format: 'jwk' }).x;
  assert.equal(fromPem, keys.publicKeyBase64url);
  const seed = Buffer.from(createPrivateKey(keys.secretKeyPem).export({ format: 'jwk' }).d, 'base64url');
  assert.deepStrictEqual(seed, Buffer.from(keys.secretKeyBase64url, 'base64url').subarray(0, 32));

  const pem = ok(['keygen', '--pem']).stdout;
  const blocks = pem.match(/-----BEGIN ([A-Z ]+)-----\n[A-Za-z0-9+/=\n]+-----END \1-----\n/g);
  assert.deepStrictEqual(blocks.map((b) => b.split('\n')[0]), ['-----BEGIN PUBLIC KEY-----', '-----BEGIN PRIVATE KEY-----']);
  assert.equal(blocks.join(''), pem);
  const signed = await gt.signToken(gt.createReplToken(), blocks[1]);
  await gt.verifyToken(signed, blocks[0]);
  assert.equal(cli(['keygen', '--pem', '--json']).code, 2);
});

test('encode → decode round trip through base64 and hex', () => {
  const base64 = ok(['encode', JSON.stringify(FIXED)]).stdout.trim();
  assert.match(base64, /^[A-Za-z0-9+/]+=*$/);
  assert.deepStrictEqual(gt.decodeReplToken(Buffer.from(base64, 'base64')), gt.replTokenFromJson(FIXED));
  const decoded = JSON.parse(ok(['decode', base64]).stdout);
  assert.deepStrictEqual(decoded, { ...FIXED, iat: '2024-01-02T03:04:05Z', exp: '2024-01-02T04:04:05Z' });

  const hex = ok(['encode', '--hex', JSON.stringify(FIXED)]).stdout.trim();
  assert.equal(hex, Buffer.from(base64, 'base64').toString('hex'));
  const line = ok(['decode', hex, '--json']).stdout;
  assert.equal(line.trim().split('\n').length, 1);
  assert.deepStrictEqual(JSON.parse(line), decoded);
  // Forced readings, and base64url.
  assert.deepStrictEqual(JSON.parse(ok(['decode', '--hex', hex]).stdout), decoded);
  const url = Buffer.from(base64, 'base64').toString('base64url');
  assert.deepStrictEqual(JSON.parse(ok(['decode', '--base64', url]).stdout), decoded);
  // stdin, with - and with no argument.
  assert.equal(ok(['encode', '-'], JSON.stringify(FIXED)).stdout.trim(), base64);
  assert.equal(ok(['encode'], JSON.stringify(FIXED)).stdout.trim(), base64);
  assert.deepStrictEqual(JSON.parse(ok(['decode', '-'], `${base64}\n`).stdout), decoded);
});

test('encode --create fills iat, exp and salt, keeping what is given', () => {
  const before = Date.now();
  const made = JSON.parse(ok(['decode', ok(['encode', '--create', JSON.stringify(CLAIMS)]).stdout.trim()]).stdout);
  const iat = Date.parse(made.iat);
  assert.ok(iat >= before - 1000 && iat <= Date.now() + 1000, made.iat);
  assert.equal(Date.parse(made.exp) - iat, 3600_000);
  assert.match(made.salt, /^[A-Za-z0-9_-]{24}$/);
  assert.equal(made.cluster, 'global');
  assert.deepStrictEqual(made.repl, CLAIMS.repl);

  const kept = JSON.parse(ok(['decode', ok(['encode', '--create', JSON.stringify(FIXED)]).stdout.trim()]).stdout);
  assert.equal(kept.iat, FIXED.iat);
  assert.equal(kept.exp, FIXED.exp);
  assert.equal(kept.salt, 'pepper');
});

test('encode --sign → verify and decode, with the footer and a wss:// URL', () => {
  const keys = keygen();
  const token = ok(['encode', '--create', '--sign', keys.secretKey, '--key-id', 'dev:1', '--issuer', 'localhost', JSON.stringify(CLAIMS)])
    .stdout.trim();
  assert.match(token, /^v2\.public\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

  const r = ok(['verify', token, '--key', keys.publicKey]);
  const [first, summary, ...rest] = r.stdout.split('\n');
  assert.equal(first, 'valid');
  assert.deepStrictEqual(rest, ['']);
  assert.match(summary, /cluster global, repl 1f0c-repl, bearer ada \(42\), expires \S+Z \(in 59 min \d+ s\), key id dev:1, issuer localhost/);
  ok(['verify', `wss://eval.global.replit.com/wsv2/${token}`, '--key', keys.publicKeyBase64url, '--cluster', 'global', '--repl-id', '1f0c-repl']);
  ok(['verify', '-', '--key', keys.publicKey, '--now', 'now'], `${token}\n`);

  const decoded = JSON.parse(ok(['decode', token]).stdout);
  assert.deepStrictEqual(Object.keys(decoded), ['message', 'footer', 'signature']);
  assert.equal(decoded.message.cluster, 'global');
  assert.deepStrictEqual(decoded.footer, { keyId: 'dev:1', issuer: 'localhost' });
  assert.match(decoded.signature, /^[0-9a-f]{128}$/);
  assert.equal(decoded.signature, Buffer.from(gt.parseToken(token).signature).toString('hex'));

  // No footer without --key-id/--issuer.
  const bare = ok(['encode', '--sign', keys.secretKey, '--allow-expired', JSON.stringify(FIXED)]).stdout.trim();
  assert.equal(bare.split('.').length, 3);
  assert.equal(JSON.parse(ok(['decode', bare, '--json']).stdout).footer, null);
});

test('keys from @file: PEM, PASERK text, raw bytes', () => {
  const keys = keygen();
  const token = ok(['encode', '--sign', keys.secretKey, '--allow-expired', JSON.stringify(FIXED)]).stdout.trim();
  const paserk = join(project, 'public.paserk');
  writeFileSync(paserk, `${keys.publicKey}\n`);
  ok(['verify', token, '--key', `@${paserk}`, '--no-time-check']);

  const raw = Buffer.from(keys.publicKeyBase64url, 'base64url');
  const pem = join(project, 'public.pem');
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
  writeFileSync(pem, `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64')}\n-----END PUBLIC KEY-----\n`);
  ok(['verify', token, '--key', `@${pem}`, '--no-time-check']);

  const bytes = join(project, 'secret.bin');
  writeFileSync(bytes, Buffer.from(keys.secretKeyBase64url, 'base64url'));
  const again = ok(['encode', '--sign', `@${bytes}`, '--allow-expired', JSON.stringify(FIXED)]).stdout.trim();
  assert.equal(again, token, 'Ed25519 is deterministic: the same key signs the same bytes the same way');

  const missing = cli(['verify', token, '--key', `@${join(project, 'nope.pem')}`]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read the key file .*nope\.pem: ENOENT/);
});

test('verify failures: exit 1 with the error name and message on stderr', () => {
  const keys = keygen();
  const other = keygen();
  const token = ok(['encode', '--sign', keys.secretKey, '--allow-expired', JSON.stringify(FIXED)]).stdout.trim();
  const fail = (args, pattern) => {
    const r = cli(['verify', token, ...args]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, pattern);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  };
  fail(['--key', other.publicKey, '--no-time-check'], /^TokenSignatureError: signature: the signature does not verify/);
  // FIXED expired in 2024: the default is to check against the clock.
  fail(['--key', keys.publicKey], /^TokenExpiredError: exp: the token expired at 2024-01-02T04:04:05Z/);
  fail(['--key', keys.publicKey, '--now', '2024-01-02T05:00:00Z'], /^TokenExpiredError: /);
  fail(['--key', keys.publicKey, '--now', '2024-01-01T00:00:00Z'], /^TokenNotYetValidError: /);
  fail(['--key', keys.publicKey, '--now', '2024-01-02T03:30:00Z', '--cluster', 'eu'], /^TokenClaimError: cluster: /);
  fail(['--key', keys.publicKey, '--no-time-check', '--repl-id', 'other'], /^TokenClaimError: /);
  fail(['--key', 'not-a-key'], /^KeyError: --key: .*\(--key takes the public key as PASERK k2\.public\.…, base64, base64url or hex of its bytes, or PEM, inline or as @file\)/);

  ok(['verify', token, '--key', keys.publicKey, '--now', '2024-01-02T03:30:00Z', '--cluster', 'global']);
  ok(['verify', token, '--key', keys.publicKey, '--now', '2024-01-02T04:04:30Z', '--skew', '60']);
  // --no-time-check is the library's `now: false`: an expired token's signature still verifies.
  const r = ok(['verify', token, '--key', keys.publicKey, '--no-time-check']);
  assert.match(r.stdout, /^signature valid \(time not checked\)\n.*expires 2024-01-02T04:04:05Z \(.* ago, not checked\)/);
});

test('inspect: the readable report and --json', async () => {
  const keys = keygen();
  const token = await gt.signToken(
    {
      ...gt.replTokenFromJson(FIXED),
      persistence: 9,
      idleTimeout: { seconds: 1800n },
      $unknown: [{ no: 15, wireType: 2, data: new Uint8Array([0x08, 0x78]) }],
    },
    keys.secretKey,
    { cert: { case: 'keyId', value: 'prod:3' }, issuer: 'replit.com' }, { allowExpired: true },
  );
  const text = exits(INSPECT_STATUS['signature-not-checked'], ['inspect', token, '--now', '2024-01-02T03:34:05Z']).stdout;
  for (const line of [
    /^Token\n  verdict: +signature not checked \(give --key <public key> to check it\)$/m,
    /^  time: +in range, expires in 30 min$/m,
    /^  issued \(iat\): +2024-01-02T03:04:05Z$/m,
    /^  expires \(exp\): +2024-01-02T04:04:05Z$/m,
    /^  signature: +not checked/m,
    /^Claims\n  cluster: +global$/m,
    /^  repl id: +1f0c-repl$/m,
    /^  persistence: +9$/m,
    /^  idle timeout: +30 min \(1800s\)$/m,
    /^Metadata \(repl\)\n  id: +1f0c-repl$/m,
    /^  memory: +2 GiB \(2147483648 bytes\)$/m,
    /^Presenced\n  bearerID: +42$/m,
    /^Footer\n  key id: +prod:3$/m,
    /^  issuer: +replit\.com$/m,
    /^Unknown fields\n  #15: +ReplToken field 15 \(permissions in newer schemas\), length-delimited, 2 bytes: 0878$/m,
    /^Notes\n  - /m,
  ]) {
    assert.match(text, line);
  }
  // Values in a section line up.
  const claims = /^Claims\n((?: {2}.*\n)+)/m.exec(text)[1].trimEnd().split('\n');
  assert.equal(new Set(claims.map((l) => l.search(/(?<=: +)\S/))).size, 1, claims.join('\n'));

  // One verdict, from the report's: "valid" only when the signature was checked and holds.
  const checked = ok(['inspect', token, '--key', keys.publicKey, '--now', '2024-01-02T03:34:05Z']).stdout;
  assert.match(checked, /^ {2}verdict: +VALID: the signature holds and the time is in range$/m);
  assert.match(checked, /^ {2}signature: +valid$/m);
  const forged = exits(INSPECT_STATUS['signature-invalid'], ['inspect', token, '--key', keygen().publicKey, '--now', '2024-01-02T03:34:05Z']).stdout;
  assert.match(forged, /^ {2}verdict: +INVALID: the signature does not verify with this key$/m);
  assert.match(forged, /^ {2}signature: +invalid$/m);
  assert.doesNotMatch(forged, /^ {2}verdict: +VALID/m);
  const expired = exits(INSPECT_STATUS.expired, ['inspect', token]).stdout;
  assert.match(expired, /^ {2}verdict: +EXPIRED$/m);
  // Two units at most, and no "0h" (the hours are 0 for an hour of each day).
  assert.match(expired, /^ {2}time: +expired \d+ d( \d+ h)? ago$/m);
  assert.doesNotMatch(expired, /expired\s+expired/i);
  assert.match(exits(INSPECT_STATUS['not-yet-valid'], ['inspect', token, '--now', '2024-01-01T00:00:00Z']).stdout, /verdict: +NOT YET VALID/);

  const report = JSON.parse(ok(['inspect', `wss://h.example/wsv2/${token}`, '--json', '--now', '2024-01-02T03:34:05Z', '--key', keys.publicKey]).stdout);
  assert.equal(report.verdict, 'valid');
  assert.equal(report.timeStatus, 'in-range');
  assert.equal(report.secondsLeft, 1800);
  assert.equal(report.signature, 'valid');
  assert.equal(report.persistence, '9');
  assert.deepStrictEqual(report.footer, { keyId: 'prod:3', signedCert: null, issuer: 'replit.com', version: 'BARE_REPL_TOKEN' });
  assert.deepStrictEqual(report.unknownFields, [
    { path: '#15', message: 'ReplToken', no: 15, name: 'permissions', wireType: 'length-delimited', length: 2, hex: '0878', text: null },
  ]);

  // decode leaves the unknown field out of the proto3 JSON and says so on stderr.
  const d = ok(['decode', token]);
  assert.equal(JSON.parse(d.stdout).message.persistence, 9);
  assert.match(d.stderr, /left out:\n {2}ReplToken #15 \(wire type 2\) 0878\n/);
  assert.equal(JSON.parse(d.stdout).message.idleTimeout, '1800s');
  assert.equal(report.idleTimeout, '1800s');
});

test('bad input: exit 1 with a clear message', async () => {
  const token = await gt.signToken(gt.replTokenFromJson(FIXED), (await gt.generateSigningKeyPair()).secretKey, undefined, { allowExpired: true });
  const cases = [
    [['inspect', 'hello'], /^TokenFormatError: not a repl token/],
    [['inspect', 'v2.local.abc'], /^TokenFormatError: v2\.local tokens are encrypted/],
    [['decode', 'v2.public.abc'], /^TokenFormatError: payload: /],
    [['decode', 'not base64!'], /expected a token \(v2\.public\.…\), a URL holding one, or protobuf bytes/],
    [['decode', 'hello world'], /not a ReplToken: the text, read as base64 or hex, decodes to no ReplToken field, only unknown field numbers #\d+/],
    [['decode', '--base64', 'aGVsbG8gd29ybGQ='], /^DecodeError: /],
    [['decode', ''], /nothing to decode/],
    [['decode', '--hex', 'xyz'], /not hex/],
    [['decode', 'ff'], /^DecodeError: /],
    [['encode', '{bad'], /the ReplToken is not valid JSON \(4 characters, the error at character 1\)/],
    [['encode', '{"clusterx":1}'], /^JsonError: clusterx: unknown field, did you mean cluster\?/],
    [['encode', '{"resourceLimits":{"memory":"lots"}}'], /^JsonError: resourceLimits\.memory: /],
    [['encode', '--sign', 'k2.secret.AAAA', '{}'], /^KeyError: --sign: .*\(--sign takes the secret key as/],
    [['inspect', '-'], /^TokenFormatError: not a repl token/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

// ---- issue 14: usability ----

test('--version prints the package version', () => {
  for (const args of [['--version'], ['version']]) assert.equal(ok(args).stdout, `${manifest.version}\n`);
});

test('every command reads the token from stdin when piped with no argument', async () => {
  const keys = keygen();
  const token = await gt.signToken(gt.replTokenFromJson(FIXED), keys.secretKey, undefined, { allowExpired: true });
  const piped = `  ${token}\n`;
  assert.match(exits(INSPECT_STATUS['signature-not-checked'], ['inspect', '--now', '2024-01-02T03:34:05Z'], piped).stdout, /^ {2}cluster: +global$/m);
  assert.equal(JSON.parse(ok(['decode', '--json'], piped).stdout).message.cluster, 'global');
  assert.match(ok(['verify', '--key', keys.publicKey, '--now', '2024-01-02T03:34:05Z'], piped).stdout, /^valid\n/);
  const base64 = ok(['encode', JSON.stringify(FIXED)]).stdout;
  assert.equal(JSON.parse(ok(['decode'], base64).stdout).cluster, 'global');
  // Nothing piped: a usage error, not a confusing library error.
  for (const command of ['inspect', 'decode', 'verify']) {
    const r = cli(command === 'verify' ? [command, '--key', keys.publicKey] : [command], '');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`${command}: missing argument: give a token, or pipe one to stdin \\(stdin was empty\\)`));
  }
});

test('option values may start with "-": base64url keys and inline PEM', async () => {
  let keys;
  do keys = await gt.generateSigningKeyPair();
  while (!Buffer.from(keys.publicKey).toString('base64url').startsWith('-'));
  const publicKey = Buffer.from(keys.publicKey).toString('base64url');
  const secretKey = `k2.secret.${Buffer.from(keys.secretKey).toString('base64url')}`;
  const token = ok(['encode', '--create', '--sign', secretKey, '{}']).stdout.trim();
  assert.match(ok(['verify', token, '--key', publicKey]).stdout, /^valid\n/);
  assert.match(ok(['inspect', token, '--key', publicKey]).stdout, /^ {2}signature: +valid$/m);
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(keys.publicKey)]);
  const pem = `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64')}\n-----END PUBLIC KEY-----\n`;
  assert.match(ok(['verify', token, '--key', pem]).stdout, /^valid\n/);
  assert.match(ok(['verify', token, `--key=${pem}`]).stdout, /^valid\n/);
  // Raw bytes for decode may start with "-" too (base64url), and -- ends the options.
  const bytes = gt.encodeReplToken({ cluster: '\u00fe\u00ff' });
  const url = Buffer.from(bytes).toString('base64url');
  assert.equal(JSON.parse(ok(['decode', '--base64', '--', url]).stdout).cluster, '\u00fe\u00ff');
});

test('--now takes RFC 3339, a date or now; --now and --skew mistakes are usage errors (exit 2)', async () => {
  const keys = keygen();
  const token = await gt.signToken(gt.replTokenFromJson({ ...FIXED, exp: '2030-01-02T00:00:00Z' }), keys.secretKey, undefined, { allowExpired: true });
  assert.match(exits(INSPECT_STATUS['signature-not-checked'], ['inspect', token, '--now', '2030-01-01']).stdout, /^ {2}now: +2030-01-01T00:00:00Z$/m);
  assert.match(ok(['verify', token, '--key', keys.publicKey, '--now', '2030-01-01']).stdout, /^valid\n/);
  assert.match(ok(['verify', token, '--key', keys.publicKey, '--now', '2024-06-01T12:00:00+02:00']).stdout, /^valid\n/);
  const usage = (args, pattern) => {
    const r = cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, pattern);
  };
  for (const args of [['inspect', token], ['verify', token, '--key', keys.publicKey]]) {
    usage([...args, '--now', 'yesterday'], /--now: expected an RFC 3339 time such as 2024-01-02T03:04:05Z, a date such as 2024-01-02 \(midnight UTC\) or "now", got "yesterday"/);
    // The problem named, the text not echoed (it may be a key pasted in the wrong place).
    usage([...args, '--now', '2030-13-01'], /--now: the month is 13 \(months are 01\.\.12\), got \(10 characters\)$/m);
    usage([...args, '--now', '2031-02-29'], /--now: the day is 29, and February 2031 has days 01\.\.28, got \(10 characters\)$/m);
    usage([...args, '--now', '2030-01-01T24:00:00Z'], /--now: the hour is 24 \(hours are 00\.\.23\)/);
  }
  usage(['verify', token, '--key', keys.publicKey, '--skew', '-5'], /--skew takes a whole number of seconds, 0 or more \(the clock difference to allow\), got "-5"/);
  usage(['verify', token, '--key', keys.publicKey, '--skew', 'lots'], /--skew takes a whole number of seconds/);
});

test('--key nope is explained, with a hint when a file of that name exists', async () => {
  const token = await gt.signToken(gt.replTokenFromJson(FIXED), keygen().secretKey, undefined, { allowExpired: true });
  const r = cli(['verify', token, '--key', 'nope']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^KeyError: --key: /);
  assert.match(r.stderr, /--key takes the public key as PASERK k2\.public\.…/);
  assert.doesNotMatch(r.stderr, /did you mean/);
  writeFileSync(join(project, 'nope'), 'not a key either\n');
  const again = cli(['inspect', token, '--key', 'nope']);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /a file of that name exists: did you mean --key @…\?/);
  const sign = cli(['encode', '--sign', 'nope', '{}']);
  assert.match(sign.stderr, /^KeyError: --sign: .*--sign takes the secret key as PASERK k2\.secret\.…/);
});

test('unknown fields whose bytes are printable UTF-8 show as text in inspect and decode', async () => {
  const message = gt.replTokenFromJson(FIXED);
  message.metadata.value.$unknown = [
    { no: 21, wireType: 2, data: new TextEncoder().encode('intent_student') },
    { no: 19, wireType: 2, data: new Uint8Array([0x1b, 0x5b, 0x32, 0x4a]) },
  ];
  message.metadata.value.backerJobMetadata = { JOB_ID: '42', 'two words': 'a\u001bb' };
  const token = await gt.signToken(message, keygen().secretKey, undefined, { allowExpired: true });
  const text = exits(INSPECT_STATUS.expired, ['inspect', token]).stdout;
  assert.match(text, /^ {2}repl\.#21: +Repl field 21, length-delimited, 14 bytes: 696e74656e745f73747564656e74 \(text intent_student\)$/m);
  assert.match(text, /^ {2}repl\.#19: +Repl field 19, length-delimited, 4 bytes: 1b5b324a$/m, 'bytes with a control character are not text');
  assert.match(text, /^ {2}backerJobMetadata: +JOB_ID=42, "two words"="a\\u001bb"$/m, 'a map as key=value pairs, escaped');
  const d = ok(['decode', token]);
  assert.match(d.stderr, /^ {2}ReplToken repl #21 \(wire type 2\) 696e74656e745f73747564656e74 \(text intent_student\)$/m);
  assert.match(d.stderr, /^ {2}ReplToken repl #19 \(wire type 2\) 1b5b324a$/m);
});

// ---- issue 10: hostile tokens and careless callers ----

// What a token signed by an attacker's key may carry to a terminal: cursor movement that
// overwrites "signature: invalid" with "valid", OSC window titles and hyperlinks, C1 CSI,
// bidi overrides, NUL, DEL, separators and invisible characters.
const ATTACK = {
  cursor: '\x1b[3A\r\x1b[2K  signature:     valid\x1b[3B',
  title: '\x1b]0;pwned\x07',
  link: '\x1b]8;;https://evil.example/\x1b\\click here\x1b]8;;\x1b\\',
  c1: '\u009b31mred\u009b0m\u0085',
  bidi: 'abc\u202edcba\u2066x\u2069\u200e\u200f\u061c',
  nul: 'a\0b\x7fc\u2028d\u2029e\u200b\ufeff\u00ad\u{e0041}',
};
const UNSAFE_OUTPUT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

function assertSafe(r, what) {
  for (const [stream, text] of [['stdout', r.stdout], ['stderr', r.stderr]]) {
    const bad = UNSAFE_OUTPUT.exec(text.replaceAll('\n', ''));
    assert.equal(bad, null, `${what}: ${stream} has a raw U+${bad?.[0].codePointAt(0).toString(16)}: ${JSON.stringify(text)}`);
  }
}

async function attackToken(secretKey) {
  return gt.signToken(
    {
      ...gt.replTokenFromJson(FIXED),
      cluster: ATTACK.cursor,
      salt: ATTACK.title,
      flags: [ATTACK.link, ATTACK.c1],
      metadata: {
        case: 'repl',
        value: {
          id: ATTACK.bidi,
          language: ATTACK.nul,
          user: ATTACK.c1,
          slug: ATTACK.title,
          bucket: '',
          sourceRepl: '',
          $unknown: [{ no: 19, wireType: 2, data: new TextEncoder().encode(ATTACK.cursor) }],
        },
      },
      presenced: { bearerID: 1, bearerName: ATTACK.link },
      $unknown: [{ no: 30, wireType: 2, data: new TextEncoder().encode(ATTACK.title) }],
    },
    secretKey,
    { cert: { case: 'keyId', value: ATTACK.cursor }, issuer: ATTACK.bidi }, { allowExpired: true },
  );
}

test('a hostile token through every command and output mode: no raw control, bidi or invisible character is printed', async () => {
  const attacker = keygen();
  const victim = keygen();
  const token = await attackToken(attacker.secretKey);
  const now = ['--now', '2024-01-02T03:34:05Z'];
  const runs = {
    'inspect': cli(['inspect', token, ...now]),
    'inspect --json': cli(['inspect', token, '--json', ...now]),
    'inspect --key (invalid)': cli(['inspect', token, '--key', victim.publicKey, ...now]),
    'inspect --key (valid)': cli(['inspect', token, '--key', attacker.publicKey, ...now]),
    'inspect stdin': cli(['inspect', ...now], token),
    'inspect url': cli(['inspect', `wss://h.example/wsv2/${token}`]),
    'decode': cli(['decode', token]),
    'decode --json': cli(['decode', token, '--json']),
    'decode base64': cli(['decode', Buffer.from(gt.encodeReplToken(gt.parseToken(token).message)).toString('base64')]),
    'decode hex --json': cli(['decode', '--hex', '--json', Buffer.from(gt.encodeReplToken(gt.parseToken(token).message)).toString('hex')]),
    'verify (valid)': cli(['verify', token, '--key', attacker.publicKey, ...now]),
    'verify --no-time-check': cli(['verify', token, '--key', attacker.publicKey, '--no-time-check']),
    'verify (forged)': cli(['verify', token, '--key', victim.publicKey, ...now]),
    'verify --cluster': cli(['verify', token, '--key', attacker.publicKey, ...now, '--cluster', 'global']),
    'verify --repl-id': cli(['verify', token, '--key', attacker.publicKey, ...now, '--repl-id', ATTACK.title]),
    'encode': cli(['encode', JSON.stringify({ cluster: ATTACK.cursor, flags: [ATTACK.bidi] })]),
    'encode --sign': cli(['encode', '--sign', attacker.secretKey, '--allow-expired', '--key-id', ATTACK.cursor, '--issuer', ATTACK.link, JSON.stringify({ cluster: ATTACK.c1 })]),
    'encode (bad field)': cli(['encode', JSON.stringify({ [ATTACK.cursor]: 1 })]),
    'encode (bad value)': cli(['encode', JSON.stringify({ cluster: 1, resourceLimits: { memory: ATTACK.title } })]),
    'encode (bad JSON)': cli(['encode', `{${ATTACK.title}`]),
    'unknown command': cli([ATTACK.title]),
    'unknown option': cli(['inspect', token, `--${ATTACK.cursor}`]),
    'unexpected argument': cli(['inspect', token, ATTACK.link]),
    '--now': cli(['inspect', token, '--now', ATTACK.bidi]),
    '--skew': cli(['verify', token, '--key', attacker.publicKey, '--skew', ATTACK.c1]),
    '--port': cli(['ui', '--port', ATTACK.nul.replace('\0', '')]),
    'key file': cli(['inspect', token, '--key', `@${ATTACK.title}`]),
    'inline key': cli(['inspect', token, '--key', ATTACK.cursor]),
    'token text': cli(['inspect', ATTACK.cursor]),
    'decode text': cli(['decode', ATTACK.link]),
    'keygen (extra argument)': cli(['keygen', ATTACK.bidi]),
    'keygen --json=': cli(['keygen', `--json=${ATTACK.cursor}`]),
    'encode stdin': cli(['encode'], JSON.stringify({ salt: ATTACK.nul })),
    'decode stdin': cli(['decode'], ATTACK.c1),
  };
  for (const [what, r] of Object.entries(runs)) assertSafe(r, what);

  // The report shows what is there, visibly: the forged line stays on its own row.
  const text = runs.inspect.stdout;
  assert.match(text, /^ {2}cluster: +\\u001b\[3A\\u000d\\u001b\[2K {2}signature: {5}valid\\u001b\[3B$/m);
  assert.ok(text.includes('\\u202e'), text);
  assert.ok(text.includes('flags:       "\\u001b]8;;https://evil.example/\\u001b\\\\click here\\u001b]8;;\\u001b\\\\", "\\u009b31mred'), text);
  assert.doesNotMatch(text, /\\\\u[0-9a-f]{4}/, 'each escape is made once, not escaped again');
  assert.ok(text.includes('\\u009b31mred'), text);
  assert.ok(text.includes('\\u0000b\\u007fc\\u2028d'), text);
  assert.match(runs['inspect --key (invalid)'].stdout, /^ {2}signature: +invalid$/m);
  assert.match(runs['verify (forged)'].stderr, /^TokenSignatureError: /);
  assert.equal(runs['verify (valid)'].code, 0);
  assert.equal(runs['verify --cluster'].code, 1);
  // JSON output stays valid JSON holding exactly the token's strings.
  const report = JSON.parse(runs['inspect --json'].stdout);
  assert.equal(report.cluster, ATTACK.cursor);
  assert.deepStrictEqual(report.flags, [ATTACK.link, ATTACK.c1]);
  assert.equal(report.metadata.language, ATTACK.nul);
  assert.equal(report.footer.issuer, ATTACK.bidi);
  const decoded = JSON.parse(runs.decode.stdout);
  assert.equal(decoded.message.cluster, ATTACK.cursor);
  assert.equal(decoded.footer.keyId, ATTACK.cursor);
  assert.equal(JSON.parse(runs['decode hex --json'].stdout).repl.id, ATTACK.bidi);
  assert.equal(gt.parseToken(runs['encode --sign'].stdout.trim()).footer.issuer, ATTACK.link);
});

test('no output ever holds a secret key given in the wrong place', async () => {
  const keys = keygen();
  const secret = keys.secretKey;
  const body = secret.slice('k2.secret.'.length);
  const token = await gt.signToken(gt.replTokenFromJson(FIXED), secret, undefined, { allowExpired: true });
  const runs = [
    [secret],
    [keys.secretKeyBase64url],
    ['keygen', secret],
    ['encode', '--sign', '{}', secret],
    ['encode', secret],
    ['inspect', secret],
    ['decode', secret],
    ['decode', keys.secretKeyBase64url],
    ['verify', secret, '--key', keys.publicKey],
    ['verify', token, '--key', secret],
    ['verify', token, '--key', keys.secretKeyBase64url],
    ['inspect', token, '--key', secret],
    ['inspect', token, '--now', secret],
    ['verify', token, '--key', keys.publicKey, '--skew', secret],
    ['inspect', token, `--${secret}`],
    ['ui', '--port', secret],
  ];
  for (const args of runs) {
    const r = cli(args);
    assert.notEqual(r.code, 0, args.join(' '));
    const out = r.stdout + r.stderr;
    for (let i = 0; i + 8 <= body.length; i++) {
      assert.ok(!out.includes(body.slice(i, i + 8)), `goval-token ${args.map((a) => (a === secret ? '<secret>' : a.slice(0, 12))).join(' ')} printed part of the key: ${out}`);
    }
  }
});

// ---- goval-token ui ----

/** The first line a stream writes. */
function firstLine(stream) {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
    });
    stream.on('end', () => reject(new Error(`no line before the end: ${JSON.stringify(text)}`)));
  });
}

test('ui serves the inspector from the installed package on 127.0.0.1, printing its URL first', async () => {
  const { CONTENT_SECURITY_POLICY } = await import('../../pkg/cli/server.js');
  const child = spawn(bin, ['ui', '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await firstLine(child.stdout);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await page.text(), readFileSync(join(pkg, 'www', 'index.html'), 'utf8'));
    for (const [path, type] of [
      ['app.js', /^text\/javascript/],
      ['style.css', /^text\/css/],
      ['pkg/index.js', /^text\/javascript/],
      ['pkg/lib/text.js', /^text\/javascript/],
      ['pkg/goval_token_bg.wasm', /^application\/wasm$/],
    ]) {
      const r = await fetch(`${url}${path}`);
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get('content-type'), type, path);
      await r.arrayBuffer();
    }
    for (const path of ['nope.html', '%2e%2e/cli.js', 'pkg/%2e%2e/%2e%2e/package.json']) {
      const r = await fetch(`${url}${path}`);
      assert.equal(r.status, 404, path);
      assert.equal(r.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, path);
      await r.arrayBuffer();
    }
    // DNS rebinding: another site's name for 127.0.0.1 is refused.
    const port = new URL(url).port;
    for (const [host, status] of [['evil.example', 421], [`evil.example:${port}`, 421], [`localhost:${port}`, 200], [`127.0.0.1:${port}`, 200]]) {
      const res = await new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (r) => {
          r.resume();
          r.on('end', () => resolve(r));
        });
        req.on('error', reject);
        req.end();
      });
      assert.equal(res.statusCode, status, host);
      assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY, host);
    }
  } finally {
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, 'SIGTERM stops the server cleanly');
  }
});

test('ui on a port in use: exit 1 saying so', async () => {
  const blocker = createServer();
  await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  try {
    const r = cli(['ui', '--port', String(blocker.address().port)]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /cannot listen on 127\.0\.0\.1:\d+: the port is in use \(try --port 0 for a free one\)/);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});
