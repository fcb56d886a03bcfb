// Buffers that grow while a value is being written must keep what was already written.
// Issue 9: a string with an ASCII head and a multi-byte tail that ended near the encode
// buffer's capacity lost its head (decoded as NULs), silently. Each sweep runs in a fresh
// worker (fresh buffers and wasm memory) and moves the value across every offset of the
// capacities the buffers grow through (0 … 4096 bytes of prefix), in every string field,
// in a repeated field, in unknown-field data and in the footer; each encoding must equal
// protobufjs's bytes and decode back to the value.
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';

import * as gt from '../../pkg/node.js';
import { MAX_PREFIX, TAILS, TARGETS } from './support/growth-sweep.mjs';

const HEAD = 19;

function runWorker(sweeps) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./support/growth-sweep.mjs', import.meta.url), { workerData: { sweeps } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`sweep worker exited with ${code}`)));
  });
}

/** Runs every sweep, each in its own fresh worker, a few at a time. */
async function runAll(sweeps) {
  const results = [];
  const queue = [...sweeps];
  const lanes = Array.from({ length: Math.max(1, Math.min(4, availableParallelism())) }, async () => {
    while (queue.length > 0) results.push(...(await runWorker([queue.shift()])));
  });
  await Promise.all(lanes);
  return results;
}

describe('buffer growth keeps what was written (issue 9)', () => {
  test('the reported case: a 1000-character salt, then 19 ASCII characters and "€€"', () => {
    const input = { salt: 'a'.repeat(1000), cluster: `${'b'.repeat(19)}€€` };
    assert.equal(gt.decodeReplToken(gt.encodeReplToken(input)).cluster, input.cluster);
  });

  test('hundreds of non-ASCII flags round-trip', () => {
    const flags = Array.from({ length: 600 }, (_, i) => `flag-${i}-${['é', 'é€', 'é€😀'][i % 3]}`);
    assert.deepEqual(gt.decodeReplToken(gt.encodeReplToken({ flags })).flags, flags);
  });

  test(`every value at every offset from 0 to ${MAX_PREFIX} bytes, with 2-, 3- and 4-byte tails`, async () => {
    const sweeps = Object.keys(TARGETS).flatMap((target) => Object.keys(TAILS).map((tail) => ({ target, tail, head: HEAD })));
    const results = await runAll(sweeps);
    assert.equal(results.length, sweeps.length);
    const failures = results.filter((r) => r.cases === undefined);
    assert.deepEqual(failures, [], 'sweeps that lost or changed bytes');
    for (const r of results) assert.equal(r.cases, MAX_PREFIX + 1);
  });
});
