// Writes the fuzzers' seed corpus (fuzz/corpus/<target>/seed-*), from the built package:
// decode_repl_token: the golden vectors' ReplToken protobufs and a few footers.
// Run after `npm run build`: node scripts/fuzz-corpus.mjs
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as gt from '../pkg/node.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vectors = JSON.parse(readFileSync(join(root, 'tests/golden/vectors.json'), 'utf8'));

function writeSeeds(target, seeds) {
  const dir = join(root, 'fuzz/corpus', target);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.startsWith('seed-')) rmSync(join(dir, name));
  for (const [name, data] of seeds) writeFileSync(join(dir, `seed-${name}`), data);
  console.log(`fuzz/corpus/${target}: ${seeds.size} seeds`);
}

const protobufs = new Map();
for (const v of vectors) protobufs.set(v.name, Buffer.from(v.hex, 'hex'));
const FOOTERS = {
  keyid: { cert: { case: 'keyId', value: 'dev:1' }, issuer: 'replit.com' },
  signedcert: { cert: { case: 'signedCert', value: 'GQoSCgZnbG9iYWwSBmRldjox' }, issuer: 'conman' },
  typeaware: { version: 'TYPE_AWARE_TOKEN' },
};
for (const [name, footer] of Object.entries(FOOTERS)) {
  protobufs.set(`footer-${name}`, Buffer.from(gt.encodeGovalSigningAuthority(footer)));
}
writeSeeds('decode_repl_token', protobufs);

