// signToken and signCertificate refuse what would be expired the moment it is signed (an
// unset iat counts as the UNIX epoch), unless the caller says so; the CLI likewise.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as gt from '../../pkg/node.js';

const CLI = fileURLToPath(new URL('../../pkg/cli/cli.js', import.meta.url));
const keys = await gt.generateSigningKeyPair();

async function refused(promise, path) {
  const error = await promise.then(() => assert.fail('expected a refusal'), (e) => e);
  assert.ok(error instanceof gt.EncodeError, `${error.name}: ${error.message}`);
  assert.equal(error.code, 'ERR_ENCODE');
  assert.equal(error.path, path);
  assert.match(error.message, /would be expired when signed/);
  assert.match(error.message, /allowExpired/);
  return error;
}

test('a ReplToken without iat is refused, naming createReplToken', async () => {
  const error = await refused(gt.signToken({ cluster: 'global' }, keys.secretKey), 'iat');
  assert.match(error.message, /iat is unset, so it counts as issued at the UNIX epoch/);
  assert.match(error.message, /createReplToken\(\)/);
});

test('a ReplToken whose exp has passed, or whose iat + 1 h has, is refused', async () => {
  const hourAgo = new Date(Date.now() - 3_600_000);
  await refused(gt.signToken({ iat: new Date(Date.now() - 7_200_000), exp: hourAgo }, keys.secretKey), 'exp');
  const error = await refused(gt.signToken({ iat: new Date(Date.now() - 3_700_000) }, keys.secretKey), 'exp');
  assert.match(error.message, /exp is unset, so it expired one hour after iat/);
});

test('what is valid now, or later, is signed; so is anything with allowExpired or now: false', async () => {
  const current = await gt.signToken(gt.createReplToken({ cluster: 'global' }), keys.secretKey);
  await gt.verifyToken(current, keys.publicKey);
  await gt.signToken({ iat: '2999-01-01T00:00:00Z' }, keys.secretKey);
  const old = await gt.signToken({ cluster: 'global' }, keys.secretKey, undefined, { allowExpired: true });
  assert.equal(gt.parseToken(old).message.cluster, 'global');
  await gt.signToken({}, keys.secretKey, undefined, { now: false });
  // `now` says when "already": a token valid in 2024 signs with now in 2024.
  await gt.signToken({ iat: '2024-01-01T00:00:00Z', exp: '2024-01-02T00:00:00Z' }, keys.secretKey, undefined, { now: '2024-01-01T12:00:00Z' });
});

test('the options are checked: own properties, allowExpired a boolean', async () => {
  await assert.rejects(gt.signToken({}, keys.secretKey, undefined, { allowExpired: 'yes' }), (e) => e.path === 'options.allowExpired');
  await assert.rejects(gt.signToken({}, keys.secretKey, undefined, { allowExpire: true }), (e) => e.code === 'ERR_INVALID_OPTION');
  Object.prototype.allowExpired = true;
  try {
    await refused(gt.signToken({}, keys.secretKey), 'iat');
  } finally {
    delete Object.prototype.allowExpired;
  }
});

test('a bad key is reported before the lifetime', async () => {
  await assert.rejects(gt.signToken({}, 'k2.secret.AAAA'), (e) => e.name === 'KeyError');
});

test('signCertificate refuses a certificate without iat, or expired', async () => {
  const authority = { cert: { case: 'keyId', value: 'dev:1' }, issuer: 'me' };
  const cert = { claims: [{ claim: { case: 'flag', value: 'IDENTITY' } }], publicKey: `k2.public.${Buffer.from(keys.publicKey).toString('base64url')}` };
  await refused(gt.signCertificate(cert, keys.secretKey, authority), 'iat');
  await refused(gt.signCertificate({ ...cert, iat: '2020-01-01T00:00:00Z', exp: '2021-01-01T00:00:00Z' }, keys.secretKey, authority), 'exp');
  await gt.signCertificate({ ...cert, iat: new Date(), exp: new Date(Date.now() + 86_400_000) }, keys.secretKey, authority);
  await gt.signCertificate(cert, keys.secretKey, authority, { allowExpired: true });
});

test('goval-token encode --sign refuses an expired token unless --allow-expired', () => {
  const keygen = spawnSync(process.execPath, [CLI, 'keygen'], { encoding: 'utf8' }).stdout;
  const key = /^secret key: +(k2\.secret\.\S+)$/m.exec(keygen)?.[1];
  assert.ok(key, keygen);
  const args = ['encode', '--sign', key, '{"cluster":"global"}'];
  const refusedRun = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  assert.equal(refusedRun.status, 1);
  assert.match(refusedRun.stderr, /^EncodeError: iat: the token would be expired when signed/);
  const signed = spawnSync(process.execPath, [CLI, ...args.slice(0, 3), '--allow-expired', args[3]], { encoding: 'utf8' });
  assert.equal(signed.status, 0, signed.stderr);
  assert.match(signed.stdout, /^v2\.public\./);
});
