// The built package resolves by its name through its package.json, as users import it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../../pkg', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'goval-token-import-'));
after(() => rmSync(project, { recursive: true, force: true }));

mkdirSync(join(project, 'node_modules'));
symlinkSync(pkg, join(project, 'node_modules', 'goval-token'), 'dir');
writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');

test("`import 'goval-token'` in Node loads the wasm and round-trips a token", () => {
  writeFileSync(
    join(project, 'main.mjs'),
    `import * as gt from 'goval-token';
const token = gt.createReplToken({ cluster: 'global', resourceLimits: { memory: 1n } });
const again = gt.decodeReplToken(gt.encodeReplToken(token));
console.log(JSON.stringify({ cluster: again.cluster, memory: String(again.resourceLimits.memory), exports: Object.keys(gt).sort() }));
`,
  );
  const output = JSON.parse(execFileSync(process.execPath, ['main.mjs'], { cwd: project, encoding: 'utf8' }));
  assert.equal(output.cluster, 'global');
  assert.equal(output.memory, '1');
  const messages = [
    'ReplToken', 'Repl', 'ResourceLimits', 'ReplID', 'ClassroomMetadata', 'Presenced', 'Timestamp', 'GovalSigningAuthority',
    // identity tokens and certificate chains (issue 13)
    'Org', 'CertificateClaim', 'GovalCert', 'GovalToken', 'GovalReplIdentity', 'BuildInfo',
    'ReplRuntimeInteractive', 'ReplRuntimeHosting', 'ReplRuntimeDeployment',
    // @replit/protocol 0.4.27 (issue 20)
    'Buckets', 'UserId', 'Feature', 'Boosted', 'Viktor', 'Notary', 'Pid2Binary', 'ExternalSecret',
  ];
  const expected = [
    ...messages.flatMap((m) => [`encode${m}`, `decode${m}`]),
    ...messages.flatMap((m) => [`${m[0].toLowerCase()}${m.slice(1)}ToJson`, `${m[0].toLowerCase()}${m.slice(1)}FromJson`]),
    'JsonError',
    'createReplToken',
    'timestampFromDate',
    'timestampToDate',
    'timestampNow',
    'GovalTokenError',
    'EncodeError',
    'DecodeError',
    'parseToken',
    'verifyToken',
    'signToken',
    'generateSigningKeyPair',
    'exportPublicKey',
    'exportSecretKey',
    'inspectToken',
    'formatToken',
    'installDevtoolsFormatters',
    'TokenError',
    'TokenFormatError',
    'TokenSignatureError',
    'TokenExpiredError',
    'TokenNotYetValidError',
    'TokenClaimError',
    'KeyError',
    'verifyGhostwriterToken',
    'verifyIdentityToken',
    'createIdentitySigner',
    'identitySignerFromEnv',
    'signCertificate',
    'signIdentityToken',
  ].sort();
  assert.deepStrictEqual(output.exports, expected);
});
