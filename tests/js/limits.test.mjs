// Limits: hostile inputs of 10 MB, valid protobuf or not, fail fast with clear errors under
// the default options (maxBytes 1 MiB, maxDepth 64), and raising maxBytes lets the valid
// ones through. Each case prints its time; only the error types are asserted.
import assert from 'node:assert/strict';
import { randomFillSync } from 'node:crypto';
import { describe, test } from 'node:test';

import * as gt from '../../pkg/node.js';
import { varint } from './support/model.mjs';

const { decodeReplToken, encodeReplToken, parseToken, verifyToken, inspectToken, DecodeError, TokenFormatError } = gt;

const MB = 1 << 20;
const SIZE = 10 * MB;
const BIG = { maxBytes: 16 * MB };
const SECRET = { seed: Uint8Array.from({ length: 32 }, (_, i) => i) };
const PUBLIC = (await gt.generateSigningKeyPair()).publicKey;

function timed(label, fn) {
  const start = performance.now();
  try {
    return fn();
  } finally {
    console.log(`${label}: ${(performance.now() - start).toFixed(1)} ms`);
  }
}

async function timedAsync(label, fn) {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    console.log(`${label}: ${(performance.now() - start).toFixed(1)} ms`);
  }
}

function throwsTimed(label, fn, ErrorClass, message) {
  timed(label, () =>
    assert.throws(fn, (error) => {
      assert.ok(error instanceof ErrorClass, `expected ${ErrorClass.name}, got ${error?.name}: ${error?.message}`);
      if (message) assert.match(error.message, message);
      return true;
    }),
  );
}

/** Bytes of exactly `size` made of `unit` repeated, after `head`. */
function repeat(unit, size, head = []) {
  const out = new Uint8Array(size);
  out.set(head);
  for (let at = head.length; at + unit.length <= size; at += unit.length) out.set(unit, at);
  return out;
}

// The hostile inputs, each 10 MB.
const random = randomFillSync(new Uint8Array(SIZE));
// cluster (field 4) holding one 10 MB string.
const stringHead = [0x22, ...varint(SIZE - 6)];
const hugeString = repeat([0x61], SIZE - 6 + stringHead.length, stringHead);
// 5 M nested start-group tags of an unknown field 100 (tag 0xa3 0x06).
const deep = repeat([0xa3, 0x06], SIZE);
// ~1.1 M unknown fixed64 fields (field 15, tag 0x79).
const manyUnknown = repeat([0x79, 1, 2, 3, 4, 5, 6, 7, 8], SIZE - (SIZE % 9));
// 3.5 M flags (field 14), each the string "a".
const manyFlags = repeat([0x72, 0x01, 0x61], SIZE - (SIZE % 3));

describe('10 MB hostile protobuf under the default limits', () => {
  for (const [name, bytes] of [
    ['random bytes', random],
    ['a 10 MB string field', hugeString],
    ['5 M nested groups', deep],
    ['1.1 M unknown fields', manyUnknown],
    ['3.5 M repeated strings', manyFlags],
  ]) {
    test(`${name}: a DecodeError naming maxBytes`, () => {
      throwsTimed(`default limits, ${name}`, () => decodeReplToken(bytes), DecodeError, /over the limit of 1048576 \(option maxBytes\)/);
      // And every other decoder.
      for (const decode of [gt.decodeRepl, gt.decodeTimestamp, gt.decodeGovalSigningAuthority]) {
        assert.throws(() => decode(bytes), DecodeError);
      }
    });
  }
  test('the default is 1 MiB exactly', () => {
    // A cluster string (tag, 3-byte length) making the message exactly `size` bytes.
    const ofSize = (size) => repeat([0x61], size, [0x22, ...varint(size - 4)]);
    assert.equal(decodeReplToken(ofSize(MB)).cluster.length, MB - 4);
    throwsTimed('default limits, 1 MiB + 1', () => decodeReplToken(ofSize(MB + 1)), DecodeError, /the input is 1048577 bytes, over the limit of 1048576/);
  });
});

