#!/usr/bin/env bash
# The fast tier: every src/**/*.test.ts except those marked `// test tier: heavy` in their first
# line (they start Janus or sipp; src/testing/tiers.test.ts keeps the marks honest). No browser
# tests. Store tests run on SQLite only unless TEST_DIALECTS says otherwise (sqlite,postgres);
# `npm test` runs them on both. Options go to node, e.g. `npm run test:unit -- --test-reporter=spec`.
set -euo pipefail
cd "$(dirname "$0")/.."
export TEST_DIALECTS="${TEST_DIALECTS:-sqlite}"
# A quarter of the fuzzing inputs (src/fuzz.test.ts); `npm test` spends the whole budget.
export FUZZ_BUDGET="${FUZZ_BUDGET:-0.25}"
mapfile -t unit < <(find src -name '*.test.ts' -exec grep -L -m1 '^// test tier: heavy' {} + | sort)
# The files run in SHARDS processes (four at once: many tests wait on sockets and timers), each
# importing every SHARDS-th file, so tsx and the app load once per shard instead of once per file.
# That load costs ~2.7 s CPU (half of it node 20's off-thread module hooks) and was most of the
# tier: 168 s CPU with a process per file, 44-50 s in four shards. `npm test` still gives each
# file its own process; a test that fails only here leaks state into the next file.
shards="$(mktemp -d)"
trap 'rm -rf "$shards"' EXIT
SHARDS="${SHARDS:-4}"
for i in "${!unit[@]}"; do
  echo "import '$PWD/${unit[$i]}';" >>"$shards/unit-$((i % SHARDS + 1))-of-$SHARDS.test.mjs"
done
node --import tsx --test --test-force-exit --test-concurrency="$SHARDS" "$@" "$shards"/*.test.mjs
