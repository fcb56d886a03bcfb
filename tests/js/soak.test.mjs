// Soak: 1,000,000 calls mixing encode, decode, parseToken, verifyToken, signToken and calls
// that fail, sampling the size of the wasm instance's linear memory. It must stop growing
// after the warm-up: nothing leaks across calls, failed ones included.
//
// The memory: pkg/codec/boundary.js holds the instance the API of support/modules.mjs runs on
// (the Node entry over the per-folder modules; same URL, same module record), and
// `wasmMemory()` is its Memory.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { wasmMemory } from '../../pkg/codec/boundary.js';
import * as gt from './support/modules.mjs';

const CALLS = Number(process.env.SOAK_CALLS ?? 1_000_000);
const WARM_UP = CALLS / 10;
const SAMPLE_EVERY = 10_000;

const memory = wasmMemory();
const size = () => memory.buffer.byteLength;

test(`soak: ${CALLS} calls keep wasm memory bounded`, async () => {
  const { publicKey, secretKey } = await gt.generateSigningKeyPair();
  const token = {
    iat: { seconds: 1735689600n, nanos: 0 },
    exp: { seconds: 1735693200n, nanos: 0 },
    salt: 'c2FsdHNhbHRzYWx0',
    cluster: 'global',
    persistence: 'EPHEMERAL',
    metadata: { case: 'repl', value: { id: '1f0c2b7e-5b5e-4d2a-9a51-0a6f0f4c8e21', language: 'python3', user: 'ada\u00e9' } },
    resourceLimits: { net: true, memory: 2n ** 31n, threads: 2, shares: 1024, disk: 10n * 2n ** 30n },
    presenced: { bearerID: 42, bearerName: 'ada' },
    flags: ['a', 'b'],
    $unknown: [{ no: 99, wireType: 2, data: new Uint8Array(16) }],
  };
  const bytes = gt.encodeReplToken(token);
  const big = gt.encodeReplToken({ ...token, cluster: 'x'.repeat(200_000), flags: Array(2000).fill('flag') });
  const signed = await gt.signToken(token, secretKey, { cert: { case: 'keyId', value: 'dev:1' } }, { allowExpired: true });
  // The token is from 2025: the soak checks the signature, not the clock.
  const noClock = { now: false };
  const url = `wss://eval.global.replit.com/wsv2/${signed}`;
  const garbage = bytes.slice(0, bytes.length - 3);
  const expected = gt.decodeReplToken(bytes);

  const failing = (fn, ErrorClass) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof ErrorClass) return;
      throw error;
    }
    assert.fail('expected an error');
  };
  // One step of the mix; the weights keep the whole soak under a minute.
  const step = (i) => {
    switch (i % 20) {
      case 0:
      case 1:
      case 2:
      case 3:
        return gt.encodeReplToken(token);
      case 4:
      case 5:
      case 6:
      case 7:
        return gt.decodeReplToken(bytes);
      case 8:
      case 9:
      case 10:
        return gt.parseToken(i & 1 ? signed : url);
      case 11:
        return failing(() => gt.decodeReplToken(garbage), gt.DecodeError);
      case 12:
        return failing(() => gt.encodeReplToken({ ...token, cluster: 7 }), gt.EncodeError);
      case 13:
        return failing(() => gt.parseToken(signed.slice(0, 100)), gt.TokenFormatError);
      case 14:
        return gt.encodeResourceLimits(token.resourceLimits);
      case 15:
        return gt.decodeGovalSigningAuthority(gt.encodeGovalSigningAuthority({ issuer: 'x' }));
      case 16:
        return failing(() => gt.decodeReplToken(bytes, { maxBytes: 10 }), gt.DecodeError);
      case 17:
        return failing(() => gt.parseToken(`v4.public.${i}`), gt.TokenFormatError);
      case 18:
        return gt.encodeTimestamp(new Date(i));
      default:
        // Every 20th call: rarer, costlier ones (verify, sign, big messages) in turn.
        switch ((i / 20) % 50 | 0) {
          case 0:
            return gt.verifyToken(signed, publicKey, noClock);
          case 1:
            return gt.generateSigningKeyPair().then((other) =>
              gt.verifyToken(signed, other.publicKey, noClock).then(
                () => assert.fail('verified with another key'),
                (error) => assert.ok(error instanceof gt.TokenSignatureError, error.message),
              ),
            );
          case 2:
            return gt.signToken(token, secretKey, undefined, { allowExpired: true });
          case 3:
            return gt.decodeReplToken(big);
          case 4:
            return gt.encodeReplToken(gt.decodeReplToken(big));
          default:
            return gt.decodeRepl(gt.encodeRepl(token.metadata.value));
        }
    }
  };

  const start = performance.now();
  const initial = size();
  let afterWarmUp;
  let peak = 0;
  const samples = [];
  for (let i = 0; i < CALLS; i++) {
    const result = step(i);
    if (result instanceof Promise) await result;
    if (i % SAMPLE_EVERY === SAMPLE_EVERY - 1) {
      const now = size();
      samples.push(now);
      peak = Math.max(peak, now);
      if (i + 1 === WARM_UP) afterWarmUp = now;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const final = size();
  const MiB = (n) => `${(n / 2 ** 20).toFixed(2)} MiB`;
  console.log(
    `soak: ${CALLS} calls in ${seconds.toFixed(1)} s; wasm memory ${MiB(initial)} at start, ` +
      `${MiB(afterWarmUp)} after ${WARM_UP} calls, ${MiB(final)} at the end (peak ${MiB(peak)}); ` +
      `JS heap ${MiB(process.memoryUsage().heapUsed)}`,
  );
  // Still correct at the end.
  assert.deepStrictEqual(gt.decodeReplToken(bytes), expected);
  assert.equal((await gt.verifyToken(signed, publicKey, noClock)).message.cluster, 'global');
  // No growth after the warm-up, and a small instance overall.
  assert.equal(final, afterWarmUp, `wasm memory grew after the warm-up: ${samples.map(MiB).join(', ')}`);
  assert.ok(peak <= 16 * 2 ** 20, `wasm memory reached ${MiB(peak)}`);
});
