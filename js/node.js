// Entry point for Node: reads the .wasm from disk (Node cannot fetch a file: URL).
import { readFileSync } from 'node:fs';
import * as glue from './goval_token.js';
import { createCodec } from './codec.js';
import { state } from './state.js';

glue.initSync({ module: readFileSync(new URL('./goval_token_bg.wasm', import.meta.url)) });
state.codec = createCodec(glue);

export * from './api.js';
