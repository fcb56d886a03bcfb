// Golden vectors made by protobufjs, @bufbuild/protobuf and by hand (tests/golden), checked
// in both directions: their bytes decode with ours to the expected object, and what we
// encode decodes with theirs to the same object.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { DecodeError, decodeReplToken, encodeReplToken } from '../../pkg/node.js';
import { bytesToHex, hexToBytes, reviveModel } from '../golden/revive.mjs';
import { decodeWithProtobufEs, decodeWithProtobufjs } from '../oracle/oracle.mjs';

const vectors = JSON.parse(readFileSync(new URL('../golden/vectors.json', import.meta.url), 'utf8'));

// protobuf-es reads a known field number with the wrong wire type as that field (and then
// fails); protobufjs, C++, Go and we keep it as an unknown field.
const PROTOBUF_ES_DIFFERS = new Set(['known_field_wrong_wire_type']);

// Valid protobuf that breaks a well-known type's own rule: both libraries accept a Timestamp
// with negative nanos; we reject it on decode as on encode, so every decoded value re-encodes.
const REJECTED_BY_DESIGN = new Map([['timestamp_negative_nanos', 'iat.nanos']]);

describe('golden vectors', () => {
  test('there are vectors from each producer', () => {
    const producers = new Set(vectors.map((v) => v.producer));
    assert.deepStrictEqual([...producers].sort(), ['manual', 'protobuf-es', 'protobufjs']);
  });

  for (const vector of vectors) {
    if (REJECTED_BY_DESIGN.has(vector.name)) {
      test(`${vector.name} (${vector.producer}) is rejected with a DecodeError`, () => {
        assert.throws(
          () => decodeReplToken(hexToBytes(vector.hex)),
          (error) => error instanceof DecodeError && error.path === REJECTED_BY_DESIGN.get(vector.name),
        );
      });
      continue;
    }
    describe(`${vector.name} (${vector.producer})`, () => {
      const bytes = hexToBytes(vector.hex);
      const expected = reviveModel(vector.model);

      test('their bytes decode with ours to the expected object', () => {
        assert.deepStrictEqual(decodeReplToken(bytes), expected);
      });

      test('decode(encode(decode(b))) equals decode(b)', () => {
        const decoded = decodeReplToken(bytes);
        assert.deepStrictEqual(decodeReplToken(encodeReplToken(decoded)), decoded);
      });

      if (vector.roundtrip) {
        test('ours encodes the expected object to the same bytes', () => {
          assert.equal(bytesToHex(encodeReplToken(expected)), vector.hex);
        });
      }

      test('what ours encodes decodes with protobufjs to the expected object', () => {
        assert.deepStrictEqual(decodeWithProtobufjs(encodeReplToken(expected)), expected);
      });

      if (!PROTOBUF_ES_DIFFERS.has(vector.name)) {
        test('what ours encodes decodes with @bufbuild/protobuf to the expected object', () => {
          assert.deepStrictEqual(decodeWithProtobufEs(encodeReplToken(expected)), expected);
        });
      }
    });
  }
});
