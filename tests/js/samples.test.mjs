// Every code sample users read is type-checked and run: each ```js block of README.md and each
// @example of the declarations (js/index.d.ts, and js/gen/api.d.ts, which build/ts.rs writes).
//
// Each sample becomes a file in a temporary project whose node_modules/goval-token is a
// symlink to pkg/, so `import 'goval-token'` resolves to the built package and its
// declarations, as it does for users. A sample is an ES module (.mjs) unless it uses
// `require(` and no `import`, then CommonJS (.cjs; no top-level await there). One strict
// TypeScript program (allowJs, checkJs, module nodenext) checks them all; then each runs in
// its own `node` process. The README's "Browsers and bundlers" sample runs in Node too, on the
// Node entry (the same API as the browser entry).
//
// Fragments use values defined elsewhere (`token`, `bytes`, `publicKey`, `text`, `request`…):
// a prelude module gives real ones (a key pair, a token signed with it and valid for an hour,
// its body's bytes, a request with an Authorization header, a repl's identity environment).
// The sample is wrapped in its own block, so its own `const token = …` shadows the prelude's;
// its imports are hoisted above. A line `expression; // literal` (or `console.log(expression);
// // literal`) checks that the expression equals the literal, when the comment is one.
//
// Samples not in JS (```sh, the CSP header) are skipped by their info string.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as gt from '../../pkg/node.js';

const ts = createRequire(import.meta.url)('typescript');
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path) => readFileSync(join(root, path), 'utf8');

// ---- the samples ----

/** The ```js blocks of a Markdown file: [{ where, line, code }] (line: of the code's first line). */
export function markdownSamples(path, text = read(path)) {
  const samples = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)/.exec(lines[i]);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    if (['js', 'javascript', 'mjs', 'cjs'].includes(open[1])) {
      samples.push({ where: `${path}:${i + 2}`, line: i + 2, path, code: lines.slice(i + 1, end).join('\n') });
    }
    i = end;
  }
  return samples;
}

/** The @example blocks of a declaration file, each with the symbol it documents. */
export function jsdocSamples(path, text = read(path)) {
  const samples = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\s*$/.test(lines[i])) continue;
    let end = i + 1;
    while (end < lines.length && !/^\s*\*\s*@\w/.test(lines[end]) && !/\*\//.test(lines[end])) end++;
    const code = lines.slice(i + 1, end).map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
    let symbol = '';
    for (let j = end; j < lines.length && !symbol; j++) {
      symbol = /^export declare (?:function|class|const) (\w+)/.exec(lines[j])?.[1] ?? '';
    }
    samples.push({ where: `${path}:${i + 2} (${symbol})`, line: i + 2, path, symbol, code });
  }
  return samples;
}

// What a sample takes from another it continues (it says so in its text), and values of the
// prelude a sample gets under another name.
const CONTINUES = [
  // The proto3 JSON sample shows "the token of 'The object model' above".
  { sample: (s) => s.code.includes('replTokenToJson(token)'), continues: (s) => s.code.includes('const token = createReplToken({') && s.code.includes("case: 'repl'") },
];
const GIVEN = [
  // A Ghostwriter token (a GovalToken body), signed through a root key of REPL_PUBKEYS.
  { sample: (s) => s.symbol === 'verifyGhostwriterToken', given: { token: 'ghostwriterToken' } },
];

function allSamples() {
  return [
    ...markdownSamples('README.md'),
    ...jsdocSamples('js/index.d.ts'),
    ...jsdocSamples('js/gen/api.d.ts'),
  ];
}

// ---- turning a sample into a file ----

const PRELUDE_NAMES = [
  'publicKey', 'secretKey', 'issuerPublicKey', 'token', 'bytes', 'text', 'request', 'otherReplId',
  'ghostwriterToken', 'askForTheWholeToken', '__expect',
];

/** The sample's import statements (taken out, lines kept blank) and the names they bind. */
function hoistImports(code) {
  const imports = [];
  const names = new Set();
  const body = code.replace(/^import\s[\s\S]*?\sfrom\s*(['"])[^'"]+\1;?[ \t]*$/gm, (statement) => {
    imports.push(statement.replace(/\s*\n\s*/g, ' '));
    const braces = /\{([^}]*)\}/.exec(statement);
    for (const part of braces ? braces[1].split(',') : []) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) names.add(name);
    }
    return statement.replace(/[^\n]/g, '');
  });
  return { imports, names, body };
}

