// Writes the fuzzers' seed corpus (fuzz/corpus/<target>/seed-*), from the built package:
// - decode_repl_token: the golden vectors' ReplToken protobufs and a few footers;
// - parse_token: real-shaped v2.public tokens signed with the fuzz test key (seed bytes
//   0, 1, …, 31, as in fuzz/fuzz_targets/common.rs), as bare tokens and in wss:// URLs,
//   plus near misses (v2.local, v4, no footer, truncated, keys in text forms).
// Deterministic: Ed25519 signatures are, and no clock or randomness is used.
// Run after `npm run build`: node scripts/fuzz-corpus.mjs
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as gt from '../pkg/node.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vectors = JSON.parse(readFileSync(join(root, 'tests/golden/vectors.json'), 'utf8'));
const seed = Uint8Array.from({ length: 32 }, (_, i) => i);

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

const tokens = new Map();
const message = (name) => gt.decodeReplToken(new Uint8Array(protobufs.get(name)));
for (const name of ['full_realistic_token', 'real_newer_token', 'oneof_id', 'unknown_nested_all_levels', 'unicode_strings', 'empty_message']) {
  tokens.set(`${name}-keyid`, await gt.signToken(message(name), { seed }, FOOTERS.keyid));
  tokens.set(`${name}-nofooter`, await gt.signToken(message(name), { seed }));
}
const full = message('full_realistic_token');
const signed = await gt.signToken(full, { seed }, FOOTERS.signedcert);
tokens.set('signedcert', signed);
tokens.set('typeaware-footer', await gt.signToken(full, { seed }, FOOTERS.typeaware));
tokens.set('url', `wss://eval.global.replit.com/wsv2/${signed}/extra?x=1`);
tokens.set('url-whitespace', `  \u00e9 https://a/b/wsv2/${signed}#f\n`);
tokens.set('local', signed.replace('v2.public.', 'v2.local.'));
tokens.set('v4', signed.replace('v2.public.', 'v4.public.'));
tokens.set('truncated', signed.slice(0, 120));
tokens.set('short-payload', 'v2.public.AAAA');
tokens.set('key-hex', Buffer.from(seed).toString('hex'));
tokens.set('key-b64', Buffer.from(seed).toString('base64'));
tokens.set('key-paserk', `k2.secret.${Buffer.concat([Buffer.from(seed), Buffer.alloc(32)]).toString('base64url')}`);
tokens.set('key-pem', `-----BEGIN PRIVATE KEY-----\n${Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seed)]).toString('base64')}\n-----END PRIVATE KEY-----\n`);
writeSeeds('parse_token', tokens);
