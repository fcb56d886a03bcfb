// In the page, "protobufjs/minimal.js" (imported by the pbjs static code) maps here: the
// UMD build of protobufjs/minimal, loaded by a classic script before the modules, as a
// browser user without a bundler loads it (with long.js first, as in Node, for int64).
export default globalThis.protobuf;
