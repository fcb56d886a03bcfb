// formatToken: the object model as readable text for Node's console, leaving the value as it
// is. (The DevTools formatters over the same tree run in headless Chromium in
// tests/browser/ui.test.mjs.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as gt from '../../pkg/node.js';

const keys = await gt.generateSigningKeyPair();
const HOUR = 3600n;

function sample() {
  const now = gt.timestampNow();
  return gt.createReplToken({
    iat: now,
    exp: { seconds: now.seconds + 2n * HOUR, nanos: 0 },
    cluster: 'global',
    persistence: 9,
    metadata: { case: 'repl', value: { id: 'abc-repl', language: 'python3', user: '\x1b[2Jada\u202e', backerJobMetadata: JSON.parse('{"JOB":"1","__proto__":"\\u001b"}') } },
    resourceLimits: { net: true, memory: 2n * 1024n ** 3n, threads: 1.5, shares: 1, disk: 1000n },
    flags: ['alpha'],
    paid: true,
    idleTimeout: { seconds: 5400n, nanos: 500000000 },
    $unknown: [{ no: 15, wireType: 2, data: new Uint8Array([0x08, 0x78]) }],
  });
}

test('a ReplToken: RFC 3339 times with the time from now, sizes, enums, unknown fields; strings escaped', () => {
  const token = sample();
  const text = gt.formatToken(token);
  const iat = gt.timestampToDate(token.iat).toISOString().replace(/\.\d+Z$/, (ms) => (ms === '.000Z' ? 'Z' : ms));
  assert.match(text, /^ReplToken \{cluster "global", repl "abc-repl", exp \S+Z \(in (1 h 59 min|2 h)\)\}$/m);
  assert.ok(text.includes(`  iat: ${iat} (`), text);
  assert.match(text, /^ {2}exp: \S+Z \(in (1 h 59 min|2 h)\)$/m);
  assert.match(text, /^ {4}memory: 2 GiB \(2147483648 bytes\)$/m);
  assert.match(text, /^ {4}disk: 1000 bytes$/m);
  assert.match(text, /^ {4}threads: 1\.5$/m);
  assert.match(text, /^ {2}persistence: 9 \(not in this schema's Persistence\)$/m);
  assert.match(text, /^ {2}paid: true$/m, 'fields of @replit/protocol 0.4.27 by name');
  assert.match(text, /^ {2}format: PROTOBUF$/m);
  assert.match(text, /^ {2}metadata \(repl\): Repl$/m);
  assert.match(text, /^ {4}user: "\\u001b\[2Jada\\u202e"$/m, 'control and bidi characters escaped');
  assert.match(text, /^ {4}backerJobMetadata: \{2\}\n {6}"JOB": "1"\n {6}"__proto__": "\\u001b"$/m, 'a map: its entries, escaped');
  assert.match(text, /^ {2}idleTimeout: 5400\.500s \(1 h 30 min\)$/m, 'a Duration as proto3 JSON and in words, not as a Timestamp');
  assert.match(text, /^ {2}\$unknown: 1 field\(s\) unknown to this schema\n {4}#15 permissions \(newer schema\): length-delimited, 2 bytes hex 0878$/m);
  assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
  assert.doesNotMatch(text, /undefined|\[object Object\]|\dn\b/, 'no raw bigint or missing values');
});

test('a parsed token: message, footer and the signature as hex; an expired Timestamp reads "ago"', async () => {
  const signed = await gt.signToken(sample(), keys.secretKey, { cert: { case: 'keyId', value: 'dev:1' }, issuer: 'tests' }, { allowExpired: true });
  const parsed = gt.parseToken(signed);
  const text = gt.formatToken(parsed);
  assert.match(text, /^v2\.public token \(cluster "global"\)\n {2}message: ReplToken \{/);
  assert.match(text, /^ {2}footer: GovalSigningAuthority\n/m);
  assert.match(text, /^ {4}cert \(keyId\): "dev:1"$/m);
  assert.match(text, /^ {4}version: BARE_REPL_TOKEN$/m);
  assert.match(text, new RegExp(`^ {2}signature: 64 bytes hex ${Buffer.from(parsed.signature).toString('hex')}$`, 'm'));
  assert.equal(gt.formatToken({ seconds: 1704164645n, nanos: 0 }).replace(/\(.*\)/, '(…)'), '2024-01-02T03:04:05Z (…)');
  assert.match(gt.formatToken({ seconds: 1704164645n, nanos: 500_000_000 }), /^2024-01-02T03:04:05\.500Z \(\d+ d( \d+ h)? ago\)$/);
  assert.match(gt.formatToken({ seconds: 1704164645n, nanos: 1 }), /^2024-01-02T03:04:05\.000000001Z /);
});

test('formatToken leaves the value unchanged and handles what is not a token', () => {
  const token = sample();
  const copy = structuredClone(token);
  gt.formatToken(token);
  assert.deepStrictEqual(token, copy);
  assert.equal(Object.getPrototypeOf(token), Object.prototype);
  assert.equal(gt.formatToken('x\x1b'), '"x\\u001b"');
  assert.equal(gt.formatToken(5n), '5 (int64)');
  assert.equal(gt.formatToken(null), 'null');
  assert.match(gt.formatToken({ a: 1 }), /^\{…\}\n {2}a: 1$/);
  assert.equal(gt.formatToken(new Uint8Array([0xde, 0xad])), '2 bytes hex dead');
});
