// Differential tests: random valid ReplTokens (seeded, so a failure reproduces) encoded by
// protobufjs and by @bufbuild/protobuf decode with ours to equal objects and are the very
// bytes we write; our bytes decode with theirs to equal objects. The oracles speak our
// object model (tests/oracle/oracle.mjs), unknown fields of every wire type included.
// Besides the everyday sample, large tokens: hundreds of flags, long non-ASCII strings
// and big unknown-field blobs, which cross every buffer growth of the encoder.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import * as gt from '../../pkg/node.js';
import {
  decodeWithProtobufEs,
  decodeWithProtobufjs,
  encodeWithProtobufEs,
  encodeWithProtobufjs,
} from '../oracle/oracle.mjs';
import { arb, normalise, sample } from './support/model.mjs';

const COUNT = 1500;
const LARGE_COUNT = 120;
const SEED = 20250105;
const hex = (b) => Buffer.from(b).toString('hex');

// Text that is mostly multi-byte in UTF-8: 2-, 3- and 4-byte characters with ASCII between.
// (`size: 'max'`: fast-check otherwise keeps arrays short whatever maxLength says.)
const wideText = (maxLength) =>
  fc
    .array(fc.constantFrom('a', 'Z', '-', '\u00e9', '\u00df', '\u20ac', '\u4e2d', '\u{1F600}', '\u{10FFFF}', '\u0000'), { maxLength, size: 'max' })
    .map((chars) => chars.join(''));
const blob = fc.uint8Array({ maxLength: 70000, size: 'max' });
/** A large token: everything the everyday sample has, made big. */
const largeReplToken = fc
  .record({
    base: arb.replToken,
    salt: wideText(3000),
    cluster: wideText(300),
    flags: fc.array(fc.oneof(wideText(40), fc.string({ maxLength: 40 })), { minLength: 100, maxLength: 700, size: 'max' }),
    user: wideText(5000),
    blobs: fc.array(blob, { minLength: 1, maxLength: 3 }),
  })
  .map(({ base, salt, cluster, flags, user, blobs }) => ({
    ...base,
    salt,
    cluster,
    flags,
    metadata: { case: 'repl', value: { id: 'x', user, $unknown: [{ no: 21, wireType: 2, data: blobs[0] }] } },
    $unknown: blobs.map((data, i) => ({ no: 100 + i, wireType: 2, data })),
  }));

const roughSize = (x) =>
  x.salt.length + x.cluster.length + x.metadata.value.user.length + x.flags.join('').length + x.$unknown.reduce((n, u) => n + u.data.length, 0);

const SAMPLES = {
  [`${COUNT} random tokens`]: sample(arb.replToken, COUNT, SEED),
  // Smallest first, so that the encoder's buffers grow (several times) during the run.
  [`${LARGE_COUNT} large tokens`]: sample(largeReplToken, LARGE_COUNT, SEED).sort((a, b) => roughSize(a) - roughSize(b)),
};

function check(inputs, name, fn) {
  for (const [i, x] of inputs.entries()) {
    const model = normalise.replToken(x);
    try {
      fn(x, model);
    } catch (error) {
      error.message = `${name}, token ${i} of seed ${SEED}: ${error.message}\ninput model: ${inspectModel(model)}`;
      throw error;
    }
  }
}

// Feature declares its oneof (boosted 2, viktor 5, notary 6) before `required` (3), as
// @replit/protocol 0.4.27 does, and our encoder writes fields in declaration order (a oneof
// at its place): a Feature with viktor or notary and required = true comes out 5|6 before 3,
// as that package's own encoder (protobuf-ts) writes it, while protobufjs and protobuf-es
// write 3 first. Both orders decode the same; only the byte comparison is skipped then.
const outOfNumberOrder = (model) =>
  model.features.some((f) => f.required && (f.feature.case === 'viktor' || f.feature.case === 'notary'));

function inspectModel(model) {
  return JSON.stringify(model, (k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? hex(v) : v));
}

for (const [label, inputs] of Object.entries(SAMPLES)) {
  describe(`differential: ${label} (seed ${SEED})`, () => {
    for (const [name, theirEncode] of [
      ['protobufjs', encodeWithProtobufjs],
      ['protobuf-es', encodeWithProtobufEs],
    ]) {
      test(`${name} encodes the same bytes as ours, and ours decodes them to the same object`, () => {
        check(inputs, name, (x, model) => {
          const bytes = theirEncode(model);
          if (!outOfNumberOrder(model)) assert.equal(hex(gt.encodeReplToken(x)), hex(bytes), 'our encoding differs from theirs');
          assert.deepStrictEqual(gt.decodeReplToken(bytes, { maxBytes: 1 << 24 }), model);
        });
      });
    }
    for (const [name, theirDecode] of [
      ['protobufjs', decodeWithProtobufjs],
      ['protobuf-es', decodeWithProtobufEs],
    ]) {
      test(`ours encodes, ${name} decodes to the same object`, () => {
        check(inputs, name, (x, model) => {
          assert.deepStrictEqual(theirDecode(gt.encodeReplToken(x)), model);
        });
      });
    }
  });
}
