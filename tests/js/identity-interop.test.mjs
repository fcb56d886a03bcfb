// Interop with Replit's Python library, both ways. Tokens replit.identity's SigningAuthority
// signed verify here (tests/js/identity.test.mjs, vectors "SigningAuthority.sign …"); here,
// tokens createIdentitySigner makes must verify with replit.identity.verify_identity_token.
// With python3 and the `replit` package installed the check runs live; without, the tokens
// must be byte-identical to the ones recorded with their Python verdicts in
// tests/oracle/identity/js-signed.json (Ed25519 signatures are deterministic).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import * as gt from '../../pkg/node.js';
import { RECORDED_PATH, pythonAvailable, pythonVerdicts, signedByUs } from '../oracle/identity/interop.mjs';

const RECORDED = JSON.parse(readFileSync(RECORDED_PATH, 'utf8'));
const live = pythonAvailable();

test('createIdentitySigner makes exactly the tokens replit.identity accepted when recorded', async () => {
  const tokens = await signedByUs(gt);
  assert.equal(tokens.length, RECORDED.tokens.length);
  tokens.forEach((t, i) => {
    assert.equal(t.name, RECORDED.tokens[i].name);
    assert.equal(t.token, RECORDED.tokens[i].token, `${t.name}: the token changed since Python checked it (rerun --record)`);
    assert.equal(RECORDED.tokens[i].python, 'accepted', t.name);
  });
});

test('replit.identity.verify_identity_token accepts createIdentitySigner tokens (live)', { skip: live ? false : 'python3 with replit and pyseto is not installed: the recorded verdicts are checked instead' }, async () => {
  const tokens = await signedByUs(gt);
  assert.deepStrictEqual(pythonVerdicts(tokens), tokens.map(() => 'accepted'));
  // The oracle can refuse: the same tokens for the wrong audience, and a forged signature.
  const wrong = tokens.map((t) => ({ ...t, audience: 'repl-z' }));
  const forged = tokens.map((t) => ({ ...t, token: t.token.replace(/^(v2\.public\.)(.)/, (_, h, c) => h + (c === 'Q' ? 'R' : 'Q')) }));
  for (const verdict of pythonVerdicts([...wrong, ...forged])) assert.match(verdict, /^refused/);
});
