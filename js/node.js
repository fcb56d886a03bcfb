// Entry point for Node: reads the .wasm from disk (Node cannot fetch a file: URL).
import { readFileSync } from 'node:fs';
import * as glue from './goval_token.js';
import { install } from './state.js';
// Tokens sign and verify with node:crypto here; browsers and bundlers get WebCrypto.
import { useEd25519 } from './ed25519.js';
import { nodeEd25519 } from './ed25519-node.js';

install(glue, glue.initSync({ module: readFileSync(new URL('./goval_token_bg.wasm', import.meta.url)) }));
useEd25519(nodeEd25519);

export * from './api.js';
