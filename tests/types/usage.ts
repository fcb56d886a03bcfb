// Compiled by `tsc --noEmit` (strict): the declarations must describe the object model.
import {
  createReplToken,
  decodeReplToken,
  decodeTimestamp,
  DecodeError,
  encodeRepl,
  encodeReplToken,
  encodeTimestamp,
  EncodeError,
  GovalTokenError,
  timestampFromDate,
  timestampNow,
  timestampToDate,
  type Persistence,
  type ReplToken,
  type ReplTokenInit,
  type Timestamp,
  type UnknownField,
} from '../../pkg/index.js';

const init: ReplTokenInit = {
  iat: new Date(),
  exp: '2030-01-01T00:00:00Z',
  persistence: 'EPHEMERAL',
  format: 1,
  metadata: { case: 'repl', value: { id: 'x', language: 'python3' } },
  resourceLimits: { memory: 2147483648, disk: '1024', threads: 2.5 },
  presenced: { bearerID: 1, bearerName: 'ada' },
  flags: ['a'],
  $unknown: [{ no: 20, wireType: 0, data: new Uint8Array([1]) }],
};
const token: ReplToken = decodeReplToken(encodeReplToken(init), { maxBytes: 4096 });

// Decoded values have exact types.
const seconds: bigint | undefined = token.iat?.seconds;
const memory: bigint | undefined = token.resourceLimits?.memory;
const bearer: number | undefined = token.presenced?.bearerID;
const persistence: Persistence | number = token.persistence;
const flags: string[] = token.flags;
const unknown: UnknownField[] | undefined = token.$unknown;

// The oneof narrows on `case`.
switch (token.metadata.case) {
  case 'repl': {
    const language: string = token.metadata.value.language;
    void language;
    break;
  }
  case 'id': {
    const source: string = token.metadata.value.sourceRepl;
    void source;
    break;
  }
  case 'classroom':
    break;
  case undefined: {
    // @ts-expect-error an unset oneof has no value
    const none: string = token.metadata.value.id;
    void none;
    break;
  }
}

// createReplToken always sets iat and exp.
const created = createReplToken({ cluster: 'global' });
const expiry: bigint = created.exp.seconds;
const ts: Timestamp = timestampFromDate(new Date());
const date: Date = timestampToDate(timestampNow());
const tsBytes: Uint8Array = encodeTimestamp('2024-01-01T00:00:00Z');
const decodedTs: Timestamp = decodeTimestamp(tsBytes);
const replBytes: Uint8Array = encodeRepl({ id: 'x' });

// Wrong input is a type error.
// @ts-expect-error bearerId is not a field
encodeReplToken({ presenced: { bearerId: 1 } });
// @ts-expect-error persistence names are checked
encodeReplToken({ persistence: 'READ_WRITE' });
// @ts-expect-error unknown oneof case
encodeReplToken({ metadata: { case: 'other', value: {} } });
// @ts-expect-error memory cannot be a boolean
encodeReplToken({ resourceLimits: { memory: true } });

try {
  decodeReplToken(new Uint8Array([0x08]));
} catch (error) {
  if (error instanceof DecodeError) {
    const offset: number | undefined = error.offset;
    const path: string = error.path;
    void offset;
    void path;
  } else if (error instanceof EncodeError || error instanceof GovalTokenError) {
    const name: string = error.name;
    void name;
  }
}

void [seconds, memory, bearer, persistence, flags, unknown, expiry, ts, date, decodedTs, replBytes];

// proto3 JSON.
import {
  govalSigningAuthorityFromJson,
  govalSigningAuthorityToJson,
  JsonError,
  replTokenFromJson,
  replTokenToJson,
  resourceLimitsToJson,
  timestampFromJson,
  timestampToJson,
  durationFromJson,
  durationToJson,
  type Duration,
  type DurationJson,
  type GovalSigningAuthority,
  type JsonObject,
  type ReplTokenJson,
  type TimestampJson,
} from '../../pkg/index.js';

