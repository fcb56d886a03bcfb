// Mutation testing of the token and chain modules (a small stand-in for Stryker's command
// runner): each mutant changes one operator, literal or statement in one of FILES (paths
// relative to js/), is written into a scratch copy of pkg/ (the same tree), and the suites
// that cover those modules run against it, one at a time, stopping at the first failure.
// A mutant the tests do not notice "survives" and is listed with its line, to be killed by
// a test or explained (tests/mutation/RESULTS.md).
//
//   node tests/mutation/tokens.mjs [--only token/,chain/claims.js] [--max N] [--list] [--json out.json]
//
// --only  comma-separated files or folders under js/ (default: every file of FILES)
// --max   at most N mutants per folder (token/, chain/, crypto/, report/), spread evenly
//         over that folder's mutants in file order, so a run with the same N is the same sample
// --list  count the mutants per file and stop
// --rerun run.json  only the survivors that an earlier --json run lists (after new tests:
//         the mutants it killed stay killed, as tests were only added)
// --suites  only these killers (e.g. keys-units,token-units), for a quick look at new tests;
//         a run's numbers are with every killer
// --json out.json  the results; rewritten after every mutant (with "partial": true until the
//         end), so a run that is stopped keeps what it found
// Needs a built pkg/ (node scripts/build.mjs). One mutant at a time; 1-15 s each. The scratch
// pkg/node.js is js/node.js, not the bundle, so every suite runs the mutated module.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const MAX = Number(option('--max') ?? Infinity);

const inFolder = (folder) => readdirSync(join(root, 'js', folder)).filter((f) => f.endsWith('.js')).sort().map((f) => `${folder}/${f}`);
/** The token and chain code, and the key and curve checks and the report they lean on. */
const FILES = [...inFolder('token'), ...inFolder('chain'), 'crypto/keys.js', 'crypto/export.js', 'crypto/ed25519.js', 'report/inspect.js'];
const selected = option('--only')
  ? option('--only').split(',').flatMap((entry) => {
      const name = entry.replace(/^(\.\/)?(js\/)?/, '');
      if (name.endsWith('.js')) return [name];
      return inFolder(name.replace(/\/$/, ''));
    })
  : FILES;

/**
 * The killers, fastest first as a default order; per file, the suite that killed the last
 * mutant is tried first (most mutants of one file die in the same suite). errors.test.mjs is
 * left out: it reads the sources under js/, not pkg/, so it cannot see a mutant.
 */
const SUITES = [
  'tests/js/env.test.mjs',
  'tests/js/token-units.test.mjs',
  'tests/js/key-export.test.mjs',
  'tests/js/keys-units.test.mjs',
  'tests/js/token.test.mjs',
  'tests/js/born-expired.test.mjs',
  'tests/js/chain-units.test.mjs',
  'tests/js/attacks.test.mjs',
  'tests/js/token-mistakes.test.mjs',
  'tests/js/identity.test.mjs',
  'tests/js/identity-interop.test.mjs',
  'tests/js/trust.test.mjs',
].filter((suite) => !option('--suites') || option('--suites').split(',').some((name) => suite.endsWith(`/${name.replace(/(\.test\.mjs)?$/, '.test.mjs')}`))).filter((suite) => {
  try {
    readFileSync(join(root, suite));
    return true;
  } catch {
    return false;
  }
});

