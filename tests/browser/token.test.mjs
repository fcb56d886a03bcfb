// The token and attack cases (tests/js/cases/*.mjs, the same lists Node runs) in headless
// Chromium, over the package's browser entry (pkg/index.js) and so over WebCrypto's Ed25519.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launch, serve } from './chromium.mjs';

let server;
let browser;
let page;
let results;

before(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.newPage();
  await page.goto(`${server.url}/tests/browser/blank.html`);
  results = await page.evaluate(async () => {
    const gt = await import('/pkg/index.js');
    const paseto = await import('/pkg/token/paseto.js');
    const base64 = await import('/pkg/lib/base64.js');
    const { tokenCases } = await import('/tests/js/cases/token-cases.mjs');
    const { attackCases } = await import('/tests/js/cases/attack-cases.mjs');
    const log = [];
    const out = {};
    for (const [suite, cases] of [
      ['tokens', await tokenCases({ gt, paseto, base64 })],
      ['attacks', await attackCases({ gt, log: (line) => log.push(line) })],
    ]) {
      out[suite] = [];
      for (const { name, fn } of cases) {
        try {
          await fn();
          out[suite].push({ name, ok: true });
        } catch (error) {
          out[suite].push({ name, ok: false, error: `${error?.name}: ${error?.message}` });
        }
      }
    }
    return { out, log, userAgent: navigator.userAgent };
  });
  console.log(`${results.userAgent}\n${results.log.join('\n')}`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// The case names are known only once the page has run them, so each suite is one test that
// reports every failing case by name.
for (const suite of ['tokens', 'attacks']) {
  describe(`Chromium: ${suite}`, () => {
    test('every shared case passes', () => {
      const cases = results.out[suite];
      assert.ok(cases.length > 10, `only ${cases.length} cases ran`);
      const failed = cases.filter((c) => !c.ok).map((c) => `${c.name}: ${c.error}`);
      assert.deepStrictEqual(failed, []);
      console.log(`${suite}: ${cases.length} cases passed in Chromium`);
    });
  });
}
