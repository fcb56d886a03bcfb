// Entry point for browsers and bundlers: fetches the .wasm next to this file.
import init, * as glue from './goval_token.js';
import { install } from './state.js';

await init();
install(glue);

export * from './api.js';
