// `npm run build`: the wasm (wasm-pack, then wasm-opt from npm's binaryen), the hand-written
// JS next to wasm-bindgen's glue, and the package.json of the `goval-token` npm package.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const pkg = `${root}pkg/`;
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run('wasm-pack', [
  'build', '--target', 'web', '--release', '--mode', 'no-install',
  '--out-dir', 'pkg', '--out-name', 'goval_token', '--no-pack',
]);
const wasm = `${pkg}goval_token_bg.wasm`;
run(`${root}node_modules/.bin/wasm-opt`, [wasm, '-Oz', '--strip-debug', '--strip-producers', '-o', wasm]);

for (const file of readdirSync(`${root}js`)) copyFileSync(`${root}js/${file}`, `${pkg}${file}`);
copyFileSync(`${root}README.md`, `${pkg}README.md`);

const crate = readFileSync(`${root}Cargo.toml`, 'utf8');
const version = /^version = "(.+)"$/m.exec(crate)[1];
const manifest = {
  name: 'goval-token',
  version,
  description: 'Encode, decode, inspect and verify Replit goval ReplTokens as plain JS objects, via WebAssembly',
  license: 'MIT',
  type: 'module',
  main: './node.js',
  bin: { 'goval-token': './cli.js' },
  module: './index.js',
  types: './index.d.ts',
  exports: {
    '.': {
      types: './index.d.ts',
      node: './node.js',
      default: './index.js',
    },
    './package.json': './package.json',
  },
  files: ['*.js', '*.d.ts', 'goval_token_bg.wasm', 'README.md'],
  sideEffects: ['./index.js', './node.js'],
  engines: { node: '>=20' },
  keywords: ['replit', 'goval', 'repl token', 'protobuf', 'paseto', 'wasm'],
};
writeFileSync(`${pkg}package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
// npm sets bin modes on install; a symlinked or copied pkg/ needs them already.
chmodSync(`${pkg}cli.js`, 0o755);

const size = (file) => statSync(`${pkg}${file}`).size;
const gz = (file) => gzipSync(readFileSync(`${pkg}${file}`), { level: 9 }).length;
for (const file of ['goval_token_bg.wasm', 'goval_token.js', 'codec.js']) {
  console.log(`${file}: ${size(file)} bytes, ${gz(file)} gzip`);
}
