// Formatting shared by the benchmark scripts: ops/s tables, ratios, target lines.
import { BASELINE } from './impls.mjs';

/** Speed targets (issue 11): goval-token ÷ protobufjs's fastest path, per runtime. */
export const TARGETS = {
  Node: { encode: 1.2, decode: 2, parse: 1.5 },
  Chromium: { encode: 1.5, decode: 1.8, parse: 1.5 },
};

export function fmtOps(n) {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return n.toFixed(0);
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Adds `ratio` to every entry, in place: the median over the rounds of (this ops/s ÷
 * protobufjs ops/s in the same round). Pairing by round keeps a busy machine's slow
 * stretches from landing on one side only. Returns results.
 */
export function addRatios(results) {
  for (const impls of Object.values(results)) {
    const base = impls[BASELINE];
    for (const entry of Object.values(impls)) {
      entry.ratio = base ? median(entry.rounds.map((ops, r) => ops / base.rounds[r])) : undefined;
    }
  }
  return results;
}

/** A plain-text table of one runtime's results. */
export function table(results, title) {
  const rows = [[title, 'implementation', 'ops/s (median)', 'best round', 'spread', `× ${BASELINE}`]];
  for (const [op, impls] of Object.entries(results)) {
    for (const [name, e] of Object.entries(impls)) {
      const spread = `${(((e.max - e.min) / e.median) * 100).toFixed(0)}%`;
      rows.push([op, name, fmtOps(e.median), fmtOps(e.max), spread, e.ratio === undefined ? '' : `${e.ratio.toFixed(2)}×`]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r, j) => r.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ') + (j === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : ''))
    .join('\n');
}

/** PASS/MISS lines for the speed targets of one runtime ('Node' or 'Chromium'). */
export function speedTargets(results, runtime) {
  const lines = [];
  for (const [op, target] of Object.entries(TARGETS[runtime])) {
    const r = results[op]?.['goval-token']?.ratio;
    if (r === undefined) {
      lines.push(`MISS  ${runtime} ${op}: not measured (target ≥ ${target}×)`);
      continue;
    }
    lines.push(`${r >= target ? 'PASS' : 'MISS'}  ${runtime} ${op}: ${r.toFixed(2)}× protobufjs (target ≥ ${target}×)`);
  }
  return lines;
}
