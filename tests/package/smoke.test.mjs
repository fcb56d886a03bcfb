// Smoke tests of the published package: `npm pack` pkg/, install the tarball into fresh
// projects (offline: it has no dependencies) and use it the ways users do — `import` and
// `require` in Node, a page bundled by Vite and by esbuild in headless Chromium, strict `tsc`
// under each module resolution, the `goval-token` command — then lint it with publint and
// @arethetypeswrong/cli. Tools (vite, esbuild, tsc, …) run from the repo's node_modules.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { launch, serve } from '../browser/chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = join(root, 'pkg');
const bin = (name) => join(root, 'node_modules', '.bin', name);

// The child npm must not inherit `npm test`'s npm_* settings (prefix, lifecycle, …).
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)),
);
Object.assign(env, { npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });

const run = (cmd, args, cwd) => {
  try {
    return execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${error.status}):\n${error.stdout}\n${error.stderr}`);
  }
};

const work = mkdtempSync(join(tmpdir(), 'goval-token-smoke-'));
after(() => rmSync(work, { recursive: true, force: true }));
let tarball;

/** A fresh project with the tarball installed and the given files written. */
function project(name, files, manifest = {}) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, ...manifest }, null, 2));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

before(() => {
  assert.ok(existsSync(join(pkg, 'package.json')), 'build the package first (npm run build)');
  const [packed] = JSON.parse(run('npm', ['pack', pkg, '--pack-destination', work, '--json', '--loglevel=error'], work));
  tarball = join(work, packed.filename);
  assert.equal(packed.name, 'goval-token');
  // What the lint tests look at: the tarball's contents, as the registry would have them.
  run('tar', ['-xzf', tarball, '-C', work], work);
});
const unpacked = join(work, 'package');

// The same script for `import` and `require`: a round trip, a signed and verified token, the
// typed errors, and the export list.
// (The token functions are async; CommonJS has no top-level await, hence the function.)
const usage = (load) => `${load}
(async () => {
const token = gt.createReplToken({ cluster: 'global', resourceLimits: { memory: 2n ** 31n } });
const again = gt.decodeReplToken(gt.encodeReplToken(token));
const keys = await gt.generateSigningKeyPair();
const verified = await gt.verifyToken(await gt.signToken(token, keys.secretKey), keys.publicKey);
let error;
try { gt.encodeReplToken({ presenced: { bearerId: 1 } }); } catch (e) { error = e; }
console.log(JSON.stringify({
  cluster: again.cluster,
  memory: String(again.resourceLimits.memory),
  verified: verified.message.cluster,
  salt: verified.message.salt === token.salt,
  error: [error.name, error.path, error instanceof gt.EncodeError, error instanceof gt.GovalTokenError, error instanceof Error],
  exports: Object.keys(gt).sort(),
}));
})();
`;
const expectedUsage = {
  cluster: 'global',
  memory: '2147483648',
  verified: 'global',
  salt: true,
  error: ['EncodeError', 'presenced.bearerId', true, true, true],
};

describe('Node', () => {
  let esmExports;

  test("ESM: `import * as gt from 'goval-token'` loads the wasm and works", () => {
    const dir = project('node-esm', { 'main.js': usage("import * as gt from 'goval-token';") }, { type: 'module' });
    const { exports, ...result } = JSON.parse(run(process.execPath, ['main.js'], dir));
    assert.deepStrictEqual(result, expectedUsage);
    assert.ok(exports.length > 40 && exports.includes('inspectToken'), exports.join());
    esmExports = exports;
    // A default import is not offered; the resolved file is the Node ES module entry.
    const resolved = run(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('goval-token'))"], dir);
    assert.match(resolved.trim(), /node_modules\/goval-token\/node\.js$/);
  });

  test("CJS: `require('goval-token')` returns the same API synchronously", () => {
    const dir = project('node-cjs', { 'main.js': usage("const gt = require('goval-token');") }, { type: 'commonjs' });
    const { exports, ...result } = JSON.parse(run(process.execPath, ['main.js'], dir));
    assert.deepStrictEqual(result, expectedUsage);
    assert.deepStrictEqual(exports, esmExports);
    const resolved = run(process.execPath, ['-p', "require.resolve('goval-token')"], dir);
    assert.match(resolved.trim(), /node_modules\/goval-token\/node\.cjs$/);
    // The manifest is exported too.
    assert.equal(run(process.execPath, ['-p', "require('goval-token/package.json').version"], dir).trim(), '0.1.0');
  });

  test('the goval-token command is installed and runs', () => {
    const dir = project('cli', {});
    const keys = JSON.parse(run(join(dir, 'node_modules', '.bin', 'goval-token'), ['keygen', '--json'], dir));
    assert.match(keys.publicKey, /^k2\.public\./);
    assert.match(keys.secretKey, /^k2\.secret\./);
  });
});

describe('browser bundles in headless Chromium', () => {
  let browser;
  const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>goval-token smoke</title></head>
<body><script type="module" src="./main.js"></script></body></html>
`;
  const main = `import * as gt from 'goval-token';
try {
  ${usage('').replace('console.log(JSON.stringify(', 'window.result = (').replace('}));\n})();\n', '});\n})().catch((e) => { window.result = { failed: String(e) }; });\n')}
} catch (e) {
  window.result = { failed: String(e) };
}
`;

  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  /** Serves `dist` at the site's root, opens its index.html and checks what the page did. */
  async function open(dist) {
    const server = await serve(dist);
    const tab = await browser.newPage();
    const requests = [];
    tab.on('request', (r) => requests.push(r.url()));
    const errors = [];
    const wasm = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    tab.on('response', (r) => {
      if (r.url().endsWith('.wasm')) wasm.push([r.status(), r.headers()['content-type']]);
    });
    await tab.goto(`${server.url}/index.html`);
    await tab.waitForFunction(() => window.result, null, { timeout: 15000 });
    const { exports, ...result } = await tab.evaluate(() => window.result);
    await tab.close();
    await server.close();
    for (const url of requests) assert.ok(url.startsWith(server.url), url);
    assert.deepStrictEqual(errors, []);
    assert.deepStrictEqual(result, expectedUsage);
    assert.ok(exports.includes('verifyToken'));
    assert.deepStrictEqual(wasm, [[200, 'application/wasm']]);
  }

  test('Vite: `vite build` with no configuration emits the wasm and the page runs', async () => {
    const dir = project('vite', { 'index.html': page, 'main.js': main }, { type: 'module' });
    run(bin('vite'), ['build', '--logLevel', 'warn'], dir);
    await open(join(dir, 'dist'));
  });

  test('esbuild: `--bundle --format=esm` plus the .wasm copied next to the bundle', async () => {
    const dir = project('esbuild', { 'src/main.js': main, 'dist/index.html': page }, { type: 'module' });
    run(bin('esbuild'), ['src/main.js', '--bundle', '--format=esm', '--outfile=dist/main.js', '--log-level=warning'], dir);
    copyFileSync(join(dir, 'node_modules/goval-token/goval_token_bg.wasm'), join(dir, 'dist/goval_token_bg.wasm'));
    await open(join(dir, 'dist'));
  });
});

