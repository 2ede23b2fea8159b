#!/usr/bin/env bash
# First command of the README: install what is needed, build, and start Plenum on its
# embedded default (SQLite in ./data, mail to the local outbox) at http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec npm start
