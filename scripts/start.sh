#!/usr/bin/env bash
# First command of the README: install what is needed, build, and start Plenum on its
# embedded default (SQLite in ./data, mail to the local outbox) at http://127.0.0.1:8080.
#
# PLENUM_PROFILE=production also runs the TURN relay (coturn) beside Janus unless TURN_MODE says
# otherwise: browsers behind NAT or a firewall that lets only TCP 443 out then still get media.
# On a laptop it stays off (TURN_MODE=off): browser and Janus reach each other directly there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
case "${PLENUM_PROFILE:-laptop}" in
  production) export TURN_MODE="${TURN_MODE:-embedded}" ;;
  laptop) ;;
  *)
    echo "PLENUM_PROFILE must be laptop or production (got ${PLENUM_PROFILE})." >&2
    exit 1
    ;;
esac
exec npm start
