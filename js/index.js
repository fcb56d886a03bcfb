// Entry point for browsers and bundlers: wasm-bindgen's glue (goval_token.js, written by
// wasm-pack) fetches the .wasm next to this file and instantiates it (streaming, or from the
// bytes, with a warning, when the server does not send `application/wasm`).
import init from './goval_token.js';
import { install } from './codec/boundary.js';

install(await init({ module_or_path: new URL('goval_token_bg.wasm', import.meta.url) }));

export * from './api.js';
