#!/usr/bin/env bash
# Every test: native Rust, the wasm suite in Node and headless Chromium, TypeScript
# declarations, the JS tests over the built package, and smoke tests of its packed tarball
# installed into fresh projects (Node ESM and CJS, Vite and esbuild in Chromium, tsc, lint).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

node scripts/build.mjs
bash scripts/rust-tests.sh
npx tsc -p tests/types
node --test tests/js/ tests/browser/ tests/package/
# libFuzzer smoke run of the native core, 30 s per target (long runs: npm run fuzz -- <seconds>).
bash scripts/fuzz.sh 30
