// The Node entry over pkg/'s per-folder modules. pkg/node.js is one bundled file, so a module
// imported from pkg/ (crypto/ed25519.js, codec/boundary.js, …) is not the one it runs: tests
// that set or read such a module's state (the Ed25519 implementation, the wasm memory) take
// the API from here, where it is the same module. The same four lines as js/node.js.
import { readFileSync } from 'node:fs';

import { initSync } from '../../../pkg/goval_token.js';
import { install } from '../../../pkg/codec/boundary.js';
import { useEd25519 } from '../../../pkg/crypto/ed25519.js';
import { nodeEd25519 } from '../../../pkg/crypto/ed25519-node.js';

install(initSync({ module: readFileSync(new URL('../../../pkg/goval_token_bg.wasm', import.meta.url)) }));
useEd25519(nodeEd25519);

export * from '../../../pkg/api.js';
