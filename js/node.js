// Entry point for Node: reads the .wasm from disk (Node cannot fetch a file: URL).
import { readFileSync } from 'node:fs';
import { install } from './codec/boundary.js';
import { useEd25519 } from './crypto/ed25519.js';
import { nodeEd25519 } from './crypto/ed25519-node.js';

const bytes = readFileSync(new URL('./goval_token_bg.wasm', import.meta.url));
install(new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports);
// Tokens sign and verify with node:crypto here; browsers and bundlers get WebCrypto.
useEd25519(nodeEd25519);

export * from './api.js';
