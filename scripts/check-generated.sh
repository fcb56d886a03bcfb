#!/usr/bin/env bash
# Fails when anything generated and committed is out of date: js/gen/ (written by cargo's
# build script, build/, from proto/ and build/tables.rs) and the golden data (npm run golden:
# the oracle's descriptors in tests/oracle/gen and tests/golden/vectors.json). Regenerates
# them in place, so after a failure `git diff` shows what to commit.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --lib --quiet
npm run --silent golden >/dev/null
generated=(js/gen tests/oracle/gen tests/golden/vectors.json)
if ! git diff --quiet -- "${generated[@]}" || [ -n "$(git ls-files --others --exclude-standard -- "${generated[@]}")" ]; then
  git status --short -- "${generated[@]}"
  echo "check-generated: generated files are out of date; commit the regenerated ones above" >&2
  exit 1
fi
echo "check-generated: js/gen, tests/oracle/gen and tests/golden/vectors.json are up to date"
