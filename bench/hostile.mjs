// Hostile token text (issue 17): the time parseToken, verifyToken, verifyIdentityToken (with
// REPL_PUBKEYS), inspectToken, the inspector page's path (www/app.js inspectInput) and the CLI
// (verify and inspect, in a process of their own) take over runs of whitespace of 20, 40 and
// 80 KB, with and without a line break, and the ratio per doubling (about 2 when linear, about
// 4 when quadratic). Printed, never asserted.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../pkg/cli/cli.js', import.meta.url));

const SIZES = [20_000, 40_000, 80_000];

/** The median time of `fn` over `runs` samples of `calls` calls each, in ms per call. */
async function median(fn, runs, calls = 20) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    for (let j = 0; j < calls; j++) await fn();
    times.push((performance.now() - start) / calls);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

export async function runHostileBench({ quick = false, log = () => {} } = {}) {
  const gt = await import('../pkg/node.js');
  const { splitUnsafe } = await import('../pkg/lib/text.js');
  const key = new Uint8Array(32).fill(7);
  const pubkeys = JSON.stringify({ 'prod:1': Buffer.from(key).toString('base64') });
  // www/app.js inspectInput, as the page runs it on a pasted token and key (the DOM aside):
  // trimmed text, inspectToken with the key, parseToken, inspectToken, the error cut for display.
  async function inspectorPage(text) {
    const input = text.trim();
    try {
      await gt.inspectToken(input, { publicKey: Buffer.from(key).toString('base64') });
      gt.parseToken(input);
      await gt.inspectToken(input);
    } catch (error) {
      splitUnsafe(`${error.name}: ${error.message}`);
    }
  }
  const cli = (command) => (text) => spawnSync(process.execPath, [CLI, command, text, '--key', Buffer.from(key).toString('base64')], { encoding: 'utf8' });
  const shapes = {
    'spaces, no line break': (n) => `v2.public.AAAA${' '.repeat(n)}AAAA`,
    'spaces, then a line break': (n) => `v2.public.AAAA${' '.repeat(n)}\nAAAA`,
    'space and line break, alternating': (n) => `v2.public.AAAA${' \n'.repeat(n / 2)}AAAA`,
  };
  const calls = {
    parseToken: (text) => gt.parseToken(text),
    verifyToken: (text) => gt.verifyToken(text, key),
    'verifyIdentityToken (REPL_PUBKEYS)': (text) => gt.verifyIdentityToken(text, { publicKeys: pubkeys, audience: 'repl' }),
    inspectToken: (text) => gt.inspectToken(text),
    'inspector page (inspectInput)': inspectorPage,
  };
  // A process each: the time includes Node's start, so these are judged by what 80 KB adds.
  const processes = { 'CLI verify': cli('verify'), 'CLI inspect': cli('inspect') };
  const rows = [];
  for (const [shape, make] of Object.entries(shapes)) {
    for (const [name, call] of Object.entries({ ...calls, ...processes })) {
      const spawned = processes[name] !== undefined;
      const ms = [];
      for (const n of SIZES) {
        const text = make(n);
        ms.push(await median(async () => {
          try {
            await call(text);
          } catch {
            // every one of these is refused; the time to refuse is what counts
          }
        }, spawned ? 1 : quick ? 9 : 25, spawned ? 3 : 20));
      }
      rows.push({ shape, call: name, ms, ratio: ms[2] / ms[1], ratio4: ms[2] / ms[0], spawned });
    }
  }
  log('hostile input');
  const lines = rows.map((r) => `| ${r.shape} | ${r.call} | ${r.ms.map((m) => m.toFixed(3)).join(' | ')} | ${r.ratio.toFixed(2)}× | ${r.ratio4.toFixed(2)}× |`);
  const table = `Hostile token text (median ms; 80 KB / 40 KB ≈ 2 and 80 KB / 20 KB ≈ 4 when linear, 4 and 16 when quadratic):\n| input | call | 20 KB | 40 KB | 80 KB | 80/40 | 80/20 |\n|---|---|--:|--:|--:|--:|--:|\n${lines.join('\n')}`;
  // Sub-millisecond calls are timer noise, not growth (the quadratic pattern took 2 s at 40
  // KB): a ratio counts when both its times are measurable. A call that does no work at 40 KB
  // and a linear pass at 80 KB (the UTF-8 length is counted only past 43,690 characters) is a
  // step, not a curve.
  // Judged over the widest span, 20 to 80 KB, which a noisy sample sways least.
  const inProcess = rows.filter((r) => !r.spawned);
  const measurable = inProcess.filter((r) => r.ms[0] >= 0.3 && r.ms[2] >= 0.5);
  const worst = Math.max(1, ...measurable.map((r) => r.ratio4));
  const slowest = Math.max(...inProcess.map((r) => r.ms[2]));
  const added = Math.max(...rows.filter((r) => r.spawned).map((r) => r.ms[2] - r.ms[0]));
  const targets = [
    `${worst <= 8 ? 'PASS' : 'MISS'} hostile whitespace grows linearly: worst 80 KB / 20 KB ratio ${worst.toFixed(2)}× over calls measurable at both sizes (target ≤ 8; linear is 4, quadratic 16); slowest 80 KB call ${slowest.toFixed(2)} ms`,
    `${added <= 200 ? 'PASS' : 'MISS'} the CLI on hostile whitespace: 80 KB adds at most ${added.toFixed(1)} ms to a 20 KB run (target ≤ 200 ms; the quadratic pattern added seconds)`,
  ];
  return { rows, table, targets };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runHostileBench({ quick: process.argv.includes('--quick') });
  console.log(`${result.table}\n${result.targets.join('\n')}`);
}
