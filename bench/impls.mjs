// The implementations under test, as the same three operations each:
//   encode: plain object → protobuf bytes
//   decode: protobuf bytes → plain object
//   parse:  token string → { message, footer, signature, … } (no signature check)
// Plain ES module over the generated code; runs in Node (bench/node.mjs) and in the page
// (bench/page.html). Only our package and the base64 helpers differ between the two.
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';

import { GovalSigningAuthoritySchema } from './generated/es/api/signing_pb.js';
import { ReplTokenSchema } from './generated/es/api/repl_token_pb.js';
import { api as pbjs } from './generated/pbjs.mjs';
import * as handwritten from './handwritten.mjs';
import {
  PBJS_TO_OBJECT,
  SIGNING_SEED,
  sampleFooter,
  sampleForProtobufEs,
  sampleForProtobufjs,
  sampleToken,
} from './sample.mjs';

/** What each implementation does, for the report. */
export const DESCRIPTIONS = {
  'goval-token': 'encodeReplToken(object) / decodeReplToken(bytes) / parseToken(string) from the built package',
  protobufjs:
    "pbjs static code, its fastest paths: encode(plainObject).finish() (int64 as numbers, protobufjs' plain shape) / " +
    'decode(bytes).toJSON(); parse: split, base64url, base64, decode().toJSON()',
  'protobuf-es':
    'protoc-gen-es code: toBinary(S, create(S, init)) / fromBinary(S, bytes) (a message object: bigint int64, ' +
    'enum numbers, oneof { case, value }); parse: split, base64url, base64, fromBinary',
  handwritten:
    'bench/handwritten.mjs: plain JS for this one message, same object model as ours; parse with a table base64 decoder',
  'protobufjs fromObject': 'info only: encode(fromObject(object)).finish() and toObject(decode(bytes), { longs: BigInt, enums: String, defaults: true, oneofs: true }): our object model\'s values',
  'protobufjs decode()': 'info only: decode(bytes) to a message instance (int64 as Long, enums numbers), no toObject',
};

export const BASELINE = 'protobufjs';
export const MAIN = ['goval-token', 'protobufjs', 'protobuf-es', 'handwritten'];

/**
 * The benchmark cases and their inputs. `ours` is the package (pkg/node.js or pkg/index.js);
 * `env` has the base64 steps a user of protobufjs or protobuf-es would write in that runtime:
 * `fromBase64Url(string) → bytes`, `fromBase64(string) → bytes`, `latin1(bytes, start, end) → string`.
 */
export async function createCases(ours, env) {
  const token = await ours.signToken(sampleToken(), { seed: SIGNING_SEED }, sampleFooter(), { allowExpired: true });
  const bytes = ours.encodeReplToken(sampleToken());

  const oursInput = sampleToken();
  const pbjsInput = sampleForProtobufjs();
  const pbjsPlain = plainForProtobufjs();
  const esInit = sampleForProtobufEs();

  const pbjsDecode = (b) => pbjs.ReplToken.decode(b).toJSON();
  const pbjsFooter = (b) => pbjs.GovalSigningAuthority.decode(b).toJSON();
  const pbjsToObject = (b) => pbjs.ReplToken.toObject(pbjs.ReplToken.decode(b), PBJS_TO_OBJECT);
  const esDecode = (b) => fromBinary(ReplTokenSchema, b);
  const esFooter = (b) => fromBinary(GovalSigningAuthoritySchema, b);

  /** The token steps a user writes around a protobuf library. */
  function parseWith(decodeMessage, decodeFooter, input) {
    const parts = input.split('.');
    if (parts.length < 3 || parts.length > 4 || parts[0] !== 'v2' || parts[1] !== 'public') {
      throw new Error('not a v2.public token');
    }
    const payload = env.fromBase64Url(parts[2]);
    const n = payload.length - 64;
    if (n < 0) throw new Error('payload too short');
    const messageBase64 = env.latin1(payload, 0, n);
    const message = decodeMessage(env.fromBase64(messageBase64));
    let footer;
    let footerBase64 = '';
    if (parts.length === 4) {
      const footerText = env.fromBase64Url(parts[3]);
      footerBase64 = env.latin1(footerText, 0, footerText.length);
      footer = decodeFooter(env.fromBase64(footerBase64));
    }
    const signature = new Uint8Array(payload.subarray(n));
    return { version: 'v2', purpose: 'public', message, footer, signature, messageBase64, footerBase64, token: input };
  }

  const cases = {
    encode: {
      'goval-token': () => ours.encodeReplToken(oursInput),
      protobufjs: () => pbjs.ReplToken.encode(pbjsPlain).finish(),
      'protobuf-es': () => toBinary(ReplTokenSchema, create(ReplTokenSchema, esInit)),
      handwritten: () => handwritten.encodeReplToken(oursInput),
      'protobufjs fromObject': () => pbjs.ReplToken.encode(pbjs.ReplToken.fromObject(pbjsInput)).finish(),
    },
    decode: {
      'goval-token': () => ours.decodeReplToken(bytes),
      protobufjs: () => pbjsDecode(bytes),
      'protobuf-es': () => esDecode(bytes),
      handwritten: () => handwritten.decodeReplToken(bytes),
      'protobufjs fromObject': () => pbjsToObject(bytes),
      'protobufjs decode()': () => pbjs.ReplToken.decode(bytes),
    },
    parse: {
      'goval-token': () => ours.parseToken(token),
      protobufjs: () => parseWith(pbjsDecode, pbjsFooter, token),
      'protobuf-es': () => parseWith(esDecode, esFooter, token),
      handwritten: () => handwritten.parseToken(token),
    },
  };
  // Without a token layer (a build between the token rewrite and the codec's), the codec
  // alone is measured.
  try {
    ours.parseToken(token);
  } catch {
    delete cases.parse['goval-token'];
  }

  check(cases, { ours, bytes, token });
  return { cases, sample: { bytes: bytes.length, token: token.length } };
}

