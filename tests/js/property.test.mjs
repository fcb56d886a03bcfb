// Property tests over the built package (fast-check): no input traps the wasm instance or
// throws anything but the package's own errors, and valid objects survive encode → decode.
// Failures print a seed and a path; replay with fc.assert(..., { seed, path }).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import * as gt from '../../pkg/node.js';
import { arb, normalise } from './support/model.mjs';

const { GovalTokenError, DecodeError, encodeReplToken, decodeReplToken } = gt;

const KNOWN = { cluster: 'global', metadata: { case: 'repl', value: { id: 'r' } }, flags: ['a'] };
const KNOWN_BYTES = encodeReplToken(KNOWN);
const SECRET = { seed: Uint8Array.from({ length: 32 }, (_, i) => i) };

/** The instance still works: a known-good call gives the known answer. */
function stillWorks() {
  assert.deepStrictEqual(encodeReplToken(KNOWN), KNOWN_BYTES);
  assert.deepStrictEqual(decodeReplToken(KNOWN_BYTES), decodeReplToken(encodeReplToken(KNOWN)));
}

/** `fn()` returns (checked by `ok`) or throws a GovalTokenError; anything else fails. */
function returnsOrThrowsOwn(fn, ok, ErrorClass = GovalTokenError) {
  let result;
  try {
    result = fn();
  } catch (error) {
    if (!(error instanceof ErrorClass)) {
      assert.fail(`threw ${error?.constructor?.name}: ${error?.message ?? error}\n${error?.stack}`);
    }
    assert.equal(typeof error.message, 'string');
    return;
  }
  ok(result);
}

/** As returnsOrThrowsOwn for the async token functions: resolves, or rejects with a GovalTokenError. */
async function resolvesOrRejectsOwn(fn, ok) {
  let result;
  try {
    result = await fn();
  } catch (error) {
    if (!(error instanceof GovalTokenError)) {
      assert.fail(`rejected with ${error?.constructor?.name}: ${error?.message ?? error}\n${error?.stack}`);
    }
    assert.equal(typeof error.message, 'string');
    return;
  }
  ok(result);
}

const isBytes = (r) => assert.ok(r instanceof Uint8Array, `expected a Uint8Array, got ${r}`);
const isObject = (r) => assert.ok(r !== null && typeof r === 'object');
const isString = (r) => assert.equal(typeof r, 'string');

const anything = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});
const weird = fc.oneof(
  anything,
  fc.constantFrom(Symbol('x'), () => 1, new Date(NaN), Object.create({ cluster: 'x' }), [], new Proxy({}, {}), new Uint8Array(3), new ArrayBuffer(2)),
);

/** A valid message with one key's value replaced by anything, or an unknown key added. */
function spoiled(valid, keys) {
  return fc.tuple(valid, fc.constantFrom(...keys, '$unknown', 'bogus', '__proto__', 'constructor'), weird).map(([object, key, value]) => {
    const copy = { ...object };
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    return copy;
  });
}

const TOKEN_KEYS = ['iat', 'exp', 'salt', 'cluster', 'persistence', 'metadata', 'resourceLimits', 'format', 'presenced', 'flags'];
const ENCODERS = [
  ['encodeReplToken', gt.encodeReplToken, arb.replToken, TOKEN_KEYS],
  ['encodeRepl', gt.encodeRepl, arb.repl, ['id', 'language', 'bucket', 'slug', 'user', 'sourceRepl']],
  ['encodeResourceLimits', gt.encodeResourceLimits, arb.resourceLimits, ['net', 'memory', 'threads', 'shares', 'disk']],
  ['encodeReplID', gt.encodeReplID, arb.replID, ['id', 'sourceRepl']],
  ['encodeClassroomMetadata', gt.encodeClassroomMetadata, arb.classroom, ['id', 'language']],
  ['encodePresenced', gt.encodePresenced, arb.presenced, ['bearerID', 'bearerName']],
  ['encodeTimestamp', gt.encodeTimestamp, arb.timestamp, ['seconds', 'nanos']],
  ['encodeDuration', gt.encodeDuration, arb.duration, ['seconds', 'nanos']],
  ['encodeGovalSigningAuthority', gt.encodeGovalSigningAuthority, arb.footer, ['cert', 'version', 'issuer']],
];
const DECODERS = [
  gt.decodeReplToken,
  gt.decodeRepl,
  gt.decodeResourceLimits,
  gt.decodeReplID,
  gt.decodeClassroomMetadata,
  gt.decodePresenced,
  gt.decodeTimestamp,
  gt.decodeDuration,
  gt.decodeGovalSigningAuthority,
];

