// The inspector page with identity tokens and certificate chains (issue 13), in headless
// Chromium: the identity's claims, each certificate root first with its claims in words, and
// the whole chain checked when REPL_PUBKEYS JSON is pasted as the key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { startServer } from '../../scripts/serve.mjs';
import { launch } from './chromium.mjs';

const VECTORS = JSON.parse(readFileSync(new URL('../oracle/identity/vectors.json', import.meta.url), 'utf8'));
const token = (name) => VECTORS.cases.find((c) => c.name === name).token;
const PUBKEYS = JSON.stringify(VECTORS.publicKeys);

let server;
let browser;
let page;
const problems = [];

before(async () => {
  server = await startServer({ port: 0 });
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(5000);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.goto(`${server.url}/`);
  await page.waitForSelector('html[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function paste(text, publicKey = '') {
  await page.fill('#inspect-public-key', publicKey);
  await page.fill('#token-input', text);
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
}

const field = (name) => page.textContent(`#inspect-output [data-field="${name}"]`);

test('an identity token shows its claims and its chain, root first, claims in words', async () => {
  await paste(token('identity, 2 certificates'));
  assert.equal(await field('identity.replid'), 'repl-a');
  assert.equal(await field('identity.user'), 'ada');
  assert.equal(await field('chain.2.signedBy'), 'root key test:1');
  assert.equal(await field('chain.1.signedBy'), 'the certificate at depth 2');
  const order = await page.$$eval('#inspect-output h3', (hs) => hs.map((h) => h.textContent));
  assert.ok(order.indexOf('Certificate at depth 2') < order.indexOf('Certificate at depth 1 (signed the token)'), order.join(' | '));
  assert.match(await field('chain.1.claims'), /repl id "repl-a"/);
  assert.match(await field('status'), /signature not checked/i);
});

test('REPL_PUBKEYS JSON as the key checks the whole chain; a forged certificate is invalid', async () => {
  await paste(token('identity, 2 certificates'), PUBKEYS);
  assert.equal(await field('signature'), 'Signature valid');
  await paste(token('certificate body changed after signing'), PUBKEYS);
  assert.match(await field('status'), /signature invalid/i);
  await paste(token('ReplToken through a certificate'), PUBKEYS);
  assert.equal(await field('signature'), 'Signature valid');
  assert.match(await field('chain.1.claims'), /flag MINT_GOVAL_TOKEN/);
  assert.equal(await field('cluster'), 'global');
});

test('nothing on the page threw', () => {
  assert.deepStrictEqual(problems, []);
});