/** Every implementation must produce the same thing before any of them is timed. */
function check(cases, { ours, bytes, token }) {
  const pbjsToObjectOf = (plain) => pbjs.ReplToken.toObject(pbjs.ReplToken.fromObject(plain), PBJS_TO_OBJECT);
  const expectSame = (what, actual, expected) => {
    const a = canon(actual);
    const e = canon(expected);
    if (a !== e) throw new Error(`${what}: output differs\n  got      ${a}\n  expected ${e}`);
  };
  // The sample with every field the schema has at its default (proto3: absent and default are
  // one), as our decoder reads it back.
  const empty = new Uint8Array(0);
  const model = { ...ours.decodeReplToken(empty), ...sampleToken() };
  model.metadata = { ...model.metadata, value: { ...ours.decodeRepl(empty), ...model.metadata.value } };
  model.resourceLimits = { ...ours.decodeResourceLimits(empty), ...model.resourceLimits };
  for (const [name, run] of Object.entries(cases.encode)) {
    // Field order may differ between encoders; the bytes must decode to the sample.
    expectSame(`encode ${name}`, ours.decodeReplToken(run()), model);
  }
  expectSame('decode goval-token', cases.decode['goval-token'](), model);
  // The hand-written floor knows the seed's fields only (its point is the least work per byte).
  expectSame('decode handwritten', cases.decode.handwritten(), sampleToken());
  expectSame('decode protobufjs', cases.decode.protobufjs(), pbjs.ReplToken.fromObject(sampleForProtobufjs()).toJSON());
  expectSame('decode protobufjs fromObject', cases.decode['protobufjs fromObject'](), pbjsToObjectOf(sampleForProtobufjs()));
  const es = cases.decode['protobuf-es']();
  expectSame('decode protobuf-es', stripTypeNames(es), stripTypeNames(create(ReplTokenSchema, sampleForProtobufEs())));
  const parsed = cases.parse.handwritten();
  expectSame('parse handwritten message', parsed.message, sampleToken());
  if (cases.parse['goval-token']) {
    // Ours also says what the body is (identity tokens have another); the rest is the same.
    const { messageType, ...oursParsed } = cases.parse['goval-token']();
    expectSame('parse goval-token messageType', messageType, 'ReplToken');
    expectSame('parse goval-token', { ...oursParsed, message: undefined }, { ...parsed, message: undefined });
    expectSame('parse goval-token message', oursParsed.message, model);
  }
  const pj = cases.parse.protobufjs();
  expectSame('parse protobufjs', { ...pj, message: undefined, footer: undefined }, { ...parsed, message: undefined, footer: undefined });
  expectSame('parse protobufjs message', pj.message, cases.decode.protobufjs());
  const pe = cases.parse['protobuf-es']();
  expectSame('parse protobuf-es', { ...pe, message: undefined, footer: undefined }, { ...parsed, message: undefined, footer: undefined });
  expectSame('parse protobuf-es message', stripTypeNames(pe.message), stripTypeNames(es));
  if (bytes.length === 0) throw new Error('empty sample');
}

/**
 * protobufjs' plain-object input for encode: its toObject shape with int64 as numbers (its
 * writer takes no bigint) and enums as numbers (encode does not look names up).
 */
function plainForProtobufjs() {
  const o = sampleForProtobufjs();
  o.persistence = pbjs.ReplToken.Persistence[o.persistence];
  o.format = pbjs.ReplToken.WireFormat[o.format];
  for (const t of [o.iat, o.exp]) t.seconds = Number(t.seconds);
  o.resourceLimits.memory = Number(o.resourceLimits.memory);
  o.resourceLimits.disk = Number(o.resourceLimits.disk);
  return o;
}

function stripTypeNames(value) {
  return JSON.parse(canon(value), (key, v) => (key === '$typeName' ? undefined : v));
}

/** A canonical string of a value: sorted keys, bigint and bytes spelled out, undefined keys dropped. */
export function canon(value) {
  return JSON.stringify(value, function replacer(key, v) {
    const raw = this[key];
    if (typeof raw === 'bigint') return `${raw}n`;
    if (raw instanceof Uint8Array) return `bytes:${Array.from(raw).join(',')}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const sorted = {};
      for (const k of Object.keys(v).sort()) sorted[k] = v[k];
      return sorted;
    }
    return v;
  });
}
