// The identity and chain vectors of replit.identity (tests/oracle/identity/vectors.json) in
// headless Chromium, over the package's browser entry and so over WebCrypto's Ed25519: every
// valid case verifies and every refusal is the same error at the same link as in Node.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch, serve } from './chromium.mjs';

let server;
let browser;
let results;

before(async () => {
  server = await serve();
  browser = await launch();
  const page = await browser.newPage();
  await page.goto(`${server.url}/tests/browser/blank.html`);
  results = await page.evaluate(async () => {
    const gt = await import('/pkg/index.js');
    const vectors = await (await fetch('/tests/oracle/identity/vectors.json')).json();
    const out = [];
    for (const c of vectors.cases) {
      if (c.kind !== 'identity' && c.kind !== 'replToken') continue;
      let outcome;
      try {
        const result =
          c.kind === 'identity'
            ? await gt.verifyIdentityToken(c.token, { publicKeys: vectors.publicKeys, audience: c.audience, now: vectors.now })
            : await gt.verifyToken(c.token, vectors.publicKeys, { now: vectors.now });
        outcome = { valid: true, chainLength: result.chain.length };
      } catch (error) {
        outcome = { valid: false, error: error.name, depth: error.link?.depth, message: error.message };
      }
      out.push({ name: c.name, expect: c.expect, outcome });
    }
    return out;
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('Chromium: every identity and chain vector gives the expected verdict at the expected link', () => {
  assert.ok(results.length > 30, `only ${results.length} vectors ran`);
  const wrong = results.filter(({ expect, outcome }) =>
    expect.valid
      ? !outcome.valid || (expect.chainLength !== undefined && outcome.chainLength !== expect.chainLength)
      : outcome.valid || outcome.error !== expect.error || outcome.depth !== expect.depth,
  );
  assert.deepStrictEqual(wrong.map((w) => `${w.name}: ${JSON.stringify(w.outcome)}`), []);
});
