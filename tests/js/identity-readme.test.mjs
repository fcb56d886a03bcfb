// The README's identity example runs as written, with the environment a repl has (taken from
// the identity vectors), against the built package.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const VECTORS = JSON.parse(readFileSync(new URL('../oracle/identity/vectors.json', import.meta.url), 'utf8'));

test('the README example of "Identity tokens and certificate chains" signs and verifies', () => {
  const section = readme.slice(readme.indexOf('### Identity tokens and certificate chains'));
  const code = /```js\n([\s\S]*?)```/.exec(section)[1];
  const pkg = fileURLToPath(new URL('../../pkg/node.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'goval-token-readme-'));
  try {
    const file = join(dir, 'example.mjs');
    writeFileSync(file, code.replace("from 'goval-token'", `from ${JSON.stringify(pkg)}`));
    const env = {
      PATH: process.env.PATH,
      REPL_IDENTITY: VECTORS.cases.find((c) => c.name === 'identity, 2 certificates').token,
      REPL_IDENTITY_KEY: VECTORS.identityKeyIntermediate,
      REPL_ID: 'repl-a',
      REPL_PUBKEYS: JSON.stringify(VECTORS.publicKeys),
    };
    const r = spawnSync(process.execPath, [file], { env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^repl-a ada\n/);
    assert.match(r.stdout, /repl id "repl-a"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
