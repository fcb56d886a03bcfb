// The codec and token API built over the initialised wasm module; each entry point
// (index.js for browsers and bundlers, node.js for Node) calls `install` before anything
// else runs.
import { createCodec } from './codec.js';
import { createTokenApi } from './token.js';

export const state = { codec: undefined, tokens: undefined };

export function install(glue) {
  state.codec = createCodec(glue);
  state.tokens = createTokenApi(glue, state.codec);
}
