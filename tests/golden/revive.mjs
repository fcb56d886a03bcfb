// JSON tagging for golden-vector models (tests/golden/vectors.json).
//
// Our decoded object model uses values JSON cannot carry, so vectors.json
// tags them:
//   bigint                      -> {"$bigint": "-123"}
//   Uint8Array                  -> {"$bytes": "<lowercase hex>"}
//   NaN / ±Infinity / -0 number -> {"$number": "NaN" | "Infinity" | "-Infinity" | "-0"}
//   undefined                   -> null   (our model never uses null)
// A property whose value is undefined stays present (as null in JSON, and
// back as an own property holding undefined), e.g. absent message fields.
// `metadata: {case: undefined}` has no `value` key and is tagged
// {"case": null}.

const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array);

const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

export function hexToBytes(hex) {
  if (hex.length % 2 !== 0 || /[^0-9a-f]/.test(hex)) throw new Error(`bad hex: ${hex}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
export const bytesToHex = toHex;

/** Real JS object model -> JSON-safe tagged value. */
export function tagModel(v) {
  if (v === undefined) return null;
  if (v === null) throw new Error("null is not part of the object model");
  if (typeof v === "bigint") return { $bigint: v.toString() };
  if (typeof v === "number") {
    if (Number.isNaN(v)) return { $number: "NaN" };
    if (v === Infinity) return { $number: "Infinity" };
    if (v === -Infinity) return { $number: "-Infinity" };
    if (Object.is(v, -0)) return { $number: "-0" };
    return v;
  }
  if (v instanceof Uint8Array) return { $bytes: toHex(v) };
  if (Array.isArray(v)) return v.map(tagModel);
  if (isPlainObject(v)) {
    const out = {};
    for (const k of Object.keys(v)) out[k] = tagModel(v[k]);
    return out;
  }
  return v; // string, boolean
}

const NUMBERS = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };

/** JSON-tagged value -> real JS object model. */
export function reviveModel(j) {
  if (j === null) return undefined;
  if (Array.isArray(j)) return j.map(reviveModel);
  if (typeof j === "object") {
    const keys = Object.keys(j);
    if (keys.length === 1) {
      if (keys[0] === "$bigint") return BigInt(j.$bigint);
      if (keys[0] === "$bytes") return hexToBytes(j.$bytes);
      if (keys[0] === "$number") {
        if (!(j.$number in NUMBERS)) throw new Error(`bad $number ${j.$number}`);
        return NUMBERS[j.$number];
      }
    }
    const out = {};
    for (const k of keys) out[k] = reviveModel(j[k]);
    return out;
  }
  return j;
}
