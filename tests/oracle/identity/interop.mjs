// Tokens this package's createIdentitySigner makes, and what replit.identity (Python) says of
// them. Shared by the interop test and by `node tests/oracle/identity/interop.mjs --record`,
// which writes js-signed.json (the recorded verdicts the test falls back to without Python).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = new URL('./', import.meta.url);
export const VECTORS = JSON.parse(readFileSync(new URL('vectors.json', here), 'utf8'));
export const RECORDED_PATH = fileURLToPath(new URL('js-signed.json', here));

/** The identities we sign from: the vectors' own repl-a identities, 1 and 2 certificates deep. */
const SOURCES = [
  ['identity, 1 certificate (PASERK key)', 'identityKey'],
  ['identity, 2 certificates', 'identityKeyIntermediate'],
];

/** Signs, for each source identity, tokens for repl-b and repl-c with createIdentitySigner. */
export async function signedByUs(gt) {
  const out = [];
  for (const [name, keyField] of SOURCES) {
    const own = VECTORS.cases.find((c) => c.name === name);
    const signer = await gt.createIdentitySigner({
      identityToken: own.token,
      secretKey: VECTORS[keyField],
      replId: 'repl-a',
      publicKeys: VECTORS.publicKeys,
      now: VECTORS.now,
    });
    for (const audience of ['repl-b', 'repl-c']) out.push({ name: `${name} → ${audience}`, audience, token: await signer.sign(audience) });
  }
  return out;
}

/** Whether python3 with the replit and pyseto packages is here. */
export function pythonAvailable() {
  const r = spawnSync('python3', ['-c', 'import replit.identity, pyseto'], { encoding: 'utf8' });
  return r.status === 0;
}

/** replit.identity.verify_identity_token's verdict on each token. */
export function pythonVerdicts(tokens) {
  const r = spawnSync('python3', [fileURLToPath(new URL('verify.py', here))], {
    input: JSON.stringify({ publicKeys: VECTORS.publicKeys, tokens: tokens.map(({ token, audience }) => ({ token, audience })) }),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`verify.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

if (process.argv.includes('--record')) {
  const gt = await import('../../../pkg/node.js');
  const tokens = await signedByUs(gt);
  const verdicts = pythonVerdicts(tokens);
  const recorded = {
    recordedBy: 'node tests/oracle/identity/interop.mjs --record (replit 4.1.2, pyseto 1.10.0)',
    tokens: tokens.map((t, i) => ({ ...t, python: verdicts[i] })),
  };
  writeFileSync(RECORDED_PATH, `${JSON.stringify(recorded, null, 1)}\n`);
  console.log(`wrote ${RECORDED_PATH}: ${verdicts.join(', ')}`);
}
