// The ReplToken object model for property and differential tests: fast-check arbitraries
// for every input form the encoders take, `normalise` (what decode gives back for an
// input), a seeded PRNG and a plain generator for tests that do not use fast-check.
import fc from 'fast-check';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// ---- varints and unknown-field payloads ----

export function varint(n) {
  let v = BigInt.asUintN(64, BigInt(n));
  const out = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

/** Field numbers of each message, to pick unknown numbers that are really unknown. */
const KNOWN_NUMBERS = {
  ReplToken: [1, 2, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 16, 17, 18, 19, 20, 21, 22, 23, 25, 26],
  Repl: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18],
  ResourceLimits: [1, 2, 3, 4, 5, 6, 7, 9, 10],
  Buckets: [1, 2, 3],
  UserId: [1, 2],
  Org: [1, 2, 3, 4],
  Feature: [2, 3, 5, 6],
  Boosted: [],
  Viktor: [],
  Notary: [],
  BuildInfo: [1, 2, 3, 4, 5],
  Pid2Binary: [1],
  ExternalSecret: [1, 2],
  ReplID: [1, 2],
  ClassroomMetadata: [1, 2],
  Presenced: [1, 2],
  Timestamp: [1, 2],
  Duration: [1, 2],
  GovalSigningAuthority: [1, 2, 3, 4],
};

/** One unknown field of any wire type, with a valid payload in our convention. */
function unknownEntry(message) {
  const no = fc
    .oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 19000, max: 19999 }), fc.constant(536870911), fc.integer({ min: 1, max: 536870911 }))
    .filter((n) => !KNOWN_NUMBERS[message].includes(n));
  const varintData = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((n) => Uint8Array.from(varint(n)));
  return no.chain((n) =>
    fc.oneof(
      varintData.map((data) => ({ no: n, wireType: 0, data })),
      fc.uint8Array({ minLength: 8, maxLength: 8 }).map((data) => ({ no: n, wireType: 1, data })),
      fc.uint8Array({ maxLength: 40 }).map((data) => ({ no: n, wireType: 2, data })),
      fc.uint8Array({ minLength: 4, maxLength: 4 }).map((data) => ({ no: n, wireType: 5, data })),
      // A group: some varint fields inside, then the end tag of the same number. Not in a
      // message without fields: protobufjs (an oracle of the differential tests) rejects any
      // group there with "invalid end group tag".
      ...(KNOWN_NUMBERS[message].length === 0 ? [] : [fc.array(fc.tuple(fc.integer({ min: 1, max: 100 }), varintData), { maxLength: 3 }).map((inner) => ({
        no: n,
        wireType: 3,
        data: Uint8Array.from([
          ...inner.flatMap(([m, d]) => [...varint(m << 3), ...d]),
          ...varint(BigInt(n) * 8n + 4n),
        ]),
      }))]),
    ),
  );
}

const unknownList = (message) => fc.array(unknownEntry(message), { maxLength: 3 });

// ---- the object model: arbitraries for input, normalise for the expected output ----

const str = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => s.isWellFormed()),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', 'global', 'python3', '\u{1F600}\u00e9\u4e2d\u0000'),
  // A leading U+FEFF is text as signed, never a byte-order mark to drop (issue 17).
  fc.string({ maxLength: 10 }).map((s) => `\uFEFF${s}`),
);
const int64 = fc.oneof(
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
  fc.constantFrom(INT64_MIN, INT64_MAX, 0n, -1n, 2n ** 53n + 1n, 2n ** 31n),
  fc.maxSafeInteger(),
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }).map(String),
);
const double = fc.oneof(fc.double(), fc.constantFrom(NaN, -0, Infinity, -Infinity, 5e-324, Number.MAX_VALUE));
const uint32 = fc.oneof(fc.nat({ max: 0xffffffff }), fc.constantFrom(0, 0xffffffff));
const int32 = fc.integer({ min: -2147483648, max: 2147483647 });

/** A record whose keys may each be left out; `$unknown` (valid entries) sometimes set. */
function message(name, fields) {
  return fc.record({ ...fields, $unknown: unknownList(name) }, { requiredKeys: [] });
}

const timestamp = fc.oneof(
  message('Timestamp', { seconds: int64, nanos: fc.integer({ min: 0, max: 999999999 }) }),
  fc.date({ noInvalidDate: true }),
);
const DURATION_MAX = 315576000000n;
/** A valid Duration: seconds within ±10,000 years, nanos of the seconds' sign. */
const duration = fc
  .record(
    {
      seconds: fc.oneof(fc.bigInt({ min: -DURATION_MAX, max: DURATION_MAX }), fc.constantFrom(-DURATION_MAX, DURATION_MAX, 0n, -1n, 600)),
      nanos: fc.oneof(fc.integer({ min: -999999999, max: 999999999 }), fc.constantFrom(-999999999, 999999999, 0)),
      $unknown: unknownList('Duration'),
    },
    { requiredKeys: [] },
  )
  .map((d) => {
    const seconds = BigInt(d.seconds ?? 0);
    return (seconds > 0n && d.nanos < 0) || (seconds < 0n && d.nanos > 0) ? { ...d, nanos: -d.nanos } : d;
  });
