// The token inspector (www/) in headless Chromium, served by scripts/serve.mjs so its
// Content-Security-Policy is in effect: it inspects tokens signed here in Node, builds
// tokens that decode and verify in Node, shows errors, and talks to nobody.
// INSPECTOR_SCREENSHOT=/tmp/inspector.png saves a screenshot of a pasted token's report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { after, before, test } from 'node:test';

import * as gt from '../../pkg/node.js';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, startServer } from '../../scripts/serve.mjs';
import { launch } from './chromium.mjs';

const toB64Url = (bytes) => Buffer.from(bytes).toString('base64url');
const toHex = (bytes) => Buffer.from(bytes).toString('hex');

const keys = await gt.generateSigningKeyPair();
const otherKeys = await gt.generateSigningKeyPair();
const known = gt.createReplToken({
  cluster: 'global',
  persistence: 'EPHEMERAL',
  metadata: { case: 'repl', value: { id: '1f0c2d3e-repl', language: 'python3', slug: 'hello', user: 'ada' } },
  resourceLimits: { net: true, memory: 2n * 1024n ** 3n, threads: 2, shares: 1.5, disk: 10n * 1024n ** 3n },
  presenced: { bearerID: 42, bearerName: 'ada' },
  flags: ['alpha', 'beta'],
  $unknown: [{ no: 15, wireType: 2, data: new Uint8Array([0x08, 0x78]) }],
});
const token = await gt.signToken(known, keys.secretKey, { cert: { case: 'keyId', value: 'test:7' }, issuer: 'tests.example' }, { allowExpired: true });

let server;
let browser;
let page;
let mainResponse;
const requests = [];
const problems = [];
const wasmTypes = [];
const infos = [];

