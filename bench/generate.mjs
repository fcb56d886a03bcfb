// Generates the competitors' code from proto/ into bench/generated/ (offline, about a second):
//   bench/generated/pbjs.mjs         protobufjs static code: `pbjs -t static-module -w esm`
//   bench/generated/es/api/*_pb.js   @bufbuild/protobuf code: `buf generate` with protoc-gen-es
// Skipped when the outputs are newer than every .proto (pass --force to regenerate).
//
//   node bench/generate.mjs [--force]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/generated/`;
const bin = (name) => `${root}node_modules/.bin/${name}`;
const protos = readdirSync(`${root}proto/api`)
  .filter((f) => f.endsWith('.proto'))
  .map((f) => `${root}proto/api/${f}`);
const outputs = [`${out}pbjs.mjs`, `${out}es/api/repl_token_pb.js`, `${out}es/api/signing_pb.js`];

export function generate({ force = false } = {}) {
  const newest = Math.max(...protos.map((f) => statSync(f).mtimeMs), statSync(fileURLToPath(import.meta.url)).mtimeMs);
  if (!force && outputs.every((f) => existsSync(f) && statSync(f).mtimeMs >= newest)) return false;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(`${out}es`, { recursive: true });
  writeFileSync(`${out}.gitignore`, '*\n');
  // protobufjs: ES module static code. It imports "protobufjs/minimal.js", which Node resolves
  // from node_modules and the benchmark page maps to the UMD build (bench/page.html).
  execFileSync(process.execPath, [
    bin('pbjs'), '-t', 'static-module', '-w', 'esm', '--no-comments', '--no-verify', '--no-delimited',
    // -p: imports in proto/ are relative to proto/ (signing.proto imports api/repl_token.proto).
    '--no-typeurl', '-p', `${root}proto`, '-o', `${out}pbjs.mjs`, ...protos,
  ], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  // protobuf-es: buf compiles proto/ and runs the local protoc-gen-es plugin.
  const template = JSON.stringify({
    version: 'v2',
    plugins: [{ local: bin('protoc-gen-es'), out: `${out}es`, opt: ['target=js', 'import_extension=js'] }],
  });
  execFileSync(bin('buf'), ['generate', `${root}proto`, '--template', template], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const made = generate({ force: process.argv.includes('--force') });
  console.log(made ? 'generated bench/generated/' : 'bench/generated/ is up to date');
}
