// `npm run bench`: builds pkg/ if it is older than its sources, generates the competitors'
// code, runs the benchmark in Node and in headless Chromium, makes the size report, prints
// it all with PASS/MISS lines for the targets of issues 11 and 12, and writes bench/results.json and
// bench/results.md. A missed target is reported, never an error (exit 0).
//
//   node bench/run.mjs [--quick] [--only node,chromium,size,tokens,startup] [--build | --no-build]
//   npm run size  =  node bench/run.mjs --only size
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { generate } from './generate.mjs';
import { sizeReport, sizeTable, sizeTargets } from './size.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const ALL_PARTS = ['node', 'chromium', 'size', 'tokens', 'startup'];
const parts = new Set(onlyAt >= 0 ? args[onlyAt + 1].split(',') : ALL_PARTS);
const log = (m) => process.stderr.write(`bench: ${m}\n`);

/** Newest modification time under `path` (a file or a directory tree). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))));
}

function buildIfNeeded() {
  if (args.includes('--no-build')) return;
  const built = existsSync(`${root}pkg/goval_token_bg.wasm`) ? statSync(`${root}pkg/goval_token_bg.wasm`).mtimeMs : 0;
  const sources = Math.max(...['src', 'js', 'proto', 'build', 'Cargo.toml', 'Cargo.lock'].map((p) => newest(`${root}${p}`)));
  if (!args.includes('--build') && built >= sources) return;
  log('building pkg/ (npm run build)');
  execFileSync(process.execPath, [`${root}scripts/build.mjs`], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Runs one benchmark script in its own Node process and returns its JSON. */
function runScript(script) {
  const dir = mkdtempSync(join(tmpdir(), 'goval-bench-'));
  try {
    const out = join(dir, 'out.json');
    execFileSync(process.execPath, [`${root}bench/${script}`, '--json', out, ...(quick ? ['--quick'] : [])], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function gitDescribe() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'js', 'Cargo.toml'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty ? `${commit} + uncommitted changes in src/ js/ Cargo.toml` : commit;
  } catch {
    return 'unknown';
  }
}

/** One line on the Chromium instantiate times. */
function instantiateLine(i) {
  const f = (ms) => `${ms.toFixed(1)} ms`;
  return (
    `Chromium instantiate, median of ${i.loads} fresh loads: instantiateStreaming ${f(i.streaming.instantiateMs)} ` +
    `(fetch + compile + instantiate), from bytes ${f(i.bytes.instantiateMs)}; then our setup ${f(i.streaming.setupMs)}; ` +
    `the whole import of pkg/index.js from a local server ${f(i.streaming.importMs)}`
  );
}

/** The Markdown summary (bench/results.md), short enough to paste into the README. */
function markdown(results) {
  const lines = [`Measured ${results.date} on ${results.machine} (${results.commit}).`, ''];
  const runtimes = [results.node, results.chromium].filter(Boolean);
  if (runtimes.length) {
    lines.push(`| runtime | operation | ${MAIN.join(' | ')} | goval-token ÷ protobufjs |`);
    lines.push(`|---|---|${MAIN.map(() => '--:').join('|')}|--:|`);
    for (const r of runtimes) {
      const name = r.runtime;
      for (const [op, impls] of Object.entries(r.results)) {
        const cells = MAIN.map((m) => (impls[m] ? fmtOps(impls[m].median) : ''));
        const ratio = impls['goval-token']?.ratio;
        lines.push(`| ${name} | ${op} | ${cells.join(' | ')} | ${ratio === undefined ? 'not measured' : `${ratio.toFixed(2)}×`} |`);
      }
    }
    lines.push(
      '',
      'ops/s, median of the rounds; one process per runtime, all implementations side by side; ' +
        'the ratio is the median of the per-round ratios.',
      '',
    );
  }
  if (results.size) {
    lines.push('```', sizeTable(results.size), '```', '');
  }
  if (results.chromium?.instantiate) {
    lines.push(`${instantiateLine(results.chromium.instantiate)}.`, '');
  }
  if (results.startup) {
    lines.push(...results.startupLines.filter((l) => !/^(PASS|MISS)/.test(l)).map((l) => `${l}.`), '');
  }
  lines.push('Targets:', '', ...results.targets.map((t) => `- ${t}`), '');
  return lines.join('\n');
}

buildIfNeeded();
generate();
// Only now: impls.mjs imports the code generate() writes (a fresh clone has none).
const { DESCRIPTIONS, MAIN } = await import('./impls.mjs');
const { fmtOps, speedTargets, table } = await import('./report.mjs');
const results = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  commit: gitDescribe(),
  quick,
  implementations: DESCRIPTIONS,
};
const targets = [];
if (parts.has('node')) {
  log('Node');
  results.node = runScript('node.mjs');
  console.log(`\n${table(results.node.results, results.node.runtime)}\n`);
  targets.push(...speedTargets(results.node.results, 'Node'));
}
if (parts.has('chromium')) {
  log('Chromium');
  results.chromium = runScript('browser.mjs');
  console.log(`\n${table(results.chromium.results, results.chromium.runtime)}`);
  console.log(`${instantiateLine(results.chromium.instantiate)}\n`);
  targets.push(...speedTargets(results.chromium.results, 'Chromium'));
}
if (parts.has('tokens')) {
  // Token verify/sign against paseto (Node) and a hand-written WebCrypto PASETO (Chromium).
  const { runTokenBench } = await import('./tokens.mjs');
  results.tokens = await runTokenBench({ quick, log });
  targets.push(...results.tokens.targets);
}
if (parts.has('tokens')) {
  // Hostile token text: the time grows linearly with whitespace runs (issue 17).
  const { runHostileBench } = await import('./hostile.mjs');
  results.hostile = await runHostileBench({ quick, log });
  console.log(`\n${results.hostile.table}\n`);
  targets.push(...results.hostile.targets);
}
if (parts.has('size')) {
  log('size');
  results.size = await sizeReport();
  console.log(`${sizeTable(results.size)}\n`);
  targets.push(...sizeTargets(results.size));
}
if (parts.has('startup')) {
  // Navigation or process start → first encode, side by side with protobufjs (issue 19).
  log('startup');
  const { runBrowserStartup, runNodeStartup, startupLines } = await import('./startup.mjs');
  const runs = quick ? 5 : 21;
  results.startup = { node: runNodeStartup({ runs }), chromium: await runBrowserStartup({ runs }) };
  const lines = startupLines(results.startup.node, results.startup.chromium);
  results.startupLines = lines;
  console.log(`${lines.filter((l) => !/^(PASS|MISS)/.test(l)).join('\n')}\n`);
  targets.push(...lines.filter((l) => /^(PASS|MISS)/.test(l)).map((l) => l.replace(/^(PASS|MISS) {2}/, '$1  ')));
}
results.targets = targets;
console.log(`Targets (issues 11, 12 and 19; reported, not enforced):\n${targets.join('\n')}`);
if (!quick && parts.size === ALL_PARTS.length) {
  writeFileSync(`${root}bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${root}bench/results.md`, markdown(results));
  log('wrote bench/results.json and bench/results.md');
} else {
  const file = `${root}bench/results.partial.json`;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log('wrote bench/results.partial.json (a --quick or --only run does not replace bench/results.json)');
}
