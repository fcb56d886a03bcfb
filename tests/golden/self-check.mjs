// Proves tests/golden/vectors.json is right by checking every vector against
// BOTH independent oracles (tests/oracle/oracle.mjs), in both directions:
//   1. decodeWithProtobufEs(hex)  deepStrictEqual reviveModel(model)
//   2. decodeWithProtobufjs(hex)  deepStrictEqual reviveModel(model)
//      (protobufjs v8 is run with reader.discardUnknown = false, so it keeps
//      unknown fields too)
//   3. when roundtrip: encodeWithProtobufEs(model) === hex and
//      encodeWithProtobufjs(model) === hex
//   4. tagModel(reviveModel(model)) reproduces the JSON exactly
//   5. tests/oracle/gen/*.fds.json are up to date with the .proto files
// Known legitimate differences go in EXPECTED_DIFFERENCES (they must fail).
//
//   node tests/golden/self-check.mjs
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import {
  decodeWithProtobufEs,
  decodeWithProtobufjs,
  encodeWithProtobufEs,
  encodeWithProtobufjs,
} from "../oracle/oracle.mjs";
import { reviveModel, tagModel, hexToBytes, bytesToHex } from "./revive.mjs";
import { buildDescriptorSets } from "../oracle/generate.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const vectors = JSON.parse(readFileSync(join(here, "vectors.json"), "utf8"));

// name -> { check: reason } for checks that legitimately fail.
const EXPECTED_DIFFERENCES = {
  known_field_wrong_wire_type: {
    "decode:protobuf-es":
      "protobuf-es reads a known field with its schema type whatever the wire type says, " +
      "so `62 01 01` is misparsed (throws 'illegal tag'); C++, Go and protobufjs keep it as an unknown field",
  },
};

let passed = 0;
let failed = 0;
const check = (vec, what, fn) => {
  const expectedDiff = EXPECTED_DIFFERENCES[vec.name]?.[what];
  try {
    fn();
    if (expectedDiff) {
      failed++;
      console.log(`FAIL ${vec.name} [${what}]: expected to differ (${expectedDiff}) but passed; update EXPECTED_DIFFERENCES`);
    } else passed++;
  } catch (e) {
    if (expectedDiff) {
      passed++;
      console.log(`ok (known difference) ${vec.name} [${what}]: ${expectedDiff}`);
    } else {
      failed++;
      console.log(`FAIL ${vec.name} [${what}]: ${e.message.split("\n").slice(0, 40).join("\n")}`);
    }
  }
};

// The protobuf-es oracle reads committed descriptor sets; make sure they
// still match the .proto files (protobufjs parses the .proto text directly).
{
  const fresh = buildDescriptorSets({ write: false });
  for (const [name, json] of Object.entries(fresh)) {
    const committed = readFileSync(join(here, "..", "oracle", "gen", `${name}.fds.json`), "utf8");
    if (committed === json) passed++;
    else {
      failed++;
      console.log(`FAIL tests/oracle/gen/${name}.fds.json is stale: run node tests/oracle/generate.mjs`);
    }
  }
}

const seen = new Set();
for (const vec of vectors) {
  strictEqual(typeof vec.name, "string");
  if (seen.has(vec.name)) throw new Error(`duplicate vector name ${vec.name}`);
  seen.add(vec.name);
  if (!["protobufjs", "protobuf-es", "manual"].includes(vec.producer)) throw new Error(`bad producer in ${vec.name}`);
  const bytes = hexToBytes(vec.hex);
  const model = reviveModel(vec.model);

  check(vec, "json-tagging", () => deepStrictEqual(tagModel(model), vec.model));
  check(vec, "decode:protobuf-es", () => deepStrictEqual(decodeWithProtobufEs(bytes), model));
  check(vec, "decode:protobufjs", () => deepStrictEqual(decodeWithProtobufjs(bytes), model));
  if (vec.roundtrip) {
    check(vec, "encode:protobuf-es", () => strictEqual(bytesToHex(encodeWithProtobufEs(model)), vec.hex));
    check(vec, "encode:protobufjs", () => strictEqual(bytesToHex(encodeWithProtobufjs(model)), vec.hex));
  }
}

console.log(`golden self-check over ${vectors.length} vectors:`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