// [pattern, replacement, name]: applied to one occurrence at a time.
const OPERATORS = [
  [/ === /g, ' !== ', '=== → !=='],
  [/ !== /g, ' === ', '!== → ==='],
  [/ < /g, ' <= ', '< → <='],
  [/ <= /g, ' < ', '<= → <'],
  [/ > /g, ' >= ', '> → >='],
  [/ >= /g, ' > ', '>= → >'],
  [/ && /g, ' || ', '&& → ||'],
  [/ \|\| /g, ' && ', '|| → &&'],
  [/ \?\? /g, ' || ', '?? → ||'],
  [/!(?=[a-zA-Z(])/g, '', 'drop !'],
  [/(?<![\w.$'"`\\])(\d+)n?(?![\w.'"`])/g, (m) => (m.endsWith('n') ? `${BigInt(m.slice(0, -1)) + 1n}n` : String(Number(m) + 1)), 'n → n+1'],
  [/ \+ /g, ' - ', '+ → -'],
  [/ - (?=\d|[a-zA-Z(])/g, ' + ', '- → +'],
  [/\btrue\b/g, 'false', 'true → false'],
  [/\bfalse\b/g, 'true', 'false → true'],
  [/\.slice\(\)/g, '', 'drop .slice()'],
];

/** Lines that are whole statements a mutant may delete. */
const DELETABLE = /^\s*(if \(.*\) (throw|return) [^;]*;|[\w.]+\([^;]*\);|throw [^;]*;|\w+ = [^;]*;)\s*$/;

function mutants(file, source) {
  const lines = source.split('\n');
  const out = [];
  let inComment = false;
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed.startsWith('/*')) inComment = true;
    const skip = inComment || trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('import ') || trimmed.startsWith('export {') || /^\s*'[^']*',?$/.test(line);
    if (trimmed.endsWith('*/')) inComment = false;
    if (skip) return;
    const code = line.replace(/\s\/\/.*$/, '');
    for (const [pattern, replacement, name] of OPERATORS) {
      for (const match of code.matchAll(pattern)) {
        if (insideString(code, match.index)) continue; // message wording
        const replaced = typeof replacement === 'function' ? replacement(match[0]) : replacement;
        const mutated = line.slice(0, match.index) + replaced + line.slice(match.index + match[0].length);
        out.push({ file, line: index + 1, name, original: trimmed, mutated: mutated.trim(), apply: () => [...lines.slice(0, index), mutated, ...lines.slice(index + 1)].join('\n') });
      }
    }
    if (DELETABLE.test(line)) {
      out.push({ file, line: index + 1, name: 'delete statement', original: trimmed, mutated: '(deleted)', apply: () => [...lines.slice(0, index), '', ...lines.slice(index + 1)].join('\n') });
    }
  });
  return out;
}

/** Whether `index` of a line is inside a '…', "…" or `…` literal (the text of a template, not its ${…}). */
function insideString(line, index) {
  let quote;
  const templates = []; // the brace depth at each open ${ of a template literal
  let depth = 0;
  for (let i = 0; i < index; i++) {
    const c = line[i];
    if (quote === undefined) {
      if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '/' && line[i + 1] === '^') quote = '/'; // a regex literal
      else if (c === '{') depth++;
      else if (c === '}') {
        if (templates.length > 0 && templates[templates.length - 1] === depth) {
          templates.pop();
          quote = '`';
        } else depth--;
      }
    } else if (c === '\\') i++;
    else if (c === quote) quote = undefined;
    else if (quote === '`' && c === '$' && line[i + 1] === '{') {
      templates.push(depth);
      quote = undefined;
      i++;
    }
  }
  return quote !== undefined && quote !== '/';
}

/** Spreads `n` picks evenly over `list`. */
function spread(list, n) {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]);
}

const folderOf = (file) => file.split('/')[0];

let all = [];
const counts = new Map();
for (const file of selected) {
  const found = mutants(file, readFileSync(join(root, 'js', file), 'utf8'));
  counts.set(file, found.length);
  all.push(...found);
}
const total = all.length;
const folders = [...new Set(selected.map(folderOf))];
const every = all;
all = folders.flatMap((folder) => spread(all.filter((m) => folderOf(m.file) === folder), MAX));
if (option('--rerun')) {
  const earlier = JSON.parse(readFileSync(option('--rerun'), 'utf8')).survived;
  const same = (a, b) => a.file === b.file && a.line === b.line && a.name === b.name && a.mutated === b.mutated;
  all = earlier.map((s) => every.find((m) => same(m, s)) ?? console.log(`not found: ${s.file}:${s.line} ${s.name} ${s.mutated}`)).filter(Boolean);
}
for (const [file, n] of counts) console.log(`${String(n).padStart(5)}  ${file}`);
console.log(`${total} mutants in ${selected.length} files; running ${all.length}; killers: ${SUITES.map((s) => s.split('/').pop()).join(', ')}`);
if (args.includes('--list')) process.exit(0);

