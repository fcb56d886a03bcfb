// Entry point for Node: reads the .wasm from disk (Node cannot fetch a file: URL) and
// instantiates it through wasm-bindgen's glue (goval_token.js, written by wasm-pack).
import { readFileSync } from 'node:fs';
import { initSync } from './goval_token.js';
import { install } from './codec/boundary.js';
import { useEd25519 } from './crypto/ed25519.js';
import { nodeEd25519 } from './crypto/ed25519-node.js';

install(initSync({ module: readFileSync(new URL('./goval_token_bg.wasm', import.meta.url)) }));
// Tokens sign and verify with node:crypto here; browsers and bundlers get WebCrypto.
useEd25519(nodeEd25519);

export * from './api.js';
