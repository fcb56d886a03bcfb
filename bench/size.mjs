// The size report (`npm run size`, and part of `npm run bench`): raw, gzip -9 and brotli of
// the wasm, and of two browser apps bundled by esbuild (`--bundle --minify`, browser
// conditions) from the built package plus the wasm they fetch:
//   codec-only: imports encodeReplToken and decodeReplToken;
//   whole API:  imports everything (`import * as gt`).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

import { generate } from './generate.mjs';
import { breakdownLines, wasmBreakdown } from './wasm-breakdown.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = `${root}pkg/`;

/** Targets in bytes of gzip -9 (issue 19): bundle + wasm. */
export const SIZE_TARGETS = { codec: 14_000, whole: 35_000 };

function measure(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const sum = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

// The package's browser entry is one bundled file (scripts/build.mjs), so the breakdown by
// module comes from a second build of the same app over the per-module files pkg/ also ships
// (js/index.js read as if it were in pkg/, as the bundle was made from it).
const perModule = {
  name: 'per-module',
  setup(build) {
    build.onResolve({ filter: /^goval-token$/ }, () => ({ path: `${pkg}index.js`, namespace: 'per-module' }));
    build.onLoad({ filter: /.*/, namespace: 'per-module' }, () => ({
      contents: readFileSync(`${root}js/index.js`, 'utf8'),
      resolveDir: pkg,
      loader: 'js',
    }));
  },
};

async function bundle(source, name = 'app.js') {
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'goval-size-'));
  try {
    writeFileSync(join(dir, name), source);
    const options = {
      entryPoints: [join(dir, name)],
      nodePaths: [`${root}node_modules`],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      alias: { 'goval-token': `${pkg}index.js` },
      metafile: true,
      logLevel: 'silent',
    };
    const result = await esbuild.build(options);
    const bytes = Buffer.from(result.outputFiles[0].contents);
    // Minified bytes each module of the package contributes.
    const { alias, ...split } = options;
    const { metafile } = await esbuild.build({ ...split, plugins: [perModule] });
    const [output] = Object.values(metafile.outputs);
    bytes.modules = Object.entries(output.inputs)
      .map(([file, { bytesInOutput }]) => [file.replace(/^.*?pkg\//, '').replace(/^per-module:.*/, 'index.js'), bytesInOutput])
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
    bytes.modulesTotal = output.bytes;
    return bytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function sizeReport() {
  const wasm = measure(readFileSync(`${pkg}goval_token_bg.wasm`));
  const codecBundle = await bundle("import { encodeReplToken, decodeReplToken } from 'goval-token';\nwindow.app = { encodeReplToken, decodeReplToken };\n");
  const wholeBundle = await bundle("import * as gt from 'goval-token';\nwindow.app = gt;\n");
  const codecJs = measure(codecBundle);
  const wholeJs = measure(wholeBundle);
  // The runtimes a codec-only page would otherwise ship: the same two calls over code
  // generated from the same proto/ (bench/generate.mjs), bundled the same way.
  generate();
  const generated = `${root}bench/generated/`;
  const peers = {
    'protobufjs (static code)': measure(await bundle(`import { api } from ${JSON.stringify(`${generated}pbjs.mjs`)};\nwindow.app = { encode: (m) => api.ReplToken.encode(m).finish(), decode: (b) => api.ReplToken.decode(b) };\n`)),
    'protobuf-es': measure(await bundle(`import { fromBinary, toBinary, create } from '@bufbuild/protobuf';\nimport { ReplTokenSchema } from ${JSON.stringify(`${generated}es/api/repl_token_pb.js`)};\nwindow.app = { encode: (m) => toBinary(ReplTokenSchema, create(ReplTokenSchema, m)), decode: (b) => fromBinary(ReplTokenSchema, b) };\n`)),
  };
  return {
    peers,
    wasm,
    codec: { js: codecJs, total: sum(codecJs, wasm), modules: codecBundle.modules, modulesTotal: codecBundle.modulesTotal },
    whole: { js: wholeJs, total: sum(wholeJs, wasm), modules: wholeBundle.modules, modulesTotal: wholeBundle.modulesTotal },
    targets: SIZE_TARGETS,
  };
}

/** Which modules the two apps carry, minified bytes each (the largest of the whole API's). */
export function moduleLines(s, top = 14) {
  const lines = [`codec-only app by module (minified bytes; ${s.codec.modulesTotal} over the per-module files):`];
  for (const [file, n] of s.codec.modules) lines.push(`  ${String(n).padStart(7)}  ${file}`);
  lines.push(`whole-API app by module (minified bytes; the ${top} largest of ${s.whole.modules.length}):`);
  for (const [file, n] of s.whole.modules.slice(0, top)) lines.push(`  ${String(n).padStart(7)}  ${file}`);
  return lines;
}

export function sizeTable(s) {
  const row = (name, t) => `${name.padEnd(44)} ${String(t.raw).padStart(8)} ${String(t.gzip).padStart(8)} ${String(t.brotli).padStart(8)}`;
  return [
    `${'size (bytes)'.padEnd(44)} ${'raw'.padStart(8)} ${'gzip -9'.padStart(8)} ${'brotli'.padStart(8)}`,
    row('wasm', s.wasm),
    row('codec-only app: minified JS', s.codec.js),
    row('codec-only app: JS + wasm', s.codec.total),
    row('whole-API app: minified JS', s.whole.js),
    row('whole-API app: JS + wasm', s.whole.total),
    ...Object.entries(s.peers ?? {}).map(([name, m]) => row(`peer codec-only: ${name}`, m)),
  ].join('\n');
}

export function sizeTargets(s) {
  const line = (name, total, target) =>
    `${total.gzip <= target ? 'PASS' : 'MISS'}  ${name}: ${(total.gzip / 1000).toFixed(1)} KB gzip (target ≤ ${target / 1000} KB)`;
  return [line('codec-only browser app', s.codec.total, s.targets.codec), line('whole-API browser app', s.whole.total, s.targets.whole)];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await sizeReport();
  console.log(sizeTable(s));
  console.log(sizeTargets(s).join('\n'));
  console.log(moduleLines(s).join('\n'));
  console.log(breakdownLines(wasmBreakdown(`${pkg}goval_token_bg.wasm`)).join('\n'));
}
