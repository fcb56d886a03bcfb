// The size report (issue 4): raw, gzip -9 and brotli (quality 11) of the shipped .wasm and
// JS, for the whole package (pkg/ as `npm run build` made it: everything a browser loads
// from pkg/index.js) and for the codec alone (a second wasm built without the `tokens`
// feature, into target/bench-size/, with the codec's JS). Checks the targets (reported,
// never a failure): codec ≤ 10 KB gzip, whole package ≤ 35 KB gzip (KB = 1000 bytes).
//
//   node bench/size.mjs [--json FILE] [--no-codec-build]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = `${root}pkg/`;
const variantTarget = `${root}target/bench-size`;
const variantOut = `${variantTarget}/codec/`;

export const TARGETS = { codec: 10_000, whole: 35_000 };
/** The codec alone: its wasm and wasm-bindgen glue, and the browser entry's JS less these. */
const NOT_CODEC_JS = ['goval_token.js', 'token.js', 'inspect.js', 'json.js'];

export function sizes(data) {
  return {
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }).length,
  };
}

/** The relative modules `file` imports (static `import … from` / `export … from` / `import '…'`). */
function relativeImports(dir, file) {
  const text = readFileSync(`${dir}${file}`, 'utf8');
  const found = new Set();
  for (const m of text.matchAll(/(?:^|[\s;])(?:import|export)\s*(?:[^'"`;]*?\sfrom\s*)?['"](\.\/[^'"]+)['"]/g)) {
    found.add(m[1].slice(2));
  }
  return [...found];
}

/** `entry` and every module it imports, transitively, within `dir`. */
function moduleGraph(dir, entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(`${dir}${file}`)) return;
    seen.add(file);
    for (const next of relativeImports(dir, file)) visit(next);
  };
  visit(entry);
  return [...seen];
}

/** esbuild, when installed: sizes of the JS minified, as an app's bundler would ship it. */
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  esbuild = undefined;
}

function minified(code) {
  return Buffer.from(esbuild.transformSync(code, { minify: true, format: 'esm', target: 'es2022' }).code);
}

function group(dir, files) {
  const rows = files.map((file) => ({ file, ...sizes(readFileSync(`${dir}${file}`)) }));
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const r of rows) for (const k of Object.keys(total)) total[k] += r[k];
  const result = { files: rows, total };
  // Info only: the same files with the JS minified (esbuild, per file).
  if (esbuild) {
    const min = { raw: 0, gzip: 0, brotli: 0 };
    for (const file of files) {
      const data = readFileSync(`${dir}${file}`);
      const s = sizes(file.endsWith('.js') ? minified(data.toString('utf8')) : data);
      for (const k of Object.keys(min)) min[k] += s[k];
    }
    result.minifiedTotal = min;
  }
  return result;
}

/** Builds the codec-only wasm (no `tokens` feature) the way `npm run build` builds pkg/. */
function buildCodecVariant(log) {
  const cargo = readFileSync(`${root}Cargo.toml`, 'utf8');
  if (!/^\s*tokens\s*=/m.test(cargo)) return { error: 'Cargo.toml has no `tokens` feature: cannot build the codec alone' };
  log('building the codec-only wasm (cargo --no-default-features, wasm-bindgen, wasm-opt -Oz)');
  const run = (cmd, args, env = {}) =>
    execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
  run('cargo', ['build', '--quiet', '--lib', '--release', '--target', 'wasm32-unknown-unknown', '--no-default-features'], {
    CARGO_TARGET_DIR: variantTarget,
  });
  mkdirSync(variantOut, { recursive: true });
  run('wasm-bindgen', [
    '--target', 'web', '--out-dir', variantOut, '--out-name', 'goval_token',
    `${variantTarget}/wasm32-unknown-unknown/release/goval_token.wasm`,
  ]);
  const wasm = `${variantOut}goval_token_bg.wasm`;
  run(`${root}node_modules/.bin/wasm-opt`, [wasm, '-Oz', '--strip-debug', '--strip-producers', '-o', wasm]);
  return {};
}

