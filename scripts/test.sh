#!/usr/bin/env bash
# Every test: the generated files' freshness, native Rust, the wasm suite in Node and
# headless Chromium, TypeScript declarations, the JS tests over the built package, smoke
# tests of its packed tarball installed into fresh projects (Node ESM and CJS, Vite and
# esbuild in Chromium, tsc, lint), a quick benchmark and size run, and a fuzz smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

node scripts/build.mjs
# Generated files (js/gen, the golden descriptors and vectors) must be committed up to date.
bash scripts/check-generated.sh
bash scripts/rust-tests.sh
npx tsc -p tests/types
node --test tests/js/ tests/browser/ tests/package/
# A quick benchmark and size run (Node, Chromium, sizes), as a smoke test: it must run, and
# prints the targets; numbers from CI are not the measurement (npm run bench is).
node bench/run.mjs --quick --no-build
# libFuzzer smoke run of the native core, 30 s per target (long runs: npm run fuzz -- <seconds>).
bash scripts/fuzz.sh 30
