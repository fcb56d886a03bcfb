// The object model contract of the built package (pkg/), in Node.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import * as gt from '../../pkg/node.js';
import { encodeWithProtobufjs } from '../oracle/oracle.mjs';

const {
  createReplToken,
  decodeReplToken,
  encodeReplToken,
  DecodeError,
  EncodeError,
  GovalTokenError,
} = gt;

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const fromHex = (text) => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

/** Asserts that `fn` throws `ErrorClass` with this path, and a message that matches. */
function throwsAt(fn, ErrorClass, path, message) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof ErrorClass, `expected ${ErrorClass.name}, got ${error?.name}: ${error?.message}`);
    assert.ok(error instanceof GovalTokenError);
    assert.ok(error instanceof Error);
    assert.equal(error.name, ErrorClass.name);
    assert.equal(error.path, path);
    if (message) assert.match(error.message, message);
    if (path) assert.ok(error.message.startsWith(`${path}: `), error.message);
    return true;
  });
}

const EMPTY_TOKEN = {
  iat: undefined,
  exp: undefined,
  salt: '',
  cluster: '',
  persistence: 'PERSISTENT',
  metadata: { case: undefined },
  resourceLimits: undefined,
  format: 'PROTOBUF',
  presenced: undefined,
  flags: [],
  features: [],
  interactiveResourceLimits: undefined,
  buildInfo: undefined,
  pid2Info: undefined,
  paid: false,
  replexec: false,
  externalSecrets: [],
  before: undefined,
  resourceTier: '',
  idleTimeout: undefined,
};

const REPL_KEYS = [
  'id', 'language', 'bucket', 'slug', 'user', 'sourceRepl', 'database', 'buckets', 'userId', 'isTeam', 'roles',
  'logFields', 'org', 'useReplShield', 'connectorsHost', 'backerJobMetadata', 'customSkillsBucket',
];

const LIMITS = {
  net: true, memory: 2147483648n, threads: 2.5, shares: 1024, disk: 10737418240n,
  cache: 'USER', restrictNetwork: true, scratchDisk: 1073741824n, minimumDisk: 5368709120n,
};

// Every field of the schema set, including all that @replit/protocol 0.4.27 added.
const FULL_TOKEN = {
  iat: { seconds: 1732500000n, nanos: 123000000 },
  exp: { seconds: 1732503615n, nanos: 0 },
  salt: 'dGhpcyBpcyBhIHNhbHQ',
  cluster: 'global',
  persistence: 'READ_ONLY',
  metadata: {
    case: 'repl',
    value: {
      id: '1f0c2b7e-5b5e-4d2a-9a51-0a6f0f4c8e21',
      language: 'python3',
      bucket: 'replit-repls',
      slug: 'my-repl',
      user: 'ada',
      sourceRepl: '',
      database: 'db-1',
      buckets: { snapshots: 'snapshots', metadata: 'metadata', diskBlocks: 'blocks' },
      userId: { id: 1234567n, environment: 'PRODUCTION' },
      isTeam: true,
      roles: ['admin'],
      logFields: '{"a":1}',
      org: { id: 'org-9', type: 'TEAM', slug: 'analytical-engines', isEnterprise: true },
      useReplShield: true,
      connectorsHost: 'connectors.example',
      backerJobMetadata: { JOB_ID: '42', TEAM: 'acme' },
      customSkillsBucket: 'skills',
    },
  },
  resourceLimits: LIMITS,
  format: 'RIVER',
  presenced: { bearerID: 4294967295, bearerName: 'ada' },
  flags: ['a', 'b', 'c', 'd', 'e'],
  features: [
    { feature: { case: 'boosted', value: {} }, required: true },
    { feature: { case: 'notary', value: {} }, required: false },
  ],
  interactiveResourceLimits: { ...LIMITS, cache: 'REPL', memory: 1073741824n },
  buildInfo: {
    deploymentId: 'dep-1', url: 'https://my-repl.replit.app', buildId: 'b-1', machineTier: 'e2-standard-2',
    originReplId: '1f0c2b7e-5b5e-4d2a-9a51-0a6f0f4c8e21',
  },
  pid2Info: { version: 'v42' },
  paid: true,
  replexec: true,
  externalSecrets: [{ name: 'OPENAI_API_KEY', presignedUrl: 'https://storage.example/x?sig=y' }],
  before: { seconds: 1732400000n, nanos: 0 },
  resourceTier: 'paid-medium',
  idleTimeout: { seconds: 1800n, nanos: 500000000 },
};

describe('object model', () => {
  test('an empty message decodes with every scalar default, undefined messages and [] flags', () => {
    const token = decodeReplToken(new Uint8Array());
    assert.deepStrictEqual(token, EMPTY_TOKEN);
    assert.deepStrictEqual(Object.keys(token), Object.keys(EMPTY_TOKEN));
    assert.equal(encodeReplToken(token).length, 0);
  });

  test('a full token round-trips and keys keep the schema order', () => {
    const bytes = encodeReplToken(FULL_TOKEN);
    const token = decodeReplToken(bytes);
    assert.deepStrictEqual(token, FULL_TOKEN);
    assert.deepStrictEqual(Object.keys(token), Object.keys(EMPTY_TOKEN));
    assert.deepStrictEqual(Object.keys(token.metadata.value), REPL_KEYS);
    assert.equal(hex(encodeReplToken(token)), hex(bytes));
  });

  test('every message type has an encode/decode pair that round-trips', () => {
    const samples = {
      Repl: FULL_TOKEN.metadata.value,
      ResourceLimits: FULL_TOKEN.resourceLimits,
      ReplID: { id: 'abc', sourceRepl: 'def' },
      ClassroomMetadata: { id: 'class', language: 'java' },
      Presenced: { bearerID: 7, bearerName: 'bob' },
      Timestamp: { seconds: -1n, nanos: 999999999 },
      Duration: { seconds: -1n, nanos: -999999999 },
      ReplToken: FULL_TOKEN,
      GovalSigningAuthority: { cert: { case: 'keyId', value: 'prod:3' }, version: 'BARE_REPL_TOKEN', issuer: 'replit.com' },
      Buckets: FULL_TOKEN.metadata.value.buckets,
      UserId: FULL_TOKEN.metadata.value.userId,
      Org: FULL_TOKEN.metadata.value.org,
      Feature: FULL_TOKEN.features[0],
      Boosted: {},
      Viktor: {},
      Notary: {},
      BuildInfo: FULL_TOKEN.buildInfo,
      Pid2Binary: FULL_TOKEN.pid2Info,
      ExternalSecret: FULL_TOKEN.externalSecrets[0],
    };
    for (const [name, value] of Object.entries(samples)) {
      const bytes = gt[`encode${name}`](value);
      assert.ok(bytes instanceof Uint8Array);
      assert.deepStrictEqual(gt[`decode${name}`](bytes), value, name);
    }
  });

  test('proto3 JSON names are the keys (bearerID, sourceRepl, resourceLimits)', () => {
    const bytes = encodeReplToken({ presenced: { bearerID: 1 }, metadata: { case: 'id', value: { sourceRepl: 'x' } } });
    const token = decodeReplToken(bytes);
    assert.equal(token.presenced.bearerID, 1);
    assert.equal(token.metadata.value.sourceRepl, 'x');
  });
});

