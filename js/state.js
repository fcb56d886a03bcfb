// The codec built over the initialised wasm module; each entry point (index.js for
// browsers and bundlers, node.js for Node) sets it before anything else runs.
export const state = { codec: undefined };
