// The benchmark's sample ReplToken (issue 4: every field set, a UUID repl id, five flags,
// 2 GiB memory) in each library's own plain-object shape, and its signed token.
// Plain ES module: runs in Node and in the benchmark page.

/**
 * Our object model (also the hand-written floor's). Every field is set and on the wire:
 * both enums are non-zero (`format: 'JSON'` is deprecated but keeps the field on the wire),
 * the `repl` oneof member has all six strings.
 */
export function sampleToken() {
  return {
    iat: { seconds: 1732500000n, nanos: 123000000 },
    exp: { seconds: 1732503600n, nanos: 123000000 },
    salt: 'q8X2bJk1Zc9V0wRmT4sLhA3e',
    cluster: 'global',
    persistence: 'EPHEMERAL',
    metadata: {
      case: 'repl',
      value: {
        id: '1f0c3a5e-7b2d-4c8e-9a61-3d5f0b7e2c94',
        language: 'python3',
        bucket: 'replit-repl-files-us-central1',
        slug: 'flask-todo-app',
        user: 'ada-lovelace',
        sourceRepl: '8e2d9b4f-1c6a-4f3e-b7d0-5a9c2e1f6b83',
      },
    },
    resourceLimits: { net: true, memory: 2n ** 31n, threads: 2, shares: 1024, disk: 10n * 2n ** 30n },
    format: 'JSON',
    presenced: { bearerID: 40213587, bearerName: 'ada-lovelace' },
    flags: ['goval.v2', 'gcsfuse', 'persistent-fs', 'nix-modules', 'pid2'],
  };
}

/** The footer of the sample token (GovalSigningAuthority, our object model). */
export function sampleFooter() {
  return { cert: { case: 'keyId', value: 'dev:1' }, version: 'BARE_REPL_TOKEN', issuer: 'conman' };
}

/** A fixed Ed25519 seed, so every run signs the same token. */
export const SIGNING_SEED = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);

/** The options our protobufjs decode uses: what a user needs to get our object model's values. */
export const PBJS_TO_OBJECT = { longs: BigInt, enums: String, defaults: true, oneofs: true };

/**
 * protobufjs' plain-object shape of the sample: what `toObject(…, PBJS_TO_OBJECT)` returns
 * (the oneof as the member's own key plus `metadata: 'repl'`, int64 as bigint, enum names).
 * protobufjs' `fromObject` takes it back.
 */
export function sampleForProtobufjs() {
  const t = sampleToken();
  const { metadata, ...rest } = t;
  return { ...rest, metadata: metadata.case, [metadata.case]: metadata.value };
}

/** protobuf-es' init shape (`create(ReplTokenSchema, init)`): ours, with enum numbers. */
export function sampleForProtobufEs() {
  return { ...sampleToken(), persistence: 1, format: 1 };
}