describe('TypeScript (strict, no DOM lib, skipLibCheck off)', () => {
  const strict = {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    lib: ['ES2022'],
    types: [],
    skipLibCheck: false,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
  };
  const esm = `import {
  createReplToken, decodeReplToken, encodeReplToken, replTokenToJson, signToken, verifyToken,
  generateSigningKeyPair, inspectToken, DecodeError, GovalTokenError, TokenExpiredError,
  type ReplToken, type ParsedToken, type Timestamp,
} from 'goval-token';

const token: ReplToken = decodeReplToken(encodeReplToken(createReplToken({ cluster: 'global' })));
const memory: bigint | undefined = token.resourceLimits?.memory;
const iat: Timestamp | undefined = token.iat;
const keys = await generateSigningKeyPair();
const parsed: ParsedToken = await verifyToken(await signToken(token, keys.secretKey), keys.publicKey);
const json = JSON.stringify(replTokenToJson(parsed.message));
let caught: [number | undefined, string] | string | undefined;
try {
  decodeReplToken(new Uint8Array([0xff]));
} catch (e) {
  if (e instanceof DecodeError) caught = [e.offset, e.path];
  else if (e instanceof TokenExpiredError || e instanceof GovalTokenError) caught = e.name;
}
export { memory, iat, json, caught, inspectToken };
`;
  const cjs = `import gt = require('goval-token');
import type { ReplToken } from 'goval-token';

const token: ReplToken = gt.decodeReplToken(gt.encodeReplToken(gt.createReplToken({ cluster: 'global' })));
const error: typeof gt.EncodeError = gt.EncodeError;
export = { token, error };
`;

  test('moduleResolution node16/nodenext: an ES module (.mts) and a CommonJS module (.cts)', () => {
    const options = { ...strict, module: 'NodeNext', moduleResolution: 'NodeNext' };
    const dir = project('ts-nodenext', {
      'esm.mts': esm,
      'cjs.cts': cjs,
      'tsconfig.json': JSON.stringify({ compilerOptions: options, files: ['esm.mts', 'cjs.cts'] }),
    });
    run(bin('tsc'), ['-p', '.'], dir);
    run(bin('tsc'), ['-p', '.', '--module', 'Node16', '--moduleResolution', 'Node16'], dir);
  });

  test('moduleResolution bundler', () => {
    const options = { ...strict, module: 'ESNext', moduleResolution: 'Bundler' };
    const dir = project('ts-bundler', {
      'main.ts': esm,
      'tsconfig.json': JSON.stringify({ compilerOptions: options, files: ['main.ts'] }),
    }, { type: 'module' });
    run(bin('tsc'), ['-p', '.'], dir);
  });
});

