// `goval-token ui` as a user runs it (the package's cli.js serving its own www/), in headless
// Chromium: the page loads under the server's Content-Security-Policy, axe-core finds no
// serious or critical accessibility violation with the page empty and with a token pasted,
// the keyboard reaches the scrollable views, and a screenshot of the report is taken.
// UI_SCREENSHOT=/tmp/ui.png keeps the screenshot.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as gt from '../../pkg/node.js';
import { launch } from './chromium.mjs';

const cli = fileURLToPath(new URL('../../pkg/cli/cli.js', import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const keys = await gt.generateSigningKeyPair();
const token = await gt.signToken(
  gt.createReplToken({
    cluster: 'global',
    metadata: { case: 'repl', value: { id: 'a1b2c3-repl', language: 'python3', slug: 'hello', user: 'ada' } },
    resourceLimits: { net: true, memory: 2n * 1024n ** 3n, threads: 2, shares: 1, disk: 10n * 1024n ** 3n },
    presenced: { bearerID: 42, bearerName: 'ada' },
    // Enough flags that the raw view scrolls, as a real token's does.
    flags: Array.from({ length: 60 }, (_, i) => `feature-flag-${i}`),
    $unknown: [{ no: 15, wireType: 2, data: new Uint8Array([0x08, 0x78]) }],
  }),
  keys.secretKey,
  { cert: { case: 'keyId', value: 'prod:1' }, issuer: 'replit.com' },
);
const publicKey = Buffer.from(keys.publicKey).toString('base64url');

let server;
let url;
let browser;
let page;
const problems = [];
const infos = [];

before(async () => {
  server = spawn(process.execPath, [cli, 'ui', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((resolve, reject) => {
    let text = '';
    server.stdout.setEncoding('utf8');
    server.stdout.on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
    });
    server.once('exit', (code) => reject(new Error(`goval-token ui exited (${code}) before printing its URL`)));
  });
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  page.on('console', (m) => {
    if (m.type() === 'info') infos.push(m.text());
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
});

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations() {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) allows it.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

test('the served page is the package inspector, under the CSP header', async () => {
  const response = await page.request.get(url);
  assert.match(response.headers()['content-security-policy'], /default-src 'none'/);
  assert.equal(await page.title(), 'goval-token inspector');
});

test('axe-core: no serious or critical violation on the empty page', async () => {
  assert.deepEqual(await seriousViolations(), []);
});

test('axe-core: no serious or critical violation with a token pasted, and the scrollable views take keyboard focus', async () => {
  await page.fill('#inspect-public-key', publicKey);
  await page.fill('#token-input', token);
  await page.waitForSelector('#inspect-output[data-state="done"] #inspect-raw');
  assert.equal(await page.textContent('[data-field="status"]'), 'Valid');
  assert.ok(await page.$eval('#inspect-raw', (pre) => pre.scrollHeight > pre.clientHeight), 'the raw view scrolls');
  assert.deepEqual(await seriousViolations(), []);
  for (const selector of ['#inspect-raw', '#inspect-output .table-scroll']) {
    await page.focus(selector);
    assert.equal(await page.evaluate((s) => document.activeElement === document.querySelector(s), selector), true, selector);
    assert.equal(await page.getAttribute(selector, 'tabindex'), '0');
    assert.equal(await page.getAttribute(selector, 'role'), 'region');
  }
  // Tabbing from the Clear button reaches the raw view.
  await page.focus('#inspect-clear');
  const reached = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement.id || document.activeElement.className));
  }
  assert.ok(reached.includes('inspect-raw'), reached.join(', '));
});

test('a screenshot of the served page with a report', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'goval-token-ui-'));
  try {
    const path = process.env.UI_SCREENSHOT ?? join(dir, 'ui.png');
    const png = await page.screenshot({ path, fullPage: true });
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
    assert.equal(png.readUInt32BE(16), 1280, 'as wide as the viewport');
    assert.ok(png.readUInt32BE(20) > 900, 'the full page, taller than the viewport');
    // The verdict is on screen: a clip of it is not one flat colour.
    const verdict = await page.locator('#inspect-status').screenshot();
    assert.ok(verdict.length > 1000, `${verdict.length} bytes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('DevTools custom formatters are on by default; the console banner names the useful calls', async () => {
  const banner = infos.join('\n');
  for (const call of ['inspectToken', 'replTokenToJson', 'parseToken', 'formatToken', 'installDevtoolsFormatters(false)', 'Enable custom formatters']) {
    assert.ok(banner.includes(call), `${call} in ${banner}`);
  }
  const result = await page.evaluate((text) => {
    const gt = window.govalToken;
    const formatters = window.devtoolsFormatters ?? [];
    const ours = formatters.find((f) => f.header(gt.parseToken(text)) !== null);
    const parsed = gt.parseToken(text);
    const json = (x) => JSON.stringify(x, (k, v) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? "bytes" : v));
    const out = {
      installed: ours !== undefined,
      tokenHeader: json(ours.header(parsed)),
      messageHeader: json(ours.header(parsed.message)),
      timestampHeader: json(ours.header(parsed.message.iat)),
      plainHeader: ours.header({ a: 1 }),
      idHeader: ours.header({ id: 'x' }),
      presencedHeader: ours.header(parsed.message.presenced ?? { bearerID: 1, bearerName: 'x' }),
      arrayHeader: ours.header([1, 2]),
      bytesHeader: ours.header(new Uint8Array(2)),
      rawHeader: ours.header(parsed, { govalRaw: true }),
      hasBody: ours.hasBody(parsed),
      body: json(ours.body(parsed.message)),
      installedAfterOff: (gt.installDevtoolsFormatters(false), window.devtoolsFormatters.includes(ours)),
    };
    gt.installDevtoolsFormatters();
    out.countAfterOn = window.devtoolsFormatters.filter((f) => f === ours).length;
    gt.installDevtoolsFormatters();
    out.countAfterTwice = window.devtoolsFormatters.filter((f) => f === ours).length;
    return out;
  }, token);
  assert.equal(result.installed, true);
  assert.match(result.tokenHeader, /v2\.public token \(cluster \\"global\\"\)/);
  assert.match(result.messageHeader, /ReplToken \{cluster \\"global\\", repl \\"a1b2c3-repl\\", exp \d{4}-\d\d-\d\dT[\d:.]+Z \(in (59 min|1 h)/);
  assert.match(result.timestampHeader, /\d{4}-\d\d-\d\dT[\d:.]+Z \(\d+ s ago\)|\(in 0 s\)|\(0 s ago\)/);
  assert.equal(result.plainHeader, null, 'other objects keep the default view');
  assert.equal(result.idHeader, null, 'an app object with a schema-like key is not taken for a message');
  assert.equal(result.presencedHeader, null, 'inner messages are shown inside their token');
  assert.equal(result.arrayHeader, null);
  assert.equal(result.bytesHeader, null);
  assert.equal(result.rawHeader, null, 'the raw object inside the body shows as DevTools would');
  assert.equal(result.hasBody, true);
  assert.match(result.body, /"memory: "\],\["span",\{"style":"color: inherit"\},"2 GiB \(2147483648 bytes\)"/);
  assert.match(result.body, /"#15[^"]*: "\],\["span",\{[^}]*\},"length-delimited, 2 bytes hex 0878/);
  assert.match(result.body, /\["object",\{"object":\{/, 'the plain object is one click away');
  assert.equal(result.installedAfterOff, false);
  assert.equal(result.countAfterOn, 1);
  assert.equal(result.countAfterTwice, 1);
});

test('nothing logged an error or warning', () => {
  assert.deepEqual(problems, []);
});
