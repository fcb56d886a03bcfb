// The package's browser entry (pkg/index.js) in headless Chromium: it fetches its wasm,
// round-trips tokens, throws typed errors, and talks to nothing but the page's server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch, serve } from './chromium.mjs';

let server;
let browser;
let page;
const requests = [];

before(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.newPage();
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${server.url}/tests/browser/blank.html`);
  await page.evaluate(async () => {
    window.gt = await import('/pkg/index.js');
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the browser entry loads and round-trips a full token', async () => {
  const result = await page.evaluate(() => {
    const { gt } = window;
    const token = gt.createReplToken({
      cluster: 'global',
      metadata: { case: 'repl', value: { id: 'x', user: 'ada 😀' } },
      resourceLimits: { memory: 2n ** 31n, disk: -(2n ** 63n), threads: NaN },
      presenced: { bearerID: 4294967295, bearerName: '日本' },
      flags: ['a', 'b'],
    });
    const again = gt.decodeReplToken(gt.encodeReplToken(token));
    return {
      user: again.metadata.value.user,
      memory: String(again.resourceLimits.memory),
      disk: String(again.resourceLimits.disk),
      threadsIsNaN: Number.isNaN(again.resourceLimits.threads),
      bearerName: again.presenced.bearerName,
      salt: again.salt,
      lifetime: String(again.exp.seconds - again.iat.seconds),
      sameSalt: again.salt === token.salt,
    };
  });
  assert.deepStrictEqual(result, {
    user: 'ada 😀',
    memory: '2147483648',
    disk: '-9223372036854775808',
    threadsIsNaN: true,
    bearerName: '日本',
    salt: result.salt,
    lifetime: '3600',
    sameSalt: true,
  });
  assert.match(result.salt, /^[A-Za-z0-9_-]{24}$/);
});

test('errors are typed, carry paths, and the instance keeps working', async () => {
  const result = await page.evaluate(() => {
    const { gt } = window;
    const caught = [];
    for (const bad of [
      () => gt.encodeReplToken({ presenced: { bearerId: 1 } }),
      () => gt.decodeReplToken(new Uint8Array([0x52, 0x03, 0x10, 0xff, 0xff])),
      () => gt.decodeReplToken('not bytes'),
    ]) {
      try {
        bad();
        caught.push('no error');
      } catch (e) {
        caught.push({ name: e.name, path: e.path, offset: e.offset, base: e instanceof gt.GovalTokenError });
      }
    }
    const works = gt.decodeReplToken(gt.encodeReplToken({ salt: 's' })).salt;
    return { caught, works };
  });
  assert.deepStrictEqual(result, {
    caught: [
      { name: 'EncodeError', path: 'presenced.bearerId', offset: undefined, base: true },
      { name: 'DecodeError', path: 'resourceLimits.memory', offset: 3, base: true },
      { name: 'DecodeError', path: '', offset: undefined, base: true },
    ],
    works: 's',
  });
});

test('unknown fields and unknown enum values survive a round trip in the browser', async () => {
  const hex = await page.evaluate(() => {
    const { gt } = window;
    const input = new Uint8Array([0x30, 0x09, 0xf0, 0x01, 0x01, 0x52, 0x02, 0x40, 0x01]);
    const token = gt.decodeReplToken(input);
    return [token.persistence, token.$unknown[0].no, token.resourceLimits.$unknown[0].no, Array.from(gt.encodeReplToken(token), (b) => b.toString(16).padStart(2, '0')).join('')];
  });
  assert.deepStrictEqual(hex, [9, 30, 8, '3009520240' + '01f00101']);
});

test('no request left the page besides its own files', () => {
  assert.ok(requests.length > 0);
  for (const url of requests) assert.ok(url.startsWith(server.url), url);
});
