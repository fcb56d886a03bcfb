// Entry point for browsers and bundlers: fetches the .wasm next to this file.
import init, * as glue from './goval_token.js';
import { install } from './state.js';

install(glue, await init());

export * from './api.js';
