// Regenerates the FileDescriptorSets that tests/oracle/oracle.mjs feeds to
// @bufbuild/protobuf (v2) at runtime. Compiled by the real `buf` compiler,
// which the @bufbuild/buf npm package ships (no protoc, no network needed):
//
//   node tests/oracle/generate.mjs
//
// Outputs (committed, so the oracle needs only `npm ci`):
//   tests/oracle/gen/repl_token.fds.json      <- proto/api/repl_token.proto (+ timestamp.proto)
//   tests/oracle/gen/repl_token_ext.fds.json  <- tests/oracle/proto-ext (extended schema)
//
// protobuf-es v2 generated code is itself nothing but an embedded
// FileDescriptorProto + createFileRegistry, so building the registry from a
// buf-compiled descriptor is equivalent to `protoc-gen-es` output.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const require = createRequire(import.meta.url);
const bufBin = join(dirname(require.resolve("@bufbuild/buf/package.json")), "bin", "buf");

export function buildDescriptorSets({ write = true } = {}) {
  const out = {};
  for (const [name, input] of [
    ["repl_token", join(repo, "proto")],
    ["repl_token_ext", join(here, "proto-ext")],
  ]) {
    const json = execFileSync(
      process.execPath,
      [bufBin, "build", input, "--exclude-source-info", "--as-file-descriptor-set", "-o", "-#format=json"],
      { encoding: "utf8", maxBuffer: 64 << 20 },
    );
    const pretty = JSON.stringify(JSON.parse(json), null, 1) + "\n";
    out[name] = pretty;
    if (write) {
      mkdirSync(join(here, "gen"), { recursive: true });
      writeFileSync(join(here, "gen", `${name}.fds.json`), pretty);
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sets = buildDescriptorSets();
  for (const name of Object.keys(sets)) console.log(`wrote tests/oracle/gen/${name}.fds.json`);
}