export function sizeReport({ buildCodec = true, log = () => {} } = {}) {
  if (!existsSync(`${pkg}goval_token_bg.wasm`)) throw new Error('pkg/ is not built: run `npm run build`');
  const browserFiles = [...moduleGraph(pkg, 'index.js'), 'goval_token_bg.wasm'];
  const whole = group(pkg, browserFiles);
  const shippedJs = readdirSync(pkg).filter((f) => f.endsWith('.js'));
  const notInBrowser = group(pkg, shippedJs.filter((f) => !browserFiles.includes(f)));

  let codec;
  const built = buildCodec ? buildCodecVariant(log) : { error: 'skipped (--no-codec-build)' };
  if (built.error || !existsSync(`${variantOut}goval_token_bg.wasm`)) {
    codec = { error: built.error ?? 'the codec-only build is missing' };
  } else {
    const glue = group(variantOut, ['goval_token_bg.wasm', 'goval_token.js']);
    const js = group(pkg, moduleGraph(pkg, 'index.js').filter((f) => !NOT_CODEC_JS.includes(f)));
    const add = (a, b) => a && b && { raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli };
    codec = {
      files: [...glue.files.map((f) => ({ ...f, file: `codec build: ${f.file}` })), ...js.files],
      total: add(glue.total, js.total),
      minifiedTotal: add(glue.minifiedTotal, js.minifiedTotal),
      wasmAndGlue: glue.total,
    };
  }
  return {
    whole,
    codec,
    notInBrowser,
    targets: TARGETS,
    notes: [
      'whole = pkg/index.js and every module it imports, plus goval_token_bg.wasm (what a browser loads); totals sum per-file sizes',
      'codec = the no-default-features wasm and its wasm-bindgen glue (target/bench-size/codec/) + the JS modules of ' +
        `pkg/index.js except ${NOT_CODEC_JS.slice(1).join(', ')} (tokens, inspector, proto3 JSON)`,
      'gzip = zlib level 9; brotli = quality 11; KB = 1000 bytes; targets are checked on the shipped (unminified) files',
      'minifiedTotal (info) = the same files with each JS file minified by esbuild, as an app bundler would ship them',
    ],
  };
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

export function sizeTable(report) {
  const lines = [];
  const block = (title, g) => {
    const rows = [[title, 'raw', 'gzip', 'brotli']];
    for (const f of g.files) rows.push([f.file, String(f.raw), String(f.gzip), String(f.brotli)]);
    rows.push(['total', String(g.total.raw), String(g.total.gzip), String(g.total.brotli)]);
    if (g.minifiedTotal) {
      const m = g.minifiedTotal;
      rows.push(['total, JS minified (esbuild)', String(m.raw), String(m.gzip), String(m.brotli)]);
    }
    const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const [j, r] of rows.entries()) {
      lines.push(r.map((c, i) => (i ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  '));
      if (j === 0 || j === rows.length - (g.minifiedTotal ? 3 : 2)) lines.push(w.map((n) => '-'.repeat(n)).join('  '));
    }
    lines.push('');
  };
  block('whole package (browser entry)', report.whole);
  if (report.codec.error) lines.push(`codec alone: ${report.codec.error}`, '');
  else block('codec alone', report.codec);
  lines.push(...sizeTargets(report));
  return lines.join('\n');
}

export function sizeTargets(report) {
  const lines = [];
  if (report.codec.error) {
    lines.push(`----  codec alone: not measured (${report.codec.error})`);
  } else {
    const c = report.codec.total.gzip;
    lines.push(
      `${c <= TARGETS.codec ? 'PASS' : 'MISS'}  codec alone (wasm + glue + codec JS): ${kb(c)} gzip (target ≤ ${kb(TARGETS.codec)}; ` +
        `wasm + wasm-bindgen glue only: ${kb(report.codec.wasmAndGlue.gzip)}` +
        `${report.codec.minifiedTotal ? `; JS minified: ${kb(report.codec.minifiedTotal.gzip)}` : ''})`,
    );
  }
  const w = report.whole.total.gzip;
  const wm = report.whole.minifiedTotal;
  lines.push(
    `${w <= TARGETS.whole ? 'PASS' : 'MISS'}  whole package: ${kb(w)} gzip (target ≤ ${kb(TARGETS.whole)}` +
      `${wm ? `; JS minified: ${kb(wm.gzip)}` : ''})`,
  );
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const report = sizeReport({ buildCodec: !args.includes('--no-codec-build'), log: (m) => process.stderr.write(`size: ${m}\n`) });
  const jsonAt = args.indexOf('--json');
  if (jsonAt >= 0) writeFileSync(args[jsonAt + 1], JSON.stringify(report, null, 2));
  else console.log(sizeTable(report));
}
