#!/usr/bin/env bash
# The Rust test suites: tests/native.rs natively (cargo test), then through wasm-pack as
# wasm32 with wasm-bindgen-test: tests/node.rs in Node and tests/browser.rs in headless
# Chromium (each `wasm-pack test` runs its own kind of suite and skips the other). All three
# run the shared tests in tests/common/mod.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo test

# chromedriver and the Node harness litter TMPDIR; keep that under target/. The repo's
# package.json says "type": "module", which would make Node read the harness's CommonJS
# files as ES modules, so this directory gets its own package.json.
tmp="$PWD/target/wbt-tmp"
mkdir -p "$tmp"
echo '{"type":"commonjs"}' > "$tmp/package.json"

# `--mode no-install`: wasm-pack never downloads a tool; it uses the wasm-bindgen-test-runner
# of wasm-bindgen-cli on PATH, which must be Cargo.lock's version (scripts/setup.sh). Chromium's
# flags (no sandbox, no background networking) come from webdriver.json.
TMPDIR="$tmp" wasm-pack test --node --mode no-install
TMPDIR="$tmp" wasm-pack test --headless --chrome --chromedriver "${CHROMEDRIVER:-/usr/bin/chromedriver}" \
  --mode no-install
