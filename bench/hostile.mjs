// Hostile token text (issue 17): the time parseToken, verifyToken and inspectToken take over
// runs of whitespace of 20, 40 and 80 KB, with and without a line break, and the ratio per
// doubling (about 2 when linear, about 4 when quadratic). Printed, never asserted.
import { performance } from 'node:perf_hooks';

const SIZES = [20_000, 40_000, 80_000];

/** The median time of `fn` over `runs` samples of 20 calls each, in ms per call. */
async function median(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    for (let j = 0; j < 20; j++) await fn();
    times.push((performance.now() - start) / 20);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

export async function runHostileBench({ quick = false, log = () => {} } = {}) {
  const gt = await import('../pkg/node.js');
  const key = new Uint8Array(32).fill(7);
  const shapes = {
    'spaces, no line break': (n) => `v2.public.AAAA${' '.repeat(n)}AAAA`,
    'spaces, then a line break': (n) => `v2.public.AAAA${' '.repeat(n)}\nAAAA`,
    'space and line break, alternating': (n) => `v2.public.AAAA${' \n'.repeat(n / 2)}AAAA`,
  };
  const calls = {
    parseToken: (text) => gt.parseToken(text),
    verifyToken: (text) => gt.verifyToken(text, key),
    inspectToken: (text) => gt.inspectToken(text),
  };
  const rows = [];
  for (const [shape, make] of Object.entries(shapes)) {
    for (const [name, call] of Object.entries(calls)) {
      const ms = [];
      for (const n of SIZES) {
        const text = make(n);
        ms.push(await median(async () => {
          try {
            await call(text);
          } catch {
            // every one of these is refused; the time to refuse is what counts
          }
        }, quick ? 9 : 25));
      }
      rows.push({ shape, call: name, ms, ratio: ms[2] / ms[1] });
    }
  }
  log('hostile input');
  const lines = rows.map((r) => `| ${r.shape} | ${r.call} | ${r.ms.map((m) => m.toFixed(3)).join(' | ')} | ${r.ratio.toFixed(2)}× |`);
  const table = `Hostile token text (median ms; 80 KB / 40 KB ≈ 2 when linear):\n| input | call | 20 KB | 40 KB | 80 KB | 80/40 |\n|---|---|--:|--:|--:|--:|\n${lines.join('\n')}`;
  // Sub-millisecond calls are timer noise, not growth: the quadratic pattern took 2 s at 40 KB.
  const measurable = rows.filter((r) => r.ms[2] >= 0.5);
  const worst = Math.max(1, ...measurable.map((r) => r.ratio));
  const slowest = Math.max(...rows.map((r) => r.ms[2]));
  const targets = [
    `${worst <= 3 ? 'PASS' : 'MISS'} hostile whitespace grows linearly: worst 80 KB / 40 KB ratio ${worst.toFixed(2)}× over calls of 0.5 ms or more (target ≤ 3; quadratic is 4); slowest 80 KB call ${slowest.toFixed(2)} ms`,
  ];
  return { rows, table, targets };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runHostileBench({ quick: process.argv.includes('--quick') });
  console.log(`${result.table}\n${result.targets.join('\n')}`);
}
