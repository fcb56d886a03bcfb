// Differential tests: random valid ReplTokens (seeded, so a failure reproduces) encoded by
// protobufjs and by @bufbuild/protobuf decode with ours to equal objects, and our bytes
// decode with theirs to equal objects. The oracles speak our object model
// (tests/oracle/oracle.mjs), unknown fields of every wire type included.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import * as gt from '../../pkg/node.js';
import {
  decodeWithProtobufEs,
  decodeWithProtobufjs,
  encodeWithProtobufEs,
  encodeWithProtobufjs,
} from '../oracle/oracle.mjs';
import { arb, normalise, sample } from './support/model.mjs';

const COUNT = 1500;
const SEED = 20250105;
const inputs = sample(arb.replToken, COUNT, SEED);
const hex = (b) => Buffer.from(b).toString('hex');

function check(name, fn) {
  let sameBytes = 0;
  for (const [i, x] of inputs.entries()) {
    const model = normalise.replToken(x);
    try {
      if (fn(x, model)) sameBytes++;
    } catch (error) {
      error.message = `${name}, token ${i} of seed ${SEED}: ${error.message}\ninput model: ${inspectModel(model)}`;
      throw error;
    }
  }
  return sameBytes;
}

function inspectModel(model) {
  return JSON.stringify(model, (k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? hex(v) : v));
}

describe(`differential: ${COUNT} random tokens (seed ${SEED})`, () => {
  for (const [name, theirEncode] of [
    ['protobufjs', encodeWithProtobufjs],
    ['protobuf-es', encodeWithProtobufEs],
  ]) {
    test(`${name} encodes, ours decodes to the same object`, () => {
      const same = check(name, (x, model) => {
        const bytes = theirEncode(model);
        assert.deepStrictEqual(gt.decodeReplToken(bytes), model);
        return hex(bytes) === hex(gt.encodeReplToken(x));
      });
      console.log(`${name} → ours: ${COUNT} tokens equal; ${same} byte-identical to our encoding`);
    });
  }
  for (const [name, theirDecode] of [
    ['protobufjs', decodeWithProtobufjs],
    ['protobuf-es', decodeWithProtobufEs],
  ]) {
    test(`ours encodes, ${name} decodes to the same object`, () => {
      check(name, (x, model) => {
        assert.deepStrictEqual(theirDecode(gt.encodeReplToken(x)), model);
      });
      console.log(`ours → ${name}: ${COUNT} tokens equal`);
    });
  }
});
