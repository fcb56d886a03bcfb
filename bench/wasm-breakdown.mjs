// Where the wasm's bytes are: its sections, and its largest functions by name. The shipped
// .wasm has no names, so this reads the same build run through wasm-opt with the same
// optimisation but the name section kept (`npm run size` prints it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';


const root = fileURLToPath(new URL('..', import.meta.url));
const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'data count'];

/** Sections, and each function body's bytes with its name, of a wasm module. */
export function parseWasm(bytes) {
  let at = 8;
  const uleb = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const sections = [];
  const bodies = [];
  const names = new Map();
  let imported = 0;
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = uleb();
    const end = at + size;
    let name = SECTION_NAMES[id] ?? `section ${id}`;
    if (id === 0) {
      const length = uleb();
      name = `custom "${Buffer.from(bytes.subarray(at, at + length)).toString()}"`;
      if (name === 'custom "name"') {
        at += length;
        while (at < end) {
          const kind = bytes[at++];
          const subEnd = uleb() + at;
          if (kind === 1) {
            for (let n = uleb(); n > 0; n--) {
              const index = uleb();
              const len = uleb();
              names.set(index, Buffer.from(bytes.subarray(at, at + len)).toString());
              at += len;
            }
          }
          at = subEnd;
        }
      }
    } else if (id === 2) {
      for (let n = uleb(); n > 0; n--) {
        // `at += uleb()` would read `at` before uleb() moves it: take each length first.
        const moduleLength = uleb();
        at += moduleLength;
        const fieldLength = uleb();
        at += fieldLength;
        const kind = bytes[at++];
        if (kind === 0) {
          imported++;
          uleb();
        } else break; // tables, memories, globals: only functions count here
      }
    } else if (id === 10) {
      for (let n = uleb(), i = 0; i < n; i++) {
        const length = uleb();
        bodies.push({ index: imported + i, size: length });
        at += length;
      }
    }
    sections.push({ name, size });
    at = end;
  }
  for (const body of bodies) body.name = names.get(body.index) ?? `function ${body.index}`;
  return { sections, functions: bodies.sort((a, b) => b.size - a.size) };
}

/** The breakdown of the built wasm: sections of the shipped file, functions of a named twin. */
export function wasmBreakdown(shipped, unoptimized = `${root}target/wasm32-unknown-unknown/release/goval_token.wasm`) {
  const { sections } = parseWasm(readFileSync(shipped));
  let functions = [];
  if (existsSync(unoptimized)) {
    const dir = mkdtempSync(join(tmpdir(), 'goval-wasm-'));
    try {
      // What wasm-pack ships is cargo's wasm run through wasm-bindgen (which keeps the name
      // section) and then wasm-opt; the twin takes the same two steps, keeping names (-g).
      execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', dir, unoptimized], { env: { ...process.env, PATH: `${homedir()}/.cargo/bin:${process.env.PATH}` } });
      const named = join(dir, 'named.wasm');
      execFileSync(`${root}node_modules/.bin/wasm-opt`, [join(dir, 'goval_token_bg.wasm'), '-O3', '-g', '--strip-producers', '-o', named]);
      ({ functions } = parseWasm(readFileSync(named)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { sections, functions };
}

/** Readable lines: each section's bytes, then the largest functions (demangled roughly). */
export function breakdownLines({ sections, functions }, top = 12) {
  const total = sections.reduce((n, s) => n + s.size, 0);
  const lines = ['wasm by section (bytes, raw):'];
  for (const s of sections) lines.push(`  ${s.name.padEnd(28)} ${String(s.size).padStart(7)}  ${((100 * s.size) / total).toFixed(1).padStart(5)} %`);
  if (functions.length > 0) {
    const code = functions.reduce((n, f) => n + f.size, 0);
    lines.push(`wasm code by function (${functions.length} functions, ${code} bytes; the largest):`);
    for (const f of functions.slice(0, top)) {
      const name = f.name.replace(/::h[0-9a-f]{16}$/, '').replace(/^_ZN|17h[0-9a-f]{16}E$/g, '');
      lines.push(`  ${String(f.size).padStart(7)}  ${name.slice(0, 90)}`);
    }
  }
  return lines;
}




if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(breakdownLines(wasmBreakdown(`${root}pkg/goval_token_bg.wasm`), 25).join('\n'));
}
