// The benchmark in Node: our package (pkg/node.js) against protobufjs, protobuf-es and the
// hand-written floor, in this one process. Prints a table; `--json FILE` writes the results.
//
//   node bench/node.mjs [--quick] [--json FILE]
// Needs a built pkg/ (`npm run build`); `npm run bench` does everything.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { generate } from './generate.mjs';

export async function runNode({ quick = false, log = () => {} } = {}) {
  generate();
  const ours = await import('../pkg/node.js');
  const { createCases } = await import('./impls.mjs');
  const { runSuite } = await import('./suite.mjs');
  const { addRatios } = await import('./report.mjs');
  // What a Node user of protobufjs or protobuf-es writes around it for a token.
  const env = {
    fromBase64Url: (s) => Buffer.from(s, 'base64url'),
    fromBase64: (s) => Buffer.from(s, 'base64'),
    latin1: (bytes, start, end) => bytes.toString('latin1', start, end),
  };
  const { cases, sample } = await createCases(ours, env);
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  const settings = quick ? { rounds: 3, sliceMs: 100, warmupMs: 100 } : { rounds: 15, sliceMs: 120, warmupMs: 300 };
  const results = addRatios(await runSuite(cases, { now, ...settings, log }));
  return { runtime: `Node ${process.version}`, settings, sample, results };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const out = await runNode({ quick: args.includes('--quick'), log: (m) => process.stderr.write(`node: ${m}\n`) });
  const { table, speedTargets } = await import('./report.mjs');
  if (jsonAt >= 0) writeFileSync(args[jsonAt + 1], JSON.stringify(out, null, 2));
  else {
    console.log(table(out.results, out.runtime));
    console.log(speedTargets(out.results, 'Node').join('\n'));
  }
}
