// One sweep of tests/js/buffer-growth.test.mjs, run in a worker thread so that it starts
// with a fresh package instance (fresh encode buffers, fresh wasm memory): the value under
// test sits after a prefix of 0 … MAX_PREFIX bytes, so as the prefix grows the value
// straddles each capacity the buffers grow through, at every offset. Each encoding is
// checked against protobufjs's bytes and decoded back.
import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';

import { encodeWithProtobufjs } from '../../oracle/oracle.mjs';
import { normalise } from './normalise.mjs';

const require = createRequire(import.meta.url);
const protobuf = require('protobufjs');

const gt = await import('../../../pkg/node.js');

export const MAX_PREFIX = 4096;

/** Non-ASCII tails by UTF-8 width: 2, 3 and 4 bytes per character. */
export const TAILS = { '2-byte': '\u00e9\u00df', '3-byte': '\u20ac\u20ac', '4-byte': '\u{1F600}\u{1F680}' };

const sameBytes = (a, b) => Buffer.compare(a, b) === 0;
const ascii = (n) => 'a'.repeat(n);
const payload = (n) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 1) & 0xff);

// Imports in proto/ are relative to proto/ (as protox and protoc -I proto read them).
const protoDir = fileURLToPath(new URL('../../../proto/', import.meta.url));
const protoRoot = new protobuf.Root();
protoRoot.resolvePath = (origin, target) => (isAbsolute(target) ? target : join(protoDir, target));
const footerType = protoRoot.loadSync(join(protoDir, 'api/signing.proto')).lookupType('api.GovalSigningAuthority');

/**
 * Where the value under test goes, and what puts `prefix` bytes in front of it: each
 * builds the encode input from (prefix length, value). `message` is the schema's name.
 */
export const TARGETS = {
  // The first string of ReplToken: the prefix is an unknown field inside iat.
  salt: (p, v) => ({ iat: { seconds: 1n, $unknown: [{ no: 9, wireType: 2, data: payload(p) }] }, salt: v }),
  cluster: (p, v) => ({ salt: ascii(p), cluster: v }),
  'metadata.repl.id': (p, v) => ({ cluster: ascii(p), metadata: { case: 'repl', value: { id: v } } }),
  // The prefix inside the message too, so that its length prefix grows from 1 to 2 bytes.
  ...Object.fromEntries(
    ['language', 'bucket', 'slug', 'user', 'sourceRepl'].map((key) => [
      `metadata.repl.${key}`,
      (p, v) => ({ metadata: { case: 'repl', value: { id: ascii(p), [key]: v } } }),
    ]),
  ),
  // A message whose length prefix grows from 2 to 3 bytes (at 16 KiB) during the sweep.
  'metadata.repl.user (16 KiB)': (p, v) => ({ metadata: { case: 'repl', value: { id: ascii(12300 + p), user: v } } }),
  'metadata.id.id': (p, v) => ({ cluster: ascii(p), metadata: { case: 'id', value: { id: v } } }),
  'metadata.id.sourceRepl': (p, v) => ({ cluster: ascii(p), metadata: { case: 'id', value: { sourceRepl: v } } }),
  'metadata.classroom.id': (p, v) => ({ cluster: ascii(p), metadata: { case: 'classroom', value: { id: v } } }),
  'metadata.classroom.language': (p, v) => ({ cluster: ascii(p), metadata: { case: 'classroom', value: { language: v } } }),
  'presenced.bearerName': (p, v) => ({ cluster: ascii(p), presenced: { bearerID: 7, bearerName: v } }),
  // Repeated: the prefix is the element before, and a third element follows.
  'flags[1]': (p, v) => ({ flags: [ascii(p), v, `z${v}`] }),
  // Unknown-field data after a multi-byte string, and as the value itself.
  $unknown: (p, v) => ({ cluster: `${ascii(p)}${v}`, $unknown: [{ no: 99, wireType: 2, data: payload(37) }] }),
  'presenced.$unknown': (p, v) => ({ cluster: v, presenced: { $unknown: [{ no: 5, wireType: 2, data: payload(p) }] } }),
  // The footer: its first string is swept by its own length, the others by a prefix.
  'footer.keyId': (p, v) => ({ cert: { case: 'keyId', value: `${ascii(p)}${v}` } }),
  'footer.issuer': (p, v) => ({ cert: { case: 'signedCert', value: ascii(p) }, issuer: v }),
};

/** Our bytes and the oracle's for one input, and what decoding ours gives back. */
function check(target, input) {
  if (target.startsWith('footer.')) {
    const ours = gt.encodeGovalSigningAuthority(input);
    const oracleInput = { issuer: input.issuer ?? '' };
    if (input.cert.case === 'keyId') oracleInput.keyId = input.cert.value;
    else oracleInput.signedCert = input.cert.value;
    const theirs = footerType.encode(footerType.fromObject(oracleInput)).finish();
    const decoded = gt.decodeGovalSigningAuthority(ours);
    const expected = normalise.footer(input);
    return { ours, theirs, decoded, expected };
  }
  const ours = gt.encodeReplToken(input);
  const expected = normalise.replToken(input);
  return { ours, theirs: encodeWithProtobufjs(expected), decoded: gt.decodeReplToken(ours), expected };
}

/** Sweeps one target with one tail; returns the first failure, or the number of cases. */
export function sweep(target, tailName, head) {
  const build = TARGETS[target];
  const value = `${'b'.repeat(head)}${TAILS[tailName]}`;
  for (let p = 0; p <= MAX_PREFIX; p++) {
    const input = build(p, value);
    const { ours, theirs, decoded, expected } = check(target, input);
    if (!sameBytes(ours, theirs)) return { prefix: p, problem: 'bytes differ from protobufjs' };
    if (!isDeepStrictEqual(decoded, expected)) return { prefix: p, problem: 'decodes to a different value' };
  }
  return { cases: MAX_PREFIX + 1 };
}

if (parentPort && workerData?.sweeps) {
  parentPort.postMessage(workerData.sweeps.map(({ target, tail, head }) => ({ target, tail, head, ...sweep(target, tail, head) })));
}
