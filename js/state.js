// The codec and token API built over the initialised wasm module; each entry point
// (index.js for browsers and bundlers, node.js for Node) calls `install` before anything
// else runs.
import { createCodec } from './codec.js';
// Generated into pkg/ by the build (scripts/gen-codec.mjs) from the schema tables.
import generated from './codec.gen.js';
import { createTokenApi } from './token.js';

export const state = { codec: undefined, tokens: undefined };

/** `glue`: the wasm-bindgen module; `exports`: the instance exports its init returned. */
export function install(glue, exports) {
  state.codec = createCodec(glue, exports, generated);
  state.tokens = createTokenApi(glue, state.codec);
}