describe('package lint', () => {
  test('publint --strict finds nothing', () => {
    const output = run(bin('publint'), ['--strict', '--pack', 'false', unpacked], root);
    assert.match(output, /All good/);
  });

  test('@arethetypeswrong/cli finds no problem under node10, node16 (CJS and ESM) and bundler', () => {
    const output = run(bin('attw'), [tarball, '--format', 'json'], root);
    const { analysis, problems } = JSON.parse(output);
    assert.deepStrictEqual(analysis.problems, []);
    assert.deepStrictEqual(problems, {});
    const types = Object.fromEntries(
      Object.entries(analysis.entrypoints['.'].resolutions).map(([kind, r]) => [kind, r.resolution?.fileName]),
    );
    assert.deepStrictEqual(types, {
      node10: '/node_modules/goval-token/index.d.ts',
      'node16-cjs': '/node_modules/goval-token/index.d.cts',
      'node16-esm': '/node_modules/goval-token/index.d.ts',
      bundler: '/node_modules/goval-token/index.d.ts',
    });
  });

  test('the tarball holds the entries, the declarations, the wasm and the docs', () => {
    const files = run('tar', ['-tzf', tarball], work).trim().split('\n').map((f) => f.replace(/^package\//, ''));
    for (const file of [
      'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'index.js', 'node.js', 'node.cjs', 'cli/cli.js',
      'index.d.ts', 'index.d.cts', 'gen/api.d.ts', 'gen/api.d.cts', 'gen/api.js', 'gen/codec.js', 'goval_token_bg.wasm',
      'goval_token.js', // wasm-bindgen's glue (wasm-pack), which index.js and node.js load the wasm with
      'www/index.html', 'www/app.js', // the inspector, for `goval-token ui`
    ]) {
      assert.ok(files.includes(file), `${file} missing from ${files.join(', ')}`);
    }
    for (const file of files) assert.match(file, /^(LICENSE|((lib|gen|codec|crypto|token|chain|report|cli)\/)?[\w.-]+\.(js|cjs|d\.ts|d\.cts|wasm|md|json|js\.map|cjs\.map)|www\/[\w-]+\.(html|js|css))$/, file);
    const readme = readFileSync(join(unpacked, 'README.md'), 'utf8');
    assert.match(readme, /^# goval-token\n/, 'the package README starts at its title, without the contributor commands');
    assert.ok(!readme.includes('scripts/setup.sh &&'));
  });

  test('what only Node loads ships readable; what browsers load is minified, with source maps', () => {
    const files = run('tar', ['-tzf', tarball], work).trim().split('\n').map((f) => f.replace(/^package\//, ''));
    const longestLine = (file) => Math.max(...readFileSync(join(unpacked, file), 'utf8').split('\n').map((l) => l.length));
    for (const file of ['node.cjs', 'node.js', 'cli/cli.js', 'cli/server.js', 'crypto/ed25519-node.js']) {
      assert.ok(longestLine(file) < 500, `${file} has a line of ${longestLine(file)} characters`);
      assert.ok(!files.includes(`${file}.map`), `${file} needs no source map`);
    }
    for (const file of ['index.js', 'goval_token.js', 'api.js', 'codec/boundary.js', 'codec/walk.js']) {
      assert.match(readFileSync(join(unpacked, file), 'utf8'), /\/\/# sourceMappingURL=[\w.-]+\.js\.map\n$/, file);
      assert.ok(files.includes(`${file}.map`), `${file}.map missing`);
    }
  });
});
