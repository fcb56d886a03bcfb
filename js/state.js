// The token API over the codec; each entry point (index.js for browsers and bundlers,
// node.js for Node) calls `install` with the wasm instance's exports before anything else
// runs.
import { install as installBoundary } from './boundary.js';
import { createTokenApi } from './token.js';

export const state = { codec: undefined, tokens: undefined };

export function install(exports) {
  installBoundary(exports);
  state.tokens = createTokenApi({}, state.codec);
}
