// The command line as scripts use it (issue 20, items 1–3 and 10): in shell pipelines with
// slow and fast writers and readers that go away, the clock read after the input, each
// command's exit status, `verify --json`, REPL_PUBKEYS when no key is given, Ghostwriter
// tokens, and `identity create` from a repl's environment. Run over pkg/cli/cli.js.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import * as gt from '../../pkg/node.js';

const cliPath = fileURLToPath(new URL('../../pkg/cli/cli.js', import.meta.url));
const VECTORS = JSON.parse(readFileSync(new URL('../oracle/identity/vectors.json', import.meta.url), 'utf8'));
const vector = (name) => VECTORS.cases.find((c) => c.name === name).token;
const NOW = ['--now', VECTORS.now];
const dir = mkdtempSync(join(tmpdir(), 'goval-token-pipes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// The environment without a repl's variables, so that only what a test gives is there.
const { REPL_PUBKEYS, REPL_IDENTITY, REPL_IDENTITY_KEY, REPL_RENEWAL, REPL_RENEWAL_KEY, REPL_ID, ...BASE_ENV } = process.env;

function cli(args, { input = '', env = {} } = {}) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { input, encoding: 'utf8', env: { ...BASE_ENV, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A bash pipeline; `gt` runs the command line. Reports every stage's status. */
function pipeline(script, env = {}) {
  const r = spawnSync('bash', ['-c', `gt() { "$NODE" "$CLI" "$@"; }\n${script}; echo "status \${PIPESTATUS[*]}" >&2`], {
    encoding: 'utf8',
    env: { ...BASE_ENV, NODE: process.execPath, CLI: cliPath, ...env },
    timeout: 60_000,
  });
  const statusLine = /status ([\d ]+)\n$/.exec(r.stderr);
  assert.ok(statusLine, r.stderr);
  return { statuses: statusLine[1].split(' ').map(Number), stdout: r.stdout, stderr: r.stderr.slice(0, statusLine.index) };
}

/** Runs the command with stdin written in pieces, `pauseMs` apart: a slow writer. */
async function slowWriter(args, text, pauseMs = 150, pieces = 4) {
  const child = spawn(process.execPath, [cliPath, ...args], { env: BASE_ENV });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('close', resolve));
  const size = Math.ceil(text.length / pieces);
  for (let i = 0; i < text.length; i += size) {
    await sleep(pauseMs);
    child.stdin.write(text.slice(i, i + size));
  }
  child.stdin.end();
  return { code: await exited, stdout, stderr };
}

const keys = JSON.parse(cli(['keygen', '--json']).stdout);
const CLAIMS = JSON.stringify({ cluster: 'global', repl: { id: 'repl-1', language: 'python3' } });
const fresh = await gt.signToken(gt.createReplToken(gt.replTokenFromJson(JSON.parse(CLAIMS))), keys.secretKey);

test('a slow writer: every command that reads stdin waits for the end of the input', async () => {
  const cases = [
    [['inspect', '--key', keys.publicKey], fresh, /^Token\n {2}verdict: +VALID/],
    [['decode', '--json'], fresh, /"cluster":"global"/],
    [['verify', '--key', keys.publicKey], fresh, /^valid\ncluster global, repl repl-1/],
    [['verify', '-', '--key', keys.publicKey, '--json'], fresh, /^\{"valid":true/],
    [['encode', '-'], CLAIMS, /^[A-Za-z0-9+/]+=*\n$/],
  ];
  for (const [args, input, expected] of cases) {
    const r = await slowWriter(args, `${input}\n`);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout, expected, args.join(' '));
  }
});

test('a writer in a shell pipeline, fast or started late: encode --sign | verify, (sleep; cat) | inspect', () => {
  writeFileSync(join(dir, 'token'), fresh);
  const env = { KEY: keys.secretKey, PUB: keys.publicKey, CLAIMS, TOKEN_FILE: join(dir, 'token') };
  for (let i = 0; i < 4; i++) {
    const minted = pipeline('gt encode --create --sign "$KEY" "$CLAIMS" | gt verify --key "$PUB"', env);
    assert.deepStrictEqual(minted.statuses, [0, 0], minted.stderr);
    assert.match(minted.stdout, /^valid\n/);
  }
  const late = pipeline('(sleep 0.5; cat "$TOKEN_FILE") | gt inspect --key "$PUB"', env);
  assert.deepStrictEqual(late.statuses, [0, 0], late.stderr);
  assert.match(late.stdout, /verdict: +VALID/);
  const fast = pipeline('cat "$TOKEN_FILE" | gt decode', env);
  assert.deepStrictEqual(fast.statuses, [0, 0], fast.stderr);
  const file = pipeline('gt verify --key "$PUB" < "$TOKEN_FILE"', env);
  assert.deepStrictEqual(file.statuses, [0], file.stderr);
});

test('the clock is read after the input: a token minted a second later upstream is not "not yet valid"', () => {
  // Before the fix, verify read the clock at start and the token's iat was a second ahead of it.
  const env = { KEY: keys.secretKey, PUB: keys.publicKey, CLAIMS };
  for (const reader of ['gt verify - --key "$PUB"', 'gt inspect --key "$PUB"']) {
    const r = pipeline(`(sleep 1.2; gt encode --create --sign "$KEY" "$CLAIMS") | ${reader}`, env);
    assert.deepStrictEqual(r.statuses, [0, 0], `${reader}: ${r.stderr}${r.stdout}`);
  }
});

test('a reader that goes away (EPIPE): the writer stops quietly with status 141, as SIGPIPE would', () => {
  // The reader closes its stdin at once, so the write meets a pipe with no reader.
  for (const command of ['gt keygen', 'gt decode "$TOKEN"', 'gt inspect "$TOKEN"', 'gt --help', 'gt verify --help']) {
    const r = pipeline(`${command} | (exec 0<&-; sleep 1)`, { TOKEN: fresh });
    assert.deepStrictEqual(r.statuses, [141, 0], `${command}: ${r.stderr}`);
    // keygen's reminder about the secret key is its own; nothing about the pipe is printed.
    assert.equal(r.stderr.replace('The secret key signs tokens: keep it out of logs and repositories.\n', ''), '', `${command}: no stack, no message`);
  }
});

test('stdin: closed, empty, or larger than the named limit', () => {
  const closed = pipeline('gt inspect <&-');
  assert.deepStrictEqual(closed.statuses, [2]);
  assert.match(closed.stderr, /inspect: missing argument: give a token, or pipe one to stdin \(stdin was empty\)/);
  const huge = cli(['decode'], { input: 'A'.repeat(1024 * 1024 + 1) });
  assert.equal(huge.code, 1);
  assert.match(huge.stderr, /^goval-token: stdin holds more than 1 MiB, the limit of this command/);
  const atLimit = cli(['encode'], { input: `${' '.repeat(1024 * 1024 - 2)}{}` });
  assert.equal(atLimit.code, 0, atLimit.stderr);
});

test('inspect: the exit status tells the verdict, with and without --json', async () => {
  const expired = await gt.signToken(gt.replTokenFromJson({ cluster: 'global', iat: '2024-01-02T03:04:05Z', exp: '2024-01-02T04:04:05Z' }), keys.secretKey, undefined, { allowExpired: true });
  const cases = [
    [['inspect', fresh, '--key', keys.publicKey], 0, 'valid'],
    [['inspect', fresh, '--key', JSON.parse(cli(['keygen', '--json']).stdout).publicKey], 1, 'signature-invalid'],
    [['inspect', vector('identity repl id not covered'), '--keys', JSON.stringify(VECTORS.publicKeys), ...NOW], 1, 'invalid'],
    [['inspect', expired, '--key', keys.publicKey], 3, 'expired'],
    [['inspect', expired, '--key', keys.publicKey, '--now', '2024-01-01'], 3, 'not-yet-valid'],
    [['inspect', fresh], 4, 'signature-not-checked'],
  ];
  for (const [args, status, verdict] of cases) {
    for (const json of [false, true]) {
      const r = cli(json ? [...args, '--json'] : args);
      assert.equal(r.code, status, `${verdict}${json ? ' --json' : ''}: ${r.stderr}`);
      if (json) assert.equal(JSON.parse(r.stdout).verdict, verdict);
    }
  }
});

test('verify --json: the result on stdout, one JSON object whether valid or refused', async () => {
  const ok = cli(['verify', fresh, '--key', keys.publicKey, '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout.split('\n').length, 2, 'one line');
  const result = JSON.parse(ok.stdout);
  assert.equal(result.valid, true);
  assert.equal(result.timeChecked, true);
  assert.equal(result.messageType, 'ReplToken');
  assert.equal(result.message.cluster, 'global');
  assert.equal(result.message.repl.id, 'repl-1');
  assert.equal(result.signedBy, 'root-key');
  assert.deepStrictEqual(result.chain, []);

  const identity = JSON.parse(cli(['verify', vector('identity, 2 certificates'), '--keys', JSON.stringify(VECTORS.publicKeys), '--audience', 'repl-a', '--json', ...NOW]).stdout);
  assert.equal(identity.messageType, 'GovalReplIdentity');
  assert.equal(identity.message.replid, 'repl-a');
  assert.equal(identity.signedBy, 'certificate');
  assert.deepStrictEqual(identity.flags, ['IDENTITY']);
  assert.equal(identity.rootKeyId, 'test:1');
  assert.deepStrictEqual(identity.chain.map((l) => l.depth), [2, 1]);

  const refused = cli(['verify', fresh, '--key', keys.publicKey, '--json', '--cluster', 'eu']);
  assert.equal(refused.code, 1);
  assert.equal(refused.stderr, '');
  const error = JSON.parse(refused.stdout);
  assert.equal(error.valid, false);
  assert.deepStrictEqual(
    { name: error.error.name, code: error.error.code, claim: error.error.claim, path: error.error.path },
    { name: 'TokenClaimError', code: 'ERR_TOKEN_CLAIM', claim: 'cluster', path: 'cluster' },
  );
  const expired = JSON.parse(cli(['verify', fresh, '--key', keys.publicKey, '--json', '--now', '2099-01-01']).stdout);
  assert.equal(expired.error.code, 'ERR_TOKEN_EXPIRED');
  assert.equal(expired.error.now, '2099-01-01T00:00:00Z');
  assert.match(expired.error.expiredAt, /^\d{4}-\d\d-\d\dT/);
  const badKey = JSON.parse(cli(['verify', fresh, '--key', 'nope', '--json']).stdout);
  assert.equal(badKey.error.code, 'ERR_KEY');
  assert.match(badKey.error.message, /^--key: /);
  // A usage error is still the command line's: text on stderr, exit 2.
  const usage = cli(['verify', fresh, '--json']);
  assert.equal(usage.code, 2);
  assert.equal(usage.stdout, '');
});

test('verify reads the root keys from REPL_PUBKEYS when no key is given, as in a repl', () => {
  const env = { REPL_PUBKEYS: JSON.stringify(VECTORS.publicKeys) };
  const r = cli(['verify', vector('identity, 1 certificate (PASERK key)'), '--audience', 'repl-a', ...NOW], { env });
  assert.equal(r.code, 0, r.stderr);
  const minted = cli(['verify', vector('ReplToken through a certificate'), ...NOW], { env });
  assert.equal(minted.code, 0, minted.stderr);
  const other = cli(['verify', fresh], { env });
  assert.equal(other.code, 1);
  const missing = cli(['verify', fresh]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--key <public key> is required \(or --keys <REPL_PUBKEYS JSON>, or REPL_PUBKEYS in the environment\)/);
  const rootSigned = vector('ReplToken signed by the root key');
  const broken = cli(['verify', rootSigned, ...NOW], { env: { REPL_PUBKEYS: '{"test:1": "abc"}' } });
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /^KeyError: REPL_PUBKEYS\["test:1"\]: .*expected 32 bytes/);
  const notJson = cli(['verify', rootSigned, ...NOW], { env: { REPL_PUBKEYS: 'k2.public.secret-looking-text' } });
  assert.equal(notJson.code, 1);
  assert.equal(notJson.stderr, 'goval-token: REPL_PUBKEYS holds no JSON object (29 characters): a repl\'s holds {"key id": "base64 key", …}\n');
});

test('verify: Ghostwriter tokens are told apart by their body and need GHOSTWRITER, as replit-py', () => {
  const run = (name, ...args) => cli(['verify', vector(name), '--keys', JSON.stringify(VECTORS.publicKeys), ...NOW, ...args]);
  const ok = run('Ghostwriter token through a GHOSTWRITER certificate');
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^valid\nGhostwriter token for repl repl-a, 1 certificate from root key test:1\n$/);
  assert.equal(JSON.parse(run('Ghostwriter token', '--json').stdout).messageType, 'GovalToken');
  const noFlag = run('Ghostwriter token through a certificate without GHOSTWRITER');
  assert.equal(noFlag.code, 1);
  assert.match(noFlag.stderr, /GHOSTWRITER/);
  assert.equal(run('Ghostwriter token for a repl its certificate does not cover').code, 1);
  assert.equal(run('Ghostwriter token', '--repl-id', 'repl-b').code, 1);
  assert.equal(run('Ghostwriter token', '--cluster', 'global').code, 2);
});

test('identity create: a token for another repl from this repl\'s environment; refusals when there is none', () => {
  const env = {
    REPL_IDENTITY: vector('identity, 1 certificate (PASERK key)'),
    REPL_IDENTITY_KEY: VECTORS.identityKey,
    REPL_ID: 'repl-a',
    REPL_PUBKEYS: JSON.stringify(VECTORS.publicKeys),
  };
  const r = cli(['identity', 'create', '--audience', 'repl-b', ...NOW], { env });
  assert.equal(r.code, 0, r.stderr);
  const token = r.stdout.trim();
  const verified = cli(['verify', token, '--audience', 'repl-b', '--json', ...NOW], { env });
  assert.equal(verified.code, 0, verified.stderr);
  assert.equal(JSON.parse(verified.stdout).message.aud, 'repl-b');
  assert.equal(cli(['verify', token, '--audience', 'repl-c', ...NOW], { env }).code, 1);

  const none = cli(['identity', 'create', '--audience', 'repl-b', ...NOW], { env: { REPL_ID: 'repl-a' } });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /^GovalTokenError: .*REPL_IDENTITY/);
  assert.ok(!none.stderr.includes(VECTORS.identityKey.slice(10, 30)));
  const renewalMissing = cli(['identity', 'create', '--audience', 'repl-b', '--renewal', ...NOW], { env });
  assert.equal(renewalMissing.code, 1);
  assert.match(renewalMissing.stderr, /REPL_RENEWAL/);
  for (const args of [['identity'], ['identity', 'make'], ['identity', 'create'], ['identity', 'create', '--audience', 'a', '--audience', 'b']]) {
    const usage = cli(args, { env });
    assert.equal(usage.code, 2, args.join(' '));
    assert.match(usage.stderr, /Run "goval-token identity --help" for usage/);
  }
});
