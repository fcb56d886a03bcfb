// The timing loop, shared by Node and the page. For each case: a warm-up (which also sizes
// a batch to about 1 ms), then `rounds` rounds; each round times every case for one fixed
// slice, the cases in a rotated order, so drift and GC spread over all of them. The result
// per case is the median ops/s over the rounds (with the min and max).

/** Keeps results alive so no engine can drop the work. */
export let sink;

function runFor(fn, batch, ms, now) {
  let ops = 0;
  const start = now();
  let elapsed = 0;
  do {
    for (let i = 0; i < batch; i++) sink = fn();
    ops += batch;
    elapsed = now() - start;
  } while (elapsed < ms);
  return { ops, elapsed };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * `cases`: { op: { implementation: fn } }; `now()`: milliseconds (a float); `pause()`: lets
 * the event loop run between slices (the page stays responsive). Returns
 * { op: { implementation: { median, min, max, rounds: [ops/s…] } } }.
 */
export async function runSuite(cases, { now, pause = async () => {}, rounds = 15, sliceMs = 120, warmupMs = 300, log = () => {} }) {
  const list = [];
  for (const [op, impls] of Object.entries(cases)) {
    for (const [name, fn] of Object.entries(impls)) list.push({ op, name, fn, batch: 1, samples: [] });
  }
  for (const c of list) {
    // Grow the batch until one takes about 1 ms, then run the rest of the warm-up.
    const start = now();
    for (;;) {
      const { elapsed } = runFor(c.fn, c.batch, 0, now);
      if (elapsed >= 1 || c.batch >= 1 << 20) break;
      c.batch *= 2;
    }
    runFor(c.fn, c.batch, Math.max(0, warmupMs - (now() - start)), now);
    await pause();
  }
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < list.length; k++) {
      const c = list[(k + r) % list.length];
      const { ops, elapsed } = runFor(c.fn, c.batch, sliceMs, now);
      c.samples.push((ops * 1000) / elapsed);
      await pause();
    }
    log(`round ${r + 1}/${rounds}`);
  }
  const results = {};
  for (const c of list) {
    (results[c.op] ??= {})[c.name] = {
      median: median(c.samples),
      min: Math.min(...c.samples),
      max: Math.max(...c.samples),
      rounds: c.samples.map(Math.round),
    };
  }
  return results;
}
