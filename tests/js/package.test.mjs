// The built package resolves by its name through its package.json, as users import it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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
    'Buckets', 'UserId', 'Feature', 'Boosted', 'Viktor', 'Notary', 'Pid2Binary', 'ExternalSecret', 'Duration',
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

// The browser entry is one bundled, minified file (scripts/build.mjs); bundlers must still drop
// what an app does not import. Its top level does nothing a bundler must keep (no calls, no
// `new`, no `2n ** n`: minifying drops `@__PURE__`), so an app of encode and decode carries
// no more of it than it would of the per-module files pkg/ also ships.
test('a bundler drops the unused parts of the bundled browser entry', async () => {
  const { build } = await import('esbuild');
  const app = join(project, 'shake.js');
  writeFileSync(app, "import { encodeReplToken, decodeReplToken } from 'goval-token';\nwindow.app = { encodeReplToken, decodeReplToken };\n");
  const options = { entryPoints: [app], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' };
  const bundled = (await build(options)).outputFiles[0].contents.length;
  const perModule = {
    name: 'per-module',
    setup(b) {
      b.onResolve({ filter: /^goval-token$/ }, () => ({ path: 'index.js', namespace: 'per-module' }));
      b.onLoad({ filter: /.*/, namespace: 'per-module' }, () => ({
        contents: readFileSync(new URL('../../js/index.js', import.meta.url), 'utf8'),
        resolveDir: pkg,
      }));
    },
  };
  const split = (await build({ ...options, plugins: [perModule] })).outputFiles[0].contents.length;
  assert.ok(bundled <= split * 1.01, `the codec-only app is ${bundled} bytes over index.js, ${split} over the per-module files`);
  // And it is a small part of the whole (no JSON descriptors, tokens, chains or reports).
  assert.ok(bundled < statSync(join(pkg, 'index.js')).size / 3, `${bundled} bytes`);
});

// The Node builds keep names (esbuild's keepNames), which names every named closure with an
// Object.defineProperty call each time it is made: inside the codec that cost is paid on every
// encode (it made encodeReplToken about 40% slower). The codec's per-call code makes none.
test('the Node entry names no closure on the codec path', () => {
  const text = readFileSync(join(pkg, 'node.js'), 'utf8');
  const found = [];
  let module = '';
  for (const line of text.split('\n')) {
    const marker = /^\/\/ pkg\/(\S+)$/.exec(line);
    if (marker) module = marker[1];
    else if (/^(codec\/(walk|json)|gen\/.*|lib\/.*)\.js$/.test(module) && /^\s+.*__name\((?!this,)/.test(line)) found.push(`${module}: ${line.trim().slice(0, 80)}`);
  }
  assert.ok(text.includes('// pkg/codec/walk.js'), 'node.js is the bundle, with its module markers');
  assert.deepStrictEqual(found, []);
});
