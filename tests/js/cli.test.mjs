// The `goval-token` command, run the way a user runs it: through node_modules/.bin of a
// project that has the package installed (pkg/ symlinked in, as npm link would).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
function cli(args, input = '') {
  const r = spawnSync(bin, args, { cwd: project, input, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(args, input) {
  const r = cli(args, input);
  assert.equal(r.code, 0, `goval-token ${args.join(' ')} failed: ${r.stderr}`);
  return r;
}

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
  assert.deepStrictEqual(manifest.bin, { 'goval-token': './cli.js' });
  const file = join(pkg, manifest.bin['goval-token']);
  accessSync(file, constants.X_OK);
  assert.match(readFileSync(file, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  assert.ok(manifest.files.some((pattern) => pattern === '*.js' || pattern === 'cli.js'), 'cli.js ships');
});

test('no arguments, help and --help print the usage; exit 0', () => {
  for (const args of [[], ['help'], ['--help'], ['inspect', '--help']]) {
    const r = ok(args);
    assert.match(r.stdout, /^Usage: goval-token <command>/);
    for (const command of ['inspect', 'decode', 'encode', 'verify', 'keygen']) assert.match(r.stdout, new RegExp(`\\n  ${command}`));
  }
});

test('usage errors go to stderr with exit 2', () => {
  const cases = [
    [['bogus'], /unknown command "bogus"/],
    [['inspect'], /inspect: missing argument/],
    [['inspect', 'a', 'b'], /unexpected argument "b"/],
    [['inspect', 'x', '--nope'], /Unknown option '--nope'/],
    [['verify', 'v2.public.x'], /--key <public key> is required/],
    [['verify', 'v2.public.x', '--key', 'k', '--skew', '1.5'], /--skew takes a whole number/],
    [['verify', 'v2.public.x', '--key', 'k', '--now', 'now', '--no-time-check'], /exclude each other/],
    [['encode', '{}', '--issuer', 'x'], /need --sign/],
    [['decode', 'AA', '--hex', '--base64'], /exclude each other/],
    [['keygen', 'extra'], /unexpected argument/],
    [['inspect', '--key'], /argument missing|missing argument/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
    assert.match(r.stderr, /Run "goval-token --help" for usage/);
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
  assert.deepStrictEqual(Object.keys(keys).sort(), ['publicKey', 'publicKeyBase64url', 'secretKey', 'secretKeyBase64url']);
  assert.notEqual(keys.publicKey, publicKey);
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
  assert.match(summary, /cluster global, repl 1f0c-repl, bearer ada \(42\), expires \S+Z \(in 59m \d+s\), key id dev:1, issuer localhost/);
  ok(['verify', `wss://eval.global.replit.com/wsv2/${token}`, '--key', keys.publicKeyBase64url, '--cluster', 'global', '--repl-id', '1f0c-repl']);
  ok(['verify', '-', '--key', keys.publicKey, '--now', 'now'], `${token}\n`);

  const decoded = JSON.parse(ok(['decode', token]).stdout);
  assert.deepStrictEqual(Object.keys(decoded), ['message', 'footer', 'signature']);
  assert.equal(decoded.message.cluster, 'global');
  assert.deepStrictEqual(decoded.footer, { keyId: 'dev:1', issuer: 'localhost' });
  assert.match(decoded.signature, /^[0-9a-f]{128}$/);
  assert.equal(decoded.signature, Buffer.from(gt.parseToken(token).signature).toString('hex'));

  // No footer without --key-id/--issuer.
  const bare = ok(['encode', '--sign', keys.secretKey, JSON.stringify(FIXED)]).stdout.trim();
  assert.equal(bare.split('.').length, 3);
  assert.equal(JSON.parse(ok(['decode', bare, '--json']).stdout).footer, null);
});

test('keys from @file: PEM, PASERK text, raw bytes', () => {
  const keys = keygen();
  const token = ok(['encode', '--sign', keys.secretKey, JSON.stringify(FIXED)]).stdout.trim();
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
  const again = ok(['encode', '--sign', `@${bytes}`, JSON.stringify(FIXED)]).stdout.trim();
  assert.equal(again, token, 'Ed25519 is deterministic: the same key signs the same bytes the same way');

  const missing = cli(['verify', token, '--key', `@${join(project, 'nope.pem')}`]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read the key file .*nope\.pem: ENOENT/);
});

test('verify failures: exit 1 with the error name and message on stderr', () => {
  const keys = keygen();
  const other = keygen();
  const token = ok(['encode', '--sign', keys.secretKey, JSON.stringify(FIXED)]).stdout.trim();
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
  fail(['--key', keys.publicKey, '--now', 'yesterday'], /^GovalTokenError: --now: expected .*RFC 3339/);
  fail(['--key', keys.publicKey, '--now', '2024-01-02T03:30:00Z', '--cluster', 'eu'], /^TokenClaimError: cluster: /);
  fail(['--key', keys.publicKey, '--no-time-check', '--repl-id', 'other'], /^TokenClaimError: /);
  fail(['--key', 'not-a-key'], /^KeyError: publicKey: /);

  ok(['verify', token, '--key', keys.publicKey, '--now', '2024-01-02T03:30:00Z', '--cluster', 'global']);
  ok(['verify', token, '--key', keys.publicKey, '--now', '2024-01-02T04:04:30Z', '--skew', '60']);
  const r = ok(['verify', token, '--key', keys.publicKey, '--no-time-check']);
  assert.match(r.stdout, /^valid\n.*expires 2024-01-02T04:04:05Z \(.* ago, not checked\)/);
});

test('inspect: the readable report and --json', async () => {
  const keys = keygen();
  const token = await gt.signToken(
    {
      ...gt.replTokenFromJson(FIXED),
      persistence: 3,
      $unknown: [{ no: 20, wireType: 0, data: new Uint8Array([1]) }],
    },
    keys.secretKey,
    { cert: { case: 'keyId', value: 'prod:3' }, issuer: 'replit.com' },
  );
  const text = ok(['inspect', token, '--now', '2024-01-02T03:34:05Z']).stdout;
  for (const line of [
    /^Token\n  verdict: +signature not checked \(give --key to check\)$/m,
    /^  time: +in range \(expires in 30m\)$/m,
    /^  issued \(iat\): +2024-01-02T03:04:05Z$/m,
    /^  expires \(exp\): +2024-01-02T04:04:05Z$/m,
    /^  signature: +not checked/m,
    /^Claims\n  cluster: +global$/m,
    /^  repl id: +1f0c-repl$/m,
    /^  persistence: +READ_ONLY \(3\)$/m,
    /^Metadata \(repl\)\n  id: +1f0c-repl$/m,
    /^  memory: +2 GiB \(2147483648 bytes\)$/m,
    /^Presenced\n  bearerID: +42$/m,
    /^Footer\n  key id: +prod:3$/m,
    /^  issuer: +replit\.com$/m,
    /^Unknown fields\n  #20: +ReplToken field 20 \(paid in newer schemas\), varint, 1 byte: 01$/m,
    /^Notes\n  - /m,
  ]) {
    assert.match(text, line);
  }
  // Values in a section line up.
  const claims = /^Claims\n((?: {2}.*\n)+)/m.exec(text)[1].trimEnd().split('\n');
  assert.equal(new Set(claims.map((l) => l.search(/(?<=: +)\S/))).size, 1, claims.join('\n'));

  assert.match(ok(['inspect', token, '--key', keys.publicKey, '--now', '2024-01-02T03:34:05Z']).stdout, /^ {2}signature: +valid$/m);
  assert.match(ok(['inspect', token, '--key', keys.publicKey, '--now', '2024-01-02T03:34:05Z']).stdout, /^Token\n {2}verdict: +valid \(expires in 30m\)$/m);
  assert.match(ok(['inspect', token, '--key', keygen().publicKey]).stdout, /^ {2}signature: +invalid$/m);
  assert.match(ok(['inspect', token, '--key', keygen().publicKey]).stdout, /^ {2}verdict: +signature INVALID$/m);
  assert.match(ok(['inspect', token]).stdout, /^ {2}verdict: +expired \(\d+d \d+h ago\)$/m);
  assert.match(ok(['inspect', token, '--now', '2024-01-01T00:00:00Z']).stdout, /verdict: +not yet valid/);

  const report = JSON.parse(ok(['inspect', `wss://h.example/wsv2/${token}`, '--json', '--now', '2024-01-02T03:34:05Z', '--key', keys.publicKey]).stdout);
  assert.equal(report.verdict, 'valid');
  assert.equal(report.timeStatus, 'in-range');
  assert.equal(report.secondsLeft, 1800);
  assert.equal(report.signature, 'valid');
  assert.equal(report.persistence, 'READ_ONLY (3)');
  assert.deepStrictEqual(report.footer, { keyId: 'prod:3', signedCert: null, issuer: 'replit.com', version: 'BARE_REPL_TOKEN' });
  assert.deepStrictEqual(report.unknownFields, [
    { path: '#20', message: 'ReplToken', no: 20, name: 'paid', wireType: 'varint', length: 1, hex: '01', text: null },
  ]);

  // decode leaves the unknown field out of the proto3 JSON and says so on stderr.
  const d = ok(['decode', token]);
  assert.equal(JSON.parse(d.stdout).message.persistence, 3);
  assert.match(d.stderr, /left out:\n {2}ReplToken #20 \(wire type 0\) 01\n/);
});

test('bad input: exit 1 with a clear message', async () => {
  const token = await gt.signToken(gt.replTokenFromJson(FIXED), (await gt.generateSigningKeyPair()).secretKey);
  const cases = [
    [['inspect', 'hello'], /^TokenFormatError: not a repl token/],
    [['inspect', 'v2.local.abc'], /^TokenFormatError: v2\.local tokens are encrypted/],
    [['decode', 'v2.public.abc'], /^TokenFormatError: payload: /],
    [['decode', 'not base64!'], /expected a token \(v2\.public\.…\), a URL holding one, or protobuf bytes/],
    [['decode', '--hex', 'xyz'], /not hex/],
    [['decode', 'ff'], /^DecodeError: /],
    [['encode', '{bad'], /the ReplToken is not valid JSON/],
    [['encode', '{"clusterx":1}'], /^JsonError: clusterx: unknown field, did you mean cluster\?/],
    [['encode', '{"resourceLimits":{"memory":"lots"}}'], /^JsonError: resourceLimits\.memory: /],
    [['encode', '--sign', 'k2.secret.AAAA', '{}'], /^KeyError: secretKey: /],
    [['inspect', token, '--now', 'soon'], /^GovalTokenError: --now: expected .*RFC 3339/],
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