describe('10 MB hostile protobuf with maxBytes raised', () => {
  test('random bytes: decoded or a DecodeError', () => {
    timed('maxBytes 16 MiB, random bytes', () => {
      try {
        decodeReplToken(random, BIG);
      } catch (error) {
        assert.ok(error instanceof DecodeError, error.message);
      }
    });
  });
  test('a 10 MB string field decodes', () => {
    const token = timed('maxBytes 16 MiB, a 10 MB string field', () => decodeReplToken(hugeString, BIG));
    assert.equal(token.cluster.length, SIZE - 6);
    assert.equal(timed('re-encode the 10 MB string', () => encodeReplToken(token)).length, hugeString.length);
  });
  test('5 M nested groups: a DecodeError at the depth limit, whatever maxDepth allows', () => {
    throwsTimed('maxBytes 16 MiB, nested groups', () => decodeReplToken(deep, BIG), DecodeError, /depth limit/);
    throwsTimed('maxDepth 100, nested groups', () => decodeReplToken(deep, { ...BIG, maxDepth: 100 }), DecodeError, /depth limit/);
  });
  test('1.1 M unknown fields decode and re-encode unchanged', () => {
    const token = timed('maxBytes 16 MiB, 1.1 M unknown fields', () => decodeReplToken(manyUnknown, BIG));
    assert.equal(token.$unknown.length, manyUnknown.length / 9);
    assert.deepStrictEqual(timed('re-encode 1.1 M unknown fields', () => encodeReplToken(token)), manyUnknown);
  });
  test('3.5 M repeated strings decode', () => {
    const token = timed('maxBytes 16 MiB, 3.5 M flags', () => decodeReplToken(manyFlags, BIG));
    assert.equal(token.flags.length, manyFlags.length / 3);
  });
  test('the options are checked', () => {
    for (const options of [{ maxBytes: -1 }, { maxBytes: 2 ** 31 }, { maxBytes: 1.5 }, { maxDepth: 0 }, { maxDepth: 101 }, { maxDepth: '64' }, { depth: 3 }, null, 'x']) {
      assert.throws(() => decodeReplToken(new Uint8Array(), options), DecodeError, JSON.stringify(options));
    }
  });
  test('maxDepth counts levels: iat is level 2', () => {
    const nested = encodeReplToken({ iat: { seconds: 1n } });
    assert.throws(() => decodeReplToken(nested, { maxDepth: 1 }), DecodeError, /depth limit/);
    assert.equal(decodeReplToken(nested, { maxDepth: 2 }).iat.seconds, 1n);
  });
});

describe('10 MB token strings fail fast', async () => {
  const base64url = (n) => 'A'.repeat(n);
  const signed = await gt.signToken({ cluster: 'global' }, SECRET, undefined, { allowExpired: true });
  // Any input over 2 MiB is refused before it is looked at, so every case is `too-long`.
  const cases = [
    ['a 10 MB v2.public payload', `v2.public.${base64url(SIZE)}`, 'too-long'],
    ['a 10 MB payload of a valid ReplToken', `v2.public.${Buffer.concat([Buffer.from(Buffer.from(hugeString).toString('base64')), Buffer.alloc(64)]).toString('base64url')}`, 'too-long'],
    ['a 10 MB footer', `${signed}.${base64url(SIZE)}`, 'too-long'],
    // Field 4 is also GovalSigningAuthority.issuer: a valid footer of 10 MB.
    ['a 10 MB footer of a valid GovalSigningAuthority', `${signed}.${Buffer.from(Buffer.from(hugeString).toString('base64')).toString('base64url')}`, 'too-long'],
    ['10 MB of text', 'x'.repeat(SIZE), 'too-long'],
    ['10 MB of dots', '.'.repeat(SIZE), 'too-long'],
    ['a 10 MB URL', `wss://h/${'a/'.repeat(SIZE / 2)}`, 'too-long'],
    ['a 10 MB URL around a token', `wss://h/wsv2/${signed}/${'a'.repeat(SIZE)}`, 'too-long'],
    ['10 MB of whitespace around a token', `${' '.repeat(SIZE / 2)}${signed}${'\n'.repeat(SIZE / 2)}`, 'too-long'],
    ['a 10 MB v2.local token', `v2.local.${base64url(SIZE)}`, 'too-long'],
    ['10 MB of non-ASCII', '\u00e9'.repeat(SIZE / 2), 'too-long'],
  ];
  for (const [name, token, reason] of cases) {
    test(`${name}: TokenFormatError ${reason}`, async () => {
      throwsTimed(`parseToken, ${name}`, () => parseToken(token), TokenFormatError);
      assert.throws(() => parseToken(token), (e) => e.reason === reason || assert.fail(`${e.reason}: ${e.message}`));
      await timedAsync(`verifyToken, ${name}`, () => assert.rejects(verifyToken(token, PUBLIC), TokenFormatError));
      await timedAsync(`inspectToken, ${name}`, async () => {
        try {
          await inspectToken(token);
        } catch (error) {
          assert.ok(error instanceof gt.TokenError, `${error.name}: ${error.message}`);
        }
      });
    });
  }
});
