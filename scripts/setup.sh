#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping what is already there.
# Safe to run again; on a fresh machine it takes about 7 minutes (three cargo installs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

CARGO_FUZZ_VERSION=0.13.2
# wasm-pack builds the wasm and its glue (scripts/build.mjs) and runs the wasm test suites
# (scripts/rust-tests.sh), always with `--mode no-install`: it never downloads a tool.
WASM_PACK_VERSION=0.15.1
# wasm-bindgen-cli (wasm-pack runs its `wasm-bindgen` for the glue and its test runner for the
# shared Rust suite in Node and Chromium) must match the version pinned with `=` in
# Cargo.toml exactly.
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # --locked fails for this version: a locked dependency is missing from the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  cargo install --locked wasm-pack --version "$WASM_PACK_VERSION"
fi
# cargo-fuzz for the fuzz smoke run (scripts/fuzz.sh); it works on stable with --sanitizer none.
if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends chromium chromium-driver
fi
# npm ci empties node_modules (through a symlink too, as in a git worktree that shares
# another checkout's node_modules), so it runs only when what is installed differs from
# package-lock.json: compared by content, not by modification time (a fresh checkout's
# lockfile is always newer than its node_modules).
installed_matches_lock() {
  node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages;
    const have = JSON.parse(fs.readFileSync("node_modules/.package-lock.json", "utf8")).packages;
    for (const [path, entry] of Object.entries(lock)) {
      if (path === "" || (entry.optional && !have[path])) continue; // binaries for other platforms
      if (have[path]?.version !== entry.version) process.exit(1);
    }' 2>/dev/null
}
if [ ! -f node_modules/.package-lock.json ] || ! installed_matches_lock; then
  npm ci --no-audit --no-fund
fi