describe('int64', () => {
  const edges = [0n, -1n, 1n, 2n ** 53n - 1n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, -(2n ** 63n), 2n ** 63n - 1n, 2n ** 32n, -(2n ** 32n)];
  test('edges round-trip as bigint in memory, disk and Timestamp.seconds', () => {
    for (const value of edges) {
      const token = decodeReplToken(encodeReplToken({ resourceLimits: { memory: value, disk: value }, iat: { seconds: value } }));
      assert.equal(token.resourceLimits.memory, value);
      assert.equal(token.resourceLimits.disk, value);
      assert.equal(token.iat.seconds, value);
    }
  });

  test('-1 is a 10-byte varint, as protobuf writes it', () => {
    assert.equal(hex(gt.encodeResourceLimits({ memory: -1n })), '10ffffffffffffffffff01');
  });

  test('accepts safe-integer numbers and decimal strings', () => {
    for (const [input, expected] of [
      [2147483648, 2147483648n],
      [-5, -5n],
      [Number.MAX_SAFE_INTEGER, 2n ** 53n - 1n],
      ['9223372036854775807', 2n ** 63n - 1n],
      ['-9223372036854775808', -(2n ** 63n)],
      ['0', 0n],
    ]) {
      assert.equal(gt.decodeResourceLimits(gt.encodeResourceLimits({ memory: input })).memory, expected);
    }
  });

  test('rejects unsafe numbers, fractions, out-of-range values and malformed strings', () => {
    for (const bad of [2 ** 53, 1.5, NaN, Infinity, 2n ** 63n, -(2n ** 63n) - 1n, '9223372036854775808', '1e3', '', ' 1', '0x10', '1.0', true, {}]) {
      throwsAt(() => gt.encodeResourceLimits({ memory: bad }), EncodeError, 'memory');
    }
    throwsAt(() => encodeReplToken({ resourceLimits: { disk: 1.5 } }), EncodeError, 'resourceLimits.disk', /safe integer/);
  });
});

describe('uint32 bearerID', () => {
  test('0 and 4294967295 round-trip', () => {
    for (const value of [0, 1, 4294967295]) {
      assert.equal(gt.decodePresenced(gt.encodePresenced({ bearerID: value })).bearerID, value);
    }
  });
  test('out of range or fractional is an error', () => {
    for (const bad of [-1, 4294967296, 1.5, NaN, '1', 1n]) {
      throwsAt(() => encodeReplToken({ presenced: { bearerID: bad } }), EncodeError, 'presenced.bearerID');
    }
  });
});

describe('double', () => {
  test('NaN, ±Infinity, -0 and fractions round-trip', () => {
    for (const value of [NaN, Infinity, -Infinity, -0, 0.1, 1e-310, Number.MAX_VALUE]) {
      const limits = gt.decodeResourceLimits(gt.encodeResourceLimits({ threads: value, shares: value }));
      assert.ok(Object.is(limits.threads, value), String(value));
      assert.ok(Object.is(limits.shares, value), String(value));
    }
  });
  test('a non-number is an error', () => {
    throwsAt(() => gt.encodeResourceLimits({ threads: '2' }), EncodeError, 'threads', /expected a number/);
  });
});

describe('enums', () => {
  test('decode to names, accept names and numbers', () => {
    assert.equal(decodeReplToken(encodeReplToken({ persistence: 'NONE' })).persistence, 'NONE');
    assert.equal(decodeReplToken(encodeReplToken({ persistence: 1 })).persistence, 'EPHEMERAL');
    assert.equal(decodeReplToken(encodeReplToken({ format: 'JSON' })).format, 'JSON');
  });
  test('values outside the schema stay numbers and re-encode unchanged', () => {
    assert.equal(decodeReplToken(fromHex('3003')).persistence, 'READ_ONLY'); // in @replit/protocol 0.4.27
    const bytes = fromHex('3009'); // persistence = 9: in no published schema
    const token = decodeReplToken(bytes);
    assert.equal(token.persistence, 9);
    assert.equal(hex(encodeReplToken(token)), '3009');
    const negative = decodeReplToken(encodeReplToken({ format: -1 }));
    assert.equal(negative.format, -1);
  });
  test('unknown names and non-integers are errors', () => {
    throwsAt(() => encodeReplToken({ persistence: 'READ_WRITE' }), EncodeError, 'persistence', /"PERSISTENT", "EPHEMERAL", "NONE", "READ_ONLY"/);
    throwsAt(() => encodeReplToken({ format: 1.5 }), EncodeError, 'format');
    throwsAt(() => encodeReplToken({ format: 2 ** 31 }), EncodeError, 'format');
  });
});

