#!/usr/bin/env bash
# Installs the system libraries Khabar links (libxml2, zlib, liblzma, SQLite) when they are missing.
# Debian/Ubuntu; needs root or sudo. Safe to run again: it does nothing when all are present.
set -euo pipefail
missing=()
for pkg in libxml2-dev zlib1g-dev liblzma-dev libsqlite3-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "setup: the Swift toolchain (6.0 or later) is needed: https://swift.org/install" >&2; exit 1; }
