// The codec API built over the initialised wasm module; each entry point (index.js for
// browsers and bundlers, node.js for Node) calls `install` before anything else runs.
// Tokens need no state: they are plain JS over the platform's Ed25519 (js/token.js).
import { createCodec } from './codec.js';
// Generated into pkg/ by the build (scripts/gen-codec.mjs) from the schema tables.
import generated from './codec.gen.js';

export const state = { codec: undefined };

/** `glue`: the wasm-bindgen module; `exports`: the instance exports its init returned. */
export function install(glue, exports) {
  state.codec = createCodec(glue, exports, generated);
}