/** A map<string, string>: any keys, `__proto__` and `$unknown` among them, as own properties. */
const stringMap = fc
  .array(fc.tuple(fc.oneof(str, fc.constantFrom('__proto__', '$unknown', 'constructor', 'JOB_ID')), str), { maxLength: 4 })
  .map((entries) => Object.fromEntries(entries));
const enumOf = (names) => fc.oneof(fc.constantFrom(...names), int32, fc.integer({ min: 0, max: names.length + 1 }));
const buckets = message('Buckets', { snapshots: str, metadata: str, diskBlocks: str });
const userId = message('UserId', { id: int64, environment: enumOf(['DEVELOPMENT', 'PRODUCTION']) });
const org = message('Org', { id: str, type: enumOf(['TYPE_UNSPECIFIED', 'PERSONAL', 'TEAM']), slug: str, isEnterprise: fc.boolean() });
const repl = message('Repl', {
  id: str, language: str, bucket: str, slug: str, user: str, sourceRepl: str,
  database: str, buckets, userId, isTeam: fc.boolean(), roles: fc.array(str, { maxLength: 3 }), logFields: str,
  org, useReplShield: fc.boolean(), connectorsHost: str, backerJobMetadata: stringMap, customSkillsBucket: str,
});
const replID = message('ReplID', { id: str, sourceRepl: str });
const classroom = message('ClassroomMetadata', { id: str, language: str });
const resourceLimits = message('ResourceLimits', {
  net: fc.boolean(), memory: int64, threads: double, shares: double, disk: int64,
  cache: enumOf(['NONE', 'USER', 'REPL']), restrictNetwork: fc.boolean(), scratchDisk: int64, minimumDisk: int64,
});
const presenced = message('Presenced', { bearerID: uint32, bearerName: str });
const feature = message('Feature', {
  feature: fc.oneof(
    fc.constant({ case: undefined }),
    fc.record({ case: fc.constant('boosted'), value: message('Boosted', {}) }),
    fc.record({ case: fc.constant('viktor'), value: message('Viktor', {}) }),
    fc.record({ case: fc.constant('notary'), value: message('Notary', {}) }),
  ),
  required: fc.boolean(),
});
const buildInfo = message('BuildInfo', { deploymentId: str, url: str, buildId: str, machineTier: str, originReplId: str });
const pid2Info = message('Pid2Binary', { version: str });
const externalSecret = message('ExternalSecret', { name: str, presignedUrl: str });

export const arb = {
  timestamp,
  duration,
  repl,
  replID,
  classroom,
  resourceLimits,
  presenced,
  replToken: message('ReplToken', {
    iat: timestamp,
    exp: timestamp,
    salt: str,
    cluster: str,
    persistence: enumOf(['PERSISTENT', 'EPHEMERAL', 'NONE', 'READ_ONLY']),
    metadata: fc.oneof(
      fc.constant({ case: undefined }),
      fc.record({ case: fc.constant('repl'), value: repl }),
      fc.record({ case: fc.constant('id'), value: replID }),
      fc.record({ case: fc.constant('classroom'), value: classroom }),
    ),
    resourceLimits,
    format: enumOf(['PROTOBUF', 'JSON', 'MUXED', 'RIVER']),
    presenced,
    flags: fc.array(str, { maxLength: 4 }),
    features: fc.array(feature, { maxLength: 3 }),
    interactiveResourceLimits: resourceLimits,
    buildInfo,
    pid2Info,
    paid: fc.boolean(),
    replexec: fc.boolean(),
    externalSecrets: fc.array(externalSecret, { maxLength: 3 }),
    before: timestamp,
    resourceTier: str,
    idleTimeout: duration,
  }),
  footer: message('GovalSigningAuthority', {
    cert: fc.oneof(
      fc.constant({ case: undefined }),
      fc.record({ case: fc.constant('keyId'), value: str }),
      fc.record({ case: fc.constant('signedCert'), value: str }),
    ),
    version: enumOf(['BARE_REPL_TOKEN', 'TYPE_AWARE_TOKEN']),
    issuer: str,
  }),
};

export { normalise, normaliseFooter, normaliseReplToken } from './normalise.mjs';

// ---- seeded generation without fast-check's runner ----

/** Samples `count` values of `arbitrary`, reproducibly from `seed`. */
export function sample(arbitrary, count, seed) {
  return fc.sample(arbitrary, { numRuns: count, seed });
}