const json: ReplTokenJson = replTokenToJson(init, { emitDefaults: true, dropUnknownFields: true });
const jsonMemory: string | undefined = json.resourceLimits?.memory;
const jsonIat: TimestampJson | undefined = json.iat;
const fromJson: ReplToken = replTokenFromJson(json, { ignoreUnknownFields: true });
const parsed: ReplToken = replTokenFromJson(JSON.parse('{"salt":"x"}') as JsonObject);
const asObject: JsonObject = replTokenToJson(token);
const tsJson: string = timestampToJson(new Date());
const tsBack: Timestamp = timestampFromJson(tsJson);
const threads = resourceLimitsToJson({ threads: NaN }).threads;
// A Duration: { seconds: bigint, nanos } in the model, "1.5s" in JSON.
const idle: Duration | undefined = replTokenFromJson({ idleTimeout: '1800s' }).idleTimeout;
const idleSeconds: bigint | undefined = idle?.seconds;
const idleJson: DurationJson | undefined = replTokenToJson({ idleTimeout: { seconds: 90n, nanos: 500000000 } }).idleTimeout;
const durationBack: Duration = durationFromJson(durationToJson({ seconds: 1 }));
// A map<string, string>: an object of strings in the model and in JSON.
const withJob = replTokenFromJson({ repl: { backerJobMetadata: { JOB_ID: '42' } } }).metadata;
const jobMetadata: { [key: string]: string } | undefined = withJob.case === 'repl' ? withJob.value.backerJobMetadata : undefined;
encodeRepl({ backerJobMetadata: { JOB_ID: '42' } });
// @ts-expect-error map values are strings
encodeRepl({ backerJobMetadata: { JOB_ID: 42 } });
// @ts-expect-error a Duration takes no Date or text as input
encodeReplToken({ idleTimeout: '1.5s' });
const authority: GovalSigningAuthority = govalSigningAuthorityFromJson(
  govalSigningAuthorityToJson({ cert: { case: 'keyId', value: 'prod:3' } }),
);
// @ts-expect-error toJson options are checked
replTokenToJson(init, { ignoreUnknownFields: true });
// @ts-expect-error a oneof holds one member in JSON too
const twoMembers: ReplTokenJson = { repl: {}, id: {} };
try {
  replTokenFromJson({ salt: 1 });
} catch (error) {
  if (error instanceof JsonError) {
    const name: 'JsonError' = error.name;
    void name;
  }
}

void [json, jsonMemory, jsonIat, fromJson, parsed, asObject, tsBack, threads, authority, twoMembers];

// A decoded token encodes again as it is, under exactOptionalPropertyTypes.
const reencoded: Uint8Array = encodeReplToken(decodeReplToken(new Uint8Array()));
void reencoded;

// Tokens.
import {
  generateSigningKeyPair,
  inspectToken,
  parseToken,
  signToken,
  verifyToken,
  TokenExpiredError,
  TokenFormatError,
  type ParsedToken,
  type TokenReport,
} from '../../pkg/index.js';

