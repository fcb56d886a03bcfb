#!/usr/bin/env bash
# Every test: native Rust, the wasm suite in Node and headless Chromium, TypeScript
# declarations, and the JS tests over the built package.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

node scripts/build.mjs
bash scripts/rust-tests.sh
npx tsc -p tests/types
node --test tests/js/ tests/browser/
