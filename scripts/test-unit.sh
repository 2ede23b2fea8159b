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
# Four files at once on two cores: many tests wait on sockets and timers (66 s against 104 s with two).
exec node --import tsx --test --test-force-exit --test-concurrency=4 "$@" "${unit[@]}"
