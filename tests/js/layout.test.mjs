// The shape of js/ (ARCHITECTURE.md): imports run one way, lib ← codec, crypto ← token ←
// chain ← report ← api ← entries ← cli, with no cycle, and no module exports what nothing
// imports (the package's own modules, its tests, benchmarks and scripts count; the public
// API is what api.js gathers).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url).pathname;

function listFiles(dir, keep) {
  const out = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...listFiles(path, keep));
    } else if (keep(entry.name)) out.push(path);
  }
  return out;
}

const modules = listFiles('js', (name) => name.endsWith('.js'));
const text = new Map(modules.map((file) => [file, readFileSync(join(root, file), 'utf8')]));

/** The relative imports and re-exports of a file: [target file, names or '*']. */
function importsOf(file, source) {
  const out = [];
  const pattern = /(?:^|\n)\s*(?:import|export)\s*(\{[^}]*\}|\*(?:\s+as\s+(\w+))?|\w+)?\s*(?:from\s*)?'([^']+)'|import\s*\(\s*'([^']+)'\s*\)/g;
  for (const m of source.matchAll(pattern)) {
    const spec = m[3] ?? m[4];
    if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
    let target = spec.startsWith('/') ? spec.slice(1) : normalize(join(dirname(file), spec));
    target = target.replace(/^pkg\//, 'js/');
    const names = m[1]?.startsWith('{')
      ? m[1].slice(1, -1).split(',').map((n) => n.trim().split(/\s+as\s+/)[0]).filter(Boolean)
      : m[2] // a namespace: the names read from it
        ? [...source.matchAll(new RegExp(`\\b${m[2]}\\.(\\w+)`, 'g'))].map((u) => u[1])
        : ['*'];
    out.push([target, names]);
  }
  return out;
}

const RANK = { 'errors.js': 0, lib: 1, codec: 2, gen: 2, 'goval_token.js': 2, crypto: 2, token: 3, chain: 4, report: 5, 'api.js': 6, 'index.js': 7, 'node.js': 7, cli: 8 };
const layerOf = (file) => file.split('/')[1];

test('imports run one way between the layers of js/', () => {
  for (const [file, source] of text) {
    const from = layerOf(file);
    for (const [target] of importsOf(file, source)) {
      if (!target.startsWith('js/') || target.endsWith('.wasm')) continue;
      const to = layerOf(target);
      assert.ok(RANK[from] !== undefined && RANK[to] !== undefined, `${file} → ${target}: a layer ARCHITECTURE.md does not name`);
      assert.ok(RANK[to] <= RANK[from], `${file} (${from}) imports ${target} (${to}), a higher layer`);
      // Within a rank, only a folder's own files, and codec with its generated half.
      if (RANK[to] === RANK[from] && to !== from) {
        assert.ok(to === 'goval_token.js' || (['codec', 'gen'].includes(to) && ['codec', 'gen'].includes(from)), `${file} imports ${target}, a sibling layer`);
      }
      if (to === 'api.js') assert.ok(RANK[from] === RANK['index.js'], `${file} imports the facade; import the module that has it`);
    }
  }
});

test('no import cycle among the modules of js/', () => {
  const graph = new Map([...text].map(([file, source]) => [file, importsOf(file, source).map(([t]) => t).filter((t) => text.has(t))]));
  const state = new Map();
  const stack = [];
  const visit = (file) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file)) {
      if (state.get(next) === 'open') assert.fail(`import cycle: ${[...stack.slice(stack.indexOf(next)), next].join(' → ')}`);
      if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
});

test('every export of a hand-written module is imported somewhere', () => {
  const importers = [
    ...modules,
    ...listFiles('tests', (n) => /\.(m?js)$/.test(n)),
    ...listFiles('bench', (n) => /\.(m?js)$/.test(n)),
    ...listFiles('scripts', (n) => /\.(m?js)$/.test(n)),
    ...listFiles('www', (n) => n.endsWith('.js')),
  ];
  const used = new Set();
  for (const file of importers) {
    for (const [target, names] of importsOf(file, text.get(file) ?? readFileSync(join(root, file), 'utf8'))) {
      for (const name of names) used.add(`${target}:${name}`);
    }
  }
  const unused = [];
  for (const [file, source] of text) {
    if (file.startsWith('js/gen/')) continue; // generated: the public per-message API
    for (const m of source.matchAll(/\nexport (?:async )?(?:function\*?|const|let|class) (\w+)/g)) {
      if (!used.has(`${file}:${m[1]}`) && !used.has(`${file}:*`)) unused.push(`${file}: ${m[1]}`);
    }
  }
  assert.deepEqual(unused, []);
});

test('the layers named here are the folders of js/', () => {
  const folders = new Set(modules.map(layerOf));
  for (const folder of folders) assert.ok(RANK[folder] !== undefined, `js/${folder} has no rank here`);
});
