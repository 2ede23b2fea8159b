#!/usr/bin/env bash
# Second command of the README: the whole test suite. Lint and type check, build, then the
# unit, store (SQLite and PostgreSQL), HTTP and browser tests with node's test runner.
# Needs the PostgreSQL at 127.0.0.1:5432 (database test), or TEST_DATABASE_URL, and Redis at
# 127.0.0.1:6379, or TEST_REDIS_URL (cluster mode's tests).
set -euo pipefail
cd "$(dirname "$0")/.."
unset TEST_DIALECTS # the whole suite: every store test on SQLite and PostgreSQL
bash scripts/install.sh
npm run lint
npm run typecheck
npm run build
# Unit, store and HTTP tests two files at a time; browser tests one at a time, since each
# runs Chromium (and Janus) and two of them at once starve each other on a 2-core machine.
# --test-force-exit: a handle a failed test left open ends its file instead of hanging the run.
mapfile -t unit < <(find src -name '*.test.ts' ! -name '*.cluster.test.ts' | sort)
mapfile -t browser < <(find e2e -name '*.test.ts' | sort)
node --import tsx --test --test-force-exit --test-concurrency=2 "${unit[@]}"
# The three-machine deployment on loopback (3 app instances, nginx, 3 Janus nodes): alone, ~1.5 min.
npm run test:cluster
exec node --import tsx --test --test-force-exit --test-concurrency=1 "${browser[@]}"
