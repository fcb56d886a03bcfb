// Every function and class the package exports has JSDoc in the declarations editors read
// (pkg/index.d.ts and what it re-exports from gen/api.d.ts): a summary, a @param for each
// parameter, @returns, and @throws for functions that can throw. Read with the TypeScript
// compiler API, as an editor's hover would, against the runtime exports of the Node entry
// and of the browser entry (its export list, as esbuild reads it from the bundled file).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { buildSync } from 'esbuild';

import * as node from '../../pkg/node.js';

const ts = createRequire(import.meta.url)('typescript');
const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));

// Functions that throw nothing (documented as such by having no @throws).
const NEVER_THROWS = new Set(['timestampNow', 'formatToken', 'installDevtoolsFormatters']);

function declarations() {
  const program = ts.createProgram([`${pkg}index.d.ts`], { strict: true, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(`${pkg}index.d.ts`);
  const exports = new Map();
  for (let symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(source))) {
    const name = symbol.getName();
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    exports.set(name, { symbol, checker });
  }
  return exports;
}

/** What is missing from one export's JSDoc, as a list of words ([] when complete). */
function missing(name, { symbol, checker }, value) {
  const problems = [];
  const summary = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  if (summary.length < 20) problems.push('a summary');
  if (typeof value !== 'function' || /^class\b/.test(Function.prototype.toString.call(value)) || /^[A-Z]/.test(name)) return problems;
  for (const declaration of symbol.getDeclarations() ?? []) {
    if (!ts.isFunctionDeclaration(declaration)) continue;
    const tags = ts.getJSDocTags(declaration);
    const params = new Set(tags.filter(ts.isJSDocParameterTag).map((t) => t.name.getText()));
    for (const p of declaration.parameters) {
      if (!params.has(p.name.getText())) problems.push(`@param ${p.name.getText()}`);
    }
    const returns = declaration.type?.getText();
    if (returns !== 'void' && !tags.some((t) => ts.isJSDocReturnTag(t))) problems.push('@returns');
    const throws = tags.some((t) => t.tagName.text === 'throws');
    if (!throws && !NEVER_THROWS.has(name)) problems.push('@throws');
    if (throws && NEVER_THROWS.has(name)) problems.push('no @throws (it is listed as never throwing)');
  }
  return problems;
}

test('every exported function and class has JSDoc: summary, @param, @returns, @throws', () => {
  const declared = declarations();
  const gaps = [];
  for (const [name, value] of Object.entries(node)) {
    const entry = declared.get(name);
    if (entry === undefined) {
      gaps.push(`${name}: not declared`);
      continue;
    }
    const problems = missing(name, entry, value);
    if (problems.length > 0) gaps.push(`${name}: missing ${problems.join(', ')}`);
  }
  assert.deepStrictEqual(gaps, [], `exports without complete JSDoc:\n  ${gaps.join('\n  ')}`);
});

test('the browser entry exports what the Node entry does (so the check above covers both)', () => {
  // index.js fetches its .wasm at import, so its export list is read from the file: it is one
  // module bundled by esbuild (scripts/build.mjs), whose metafile names what it exports.
  const { metafile } = buildSync({
    entryPoints: [`${pkg}index.js`],
    format: 'esm',
    write: false,
    metafile: true,
    outdir: '/virtual',
    logLevel: 'silent',
  });
  const [output] = Object.values(metafile.outputs);
  assert.deepStrictEqual([...output.exports].sort(), Object.keys(node).sort());
});

test('the check notices a missing tag (it can fail)', () => {
  const program = ts.createProgram({
    rootNames: ['/virtual.d.ts'],
    options: { types: [], noLib: true },
    host: {
      ...ts.createCompilerHost({}),
      getSourceFile: (file) => (file === '/virtual.d.ts'
        ? ts.createSourceFile(file, '/** A summary that is long enough.\n * @param a the a */\nexport declare function f(a: number, b: number): number;\n', ts.ScriptTarget.ES2022, true)
        : undefined),
      fileExists: (file) => file === '/virtual.d.ts',
      readFile: () => undefined,
    },
  });
  const checker = program.getTypeChecker();
  const [symbol] = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile('/virtual.d.ts')));
  assert.deepStrictEqual(missing('f', { symbol, checker }, () => 0), ['@param b', '@returns', '@throws']);
});