const pair = await generateSigningKeyPair();
const signed: string = await signToken({ cluster: 'global' }, pair.secretKey, { cert: { case: 'keyId', value: 'dev:1' } });
const parsedAny = parseToken(signed);
if (parsedAny.messageType !== 'ReplToken') throw new Error('an identity or Ghostwriter token');
const parsedToken: ParsedToken = parsedAny;
const verifiedCluster: string = (await verifyToken(signed, pair.publicKey, { now: new Date(), clockSkewSeconds: 5, cluster: 'global' })).message.cluster;
const unchecked: Promise<ParsedToken> = verifyToken(signed, pair.publicKey, { now: false });
const keyId: string | undefined = parsedToken.footer?.cert.case === 'keyId' ? parsedToken.footer.cert.value : undefined;
const reportAny = await inspectToken(signed, { publicKey: 'k2.public.AAAA', now: '2025-01-01T00:00:00Z' });
if (reportAny.messageType !== 'ReplToken') throw new Error('an identity or Ghostwriter token');
const report: TokenReport = reportAny;
const verdict: 'valid' | 'signature-invalid' | 'expired' | 'not-yet-valid' | 'invalid' | 'signature-not-checked' = report.verdict;
const problem: string | null = report.problem;
const signatureState: 'valid' | 'invalid' | 'not-checked' = report.signature;
const unknownText: string | null | undefined = report.unknownFields[0]?.text;
const reportIdle: string | null = report.idleTimeout;
// Key forms: a JWK, { seed }, and bytes.
await signToken({}, { seed: new Uint8Array(32) });
await signToken({}, { kty: 'OKP', crv: 'Ed25519', x: 'x', d: 'd' });
await verifyToken(signed, { kty: 'OKP', crv: 'Ed25519', x: 'x' });
try {
  await verifyToken(signed, pair.publicKey);
} catch (error) {
  if (error instanceof TokenFormatError) {
    const reason: string = error.reason;
    void reason;
  } else if (error instanceof TokenExpiredError) {
    const at: Date | undefined = error.expiredAt;
    void at;
  }
}
// @ts-expect-error a key is bytes, text, a key object or a JWK
void verifyToken(signed, 42);
// @ts-expect-error the result is a Promise
const notAwaited: ParsedToken = verifyToken(signed, pair.publicKey);
// @ts-expect-error now: true means nothing
void verifyToken(signed, pair.publicKey, { now: true });
void [verifiedCluster, keyId, verdict, signatureState, unknownText, unchecked, notAwaited];

// Key export: the result's type follows the format.
import { exportPublicKey, exportSecretKey, type Ed25519SecretJwk, type KeyExportFormat, type SigningKeyPair } from '../../pkg/index.js';
const typedPair: SigningKeyPair = pair;
const pairJson: { publicKey: string } = typedPair.toJSON();
const publicPaserk: string = await exportPublicKey(pair.publicKey, 'paserk');
const publicPem: string = await exportPublicKey(pair.secretKey, 'pem');
const publicX: string = (await exportPublicKey(publicPaserk, 'jwk')).x;
const publicRaw: Uint8Array = await exportPublicKey({ kty: 'OKP', crv: 'Ed25519', x: publicX }, 'raw');
const secretJwk: Ed25519SecretJwk = await exportSecretKey({ seed: new Uint8Array(32) }, 'jwk');
const secretRaw: Uint8Array = await exportSecretKey(secretJwk, 'raw');
const jwkBack: string = await exportPublicKey(await exportPublicKey(pair.publicKey, 'jwk'), 'paserk');
const someFormat: KeyExportFormat = 'pem';
const either: string | Uint8Array | { x: string } = await exportPublicKey(pair.publicKey, someFormat);
// @ts-expect-error the format is one of four
void exportPublicKey(pair.publicKey, 'spki');
// @ts-expect-error a JWK is not a string
const notText: string = await exportSecretKey(pair.secretKey, 'jwk');
void [pairJson, publicPem, publicRaw, secretRaw, jwkBack, either, notText];

// Readable printing: text for Node, and the DevTools formatter switch.
import { formatToken, installDevtoolsFormatters } from '../../pkg/index.js';
const printed: string = formatToken(createReplToken());
const formattersOn: boolean = installDevtoolsFormatters();
const formattersOff: boolean = installDevtoolsFormatters(false);
// @ts-expect-error the switch is a boolean
installDevtoolsFormatters('on');
void [printed, formattersOn, formattersOff];

// The fields of @replit/protocol 0.4.27 are typed.
const newer = decodeReplToken(encodeReplToken({
  persistence: 'READ_ONLY',
  format: 'RIVER',
  features: [{ feature: { case: 'boosted', value: {} }, required: true }],
  buildInfo: { originReplId: 'r' },
  externalSecrets: [{ name: 'K', presignedUrl: 'u' }],
  paid: true,
  resourceTier: 'paid-large',
  before: new Date(0),
  metadata: { case: 'repl', value: { org: { slug: 'acme', isEnterprise: true }, userId: { id: 1n, environment: 'PRODUCTION' } } },
}));
const tier: string = newer.resourceTier;
const featureCase: 'boosted' | 'viktor' | 'notary' | undefined = newer.features[0]?.feature.case;
void tier;
void featureCase;
