// Entry point for Node: reads the .wasm from disk (Node cannot fetch a file: URL).
import { readFileSync } from 'node:fs';
import { install } from './boundary.js';

const bytes = readFileSync(new URL('./goval_token_bg.wasm', import.meta.url));
install(new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports);

export * from './api.js';
