#!/usr/bin/env bash
# Installs the interop test peers where they are missing (docs/interop.md): python3-libtorrent
# and aria2 through apt-get when we are root, bittorrent-dht and its dependencies from the committed lockfile
# (npm ci). Fast when both are there. Says on stderr what it could not install and exits 0 anyway:
# the interop tests then fail with one line naming what is missing.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${CHORDIA_INTEROP_PYTHON:-/usr/bin/python3}"

if ! "$python" -c 'import libtorrent' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q python3-libtorrent >&2 \
      || { apt-get update -q >&2 && apt-get install -y -q python3-libtorrent >&2; } \
      || echo "install-peers: apt-get install python3-libtorrent failed" >&2
  else
    echo "install-peers: python3-libtorrent missing and not root (or no apt-get): not installed" >&2
  fi
fi

if ! command -v aria2c >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q aria2 >&2 \
      || { apt-get update -q >&2 && apt-get install -y -q aria2 >&2; } \
      || echo "install-peers: apt-get install aria2 failed" >&2
  else
    echo "install-peers: aria2 missing and not root (or no apt-get): not installed" >&2
  fi
fi

lock="$here/node/package-lock.json"
installed="$here/node/node_modules/.package-lock.json"
if [ ! -f "$installed" ] || [ "$lock" -nt "$installed" ]; then
  if command -v npm >/dev/null; then
    (cd "$here/node" && npm ci --no-audit --no-fund >&2) || echo "install-peers: npm ci failed" >&2
  else
    echo "install-peers: npm missing: bittorrent-dht not installed" >&2
  fi
fi
exit 0
