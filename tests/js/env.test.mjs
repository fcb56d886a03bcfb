// identitySignerFromEnv: a repl's identity from its environment, as go-replidentity's
// CreateIdentityTokenSigningAuthority reads it (files first, then variables), over the vectors
// replit.identity made (tests/oracle/identity).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import * as gt from '../../pkg/node.js';
import VECTORS from '../oracle/identity/vectors.json' with { type: 'json' };

const NOW = VECTORS.now;
const byName = (name) => VECTORS.cases.find((c) => c.name === name);
const IDENTITY = byName('identity, 1 certificate (PASERK key)').token;
const RENEWAL = byName('RENEW_IDENTITY-only certificate signing an identity').token;
const ENV = {
  REPL_IDENTITY: IDENTITY,
  REPL_IDENTITY_KEY: VECTORS.identityKey,
  REPL_ID: 'repl-a',
  REPL_PUBKEYS: JSON.stringify(VECTORS.publicKeys),
};

async function noIdentity(options, pattern) {
  const error = await gt.identitySignerFromEnv({ files: false, now: NOW, ...options }).then(() => assert.fail('expected a refusal'), (e) => e);
  assert.equal(error.code, 'ERR_NO_IDENTITY', error.message);
  assert.match(error.message, pattern);
  assert.ok(!error.message.includes(VECTORS.identityKey.slice(10, 30)), 'no key text in the message');
}

test('the identity pair from the variables signs tokens another repl accepts', async () => {
  const signer = await gt.identitySignerFromEnv({ env: ENV, files: false, now: NOW });
  assert.deepStrictEqual(signer.flags, ['IDENTITY']);
  const token = await signer.sign('repl-b');
  const { identity } = await gt.verifyIdentityToken(token, { publicKeys: ENV.REPL_PUBKEYS, audience: 'repl-b', now: NOW });
  assert.equal(identity.replid, 'repl-a');
  assert.equal(identity.aud, 'repl-b');
});

test('the files come first, as go-replidentity reads them, then the variables', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'replidentity-'));
  try {
    const files = { token: join(dir, 'replidentity'), key: join(dir, 'replidentity.key') };
    writeFileSync(files.token, `${IDENTITY}\n`);
    writeFileSync(files.key, `${VECTORS.identityKey}\n`);
    const env = { ...ENV, REPL_IDENTITY: 'v2.public.not-this-one', REPL_IDENTITY_KEY: undefined };
    const signer = await gt.identitySignerFromEnv({ env, files, now: NOW });
    assert.equal(signer.identity.replid, 'repl-a');
    // A file that cannot be read falls back to its variable.
    rmSync(files.key);
    await noIdentity({ env, files }, /its key \(the file options\.files\.key or REPL_IDENTITY_KEY\)/);
    const fallback = await gt.identitySignerFromEnv({ env: { ...env, REPL_IDENTITY_KEY: VECTORS.identityKey }, files, now: NOW });
    assert.equal(fallback.identity.replid, 'repl-a');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('renewal: the REPL_RENEWAL pair, whose certificate holds RENEW_IDENTITY', async () => {
  const env = { ...ENV, REPL_IDENTITY: undefined, REPL_RENEWAL: RENEWAL, REPL_RENEWAL_KEY: VECTORS.identityKey };
  const signer = await gt.identitySignerFromEnv({ env, renewal: true, now: NOW });
  assert.ok(signer.flags.includes('RENEW_IDENTITY'));
  assert.ok(!signer.flags.includes('IDENTITY'));
  await noIdentity({ env: ENV, renewal: true }, /REPL_RENEWAL\b/);
});

test('each missing piece is named; not logged in is said so', async () => {
  await noIdentity({ env: { ...ENV, REPL_IDENTITY: undefined } }, /the identity token \(REPL_IDENTITY\)/);
  await noIdentity({ env: { ...ENV, REPL_IDENTITY_KEY: '  ' } }, /its key \(REPL_IDENTITY_KEY\)/);
  await noIdentity({ env: { ...ENV, REPL_ID: undefined } }, /REPL_ID/);
  await noIdentity({ env: { ...ENV, REPL_PUBKEYS: undefined } }, /REPL_PUBKEYS/);
  await noIdentity({ env: { ...ENV, REPL_OWNER: 'five-nine' } }, /not logged into Replit/);
});

test('what verification refuses is refused here too: another repl\'s token, a wrong key', async () => {
  await assert.rejects(gt.identitySignerFromEnv({ env: { ...ENV, REPL_ID: 'repl-b' }, files: false, now: NOW }), (e) => e.name === 'TokenClaimError');
  const other = await gt.generateSigningKeyPair();
  await assert.rejects(gt.identitySignerFromEnv({ env: { ...ENV, REPL_IDENTITY_KEY: Buffer.from(other.secretKey).toString('base64') }, files: false, now: NOW }), (e) => e.name === 'KeyError');
});

test('options are checked', async () => {
  await assert.rejects(gt.identitySignerFromEnv({ env: 'REPL_ID=x' }), (e) => e.path === 'options.env');
  await assert.rejects(gt.identitySignerFromEnv({ renewal: 'yes', env: ENV }), (e) => e.path === 'options.renewal');
  await assert.rejects(gt.identitySignerFromEnv({ enviroment: ENV }), (e) => e.code === 'ERR_INVALID_OPTION');
});
