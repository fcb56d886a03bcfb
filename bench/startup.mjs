// Startup, side by side (issue 19): how long until the first ReplToken is encoded.
//   Node: a fresh process imports the package (pkg/node.js) and encodes one token, against
//     one that imports protobufjs's static code and does the same; `performance.now()` at the
//     end, so Node's own start is in both.
//   Chromium: navigation → first encode, each load in a fresh browser context (empty caches):
//     our codec-only app bundled by esbuild (plus the .wasm it fetches), protobufjs's static
//     code bundled the same way, the same bundle on a page that preloads the .wasm (one
//     <link> in its HTML, as the README advises), and our package with no bundler (an import
//     map to /pkg/index.js and a preload of the .wasm, as the README shows).
// Runs are interleaved (one of each per round) and reported as medians.
//
//   node bench/startup.mjs [--quick] [--json out.json]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { launch, serve } from '../tests/browser/chromium.mjs';
import { generate } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = `${root}target/startup/`;
const SAMPLE = "{ cluster: 'global', metadata: { case: 'repl', value: { id: 'repl-1', user: 'ada' } } }";
const PBJS_SAMPLE = "{ cluster: 'global', repl: { id: 'repl-1', user: 'ada' } }";

export const STARTUP_TARGETS = { bundled: 1.1, noBundler: 1.3, node: 1.2 };

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---------------------------------------------------------------- Node

const NODE_PROGRAMS = {
  'goval-token': `const { encodeReplToken } = await import(${JSON.stringify(`${root}pkg/node.js`)});
encodeReplToken(${SAMPLE});`,
  protobufjs: `const { api } = await import(${JSON.stringify(`${root}bench/generated/pbjs.mjs`)});
api.ReplToken.encode(${PBJS_SAMPLE}).finish();`,
};

