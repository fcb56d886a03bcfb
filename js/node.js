// Entry point for Node: reads the .wasm from disk (Node cannot fetch a file: URL).
import { readFileSync } from 'node:fs';
import * as glue from './goval_token.js';
import { install } from './state.js';

install(glue, glue.initSync({ module: readFileSync(new URL('./goval_token_bg.wasm', import.meta.url)) }));

export * from './api.js';
