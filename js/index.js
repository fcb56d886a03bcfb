// Entry point for browsers and bundlers: fetches the .wasm next to this file.
import init, * as glue from './goval_token.js';
import { createCodec } from './codec.js';
import { state } from './state.js';

await init();
state.codec = createCodec(glue);

export * from './api.js';
