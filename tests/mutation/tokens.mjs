// Mutation testing of the token modules (a small stand-in for Stryker's command runner):
// each mutant changes one operator, literal or statement in js/{paseto,ed25519,keys,token,
// inspect}.js, is copied into a scratch copy of pkg/, and the token tests run against it
// (fastest suite first, stopping at the first failure). A mutant the tests do not notice
// "survives" and is listed with its line, to be killed by a test or explained.
//
//   node tests/mutation/tokens.mjs [--max N] [--only file.js] [--json out.json]
// Needs a built pkg/ (npm run build). Runs one mutant at a time; about 3-8 s each.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const MAX = Number(option('--max') ?? Infinity);
const FILES = option('--only') ? [option('--only')] : ['paseto.js', 'ed25519.js', 'keys.js', 'token.js', 'inspect.js'];
const SUITES = ['tests/js/token-units.test.mjs', 'tests/js/token.test.mjs', 'tests/js/attacks.test.mjs'];

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
        if (name === 'n → n+1' && insideString(code, match.index)) continue; // message wording
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

/** Whether `index` of a line is inside a '…', "…" or `…` literal (outside any ${…}). */
function insideString(line, index) {
  let quote;
  for (let i = 0; i < index; i++) {
    const c = line[i];
    if (quote === undefined) {
      if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '/' && line[i + 1] === '^') quote = '/'; // a regex literal
    } else if (c === '\\') i++;
    else if (c === quote) quote = undefined;
    else if (quote === '`' && c === '$' && line[i + 1] === '{') quote = undefined;
  }
  return quote !== undefined && quote !== '/';
}

/** Spreads `n` picks evenly over `list`. */
function spread(list, n) {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]);
}

const scratch = mkdtempSync(join(tmpdir(), 'goval-mutants-'));
try {
  cpSync(join(root, 'pkg'), join(scratch, 'pkg'), { recursive: true });
  mkdirSync(join(scratch, 'tests'), { recursive: true });
  cpSync(join(root, 'tests/js'), join(scratch, 'tests/js'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
  writeFileSync(join(scratch, 'package.json'), '{"type":"module"}\n');

  let all = [];
  for (const file of FILES) all.push(...mutants(file, readFileSync(join(root, 'js', file), 'utf8')));
  const total = all.length;
  all = spread(all, MAX);
  console.log(`${total} mutants in ${FILES.join(', ')}; running ${all.length}`);

  const results = { killed: 0, survived: [], invalid: 0, timeout: 0 };
  const started = Date.now();
  for (const [i, m] of all.entries()) {
    const target = join(scratch, 'pkg', m.file);
    const original = readFileSync(target, 'utf8');
    writeFileSync(target, m.apply());
    try {
      const check = spawnSync(process.execPath, ['--check', target]);
      if (check.status !== 0) {
        results.invalid++;
        continue;
      }
      let killed = false;
      for (const suite of SUITES) {
        const r = spawnSync(process.execPath, ['--test', '--test-reporter=dot', suite], { cwd: scratch, timeout: 120_000, stdio: 'ignore' });
        if (r.error?.code === 'ETIMEDOUT' || r.signal) {
          results.timeout++;
          killed = true;
          break;
        }
        if (r.status !== 0) {
          killed = true;
          break;
        }
      }
      if (killed) results.killed++;
      else {
        results.survived.push({ file: m.file, line: m.line, name: m.name, original: m.original, mutated: m.mutated });
        console.log(`SURVIVED ${m.file}:${m.line} ${m.name}\n  - ${m.original}\n  + ${m.mutated}`);
      }
    } finally {
      writeFileSync(target, original);
    }
    if ((i + 1) % 20 === 0) console.log(`… ${i + 1}/${all.length} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  const valid = all.length - results.invalid;
  const score = valid === 0 ? 0 : (100 * (valid - results.survived.length)) / valid;
  console.log(
    `\nmutation score ${score.toFixed(1)}%: ${valid - results.survived.length} of ${valid} valid mutants killed ` +
      `(${results.timeout} by timeout), ${results.survived.length} survived, ${results.invalid} did not parse`,
  );
  const json = option('--json');
  if (json) writeFileSync(json, `${JSON.stringify({ total, ran: all.length, score, ...results }, null, 2)}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
void execFileSync;
