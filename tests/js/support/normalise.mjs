// What decode(encode(x)) gives back for an input x of the object model (any input form).
// Kept apart from model.mjs so that code needing only this does not load fast-check.

const ENUMS = {
  Persistence: ['PERSISTENT', 'EPHEMERAL', 'NONE', 'READ_ONLY'],
  WireFormat: ['PROTOBUF', 'JSON', 'MUXED', 'RIVER'],
  Cachability: ['NONE', 'USER', 'REPL'],
  Environment: ['DEVELOPMENT', 'PRODUCTION'],
  OrgType: ['TYPE_UNSPECIFIED', 'PERSONAL', 'TEAM'],
  TokenVersion: ['BARE_REPL_TOKEN', 'TYPE_AWARE_TOKEN'],
};
const enumOut = (names, v) => (v === undefined ? names[0] : typeof v === 'string' ? v : (names[v] ?? v));
const int64Out = (v) => (v === undefined ? 0n : BigInt(v));
const strOut = (v) => v ?? '';
const withUnknown = (out, input) => {
  if (input.$unknown?.length) out.$unknown = input.$unknown.map(({ no, wireType, data }) => ({ no, wireType, data: Uint8Array.from(data) }));
  return out;
};

function timestampOut(v) {
  if (v === undefined) return undefined;
  if (v instanceof Date) {
    const ms = v.getTime();
    const seconds = Math.floor(ms / 1000);
    return { seconds: BigInt(seconds), nanos: (ms - seconds * 1000) * 1e6 };
  }
  return withUnknown({ seconds: int64Out(v.seconds), nanos: v.nanos ?? 0 }, v);
}
function durationOut(v) {
  if (v === undefined) return undefined;
  return withUnknown({ seconds: int64Out(v.seconds), nanos: v.nanos ?? 0 }, v);
}
const sub = (f) => (v) => (v === undefined ? undefined : f(v));
const bucketsOut = sub((v) => withUnknown({ snapshots: strOut(v.snapshots), metadata: strOut(v.metadata), diskBlocks: strOut(v.diskBlocks) }, v));
const userIdOut = sub((v) => withUnknown({ id: int64Out(v.id), environment: enumOut(ENUMS.Environment, v.environment) }, v));
const orgOut = sub((v) =>
  withUnknown({ id: strOut(v.id), type: enumOut(ENUMS.OrgType, v.type), slug: strOut(v.slug), isEnterprise: v.isEnterprise ?? false }, v),
);
const replOut = sub((v) =>
  withUnknown(
    {
      id: strOut(v.id), language: strOut(v.language), bucket: strOut(v.bucket), slug: strOut(v.slug), user: strOut(v.user),
      sourceRepl: strOut(v.sourceRepl), database: strOut(v.database), buckets: bucketsOut(v.buckets), userId: userIdOut(v.userId),
      isTeam: v.isTeam ?? false, roles: v.roles ? [...v.roles] : [], logFields: strOut(v.logFields), org: orgOut(v.org),
      useReplShield: v.useReplShield ?? false, connectorsHost: strOut(v.connectorsHost),
      backerJobMetadata: v.backerJobMetadata ? Object.fromEntries(Object.entries(v.backerJobMetadata)) : {},
      customSkillsBucket: strOut(v.customSkillsBucket),
    },
    v,
  ),
);
const replIDOut = sub((v) => withUnknown({ id: strOut(v.id), sourceRepl: strOut(v.sourceRepl) }, v));
const classroomOut = sub((v) => withUnknown({ id: strOut(v.id), language: strOut(v.language) }, v));
const limitsOut = sub((v) =>
  withUnknown(
    {
      net: v.net ?? false, memory: int64Out(v.memory), threads: v.threads ?? 0, shares: v.shares ?? 0, disk: int64Out(v.disk),
      cache: enumOut(ENUMS.Cachability, v.cache), restrictNetwork: v.restrictNetwork ?? false,
      scratchDisk: int64Out(v.scratchDisk), minimumDisk: int64Out(v.minimumDisk),
    },
    v,
  ),
);
const presencedOut = sub((v) => withUnknown({ bearerID: v.bearerID ?? 0, bearerName: strOut(v.bearerName) }, v));
const emptyOut = sub((v) => withUnknown({}, v));
const featureOut = (v) => {
  const f = v.feature;
  return withUnknown(
    {
      feature: f === undefined || f.case === undefined ? { case: undefined } : { case: f.case, value: emptyOut(f.value) },
      required: v.required ?? false,
    },
    v,
  );
};
const buildInfoOut = sub((v) =>
  withUnknown(
    {
      deploymentId: strOut(v.deploymentId), url: strOut(v.url), buildId: strOut(v.buildId),
      machineTier: strOut(v.machineTier), originReplId: strOut(v.originReplId),
    },
    v,
  ),
);
const pid2InfoOut = sub((v) => withUnknown({ version: strOut(v.version) }, v));
const secretOut = (v) => withUnknown({ name: strOut(v.name), presignedUrl: strOut(v.presignedUrl) }, v);
const METADATA = { repl: replOut, id: replIDOut, classroom: classroomOut };

/** What decode(encode(x)) gives for an input `x` made by `arb.replToken`. */
export function normaliseReplToken(x) {
  const m = x.metadata;
  return withUnknown(
    {
      iat: timestampOut(x.iat),
      exp: timestampOut(x.exp),
      salt: strOut(x.salt),
      cluster: strOut(x.cluster),
      persistence: enumOut(ENUMS.Persistence, x.persistence),
      metadata: m === undefined || m.case === undefined ? { case: undefined } : { case: m.case, value: METADATA[m.case](m.value) },
      resourceLimits: limitsOut(x.resourceLimits),
      format: enumOut(ENUMS.WireFormat, x.format),
      presenced: presencedOut(x.presenced),
      flags: x.flags ? [...x.flags] : [],
      features: x.features ? x.features.map(featureOut) : [],
      interactiveResourceLimits: limitsOut(x.interactiveResourceLimits),
      buildInfo: buildInfoOut(x.buildInfo),
      pid2Info: pid2InfoOut(x.pid2Info),
      paid: x.paid ?? false,
      replexec: x.replexec ?? false,
      externalSecrets: x.externalSecrets ? x.externalSecrets.map(secretOut) : [],
      before: timestampOut(x.before),
      resourceTier: strOut(x.resourceTier),
      idleTimeout: durationOut(x.idleTimeout),
    },
    x,
  );
}

/** What decode(encode(x)) gives for an input `x` made by `arb.footer`. */
export function normaliseFooter(x) {
  const c = x.cert;
  return withUnknown(
    {
      cert: c === undefined || c.case === undefined ? { case: undefined } : { case: c.case, value: c.value },
      version: enumOut(ENUMS.TokenVersion, x.version),
      issuer: strOut(x.issuer),
    },
    x,
  );
}

export const normalise = {
  replToken: normaliseReplToken,
  footer: normaliseFooter,
  timestamp: timestampOut,
  duration: durationOut,
  repl: replOut,
  replID: replIDOut,
  classroom: classroomOut,
  resourceLimits: limitsOut,
  presenced: presencedOut,
};