function nodeRun(program) {
  const code = `${program}\nprocess.stdout.write(String(performance.now()));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }));
}

export function runNodeStartup({ runs = 15 } = {}) {
  const samples = Object.fromEntries(Object.keys(NODE_PROGRAMS).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [name, program] of Object.entries(NODE_PROGRAMS)) samples[name].push(nodeRun(program));
  const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  return { runs, medians, ratio: medians['goval-token'] / medians.protobufjs };
}

// ---------------------------------------------------------------- Chromium

const PAGE = (script, head = '') => `<!doctype html>
<meta charset="utf-8">
${head}<script type="module">
${script}
</script>
`;

async function buildPages() {
  const esbuild = await import('esbuild');
  rmSync(work, { recursive: true, force: true });
  const bundle = async (name, source) => {
    mkdirSync(`${work}${name}`, { recursive: true });
    writeFileSync(`${work}${name}/app.src.js`, source);
    await esbuild.build({
      entryPoints: [`${work}${name}/app.src.js`],
      outfile: `${work}${name}/app.js`,
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      alias: { 'goval-token': `${root}pkg/index.js` },
      logLevel: 'silent',
    });
    writeFileSync(`${work}${name}/index.html`, PAGE("import './app.js';"));
  };
  const PRELOAD = '<link rel="preload" href="goval_token_bg.wasm" as="fetch" crossorigin>\n';
  const done = 'window.result = performance.now();';
  await bundle('ours', `import { encodeReplToken } from 'goval-token';\nencodeReplToken(${SAMPLE});\n${done}\n`);
  // The bundle fetches the .wasm from beside itself, as an app that copies it there does.
  for (const file of readdirSync(`${root}pkg`)) if (file.endsWith('.wasm')) copyFileSync(`${root}pkg/${file}`, `${work}ours/${file}`);
  // The same files; the page starts the .wasm's fetch while the bundle loads.
  mkdirSync(`${work}ours-preload`, { recursive: true });
  for (const file of readdirSync(`${work}ours`)) copyFileSync(`${work}ours/${file}`, `${work}ours-preload/${file}`);
  writeFileSync(`${work}ours-preload/index.html`, PAGE("import './app.js';", PRELOAD));
  await bundle('pbjs', `import { api } from ${JSON.stringify(`${root}bench/generated/pbjs.mjs`)};\napi.ReplToken.encode(${PBJS_SAMPLE}).finish();\n${done}\n`);
  mkdirSync(`${work}nobundler`, { recursive: true });
  writeFileSync(
    `${work}nobundler/index.html`,
    PAGE(`import { encodeReplToken } from 'goval-token';\nencodeReplToken(${SAMPLE});\n${done}`, '<link rel="preload" href="/pkg/goval_token_bg.wasm" as="fetch" crossorigin>\n<script type="importmap">{ "imports": { "goval-token": "/pkg/index.js" } }</script>\n'),
  );
}

async function pageRun(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.result !== undefined, null, { timeout: 30000 });
    return await page.evaluate(() => window.result);
  } finally {
    await context.close();
  }
}

export async function runBrowserStartup({ runs = 15 } = {}) {
  await buildPages();
  const server = await serve(root);
  const browser = await launch();
  try {
    const pages = {
      'goval-token bundled': 'ours',
      'protobufjs bundled': 'pbjs',
      'goval-token bundled, .wasm preloaded': 'ours-preload',
      'goval-token no bundler': 'nobundler',
    };
    const samples = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
    for (const dir of Object.values(pages)) await pageRun(browser, `${server.url}/target/startup/${dir}/`); // warm the server and disk
    for (let i = 0; i < runs; i++) {
      for (const [name, dir] of Object.entries(pages)) samples[name].push(await pageRun(browser, `${server.url}/target/startup/${dir}/`));
    }
    const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
    return {
      runs,
      medians,
      bundledRatio: medians['goval-token bundled'] / medians['protobufjs bundled'],
      preloadedRatio: medians['goval-token bundled, .wasm preloaded'] / medians['protobufjs bundled'],
      noBundlerRatio: medians['goval-token no bundler'] / medians['goval-token bundled'],
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

export function startupLines(node, chromium) {
  const ms = (v) => `${v.toFixed(1)} ms`;
  const verdict = (ratio, target) => `${ratio <= target ? 'PASS' : 'MISS'}`;
  const lines = [];
  if (node) {
    lines.push(`Node, fresh process, import + first encode (median of ${node.runs}): goval-token ${ms(node.medians['goval-token'])}, protobufjs ${ms(node.medians.protobufjs)}`);
    lines.push(`${verdict(node.ratio, STARTUP_TARGETS.node)}  Node startup: ${node.ratio.toFixed(2)}× protobufjs (target ≤ ${STARTUP_TARGETS.node}×)`);
  }
  if (chromium) {
    const m = chromium.medians;
    lines.push(`Chromium, navigation → first encode (median of ${chromium.runs} fresh contexts): bundled ${ms(m['goval-token bundled'])}, protobufjs bundled ${ms(m['protobufjs bundled'])}, bundled with the .wasm preloaded ${ms(m['goval-token bundled, .wasm preloaded'])}, no bundler ${ms(m['goval-token no bundler'])}`);
    lines.push(`${verdict(chromium.bundledRatio, STARTUP_TARGETS.bundled)}  Chromium bundled startup: ${chromium.bundledRatio.toFixed(2)}× protobufjs (target ≤ ${STARTUP_TARGETS.bundled}×)`);
    if (chromium.preloadedRatio !== undefined) {
      lines.push(`${verdict(chromium.preloadedRatio, STARTUP_TARGETS.bundled)}  Chromium bundled startup, .wasm preloaded: ${chromium.preloadedRatio.toFixed(2)}× protobufjs (target ≤ ${STARTUP_TARGETS.bundled}×)`);
    }
    lines.push(`${verdict(chromium.noBundlerRatio, STARTUP_TARGETS.noBundler)}  Chromium no-bundler startup: ${chromium.noBundlerRatio.toFixed(2)}× our bundled page (target ≤ ${STARTUP_TARGETS.noBundler}×)`);
  }
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  generate();
  const runs = quick ? 5 : 21;
  const node = runNodeStartup({ runs });
  const chromium = await runBrowserStartup({ runs });
  console.log(startupLines(node, chromium).join('\n'));
  const at = process.argv.indexOf('--json');
  if (at >= 0) writeFileSync(process.argv[at + 1], JSON.stringify({ node, chromium }, null, 2));
}
