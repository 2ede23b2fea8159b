#!/usr/bin/env bash
# Second command of the README: the whole test suite. Lint and type check, build, then the
# unit, store (SQLite and PostgreSQL), HTTP and browser tests in one run of node's test runner.
# Needs the PostgreSQL at 127.0.0.1:5432 (database test), or TEST_DATABASE_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
npm run lint
npm run typecheck
npm run build
mapfile -t files < <(find src e2e -name '*.test.ts' | sort)
exec node --import tsx --test --test-concurrency=2 "${files[@]}"