describe('oneof metadata', () => {
  test('each case round-trips, and an unset oneof is { case: undefined }', () => {
    for (const metadata of [
      { case: 'repl', value: FULL_TOKEN.metadata.value },
      { case: 'id', value: { id: 'x', sourceRepl: 'y' } },
      { case: 'classroom', value: { id: 'c', language: 'l' } },
    ]) {
      assert.deepStrictEqual(decodeReplToken(encodeReplToken({ metadata })).metadata, metadata);
    }
    assert.deepStrictEqual(decodeReplToken(encodeReplToken({ metadata: { case: undefined } })).metadata, { case: undefined });
  });
  test('a set member is written even when it is empty', () => {
    assert.equal(hex(encodeReplToken({ metadata: { case: 'id', value: {} } })), '4200');
    assert.deepStrictEqual(decodeReplToken(fromHex('4200')).metadata, { case: 'id', value: { id: '', sourceRepl: '' } });
  });
  test('the last member on the wire wins', () => {
    const token = decodeReplToken(fromHex('3a030a0161' + '42030a0162')); // repl { id "a" }, id { id "b" }
    assert.deepStrictEqual(token.metadata, { case: 'id', value: { id: 'b', sourceRepl: '' } });
  });
  test('unknown cases, wrong shapes and extra keys are errors', () => {
    throwsAt(() => encodeReplToken({ metadata: { case: 'foo', value: {} } }), EncodeError, 'metadata.case', /"repl", "id", "classroom"/);
    throwsAt(() => encodeReplToken({ metadata: { case: 'repl' } }), EncodeError, 'metadata.value');
    throwsAt(() => encodeReplToken({ metadata: { case: 'repl', value: 'abc' } }), EncodeError, 'metadata.value', /Repl object/);
    throwsAt(() => encodeReplToken({ metadata: { case: 'id', value: { slug: 'x' } } }), EncodeError, 'metadata.value.slug');
    throwsAt(() => encodeReplToken({ metadata: { case: 'id', value: {}, extra: 1 } }), EncodeError, 'metadata');
    throwsAt(() => encodeReplToken({ metadata: { value: {} } }), EncodeError, 'metadata');
    throwsAt(() => encodeReplToken({ metadata: 'repl' }), EncodeError, 'metadata');
    throwsAt(() => encodeReplToken({ repl: {} }), EncodeError, 'repl', /metadata is a oneof/);
  });
});

