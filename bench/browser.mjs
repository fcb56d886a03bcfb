// The benchmark in headless Chromium (Debian's, driven by playwright-core; server and flags
// from tests/browser/chromium.mjs): the same cases as in Node, run inside bench/page.html
// over the browser entry pkg/index.js; then the package's instantiate time over fresh loads
// of bench/instantiate.html.
//
//   node bench/browser.mjs [--quick] [--json FILE]
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { launch, serve } from '../tests/browser/chromium.mjs';
import { generate } from './generate.mjs';
import { addRatios } from './report.mjs';

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Opens `path` in a fresh context (empty caches), waits for window.result. */
async function freshLoad(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.result !== undefined, null, { timeout: 30000 });
    const result = await page.evaluate(() => window.result);
    if (result.error) throw new Error(`instantiate page: ${result.error}`);
    return result;
  } finally {
    await context.close();
  }
}

export async function runBrowser({ quick = false, loads = quick ? 3 : 10, log = () => {} } = {}) {
  generate();
  const server = await serve();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
    await page.goto(`${server.url}/bench/page.html`);
    try {
      await page.waitForFunction(() => window.benchReady === true, null, { timeout: 30000 });
    } catch (error) {
      throw new Error(`the benchmark page did not load: ${errors.join('\n') || error.message}`);
    }
    const settings = quick ? { rounds: 3, sliceMs: 100, warmupMs: 100 } : { rounds: 15, sliceMs: 120, warmupMs: 300 };
    log('running the cases in the page');
    const run = await page.evaluate((s) => window.runBench(s), settings);
    const version = browser.version();

    log(`instantiate: ${loads} fresh loads per mode`);
    const instantiate = { loads };
    for (const mode of ['streaming', 'bytes']) {
      const samples = [];
      for (let i = 0; i < loads; i++) samples.push(await freshLoad(browser, `${server.url}/bench/instantiate.html?mode=${mode}`));
      instantiate[mode] = {
        instantiateMs: median(samples.map((s) => s.instantiate)),
        setupMs: median(samples.map((s) => s.setup)),
        importMs: median(samples.map((s) => s.total)),
      };
    }

    return {
      runtime: `Chromium ${version}`,
      settings,
      sample: run.sample,
      base64: run.base64,
      protobufjsLong: run.protobufjsLong,
      results: addRatios(run.results),
      instantiate,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const out = await runBrowser({ quick: args.includes('--quick'), log: (m) => process.stderr.write(`chromium: ${m}\n`) });
  const { table, speedTargets } = await import('./report.mjs');
  if (jsonAt >= 0) writeFileSync(args[jsonAt + 1], JSON.stringify(out, null, 2));
  else {
    console.log(table(out.results, out.runtime));
    console.log(speedTargets(out.results, 'Chromium').join('\n'));
    console.log(JSON.stringify(out.instantiate, null, 2));
  }
}