/** A CommonJS sample stays as it is; the names it takes from `require('goval-token')`. */
function requiredNames(code) {
  const names = new Set();
  for (const [, inside] of code.matchAll(/\{([^}]*)\}\s*=\s*require\(['"]goval-token['"]\)/g)) {
    for (const part of inside.split(',')) {
      const name = part.trim().split(/\s*:\s*/).pop();
      if (name) names.add(name);
    }
  }
  return { imports: [], names, body: code };
}

/** Splits `f(a, b)`'s inside at top-level commas. */
function topLevelArgs(inside) {
  const args = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < inside.length; i++) {
    const c = inside[i];
    if (quote) { if (c === quote && inside[i - 1] !== '\\') quote = ''; continue; }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) { args.push(inside.slice(start, i)); start = i + 1; }
  }
  args.push(inside.slice(start));
  return args;
}

/** `expression; // literal` → `__expect(expression, literal);`, where the comment is a literal. */
export function addOutputChecks(code) {
  let checks = 0;
  const out = code.split('\n').map((line) => {
    const m = /^(\s*)((?:if \([^;]*?\) )?)([^;]*?);(\s*)\/\/\s*(.+?)\s*$/.exec(line);
    if (!m) return line;
    const [, indent, cond, expr, space, comment] = m;
    if (/^(const|let|var|return|throw|import|export|await)\b/.test(expr) || /^\/\//.test(expr)) return line;
    try {
      new Function(`return (${comment});`)();
    } catch {
      return line; // words, not a value
    }
    let checked;
    const log = /^console\.log\(([\s\S]*)\)$/.exec(expr);
    if (log) {
      if (topLevelArgs(log[1]).length !== 1) return line;
      checked = `console.log(__expect(${log[1]}, ${comment}))`;
    } else {
      checked = `__expect(${expr}, ${comment})`;
    }
    checks++;
    return `${indent}${cond}${checked};${space}// ${comment}`;
  });
  return { code: out.join('\n'), checks };
}

/** The file for one sample: { name, text, firstLine } (firstLine: the file line of the sample's line 1). */
function sampleFile(sample, index, apiNames, samples) {
  const cjs = /\brequire\(/.test(sample.code) && !/^import\s/m.test(sample.code);
  const parts = [];
  const previous = CONTINUES.find((c) => c.sample(sample));
  if (previous) parts.push(samples.find((s) => s !== sample && previous.continues(s)));
  parts.push(sample);
  const given = GIVEN.find((g) => g.sample(sample))?.given ?? {};
  const checks = { count: 0 };
  const hoisted = parts.map((part) => {
    const h = cjs ? requiredNames(part.code) : hoistImports(part.code);
    const checked = part === sample ? addOutputChecks(h.body) : { code: h.body, checks: 0 };
    checks.count += checked.checks;
    return { ...h, body: checked.code };
  });
  const imported = new Set(hoisted.flatMap((h) => [...h.names]));
  const api = apiNames.filter((n) => !imported.has(n));
  const prelude = PRELUDE_NAMES.filter((n) => !imported.has(n));
  const header = cjs
    ? [
        '// @ts-check',
        `const { ${prelude.join(', ')} } = require('./prelude.cjs');`,
        `const { ${api.join(', ')} } = require('goval-token');`,
      ]
    : [
        '// @ts-check',
        ...hoisted.flatMap((h) => h.imports),
        `import { ${prelude.join(', ')} } from './prelude.mjs';`,
        `import { ${api.join(', ')} } from 'goval-token';`,
      ];
  const lines = [...header];
  const givenText = Object.entries(given).map(([name, from]) => `const ${name} = ${from};`).join(' ');
  for (const h of hoisted.slice(0, -1)) lines.push('{', h.body);
  lines.push(`{ ${givenText} {`);
  const firstLine = lines.length + 1;
  lines.push(hoisted.at(-1).body, '}}', ...hoisted.slice(0, -1).map(() => '}'), '');
  return { name: `sample-${String(index).padStart(3, '0')}.${cjs ? 'cjs' : 'mjs'}`, text: lines.join('\n'), firstLine, cjs, checks: checks.count };
}

// ---- the prelude: real values for the names samples use ----

const literal = (value) => (value instanceof Uint8Array ? `new Uint8Array([${[...value]}])` : JSON.stringify(value));

async function preludeSource(cjs) {
  const VECTORS = JSON.parse(read('tests/oracle/identity/vectors.json'));
  const { publicKey, secretKey } = await gt.generateSigningKeyPair();
  const message = gt.createReplToken({ cluster: 'global', metadata: { case: 'repl', value: { id: 'repl-a', language: 'python3' } } });
  const token = await gt.signToken(message, secretKey, { issuer: 'localhost' });
  const env = {
    REPL_IDENTITY: VECTORS.cases.find((c) => c.name === 'identity, 2 certificates').token,
    REPL_IDENTITY_KEY: VECTORS.identityKeyIntermediate,
    REPL_ID: 'repl-a',
    REPL_PUBKEYS: JSON.stringify(VECTORS.publicKeys),
  };
  const values = {
    publicKey,
    secretKey,
    token,
    bytes: gt.encodeReplToken(message),
    text: JSON.stringify(gt.replTokenToJson(message)),
    otherReplId: 'repl-b',
    ghostwriterToken: VECTORS.cases.find((c) => c.name === 'Ghostwriter token').token,
  };
  const exp = cjs ? (name, value) => `exports.${name} = ${value};` : (name, value) => `export const ${name} = ${value};`;
  const fn = cjs ? (name, params, body) => `exports.${name} = function ${name}(${params}) {${body}};` : (name, params, body) => `export function ${name}(${params}) {${body}}`;
  const lines = [
    '// @ts-check',
    '// The doc-test prelude (tests/js/samples.test.mjs): real values for the names samples use.',
    `Object.assign(process.env, ${JSON.stringify(env)}); // a repl's identity environment`,
    ...Object.entries(values).map(([name, value]) => exp(name, literal(value))),
    exp('issuerPublicKey', literal(publicKey)),
    '/** @type {{ headers: { [name: string]: string | undefined } }} (as node:http\'s IncomingMessage) */',
    exp('request', `{ headers: { authorization: ${literal(`Bearer ${token}`)} } }`),
    '/** @returns {void} */',
    fn('askForTheWholeToken', '', ''),
    '/** Throws unless `actual` equals `expected` (deeply; bigints, bytes and key order included). @param {unknown} actual @param {unknown} expected @returns {unknown} */',
    fn('__expect', 'actual, expected', `
  /** @param {unknown} v @returns {string} */
  const show = (v) => JSON.stringify(v, (_, x) => typeof x === 'bigint' ? x + 'n' : x instanceof Uint8Array ? 'bytes ' + [...x] : x);
  if (show(actual) !== show(expected)) throw new Error('the sample says ' + show(expected) + ', but it is ' + show(actual));
  return actual;
`),
  ];
  return lines.join('\n') + '\n';
}

// What samples may use of Node's globals, declared as @types/node declares them (the package
// needs neither @types/node nor the DOM lib, so the check adds neither).
const NODE_GLOBALS = `
declare var process: { env: { [name: string]: string | undefined }; exitCode: number | string | undefined };
declare var console: { log(...data: unknown[]): void; error(...data: unknown[]): void };
`;

// ---- the test ----

const samples = allSamples();
const apiNames = Object.keys(gt);
const dir = mkdtempSync(join(tmpdir(), 'goval-token-samples-'));
after(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'node_modules'));
symlinkSync(join(root, 'pkg'), join(dir, 'node_modules', 'goval-token'), 'dir');
writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
writeFileSync(join(dir, 'node-globals.d.ts'), NODE_GLOBALS);
writeFileSync(join(dir, 'prelude.mjs'), await preludeSource(false));
writeFileSync(join(dir, 'prelude.cjs'), await preludeSource(true));
const files = samples.map((sample, i) => ({ sample, ...sampleFile(sample, i, apiNames, samples) }));
for (const f of files) writeFileSync(join(dir, f.name), f.text);

test('the samples are found: every ```js block of README.md and every @example of the declarations', (t) => {
  const count = (path) => samples.filter((s) => s.path === path).length;
  const examples = (path) => read(path).match(/^\s*\*\s*@example\s*$/gm)?.length ?? 0;
  assert.ok(count('README.md') >= 8, `README.md: ${count('README.md')} samples`);
  assert.equal(count('js/index.d.ts'), examples('js/index.d.ts'));
  assert.equal(count('js/gen/api.d.ts'), examples('js/gen/api.d.ts'));
  assert.ok(files.some((f) => f.cjs), 'a CommonJS sample');
  for (const s of samples) assert.ok(s.code.trim(), `${s.where} is empty`);
  const checks = files.reduce((n, f) => n + f.checks, 0);
  t.diagnostic(`${samples.length} samples (${files.filter((f) => f.cjs).length} CommonJS), ${checks} documented results checked`);
});

test('every sample type-checks under strict TypeScript (allowJs, checkJs, nodenext), against the built package', () => {
  const options = {
    allowJs: true,
    checkJs: true,
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
    skipLibCheck: true,
  };
  const program = ts.createProgram([join(dir, 'node-globals.d.ts'), ...files.map((f) => join(dir, f.name))], options);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const f = files.find((x) => join(dir, x.name) === d.file.fileName);
    if (!f) return `${d.file.fileName}:${line + 1}: ${text}`;
    const at = line + 1 - f.firstLine;
    const where = at >= 0 ? `${f.sample.path}:${f.sample.line + at}${f.sample.symbol ? ` (${f.sample.symbol})` : ''}` : `${f.sample.where} (harness line ${line + 1} of ${f.name})`;
    return `${where}: TS${d.code}: ${text}`;
  });
  assert.deepEqual(problems, []);
});