describe('Timestamp', () => {
  test('accepts a Date and RFC 3339 strings', () => {
    const date = new Date('2024-02-29T12:34:56.789Z');
    assert.deepStrictEqual(decodeReplToken(encodeReplToken({ iat: date })).iat, { seconds: BigInt(date.getTime() / 1000 - 0.789), nanos: 789000000 });
    const cases = [
      ['1970-01-01T00:00:00Z', 0n, 0],
      ['2024-01-02T03:04:05.123456789Z', 1704164645n, 123456789],
      ['2024-01-02T04:04:05.5+01:00', 1704164645n, 500000000],
      ['1969-12-31T23:59:59.999Z', -1n, 999000000],
      ['0001-01-01T00:00:00Z', -62135596800n, 0],
      ['9999-12-31T23:59:59.999999999Z', 253402300799n, 999999999],
    ];
    for (const [text, seconds, nanos] of cases) {
      assert.deepStrictEqual(gt.decodeTimestamp(gt.encodeTimestamp(text)), { seconds, nanos }, text);
    }
  });
  test('a Date before 1970 with milliseconds keeps nanos positive', () => {
    assert.deepStrictEqual(gt.timestampFromDate(new Date(-1)), { seconds: -1n, nanos: 999000000 });
  });
  test('nanos outside 0..999999999, bad strings and invalid Dates are errors', () => {
    throwsAt(() => encodeReplToken({ iat: { seconds: 1n, nanos: 1e9 } }), EncodeError, 'iat.nanos');
    throwsAt(() => encodeReplToken({ exp: { nanos: -1 } }), EncodeError, 'exp.nanos');
    throwsAt(() => encodeReplToken({ iat: '2024-13-01T00:00:00Z' }), EncodeError, 'iat', /the month is 13 \(months are 01\.\.12\)/);
    throwsAt(() => encodeReplToken({ iat: '2023-02-29T00:00:00Z' }), EncodeError, 'iat', /the day is 29, and February 2023 has days 01\.\.28/);
    throwsAt(() => encodeReplToken({ iat: '2024-02-29T24:00:00Z' }), EncodeError, 'iat', /the hour is 24/);
    throwsAt(() => encodeReplToken({ iat: '2024-02-29T23:60:00Z' }), EncodeError, 'iat', /the minute is 60/);
    throwsAt(() => encodeReplToken({ iat: '2024-02-29T23:59:60Z' }), EncodeError, 'iat', /the second is 60/);
    throwsAt(() => encodeReplToken({ iat: '2024-02-29T23:59:00+24:00' }), EncodeError, 'iat', /offset's hours are 24/);
    throwsAt(() => encodeReplToken({ iat: 'yesterday' }), EncodeError, 'iat', /RFC 3339/);
    throwsAt(() => encodeReplToken({ iat: new Date(NaN) }), EncodeError, 'iat', /invalid/);
    throwsAt(() => encodeReplToken({ iat: 1700000000 }), EncodeError, 'iat', /Timestamp object, a Date or an RFC 3339 string/);
  });
  test('helpers convert to and from Date', () => {
    const date = new Date('2025-06-01T00:00:00.250Z');
    const ts = gt.timestampFromDate(date);
    assert.deepStrictEqual(ts, { seconds: 1748736000n, nanos: 250000000 });
    assert.equal(gt.timestampToDate(ts).getTime(), date.getTime());
    assert.equal(gt.timestampToDate('2025-06-01T00:00:00.250Z').getTime(), date.getTime());
    const now = gt.timestampNow();
    assert.ok(Math.abs(Number(now.seconds) - Date.now() / 1000) < 5);
    throwsAt(() => gt.timestampToDate({ seconds: 2n ** 62n }), EncodeError, 'seconds', /range of a Date/);
    throwsAt(() => gt.timestampFromDate('2025-01-01'), EncodeError, '', /expects a Date/);
  });
});

describe('Duration (idle_timeout)', () => {
  test('decodes by name, as { seconds: bigint, nanos }, and round-trips', () => {
    const token = decodeReplToken(fromHex('d201020878')); // #26 { seconds 120 }
    assert.deepStrictEqual(token.idleTimeout, { seconds: 120n, nanos: 0 });
    assert.equal('$unknown' in token, false);
    assert.equal(hex(encodeReplToken(token)), 'd201020878');
    // Any int64 input form for seconds, as everywhere.
    assert.equal(hex(encodeReplToken({ idleTimeout: { seconds: '120' } })), 'd201020878');
    assert.equal(hex(encodeReplToken({ idleTimeout: {} })), 'd20100');
    assert.deepStrictEqual(decodeReplToken(fromHex('d20100')).idleTimeout, { seconds: 0n, nanos: 0 });
    for (const d of [
      { seconds: -315576000000n, nanos: -999999999 },
      { seconds: 315576000000n, nanos: 999999999 },
      { seconds: 0n, nanos: -1 },
      { seconds: 0n, nanos: 1 },
      { seconds: -1n, nanos: 0 },
    ]) {
      assert.deepStrictEqual(gt.decodeDuration(gt.encodeDuration(d)), d);
      assert.deepStrictEqual(decodeReplToken(encodeReplToken({ idleTimeout: d })).idleTimeout, d);
    }
  });

  test('encode refuses a Duration out of range or of mixed signs, naming the field', () => {
    const cases = [
      [{ seconds: 315576000001n }, 'idleTimeout.seconds'],
      [{ seconds: -315576000001n, nanos: 0 }, 'idleTimeout.seconds'],
      [{ seconds: 1n, nanos: -1 }, 'idleTimeout.nanos'],
      [{ seconds: -1n, nanos: 1 }, 'idleTimeout.nanos'],
      [{ nanos: 1000000000 }, 'idleTimeout.nanos'],
      [{ nanos: -1000000000 }, 'idleTimeout.nanos'],
    ];
    for (const [value, path] of cases) {
      throwsAt(() => encodeReplToken({ idleTimeout: value }), EncodeError, path, /Duration's seconds must be within -315576000000\.\.315576000000/);
      throwsAt(() => gt.replTokenToJson({ idleTimeout: value }), EncodeError, path);
    }
    throwsAt(() => gt.encodeDuration({ seconds: 1, nanos: -5 }), EncodeError, 'nanos', /seconds' sign/);
    throwsAt(() => encodeReplToken({ idleTimeout: '1.5s' }), EncodeError, 'idleTimeout', /expected a Duration object \{ seconds, nanos \}/);
    throwsAt(() => encodeReplToken({ idleTimeout: { seconds: 1, nanos: 1.5 } }), EncodeError, 'idleTimeout.nanos');
    throwsAt(() => encodeReplToken({ idleTimeout: { minutes: 1 } }), EncodeError, 'idleTimeout.minutes', /unknown field/);
  });

  test('decode refuses what encode refuses, wherever the Duration is', () => {
    // seconds 1, nanos -1 (a 10-byte varint); seconds 315576000001; nanos 1000000000
    const bad = ['0801' + '10ffffffffffffffffff01', '0881bcaece9709', '108094ebdc03'];
    const paths = ['nanos', 'seconds', 'nanos'];
    bad.forEach((body, i) => {
      const bytes = fromHex(body);
      throwsAt(() => gt.decodeDuration(bytes), DecodeError, paths[i], /Duration's seconds/);
      const inToken = fromHex(`d201${(bytes.length).toString(16).padStart(2, '0')}${body}`);
      throwsAt(() => decodeReplToken(inToken), DecodeError, `idleTimeout.${paths[i]}`, /Duration's seconds/);
    });
    // Checked after merging: a bad value that a later one overrides is fine.
    assert.deepStrictEqual(gt.decodeDuration(fromHex('0801' + '10ffffffffffffffffff01' + '1001')), { seconds: 1n, nanos: 1 });
  });
});

describe('map<string, string> (backerJobMetadata)', () => {
  const repl = (map) => ({ metadata: { case: 'repl', value: { id: 'r', backerJobMetadata: map } } });
  const mapOf = (bytes) => decodeReplToken(bytes).metadata.value.backerJobMetadata;

  test('an object of strings, entries in key order, each with its key and value', () => {
    const bytes = encodeReplToken(repl({ b: '2', a: '1', '': '' }));
    // repl { id "r", 17 { 1 "b", 2 "2" }, 17 { 1 "a", 2 "1" }, 17 { 1 "", 2 "" } }
    assert.equal(hex(bytes), '3a1c0a01728a01060a01621201328a01060a01611201318a01040a001200');
    assert.deepStrictEqual(mapOf(bytes), { b: '2', a: '1', '': '' });
    assert.deepStrictEqual(Object.keys(mapOf(bytes)), ['b', 'a', '']);
    assert.deepStrictEqual(mapOf(encodeReplToken(repl({}))), {});
    assert.deepStrictEqual(mapOf(encodeReplToken(repl(undefined))), {});
    assert.equal(hex(encodeReplToken(repl({}))), '3a030a0172', 'an empty map writes nothing');
    assert.deepStrictEqual(mapOf(encodeReplToken(repl(Object.assign(Object.create(null), { k: 'v' })))), { k: 'v' });
  });

  test('decoding: the last value of a repeated key wins, at its first place; missing key or value is ""', () => {
    const entry = (k, v) => `8a01${(k.length + v.length + 4).toString(16).padStart(2, '0')}0a${k.length.toString(16).padStart(2, '0')}${Buffer.from(k).toString('hex')}12${v.length.toString(16).padStart(2, '0')}${Buffer.from(v).toString('hex')}`;
    const body = entry('a', '1') + entry('b', '2') + entry('a', '3');
    const bytes = fromHex(`3a${(body.length / 2).toString(16).padStart(2, '0')}${body}`);
    assert.deepStrictEqual(mapOf(bytes), { a: '3', b: '2' });
    assert.deepStrictEqual(Object.keys(mapOf(bytes)), ['a', 'b']);
    assert.deepStrictEqual(mapOf(encodeReplToken(decodeReplToken(bytes))), { a: '3', b: '2' });
    assert.deepStrictEqual(mapOf(fromHex('3a058a0102' + '1200')), { '': '' }); // an entry with no key
    assert.deepStrictEqual(mapOf(fromHex('3a038a0100')), { '': '' }); // an empty entry
    // An unknown field inside an entry is dropped: entries are not messages of the model.
    assert.deepStrictEqual(mapOf(fromHex('3a0b8a01080a016b1201761801')), { k: 'v' });
    // An entry's strings are UTF-8 checked like any other.
    throwsAt(() => decodeReplToken(fromHex('3a068a01030a01ff')), DecodeError, 'repl.backerJobMetadata[0].key');
  });

  test('keys are data: __proto__, $unknown and constructor are entries, and nothing reaches a prototype', () => {
    const hostile = JSON.parse('{"__proto__":"p","$unknown":"u","constructor":"c","hasOwnProperty":"h"}');
    const map = mapOf(encodeReplToken(repl(hostile)));
    assert.deepStrictEqual(Object.entries(map), [['__proto__', 'p'], ['$unknown', 'u'], ['constructor', 'c'], ['hasOwnProperty', 'h']]);
    assert.equal(Object.getPrototypeOf(map), Object.prototype);
    assert.equal({}.p, undefined);
    assert.equal(Object.prototype.__proto__, null);
    // A setter on a polluted Object.prototype is not called by decode.
    let called = false;
    Object.defineProperty(Object.prototype, 'JOB', { set() { called = true; }, configurable: true });
    try {
      const again = mapOf(encodeReplToken(repl(JSON.parse('{"JOB":"1"}'))));
      assert.equal(called, false);
      assert.deepStrictEqual(Object.getOwnPropertyDescriptor(again, 'JOB'), { value: '1', writable: true, enumerable: true, configurable: true });
    } finally {
      delete Object.prototype.JOB;
    }
    // Inherited keys are not entries.
    const base = Object.create(null);
    base.inherited = 'x';
    const inherited = Object.create(base);
    inherited.own = 'y';
    assert.deepStrictEqual(mapOf(encodeReplToken(repl(inherited))), { own: 'y' });
  });

  test('encode refuses what is not an object of strings, naming the key', () => {
    throwsAt(() => encodeReplToken(repl({ k: 1 })), EncodeError, 'metadata.value.backerJobMetadata["k"]', /expected a string, got 1/);
    throwsAt(() => encodeReplToken(repl({ ok: 'x', 'a"b': null })), EncodeError, 'metadata.value.backerJobMetadata["a\\"b"]', /expected a string, got null/);
    throwsAt(() => encodeReplToken(repl({ k: '\ud800' })), EncodeError, 'metadata.value.backerJobMetadata["k"]', /lone surrogate/);
    throwsAt(() => encodeReplToken(repl({ '\udc00': 'v' })), EncodeError, 'metadata.value.backerJobMetadata["\\udc00"]', /lone surrogate/);
    for (const bad of [[['k', 'v']], new Map([['k', 'v']]), 'k=v', 5]) {
      throwsAt(() => encodeReplToken(repl(bad)), EncodeError, 'metadata.value.backerJobMetadata', /expected a plain object of strings/);
    }
    throwsAt(() => gt.encodeRepl({ backerJobMetadata: { k: 2n } }), EncodeError, 'backerJobMetadata["k"]', /expected a string/);
  });
});

describe('unknown fields', () => {
  // Numbers this schema does not declare: ReplToken 15 (permissions in older releases) and
  // 30, ResourceLimits 8 and 11; made-up ones of each wire type in iat and presenced.
  test('are kept at every level, in order, and re-encoded', () => {
    const input = fromHex(
      '0a0d' + '0801' + '190102030405060708' + '2001' + // iat { seconds 1, #3 fixed64, #4 varint 1 }
        '7a020878' + // #15, 2 bytes
        'f00101' + // #30 varint 1
        '5206' + '1001' + '4001' + '5802' + // resourceLimits { memory 1, #8 1, #11 2 }
        '6a07' + '0801' + '1d04030201', // presenced { bearerID 1, #3 fixed32 }
    );
    const token = decodeReplToken(input);
    assert.deepStrictEqual(token.iat.$unknown, [
      { no: 3, wireType: 1, data: fromHex('0102030405060708') },
      { no: 4, wireType: 0, data: fromHex('01') },
    ]);
    assert.deepStrictEqual(token.$unknown, [
      { no: 15, wireType: 2, data: fromHex('0878') },
      { no: 30, wireType: 0, data: fromHex('01') },
    ]);
    assert.deepStrictEqual(token.resourceLimits.$unknown, [
      { no: 8, wireType: 0, data: fromHex('01') },
      { no: 11, wireType: 0, data: fromHex('02') },
    ]);
    assert.deepStrictEqual(token.presenced.$unknown, [{ no: 3, wireType: 5, data: fromHex('04030201') }]);
    assert.equal('$unknown' in token.metadata, false);
    const again = decodeReplToken(encodeReplToken(token));
    assert.deepStrictEqual(again, token);
  });
  test('fields of @replit/protocol 0.4.27 that were unknown before decode by name', () => {
    // ReplToken 20 paid, 25 resourceTier; ResourceLimits 7 restrictNetwork, 9 scratchDisk.
    const token = decodeReplToken(fromHex('a00101' + 'ca0103677075' + '5206' + '1001' + '3801' + '4802'));
    assert.equal(token.paid, true);
    assert.equal(token.resourceTier, 'gpu');
    assert.equal(token.resourceLimits.restrictNetwork, true);
    assert.equal(token.resourceLimits.scratchDisk, 2n);
    assert.equal('$unknown' in token, false);
    assert.equal('$unknown' in token.resourceLimits, false);
  });
  test('a group (wire type 3) keeps everything up to its end tag', () => {
    const token = decodeReplToken(fromHex('fb01' + '0801' + 'fc01')); // group #31 { #1 varint 1 }
    assert.deepStrictEqual(token.$unknown, [{ no: 31, wireType: 3, data: fromHex('0801fc01') }]);
    assert.equal(hex(encodeReplToken(token)), 'fb010801fc01');
  });
  test('a known number with a wire type that does not fit is kept as unknown, as in C++ and Go', () => {
    const token = decodeReplToken(fromHex('1801' + '6203' + '0a0161')); // salt as varint 1, format as bytes
    assert.equal(token.salt, '');
    assert.equal(token.format, 'PROTOBUF');
    assert.deepStrictEqual(token.$unknown, [
      { no: 3, wireType: 0, data: fromHex('01') },
      { no: 12, wireType: 2, data: fromHex('0a0161') },
    ]);
    assert.equal(hex(encodeReplToken(token)), '180162030a0161');
  });
  test('the key is absent when there are none', () => {
    assert.equal('$unknown' in decodeReplToken(encodeReplToken(FULL_TOKEN)), false);
  });
  test('bad $unknown entries are errors naming the entry', () => {
    throwsAt(() => encodeReplToken({ $unknown: {} }), EncodeError, '$unknown');
    throwsAt(() => encodeReplToken({ $unknown: [{ no: 0, wireType: 0, data: new Uint8Array([1]) }] }), EncodeError, '$unknown[0]');
    throwsAt(() => encodeReplToken({ $unknown: [{ no: 99, wireType: 4, data: new Uint8Array() }] }), EncodeError, '$unknown[0]');
    throwsAt(() => encodeReplToken({ $unknown: [{ no: 99, wireType: 0, data: [1] }] }), EncodeError, '$unknown[0]');
    throwsAt(() => encodeReplToken({ $unknown: [{ no: 3, wireType: 2, data: new Uint8Array() }] }), EncodeError, '$unknown[0]', /field of this message/);
    throwsAt(() => encodeReplToken({ $unknown: [{ no: 99, wireType: 0, data: new Uint8Array([0x80]) }] }), EncodeError, '$unknown[0]', /wire type 0/);
    throwsAt(() => encodeReplToken({ $unknown: [{ no: 99, wireType: 5, data: new Uint8Array(3) }] }), EncodeError, '$unknown[0]', /wire type 5/);
    throwsAt(
      () => encodeReplToken({ presenced: { $unknown: [{ no: 9, wireType: 1, data: new Uint8Array(7) }] } }),
      EncodeError,
      'presenced.$unknown[0]',
    );
  });
});

describe('explicit defaults in input bytes', () => {
  test('decode to the defaults and are omitted on re-encode', () => {
    // persistence=0, salt="", format=0, resourceLimits { net=false, memory=0 }
    const bytes = fromHex('3000' + '1a00' + '6000' + '52040800' + '1000');
    const token = decodeReplToken(bytes);
    assert.equal(token.persistence, 'PERSISTENT');
    assert.equal(token.salt, '');
    assert.deepStrictEqual(token.resourceLimits, {
      net: false, memory: 0n, threads: 0, shares: 0, disk: 0n,
      cache: 'NONE', restrictNetwork: false, scratchDisk: 0n, minimumDisk: 0n,
    });
    assert.equal(hex(encodeReplToken(token)), '5200');
  });
});

describe('strings', () => {
  test('emoji, astral and CJK characters round-trip exactly', () => {
    for (const s of ['😀', 'a😀b', '𝕏𝕪𝕫', '日本語', 'ü', '\u0000', 'x'.repeat(1000) + '🎉', '\u{10FFFF}']) {
      assert.equal(decodeReplToken(encodeReplToken({ salt: s })).salt, s);
      assert.equal(decodeReplToken(encodeReplToken({ flags: [s, 'ascii'] })).flags[0], s);
    }
  });
  test('nested messages of 128 bytes and more get multi-byte length prefixes, as protobufjs writes them', () => {
    for (const n of [120, 125, 126, 127, 128, 300, 16380, 20000]) {
      const token = decodeReplToken(
        encodeReplToken({ metadata: { case: 'repl', value: { id: 'i'.repeat(n) } }, presenced: { bearerName: 'n'.repeat(n) } }),
      );
      assert.equal(token.metadata.value.id.length, n);
      assert.equal(token.presenced.bearerName.length, n);
      assert.equal(hex(encodeReplToken(token)), hex(encodeWithProtobufjs(token)), `n=${n}`);
    }
  });
  test('a lone surrogate is an error naming the field', () => {
    throwsAt(() => encodeReplToken({ presenced: { bearerName: 'ab\ud83d' } }), EncodeError, 'presenced.bearerName', /lone surrogate at index 2/);
    throwsAt(() => encodeReplToken({ flags: ['ok', '\udc00x'] }), EncodeError, 'flags[1]', /lone surrogate at index 0/);
    // Strings may be written after the walk (in Node, in one batch): the first bad value in
    // layout order is still the one named, and the next call is unharmed.
    throwsAt(() => encodeReplToken({ salt: '\ud800', persistence: 'NOPE' }), EncodeError, 'salt', /lone surrogate/);
    throwsAt(() => encodeReplToken({ salt: 'ok', cluster: 'x\udfff', format: 7.5 }), EncodeError, 'cluster', /lone surrogate at index 1/);
    throwsAt(() => encodeReplToken({ salt: 'é', persistence: 'NOPE', flags: ['\ud800'] }), EncodeError, 'persistence', /unknown Persistence/);
    assert.equal(decodeReplToken(encodeReplToken({ salt: 'ok' })).salt, 'ok');
  });
  test('ASCII and other strings mixed in one message, around bytes and unknown fields, keep their places', () => {
    const unknown = [{ no: 99, wireType: 2, data: Uint8Array.of(1, 2, 3) }];
    const strings = ['plain', 'ü', '', 'a😀b', 'x'.repeat(300), '日本語', 'tail'];
    const token = {
      salt: strings[0],
      cluster: strings[1],
      metadata: { case: 'repl', value: { id: strings[2], language: strings[3], bucket: strings[4], $unknown: unknown } },
      presenced: { bearerName: strings[5] },
      flags: [strings[6], strings[1], strings[0]],
      $unknown: unknown,
    };
    const back = decodeReplToken(encodeReplToken(token));
    assert.deepStrictEqual([back.salt, back.cluster, back.metadata.value.id, back.metadata.value.language, back.metadata.value.bucket, back.presenced.bearerName, back.flags], [...strings.slice(0, 6), [strings[6], strings[1], strings[0]]]);
    assert.deepStrictEqual(Array.from(back.$unknown[0].data), [1, 2, 3]);
    assert.deepStrictEqual(Array.from(back.metadata.value.$unknown[0].data), [1, 2, 3]);
    assert.equal(hex(encodeReplToken(back)), hex(encodeWithProtobufjs(back)));
  });
  test('invalid UTF-8 in the bytes is a decode error with offset', () => {
    throwsAt(() => decodeReplToken(fromHex('1a02c328')), DecodeError, 'salt', /UTF-8/);
    throwsAt(() => decodeReplToken(fromHex('6a041202ffff')), DecodeError, 'presenced.bearerName');
  });
  test('non-strings are errors', () => {
    throwsAt(() => encodeReplToken({ cluster: 5 }), EncodeError, 'cluster', /expected a string, got 5/);
    throwsAt(() => encodeReplToken({ flags: 'a' }), EncodeError, 'flags', /array/);
    throwsAt(() => encodeReplToken({ flags: ['a', undefined] }), EncodeError, 'flags[1]');
    throwsAt(() => encodeReplToken({ flags: ['a', 1] }), EncodeError, 'flags[1]');
  });
});

describe('input shape', () => {
  test('an unknown key names the path and the nearest field', () => {
    throwsAt(() => encodeReplToken({ presenced: { bearerId: 1 } }), EncodeError, 'presenced.bearerId', /did you mean bearerID\?/);
    throwsAt(() => encodeReplToken({ resourceLimit: {} }), EncodeError, 'resourceLimit', /did you mean resourceLimits\?/);
    throwsAt(() => encodeReplToken({ zzzzzzzz: 1 }), EncodeError, 'zzzzzzzz', /unknown field of ReplToken/);
  });
  test('a oneof member written as a key says how to write the oneof', () => {
    throwsAt(() => gt.createReplToken({ repl: { id: 'x' } }), EncodeError, 'repl', /metadata is a oneof: write metadata: \{ case: 'repl', value: … \}/);
    throwsAt(() => encodeReplToken({ classroom: {} }), EncodeError, 'classroom', /write metadata: \{ case: 'classroom'/);
    throwsAt(() => gt.encodeGovalSigningAuthority({ keyId: 'prod:1' }), EncodeError, 'keyId', /cert is a oneof: write cert: \{ case: 'keyId', value: … \}/);
    throwsAt(() => gt.encodeGovalSigningAuthority({ signed_cert: 'v2.public.x' }), EncodeError, 'signed_cert', /case: 'signedCert'/);
    // A key that only an inherited property names ('toString') is no member.
    throwsAt(() => encodeReplToken({ toString: 1 }), EncodeError, 'toString', /unknown field/);
  });
  test('encode takes only plain objects', () => {
    for (const bad of [null, undefined, [], 'x', 1, 1n, true, new Date(), new Map(), new Uint8Array(1)]) {
      throwsAt(() => encodeReplToken(bad), EncodeError, '', /expected a plain object for ReplToken/);
    }
    assert.equal(encodeReplToken(Object.create(null)).length, 0);
  });
  test('nested messages must be plain objects too', () => {
    throwsAt(() => encodeReplToken({ resourceLimits: null }), EncodeError, 'resourceLimits');
    throwsAt(() => encodeReplToken({ presenced: [] }), EncodeError, 'presenced');
    throwsAt(() => encodeReplToken({ resourceLimits: { net: 1 } }), EncodeError, 'resourceLimits.net', /boolean/);
  });
  test('decode takes only a Uint8Array (a Buffer is one)', () => {
    for (const bad of [null, undefined, [], 'x', new ArrayBuffer(1), new Uint16Array(1), {}]) {
      throwsAt(() => decodeReplToken(bad), DecodeError, '', /expected a Uint8Array/);
    }
    assert.deepStrictEqual(decodeReplToken(Buffer.from([0x22, 0x01, 0x78])).cluster, 'x');
  });
  test('decode options are checked', () => {
    throwsAt(() => decodeReplToken(new Uint8Array(), { maxbytes: 1 }), DecodeError, 'options', /unknown option/);
    throwsAt(() => decodeReplToken(new Uint8Array(), { maxBytes: -1 }), DecodeError, 'options.maxBytes');
    throwsAt(() => decodeReplToken(new Uint8Array(), 5), DecodeError, '');
    throwsAt(() => decodeReplToken(new Uint8Array(10), { maxBytes: 4 }), DecodeError, '', /over the limit of 4/);
  });
});

describe('decode errors', () => {
  const cases = [
    ['truncated varint', 'f001', '#30', 2],
    ['truncated length', '1a05616263', 'salt', 1],
    ['wire type 7', '0f', '', 0],
    ['field number 0', '0001', '', 0],
    ['varint overflow', 'f001ffffffffffffffffff02', '#30', 2],
    ['end group without start', '0c', '', 0],
    ['mismatched group end', 'fb01a401', '#31', 2],
    ['Timestamp nanos out of range', '0a0b10ffffffffffffffffff01', 'iat.nanos', 1],
    ['nested truncation', '520310ffff', 'resourceLimits.memory', 3],
  ];
  for (const [name, input, path, offset] of cases) {
    test(`${name} names its path and offset`, () => {
      assert.throws(
        () => decodeReplToken(fromHex(input)),
        (error) => error instanceof DecodeError && error.path === path && error.offset === offset,
      );
    });
  }
  test('nesting over maxDepth is an error', () => {
    let group = '';
    for (let i = 0; i < 80; i++) group = `fb01${group}fc01`;
    assert.throws(() => decodeReplToken(fromHex(group)), DecodeError);
    assert.ok(decodeReplToken(fromHex(group), { maxDepth: 100 }).$unknown.length === 1);
    throwsAt(() => decodeReplToken(new Uint8Array(), { maxDepth: 101 }), DecodeError, 'options.maxDepth', /1\.\.100/);
  });
});

describe('resilience', () => {
  test('random and mutated bytes give a token or a DecodeError, and the instance keeps working', () => {
    const valid = encodeReplToken(FULL_TOKEN);
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 2 ** 24;
    for (let i = 0; i < 5000; i++) {
      const bytes = i % 2 ? valid.slice(0, Math.floor(random() * valid.length)) : valid.slice();
      for (let j = 0; j < 3; j++) bytes[Math.floor(random() * bytes.length)] ^= 1 << Math.floor(random() * 8);
      try {
        const token = decodeReplToken(bytes);
        assert.deepStrictEqual(decodeReplToken(encodeReplToken(token)), token);
      } catch (error) {
        if (!(error instanceof DecodeError)) throw error;
      }
    }
    assert.deepStrictEqual(decodeReplToken(valid), FULL_TOKEN);
  });
  test('hostile values give an EncodeError, and the next call works', () => {
    const hostile = [
      { get salt() { throw new Error('getter'); } },
      { flags: new Array(3).fill({}) },
      { resourceLimits: { memory: Symbol('x') } },
      { iat: { seconds: 1n, nanos: 0.5 } },
    ];
    assert.throws(() => encodeReplToken(hostile[0]), /getter/);
    for (const value of hostile.slice(1)) assert.throws(() => encodeReplToken(value), EncodeError);
    assert.deepStrictEqual(decodeReplToken(encodeReplToken(FULL_TOKEN)), FULL_TOKEN);
  });
});

describe('createReplToken', () => {
  test('fills iat (now), exp (iat + 1 h), a random salt, and the enum defaults', () => {
    const before = BigInt(Math.floor(Date.now() / 1000));
    const token = createReplToken();
    assert.ok(token.iat.seconds >= before && token.iat.seconds <= before + 2n);
    assert.equal(token.exp.seconds - token.iat.seconds, 3600n);
    assert.equal(token.exp.nanos, token.iat.nanos);
    assert.match(token.salt, /^[A-Za-z0-9_-]{24}$/);
    assert.equal(token.persistence, 'PERSISTENT');
    assert.equal(token.format, 'PROTOBUF');
    assert.deepStrictEqual(Object.keys(token), Object.keys(EMPTY_TOKEN));
  });
  test('salts differ between calls', () => {
    const salts = new Set(Array.from({ length: 200 }, () => createReplToken().salt));
    assert.equal(salts.size, 200);
  });
  test('whatever init gives wins, in any input form, and exp follows a given iat', () => {
    const token = createReplToken({ iat: '2024-01-01T00:00:00Z', salt: '', persistence: 2, resourceLimits: { memory: '1024' } });
    assert.deepStrictEqual(token.iat, { seconds: 1704067200n, nanos: 0 });
    assert.deepStrictEqual(token.exp, { seconds: 1704070800n, nanos: 0 });
    assert.equal(token.salt, '');
    assert.equal(token.persistence, 'NONE');
    assert.equal(token.resourceLimits.memory, 1024n);
    const explicitExp = createReplToken({ exp: new Date(0) });
    assert.deepStrictEqual(explicitExp.exp, { seconds: 0n, nanos: 0 });
  });
  test('bad init is an EncodeError', () => {
    throwsAt(() => createReplToken(null), EncodeError, '');
    throwsAt(() => createReplToken({ presenced: { bearerId: 1 } }), EncodeError, 'presenced.bearerId');
  });
});

describe('errors', () => {
  test('have stable names and a class hierarchy', () => {
    assert.equal(new EncodeError('x').name, 'EncodeError');
    assert.equal(new DecodeError('x').name, 'DecodeError');
    assert.equal(new GovalTokenError('x').name, 'GovalTokenError');
    assert.ok(new DecodeError('x', { offset: 3 }) instanceof GovalTokenError);
  });
});

describe('own properties only (a polluted prototype changes nothing)', () => {
  const input = () => ({
    salt: 's',
    metadata: { case: 'repl', value: { id: 'r' } },
    resourceLimits: { memory: 5n },
    $unknown: [{ no: 99, wireType: 0, data: new Uint8Array([1]) }],
  });
  const pollute = (key, value, enumerable = true) =>
    Object.defineProperty(Object.prototype, key, { value, enumerable, configurable: true, writable: true });
  const clean = (...keys) => keys.forEach((key) => delete Object.prototype[key]);

  for (const enumerable of [true, false]) {
    test(`${enumerable ? 'enumerable' : 'non-enumerable'} keys on Object.prototype are not fields`, () => {
      const expected = hex(encodeReplToken(input()));
      const expectedJson = gt.replTokenToJson(input(), { dropUnknownFields: true });
      const keys = ['cluster', 'iat', 'flags', 'language', 'memory', 'nanos', 'value', 'case', 'maxBytes', 'emitDefaults'];
      try {
        pollute('cluster', 'x', enumerable);
        pollute('iat', { seconds: 1n }, enumerable);
        pollute('flags', ['f'], enumerable);
        pollute('language', 'py', enumerable); // inside the oneof's Repl
        pollute('memory', 7n, enumerable); // ResourceLimits
        pollute('nanos', 5, enumerable);
        pollute('maxBytes', 1, enumerable); // a decode option
        pollute('emitDefaults', true, enumerable); // a toJson option
        assert.equal(hex(encodeReplToken(input())), expected);
        assert.deepEqual(gt.replTokenToJson(input(), { dropUnknownFields: true }), expectedJson);
        const decoded = decodeReplToken(fromHex(expected), {});
        assert.equal(Object.hasOwn(decoded, 'cluster') && decoded.cluster, '');
        // A oneof whose case or value is inherited is unset, not a member.
        pollute('case', 'repl', enumerable);
        pollute('value', { id: 'inherited' }, enumerable);
        assert.equal(hex(encodeReplToken({ metadata: {} })), '');
      } finally {
        clean(...keys);
      }
      assert.equal(hex(encodeReplToken(input())), expected);
    });
  }

  test('an own key set to undefined is absent; an object without a prototype works', () => {
    const bare = Object.assign(Object.create(null), { cluster: 'c', presenced: Object.assign(Object.create(null), { bearerID: 1 }) });
    assert.equal(hex(encodeReplToken(bare)), hex(encodeReplToken({ cluster: 'c', presenced: { bearerID: 1 } })));
    assert.equal(hex(encodeReplToken({ cluster: undefined })), '');
  });
});

test('a getter that encodes while its object is being encoded gets an error, never mixed bytes', () => {
  const inner = { cluster: 'inner' };
  const outer = {
    salt: 'outer',
    get cluster() {
      return Buffer.from(encodeReplToken(inner)).toString('hex');
    },
  };
  assert.throws(() => encodeReplToken(outer), (e) => e instanceof GovalTokenError && /called from inside a value being encoded/.test(e.message));
  // Both work again afterwards.
  assert.equal(decodeReplToken(encodeReplToken(inner)).cluster, 'inner');
  assert.equal(decodeReplToken(encodeReplToken({ salt: 'outer' })).salt, 'outer');
});
