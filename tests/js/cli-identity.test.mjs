// The command line's identity-token and chain additions (issue 13): `verify --keys
// --audience`, `verify --keys` for ReplTokens minted through a certificate, and the chain in
// `inspect`. Run over pkg/cli/cli.js with the vectors of tests/oracle/identity.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const cliPath = fileURLToPath(new URL('../../pkg/cli/cli.js', import.meta.url));
const VECTORS = JSON.parse(readFileSync(new URL('../oracle/identity/vectors.json', import.meta.url), 'utf8'));
const token = (name) => VECTORS.cases.find((c) => c.name === name).token;
const dir = mkdtempSync(join(tmpdir(), 'goval-token-identity-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const keysFile = join(dir, 'pubkeys.json');
writeFileSync(keysFile, JSON.stringify(VECTORS.publicKeys));
const NOW = ['--now', VECTORS.now];

function cli(args, input = '') {
  const r = spawnSync(process.execPath, [cliPath, ...args], { input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('verify --keys @file --audience: an identity token through 2 certificates is valid for its audience only', () => {
  const ok = cli(['verify', token('identity, 2 certificates'), '--keys', `@${keysFile}`, '--audience', 'repl-a', ...NOW]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^valid\nrepl repl-a, user ada, audience repl-a, runtime interactive, 2 certificates from root key test:1\n$/);
  const wrong = cli(['verify', token('identity, 2 certificates'), '--keys', `@${keysFile}`, '--audience', 'repl-b', ...NOW]);
  assert.equal(wrong.code, 1);
  // What the caller expected is described, never echoed (a swapped secret could be there).
  assert.match(wrong.stderr, /TokenClaimError: .*audience "repl-a", not the audience expected \(a string of 6 characters\)/);
});

test('verify --keys names the failing link; inline JSON works; stdin keeps the token out of argv', () => {
  const forged = cli(['verify', '-', '--keys', JSON.stringify(VECTORS.publicKeys), '--audience', 'repl-a', ...NOW], token('certificate body changed after signing'));
  assert.equal(forged.code, 1);
  assert.match(forged.stderr, /TokenSignatureError: .*certificate at depth 1 \(issuer "conman", signed by root key "test:1"\)/);
  const expired = cli(['verify', token('middle certificate expired'), '--keys', `@${keysFile}`, '--audience', 'repl-a', ...NOW]);
  assert.match(expired.stderr, /TokenExpiredError: .*certificate at depth 2/);
});

test('verify: an identity token without --audience, --key with --keys, --keys that are not JSON: usage errors', () => {
  assert.equal(cli(['verify', token('identity, 2 certificates'), '--keys', `@${keysFile}`, ...NOW]).code, 2);
  assert.equal(cli(['verify', token('identity, 2 certificates'), '--keys', `@${keysFile}`, '--key', 'x', '--audience', 'a']).code, 2);
  assert.equal(cli(['verify', token('identity, 2 certificates'), '--keys', 'k2.public.x', '--audience', 'a']).code, 2);
  assert.equal(cli(['verify', token('identity, 2 certificates'), '--keys', `@${keysFile}`, '--audience', 'a', '--cluster', 'c']).code, 2);
});

test('verify --keys: a ReplToken minted through a certificate, and one whose cluster the certificate does not cover', () => {
  const ok = cli(['verify', token('ReplToken through a certificate'), '--keys', `@${keysFile}`, ...NOW]);
  assert.equal(ok.code, 0, ok.stderr);
  const bad = cli(['verify', token('ReplToken cluster not covered'), '--keys', `@${keysFile}`, ...NOW]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /TokenClaimError: cluster: .*cluster "other" is not covered/);
});

test('inspect shows the chain link by link, root first, with claims in words', () => {
  const r = cli(['inspect', token('identity, 2 certificates'), '--keys', `@${keysFile}`, ...NOW]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Identity token\n {2}verdict: +VALID/);
  const depth2 = r.stdout.indexOf('Certificate at depth 2');
  const depth1 = r.stdout.indexOf('Certificate at depth 1 (signed the token)');
  assert.ok(depth2 > 0 && depth1 > depth2, r.stdout);
  assert.match(r.stdout, /signed by: +root key test:1/);
  assert.match(r.stdout, /claim: +flag SIGN_INTERMEDIATE_CERT \(may sign intermediate certificates\)/);
  assert.match(r.stdout, /claim: +repl id "repl-a"/);
  const json = JSON.parse(cli(['inspect', token('ReplToken through a certificate'), '--json', ...NOW]).stdout);
  assert.deepStrictEqual(json.chain[0].flags, ['MINT_GOVAL_TOKEN']);
  assert.equal(json.verdict, 'signature-not-checked');
});

test('decode reads an identity token as a GovalReplIdentity and a Ghostwriter token as a GovalToken', () => {
  const id = JSON.parse(cli(['decode', token('identity, 2 certificates'), '--json']).stdout);
  assert.equal(id.messageType, 'GovalReplIdentity');
  assert.equal(id.message.replid, 'repl-a');
  assert.deepStrictEqual(id.message.interactive, { cluster: 'global', subcluster: 'sub-1' });
  assert.equal(id.footer.version, 'TYPE_AWARE_TOKEN');
  const gw = JSON.parse(cli(['decode', token('Ghostwriter token'), '--json']).stdout);
  assert.equal(gw.messageType, 'GovalToken');
  assert.equal(gw.message.replIdentity.replid, 'repl-a');
});