// The ES module samples run one after another in one `node` process (a process each would
// cost ~0.15 s apiece): the runner imports each, and an error it throws, or a rejection or
// exception left unhandled while it runs, is that sample's. CommonJS samples run as
// `node sample.cjs`, each in its own process (they cannot be awaited).
const RUNNER = `
import { writeFileSync } from 'node:fs';
const results = {};
let current;
const fail = (error) => results[current].push(String(error?.stack ?? error));
process.on('unhandledRejection', fail);
process.on('uncaughtException', fail);
for (const file of process.argv.slice(2)) {
  current = file;
  results[file] = [];
  try {
    await import('./' + file);
  } catch (error) {
    fail(error);
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
}
writeFileSync('results.json', JSON.stringify(results));
`;

/** Runs `node ...args` in the project: resolves to { status, stdout, stderr }. */
function node(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: dir, env: { PATH: process.env.PATH }, timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

// (A line of minified code in a stack trace is cut short.)
const short = (text) => text.split('\n').map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l)).join('\n');

test('every sample runs in node, in the module system it claims', async (t) => {
  writeFileSync(join(dir, 'runner.mjs'), RUNNER);
  const esm = files.filter((f) => !f.cjs);
  const [batch, ...alone] = await Promise.all([
    node(['runner.mjs', ...esm.map((f) => f.name)]),
    ...files.filter((f) => f.cjs).map((f) => node([f.name])),
  ]);
  let results = {};
  try {
    results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  } catch {
    // the runner did not finish: the samples without a result say so below
  }
  const cjs = new Map(files.filter((f) => f.cjs).map((f, i) => [f, alone[i]]));
  for (const f of files) {
    await t.test(`${f.sample.where} (${f.cjs ? 'CommonJS' : 'ES module'})`, () => {
      let problem;
      if (f.cjs) {
        const r = cjs.get(f);
        if (r.status !== 0) problem = `exit ${r.status ?? r.signal}\n${r.stderr}`;
      } else if (!results[f.name]) {
        problem = `it did not finish (a top-level await that never settles?)\n${batch.stderr}`;
      } else if (results[f.name].length) {
        problem = results[f.name].join('\n');
      }
      assert.equal(problem, undefined, `${f.sample.where} failed: ${short(problem ?? '')}\n--- the file (${f.name}) ---\n${f.text}`);
    });
  }
});