before(async () => {
  server = await startServer({ port: 0 });
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(5000);
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => {
    if (r.url().endsWith('.wasm')) wasmTypes.push(r.headers()['content-type']);
  });
  page.on('console', (m) => {
    if (m.type() === 'info') infos.push(m.text());
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  mainResponse = await page.goto(`${server.url}/`);
  await page.waitForSelector('html[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Fills the inspector and waits for its report (the page renders asynchronously). */
async function paste(text, publicKey = '') {
  await page.fill('#inspect-public-key', publicKey);
  await page.fill('#token-input', text);
  await page.waitForSelector('#inspect-output[data-state="done"]');
}

/** Waits for the builder to finish signing after an edit. */
const built = () => page.waitForSelector('#build-output[data-state="done"]');

const field = (name) => page.textContent(`#inspect-output [data-field="${name}"]`);

test('the page is served with its security headers and exposes the API', async () => {
  const headers = mainResponse.headers();
  assert.equal(mainResponse.status(), 200);
  assert.equal(headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  assert.match(headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['referrer-policy'], 'no-referrer');
  assert.match(headers['content-type'], /^text\/html/);
  assert.deepEqual(wasmTypes, ['application/wasm']);
  assert.equal(await page.evaluate(() => typeof window.govalToken.decodeReplToken), 'function');
  assert.equal(await page.evaluate(() => typeof window.govalToken.inspectToken), 'function');
  assert.ok(infos.some((text) => text.includes('window.govalToken')), infos.join('\n'));
});

test('the server sends its headers on errors too and serves nothing outside www/ and pkg/', async () => {
  const get = (path, method = 'GET') =>
    new Promise((resolve, reject) => {
      const url = new URL(server.url);
      const req = httpRequest({ host: url.hostname, port: url.port, path, method }, (res) => {
        res.resume();
        res.on('end', () => resolve(res));
      });
      req.on('error', reject);
      req.end();
    });
  for (const path of ['/nope.html', '/%2e%2e/package.json', '/pkg/%2e%2e/%2e%2e/package.json', '/pkg/..%2f..%2fCargo.toml', '/%00']) {
    const res = await get(path);
    assert.equal(res.statusCode, 404, path);
    assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY, path);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
  }
  const post = await get('/', 'POST');
  assert.equal(post.statusCode, 405);
  assert.equal(post.headers['referrer-policy'], 'no-referrer');
  const css = await get('/style.css');
  assert.match(css.headers['content-type'], /^text\/css/);
  const glue = await get('/pkg/index.js');
  assert.match(glue.headers['content-type'], /^text\/javascript/);
});

test('a pasted token shows its report, unknown fields and raw fields', async () => {
  await paste(token);
  await page.waitForSelector('#inspect-status');
  // No key, no "Valid": the headline is the verdict.
  assert.equal(await field('status'), 'Signature not checked');
  assert.match(await field('secondsLeft'), /^give a public key to check it; the time is in range; expires in .*\((35\d\d|3600) s left\)$/);
  assert.equal(await page.getAttribute('#inspect-status', 'class'), 'status status-signature-not-checked');
  assert.equal(await field('cluster'), 'global');
  assert.equal(await field('replId'), '1f0c2d3e-repl');
  assert.equal(await field('metadataKind'), 'repl');
  assert.equal(await field('metadata.language'), 'python3');
  assert.equal(await field('persistence'), 'EPHEMERAL');
  assert.match(await field('memory'), /^2 GiB \(2147483648 bytes\)$/);
  assert.match(await field('disk'), /^10 GiB/);
  assert.equal(await field('bearerName'), 'ada');
  assert.equal(await field('bearerID'), '42');
  assert.equal(await field('keyId'), 'test:7');
  assert.equal(await field('issuer'), 'tests.example');
  assert.match(await field('flags'), /alpha.*beta/);
  assert.equal(await field('iat'), gt.timestampToDate(known.iat).toISOString());
  assert.equal(await field('signature'), 'Signature not checked (give a public key)');

  const row = page.locator('#inspect-unknown tr[data-no="15"]');
  assert.equal(await row.count(), 1);
  const cells = await row.locator('td').allTextContents();
  assert.deepEqual(cells, ['#15', 'permissions', 'length-delimited', '2', '0878', '–']);
  assert.match(await page.textContent('#inspect-notes'), /unknown to this schema/);

  const raw = await page.textContent('#inspect-raw');
  assert.equal(await page.locator('#inspect-raw .ctl').count(), 0, 'the layout line breaks are line breaks, not badges');
  assert.ok(raw.split('\n').length > 10, 'an indented, multi-line view');
  assert.match(raw, new RegExp(`seconds: ${known.iat.seconds}n`));
  assert.match(raw, /memory: 2147483648n/);
  assert.match(raw, new RegExp(`signature: Uint8Array\\(64\\) \\[hex [0-9a-f]{128}\\]`));
  assert.match(raw, /\$unknown: \[\{ no: 15, wireType: 2, data: Uint8Array\(2\) \[hex 0878\] \}\]/);

  if (process.env.INSPECTOR_SCREENSHOT) {
    await paste(token, toB64Url(keys.publicKey));
    await page.screenshot({ path: process.env.INSPECTOR_SCREENSHOT, fullPage: true });
  }
});

test('the signature is valid with the right public key and invalid with another', async () => {
  for (const key of [toB64Url(keys.publicKey), toHex(keys.publicKey), Buffer.from(keys.publicKey).toString('base64')]) {
    await paste(token, key);
    assert.equal(await field('signature'), 'Signature valid', key);
    assert.equal(await page.getAttribute('#inspect-signature', 'class'), 'signature signature-valid');
    assert.equal(await field('status'), 'Valid');
    assert.match(await field('secondsLeft'), /^signature checked; expires in /);
  }
  await paste(token, toB64Url(otherKeys.publicKey));
  assert.equal(await field('signature'), 'Signature INVALID for this public key');
  assert.equal(await field('status'), 'Signature invalid');
  assert.equal(await page.getAttribute('#inspect-status', 'class'), 'status status-signature-invalid');
  assert.equal(await field('cluster'), 'global');

  // A changed character that leaves the body unreadable: with a key, a bad signature, not "unreadable".
  const payloadAt = token.indexOf('.', 'v2.public.'.length) - 90;
  const changed = `${token.slice(0, payloadAt)}${token[payloadAt] === '_' ? '-' : '_'}${token.slice(payloadAt + 1)}`;
  await paste(changed, toB64Url(keys.publicKey));
  assert.match(await page.textContent('#inspect-output'), /Signature INVALID|Signature invalid/);
  assert.doesNotMatch(await page.textContent('#inspect-output'), /not a readable repl token/);

  // A key in no accepted form: the key's error is shown, the report stays.
  await paste(token, 'not a key');
  assert.match(await page.textContent('#inspect-output .error-box .error-name'), /^KeyError$/);
  assert.equal(await page.textContent('#inspect-output [data-error-field="path"]'), 'publicKey');
  assert.equal(await field('cluster'), 'global');
});

test('a wss://…/wsv2/<token> URL works like the token', async () => {
  await paste(`wss://eval.global.replit.com/wsv2/${token}`, toB64Url(keys.publicKey));
  assert.equal(await field('replId'), '1f0c2d3e-repl');
  assert.equal(await field('signature'), 'Signature valid');
});

test('garbage shows a TokenFormatError with its reason; an expired token is reported', async () => {
  await paste('definitely not a token');
  assert.equal(await page.textContent('#inspect-output .error-name'), 'TokenFormatError');
  assert.match(await page.textContent('#inspect-output .error-message'), /not a repl token/);
  assert.equal(await page.textContent('#inspect-output [data-error-field="reason"]'), 'not-paseto');
  assert.equal(await page.getAttribute('#inspect-output .error-box', 'role'), 'alert');

  await paste('v2.public.!!!');
  assert.equal(await page.textContent('#inspect-output [data-error-field="reason"]'), 'invalid-base64url');

  const old = await gt.signToken({ iat: '2020-01-01T00:00:00Z', cluster: 'old' }, keys.secretKey, undefined, { allowExpired: true });
  await paste(old, toB64Url(keys.publicKey));
  assert.equal(await field('status'), 'Expired');
  assert.equal(await field('signature'), 'Signature valid');
  assert.match(await field('effectiveExp'), /^2020-01-01T01:00:00Z.*default rule/);
  // The detail does not repeat the headline ("Expired  expired 423 d 4 h ago").
  assert.match(await field('secondsLeft'), /^\d+ d( \d+ h)? ago \(\d+ s\), at 2020-01-01T01:00:00Z$/);
  assert.doesNotMatch(await page.textContent('#inspect-status'), /expired\s+expired/i);
  // An expired token with a forged signature: the signature failure heads, the time follows.
  await paste(old, toB64Url(otherKeys.publicKey));
  assert.equal(await field('status'), 'Signature invalid');
  assert.match(await field('secondsLeft'), /^for this public key; and expired \d+ d/);

  const future = await gt.signToken({ iat: '2999-01-01T00:00:00Z' }, keys.secretKey, undefined, { allowExpired: true });
  await paste(future);
  assert.equal(await field('status'), 'Not yet valid');
  assert.match(await field('secondsLeft'), /from 2999-01-01T00:00:00Z$/);

  await paste('');
  assert.match(await page.textContent('#inspect-output'), /Paste a token/);
});

test('build: the shown bytes decode to the filled fields, and the signed token verifies', async () => {
  await page.fill('#b-cluster', 'global');
  await page.selectOption('#b-persistence', 'NONE');
  await page.fill('#b-flags', ' one, two ,, three ');
  await page.selectOption('#b-kind', 'repl');
  await page.fill('#b-id', 'repl-123');
  await page.fill('#b-language', 'nodejs');
  await page.fill('#b-slug', 'my-slug');
  await page.fill('#b-user', 'grace');
  await page.check('#b-net');
  await page.fill('#b-memory', '512 MiB');
  await page.fill('#b-threads', '1.5');
  await page.fill('#b-shares', '3');
  await page.fill('#b-disk', '2147483648');
  await page.fill('#b-bearer-id', '4294967295');
  await page.fill('#b-bearer-name', 'grace');
  await page.fill('#b-lifetime', '600');
  await built();

  const base64 = await page.inputValue('#b-base64');
  const hex = await page.inputValue('#b-hex');
  assert.equal(Buffer.from(base64, 'base64').toString('hex'), hex);
  const decoded = gt.decodeReplToken(new Uint8Array(Buffer.from(base64, 'base64')));
  assert.equal(decoded.cluster, 'global');
  assert.equal(decoded.persistence, 'NONE');
  assert.deepEqual(decoded.flags, ['one', 'two', 'three']);
  assert.deepEqual(decoded.metadata, {
    case: 'repl',
    value: {
      ...gt.decodeRepl(new Uint8Array()),
      id: 'repl-123', language: 'nodejs', bucket: '', slug: 'my-slug', user: 'grace', sourceRepl: '',
    },
  });
  assert.deepEqual(decoded.resourceLimits, {
    ...gt.decodeResourceLimits(new Uint8Array()),
    net: true, memory: 512n * 1024n ** 2n, threads: 1.5, shares: 3, disk: 2n ** 31n,
  });
  assert.deepEqual(decoded.presenced, { bearerID: 4294967295, bearerName: 'grace' });
  assert.equal(decoded.exp.seconds - decoded.iat.seconds, 600n);
  assert.match(decoded.salt, /^[A-Za-z0-9_-]{24}$/);
  assert.equal(await page.textContent('#b-memory-help'), '= 536870912 bytes');

  // iat and salt stay while editing, change on "New salt/now".
  await page.fill('#b-cluster', 'eu');
  await built();
  const again = gt.decodeReplToken(new Uint8Array(Buffer.from(await page.inputValue('#b-base64'), 'base64')));
  assert.equal(again.salt, decoded.salt);
  assert.deepEqual(again.iat, decoded.iat);
  await page.click('#b-renew');
  await built();
  const renewed = gt.decodeReplToken(new Uint8Array(Buffer.from(await page.inputValue('#b-base64'), 'base64')));
  assert.notEqual(renewed.salt, decoded.salt);
  assert.equal(renewed.cluster, 'eu');

  // No token until there is a secret key; then a token signed by it.
  assert.equal(await page.inputValue('#b-token'), '');
  assert.equal(await page.isDisabled('#b-inspect'), true);
  await page.click('#b-generate');
  await page.waitForFunction(() => document.getElementById('b-token').value !== '');
  await built();
  const publicKey = await page.inputValue('#b-public-key');
  const secretKey = await page.inputValue('#b-secret-key');
  assert.match(publicKey, /^[A-Za-z0-9_-]{43}$/);
  assert.match(secretKey, /^[A-Za-z0-9_-]{86}$/);
  const signed = await page.inputValue('#b-token');
  const verified = await gt.verifyToken(signed, publicKey);
  assert.equal(verified.message.cluster, 'eu');
  assert.equal(verified.message.metadata.value.id, 'repl-123');
  assert.deepEqual(verified.footer.cert, { case: 'keyId', value: 'dev:1' });
  await assert.rejects(async () => gt.verifyToken(signed, otherKeys.publicKey), { name: 'TokenSignatureError' });

  await page.selectOption('#b-key-encoding', 'hex');
  await built();
  const hexPublicKey = await page.inputValue('#b-public-key');
  assert.equal(Buffer.from(hexPublicKey, 'hex').toString('base64url'), publicKey);
  assert.equal((await gt.verifyToken(await page.inputValue('#b-token'), hexPublicKey)).message.cluster, 'eu');

  await page.fill('#b-key-id', 'prod:9');
  await built();
  assert.equal(gt.parseToken(await page.inputValue('#b-token')).footer.cert.value, 'prod:9');

  // "Inspect this token" hands the token and public key to the inspector.
  await page.click('#b-inspect');
  await page.waitForSelector('#inspect-output[data-state="done"]');
  assert.equal(await page.inputValue('#token-input'), await page.inputValue('#b-token'));
  assert.equal(await field('signature'), 'Signature valid');
  assert.equal(await field('cluster'), 'eu');
  assert.equal(await field('keyId'), 'prod:9');
});

test('build: bad field values show the package error with its path', async () => {
  await page.fill('#b-bearer-id', '-1');
  await built();
  assert.equal(await page.textContent('#build-error .error-name'), 'EncodeError');
  assert.equal(await page.textContent('#build-error [data-error-field="path"]'), 'presenced.bearerID');
  assert.equal(await page.inputValue('#b-base64'), '');
  await page.fill('#b-bearer-id', '7');
  await built();
  assert.equal(await page.isHidden('#build-error'), true);

  await page.fill('#b-secret-key', 'nope');
  await built();
  assert.equal(await page.textContent('#build-error .error-name'), 'KeyError');
  assert.equal(await page.inputValue('#b-token'), '');
  assert.notEqual(await page.inputValue('#b-base64'), '');

  await page.selectOption('#b-kind', 'id');
  assert.equal(await page.isHidden('#b-language'), true);
  assert.equal(await page.isVisible('#b-source-repl'), true);
  await page.selectOption('#b-kind', 'none');
  assert.equal(await page.isHidden('#b-id'), true);
  const none = gt.decodeReplToken(new Uint8Array(Buffer.from(await page.inputValue('#b-base64'), 'base64')));
  assert.deepEqual(none.metadata, { case: undefined });
});

test('www/index.html carries the same Content-Security-Policy as the server in a meta tag, before anything it governs', () => {
  const html = readFileSync(new URL('../../www/index.html', import.meta.url), 'utf8');
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
  assert.equal(metas.length, 1);
  assert.equal(metas[0][1], META_CONTENT_SECURITY_POLICY);
  // The header says the same, plus what browsers ignore in a meta tag.
  const directives = (policy) => policy.split(/;\s*/);
  assert.deepEqual(directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors')), directives(metas[0][1]));
  assert.ok(directives(CONTENT_SECURITY_POLICY).includes("frame-ancestors 'none'"));
  assert.ok(metas[0].index < html.search(/<script|<link rel="stylesheet"/), 'the policy comes before the first script and style');
});

test('a hostile token: its strings are shown as text, control and bidi characters as visible badges', async () => {
  const attack = {
    cluster: '\x1b[3A\r\x1b[2K  Signature valid\x1b[3B',
    salt: '<img src=x onerror="window.pwned=1">',
    flags: ['abc\u202edcba', '\u009b31m\u2066x\u2069'],
    metadata: { case: 'repl', value: { id: 'id\u200b\ufeff', language: 'a\0b\x7f', user: '<b>bold</b>', slug: '\u2028', bucket: '', sourceRepl: '' } },
    presenced: { bearerID: 1, bearerName: '\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\' },
  };
  const hostile = await gt.signToken(gt.createReplToken(attack), keys.secretKey, { cert: { case: 'keyId', value: '\u202eevil' }, issuer: '' });
  await paste(hostile);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('#inspect-output img, #inspect-output b').count(), 0, 'no markup from the token');
  assert.equal(await field('salt'), attack.salt);
  assert.equal(await field('metadata.user'), '<b>bold</b>');
  assert.equal(await field('cluster'), '\\u001b[3A\\u000d\\u001b[2K  Signature valid\\u001b[3B');
  assert.equal(await field('keyId'), '\\u202eevil');
  assert.equal(await field('metadata.language'), 'a\\u0000b\\u007f');
  assert.equal(await field('metadata.slug'), '\\u2028');
  const badges = await page.locator('#inspect-output .ctl').allTextContents();
  for (const escape of ['\\u001b', '\\u000d', '\\u202e', '\\u009b', '\\u2066', '\\u2069', '\\u200b', '\\ufeff', '\\u0000', '\\u007f', '\\u2028']) {
    assert.ok(badges.includes(escape), `${escape} shown as a badge: ${badges.join(' ')}`);
  }
  // Nothing the report shows holds a raw control, bidi or invisible character (line breaks
  // of the raw view aside).
  const raw = await page.evaluate(() =>
    [...document.querySelectorAll('#inspect-output *')]
      .flatMap((node) => [...node.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE).map((c) => c.data))
      .join('')
      .replaceAll('\n', ''),
  );
  assert.doesNotMatch(raw, /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
  assert.ok((await page.textContent('#inspect-raw')).includes('\\u202e'), 'the raw view shows the override too');
});

test('no request left the page besides its own files, and nothing logged an error', () => {
  assert.ok(requests.length >= 5, requests.join('\n'));
  for (const url of requests) assert.ok(url.startsWith(`${server.url}/`), url);
  assert.deepEqual(problems, []);
});

test('nothing was stored', async () => {
  const stored = await page.evaluate(() => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: '' });
});