describe('arbitrary values never trap', () => {
  for (const [name, encode, valid, keys] of ENCODERS) {
    test(`${name}: bytes or a GovalTokenError, and the instance keeps working`, () => {
      const input = fc.oneof(weird, spoiled(valid.filter((v) => !(v instanceof Date)), keys));
      fc.assert(
        fc.property(input, (value) => {
          returnsOrThrowsOwn(() => encode(value), isBytes);
          stillWorks();
        }),
        { numRuns: 1000 },
      );
    });
  }

  test('createReplToken, the …ToJson functions and signToken: a result or a GovalTokenError', async () => {
    const input = fc.oneof(weird, spoiled(arb.replToken, TOKEN_KEYS));
    await fc.assert(
      fc.asyncProperty(input, weird, async (value, other) => {
        returnsOrThrowsOwn(() => gt.createReplToken(value), isObject);
        returnsOrThrowsOwn(() => gt.replTokenToJson(value), isObject);
        returnsOrThrowsOwn(() => gt.replTokenToJson(value, other), isObject);
        returnsOrThrowsOwn(() => gt.replTokenFromJson(value), isObject);
        await resolvesOrRejectsOwn(() => gt.signToken(value, SECRET, undefined, { allowExpired: true }), isString);
        await resolvesOrRejectsOwn(() => gt.signToken(KNOWN, other, undefined, { allowExpired: true }), isString);
        await resolvesOrRejectsOwn(() => gt.signToken(KNOWN, SECRET, value, { allowExpired: true }), isString);
        stillWorks();
      }),
      { numRuns: 600 },
    );
  });

  test('parseToken, verifyToken and inspectToken: a result or a GovalTokenError', async () => {
    const token = await gt.signToken(KNOWN, SECRET, undefined, { allowExpired: true });
    const tokenish = fc.oneof(
      weird,
      fc.string({ unit: 'binary' }),
      fc.tuple(fc.nat(token.length), fc.string({ maxLength: 3 })).map(([i, s]) => token.slice(0, i) + s + token.slice(i + 1)),
      fc.string({ unit: fc.constantFrom(...'v2.publicAZaz09-_/:wss') }),
    );
    await fc.assert(
      fc.asyncProperty(tokenish, weird, weird, async (input, key, options) => {
        returnsOrThrowsOwn(() => gt.parseToken(input), isObject);
        await resolvesOrRejectsOwn(() => gt.verifyToken(input, key, options), isObject);
        await resolvesOrRejectsOwn(() => gt.verifyToken(token, key), isObject);
        await resolvesOrRejectsOwn(() => gt.verifyToken(token, new Uint8Array(0), options), isObject);
        await resolvesOrRejectsOwn(() => gt.inspectToken(input, options), isObject);
        stillWorks();
      }),
      { numRuns: 600 },
    );
  });

  test('decode…: arbitrary bytes give a message or a DecodeError, arbitrary options a GovalTokenError', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      // Valid encodings with a few bytes overwritten, inserted or cut off.
      fc.tuple(arb.replToken, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat()).map(([x, edits, cut]) => {
        const b = [...encodeReplToken(x)];
        for (const [at, v] of edits) {
          if (b.length === 0 || v & 1) b.splice(b.length ? at % b.length : 0, 0, v);
          else b[at % b.length] = v;
        }
        return Uint8Array.from(b.slice(0, b.length - (cut % 4)));
      }),
    );
    fc.assert(
      fc.property(bytes, fc.nat(DECODERS.length - 1), weird, (input, which, options) => {
        const decode = DECODERS[which];
        returnsOrThrowsOwn(() => decode(input), isObject, DecodeError);
        returnsOrThrowsOwn(() => decode(input, options), isObject);
        returnsOrThrowsOwn(() => decode(options), isObject, DecodeError);
        // What decode accepts, encode writes back and decode reads again unchanged.
        let decoded;
        try {
          decoded = gt.decodeReplToken(input);
        } catch {
          return;
        }
        assert.deepStrictEqual(decodeReplToken(encodeReplToken(decoded)), decoded);
        stillWorks();
      }),
      { numRuns: 3000 },
    );
  });
});

