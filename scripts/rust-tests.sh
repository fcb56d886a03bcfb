#!/usr/bin/env bash
# The Rust test suites: tests/native.rs natively, then tests/node.rs (Node) and
# tests/browser.rs (headless Chromium) as wasm32 through wasm-bindgen-test-runner
# (.cargo/config.toml). All three run the shared tests in tests/common/mod.rs.
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

CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" TMPDIR="$tmp" \
  cargo test --target wasm32-unknown-unknown --tests
