#!/usr/bin/env bash
# Installs what Plenum needs on Debian with Node 20: system packages (as root through apt-get,
# otherwise a message naming them) and the npm packages. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# janus + janus-tools: media plane and recording post-processing; ffmpeg: recordings;
# coturn: the TURN relay (TURN_MODE=embedded); nftables + iproute2: the connectivity tests' networks;
# chromium: browser tests; sip-tester (sipp): telephony tests; espeak-ng: speech for the active-speaker test;
# nginx: the balancer of cluster mode (and its failover test); redis-server: cluster mode's Redis (the tests
# use the one at 127.0.0.1:6379, and the media failover test starts and kills one of its own).
packages=(janus janus-tools ffmpeg coturn nftables iproute2 chromium sip-tester espeak-ng nginx redis-server)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  else
    echo "Plenum needs these Debian packages; install them as root, then run this again:" >&2
    echo "  apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "Plenum needs Node.js 20 or newer (found $(node --version))." >&2
  exit 1
fi

# npm ci only when the installed tree is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