describe('decode(encode(x)) equals normalise(x)', () => {
  const cases = [
    ['ReplToken', arb.replToken, gt.encodeReplToken, gt.decodeReplToken, normalise.replToken, 3000],
    ['GovalSigningAuthority', arb.footer, gt.encodeGovalSigningAuthority, gt.decodeGovalSigningAuthority, normalise.footer, 500],
    ['Timestamp', arb.timestamp, gt.encodeTimestamp, gt.decodeTimestamp, normalise.timestamp, 300],
    ['Duration', arb.duration, gt.encodeDuration, gt.decodeDuration, normalise.duration, 300],
    ['ResourceLimits', arb.resourceLimits, gt.encodeResourceLimits, gt.decodeResourceLimits, normalise.resourceLimits, 300],
    ['Repl', arb.repl, gt.encodeRepl, gt.decodeRepl, normalise.repl, 300],
    ['Presenced', arb.presenced, gt.encodePresenced, gt.decodePresenced, normalise.presenced, 300],
  ];
  for (const [name, valid, encode, decode, expected, numRuns] of cases) {
    test(name, () => {
      fc.assert(
        fc.property(valid, (x) => {
          const bytes = encode(x);
          assert.deepStrictEqual(decode(bytes), expected(x));
          // Encoding the decoded object gives the same bytes: the output is canonical.
          assert.deepStrictEqual(encode(decode(bytes)), bytes);
        }),
        { numRuns },
      );
    });
  }

  test('the proto3 JSON mapping round-trips too (without unknown fields)', () => {
    fc.assert(
      fc.property(arb.replToken, (x) => {
        let json;
        try {
          json = JSON.parse(JSON.stringify(gt.replTokenToJson(x, { dropUnknownFields: true })));
        } catch (error) {
          // Timestamps outside years 0001–9999 have no RFC 3339 form: a documented EncodeError.
          assert.ok(error instanceof gt.EncodeError && /iat|exp|before/.test(error.path), error.message);
          return;
        }
        const { $unknown, ...expected } = normalise.replToken(x);
        const strip = (o) => {
          if (o && typeof o === 'object' && !(o instanceof Uint8Array)) {
            delete o.$unknown;
            // A map's keys are data: `$unknown` may be one.
            for (const [key, value] of Object.entries(o)) if (key !== 'backerJobMetadata') strip(value);
          }
          return o;
        };
        void $unknown;
        // JSON.stringify writes -0 as 0: JSON text cannot keep the sign of a zero.
        for (const limits of ['resourceLimits', 'interactiveResourceLimits']) {
          for (const key of ['threads', 'shares']) {
            if (Object.is(expected[limits]?.[key], -0)) expected[limits][key] = 0;
          }
        }
        assert.deepStrictEqual(gt.replTokenFromJson(json), strip(expected));
      }),
      { numRuns: 500 },
    );
  });
});
