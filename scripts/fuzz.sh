#!/usr/bin/env bash
# Fuzzes the native core with cargo-fuzz (libFuzzer): the ReplToken/footer decoder
# (decode_repl_token). Tokens are parsed in JS (js/token.js), not in the core.
#
#   bash scripts/fuzz.sh [seconds per target, default 30] [target…]
#   npm run fuzz -- 600            # ten minutes per target
#
# Optimised, with debug assertions and overflow checks (-O -a). Stable Rust: `--sanitizer none`
# (the core is safe Rust; AddressSanitizer needs -Zsanitizer, so nightly).
# FUZZ_SANITIZER=address runs under ASan instead, through RUSTC_BOOTSTRAP=1.
# Each target starts from its committed seeds (fuzz/corpus/<target>, made by
# scripts/fuzz-corpus.mjs) and grows a working corpus in fuzz/target/corpus/<target>; a
# crash is saved under fuzz/artifacts/<target>/ and fails the script
# (replay: cargo fuzz run --sanitizer none -O -a <target> <file>).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

seconds="${1:-30}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decode_repl_token)
sanitizer="${FUZZ_SANITIZER:-none}"
if [ "$sanitizer" != none ]; then export RUSTC_BOOTSTRAP=1; fi

cargo fuzz build --sanitizer "$sanitizer" -O -a
for target in "${targets[@]}"; do
  work="fuzz/target/corpus/$target"
  mkdir -p "$work" "fuzz/artifacts/$target"
  echo "fuzz: $target for ${seconds}s"
  log="fuzz/target/$target.log"
  # New inputs go to the first directory (the working corpus), never to the seeds.
  if ! cargo fuzz run --sanitizer "$sanitizer" -O -a "$target" "$work" "fuzz/corpus/$target" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: $target FAILED (log: $log, inputs: fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  # The log holds raw input bytes (libFuzzer's dictionary entries): read it with grep -a.
  execs=$(grep -a '^stat::number_of_executed_units:' "$log" | tail -n 1 | tr -dc 0-9)
  coverage=$(grep -a -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1)
  echo "fuzz: $target ok: $execs executions in ${seconds}s, 0 crashes ($coverage)"
done