const scratch = mkdtempSync(join(tmpdir(), 'goval-mutants-'));
const byFolder = new Map(folders.map((f) => [f, { ran: 0, killed: 0, survived: 0, invalid: 0 }]));
const results = { killed: 0, survived: [], invalid: 0, timeout: 0, killers: {} };
try {
  cpSync(join(root, 'pkg'), join(scratch, 'pkg'), { recursive: true });
  // pkg/node.js is one bundled module (scripts/build.mjs): it holds its own copy of every
  // module, so a mutant written into pkg/<folder>/<file>.js would reach only the tests that
  // import that file directly. The scratch copy's modules are js/ as written instead (entry
  // js/node.js, which imports the per-folder modules; wasm-bindgen's glue and the .wasm stay
  // pkg's): pkg's per-folder copies are minified, and trust.test reads the exports' parameter
  // names from their source.
  cpSync(join(root, 'js'), join(scratch, 'pkg'), { recursive: true });
  cpSync(join(root, 'tests'), join(scratch, 'tests'), { recursive: true });
  for (const link of ['node_modules', 'js', 'proto', 'README.md']) symlinkSync(join(root, link), join(scratch, link));
  writeFileSync(join(scratch, 'package.json'), '{"type":"module"}\n');

  // The suites must pass on the scratch copy as it is, or every mutant would look killed.
  for (const suite of SUITES) {
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=dot', suite], { cwd: scratch, timeout: 120_000, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${suite} fails without a mutant: fix it (or pkg/: node scripts/build.mjs) first`);
  }

  const lastKiller = new Map();
  const started = Date.now();
  for (const [i, m] of all.entries()) {
    const tally = byFolder.get(folderOf(m.file));
    tally.ran++;
    const target = join(scratch, 'pkg', m.file);
    const original = readFileSync(target, 'utf8');
    writeFileSync(target, m.apply());
    try {
      const check = spawnSync(process.execPath, ['--check', target]);
      if (check.status !== 0) {
        results.invalid++;
        tally.invalid++;
        continue;
      }
      const first = lastKiller.get(m.file);
      const order = first ? [first, ...SUITES.filter((s) => s !== first)] : SUITES;
      let killer;
      for (const suite of order) {
        const r = spawnSync(process.execPath, ['--test', '--test-reporter=dot', suite], { cwd: scratch, timeout: 120_000, stdio: 'ignore' });
        if (r.error?.code === 'ETIMEDOUT' || r.signal) results.timeout++;
        if (r.error?.code === 'ETIMEDOUT' || r.signal || r.status !== 0) {
          killer = suite;
          break;
        }
      }
      if (killer) {
        results.killed++;
        tally.killed++;
        lastKiller.set(m.file, killer);
        const short = killer.split('/').pop();
        results.killers[short] = (results.killers[short] ?? 0) + 1;
      } else {
        tally.survived++;
        results.survived.push({ file: m.file, line: m.line, name: m.name, original: m.original, mutated: m.mutated });
        console.log(`SURVIVED ${m.file}:${m.line} ${m.name}\n  - ${m.original}\n  + ${m.mutated}`);
      }
    } finally {
      writeFileSync(target, original);
    }
    const partial = option('--json');
    if (partial) writeFileSync(partial, `${JSON.stringify({ partial: true, total, ran: i + 1, of: all.length, folders: Object.fromEntries(byFolder), ...results }, null, 2)}\n`);
    if ((i + 1) % 20 === 0) console.log(`… ${i + 1}/${all.length} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  const pct = (killed, valid) => (valid === 0 ? '-' : `${((100 * killed) / valid).toFixed(1)}%`);
  console.log('\nfolder    valid  killed  survived  score');
  for (const [folder, t] of byFolder) {
    const valid = t.ran - t.invalid;
    console.log(`${folder.padEnd(9)} ${String(valid).padStart(5)}  ${String(t.killed).padStart(6)}  ${String(t.survived).padStart(8)}  ${pct(t.killed, valid)}`);
  }
  const valid = all.length - results.invalid;
  console.log(
    `\nmutation score ${pct(results.killed, valid)}: ${results.killed} of ${valid} valid mutants killed ` +
      `(${results.timeout} by timeout), ${results.survived.length} survived, ${results.invalid} did not parse; ` +
      `killed by ${JSON.stringify(results.killers)}; ${Math.round((Date.now() - started) / 1000)} s`,
  );
  const json = option('--json');
  if (json) writeFileSync(json, `${JSON.stringify({ total, ran: all.length, folders: Object.fromEntries(byFolder), ...results }, null, 2)}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
