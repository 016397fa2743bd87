#!/usr/bin/env bash
# Installs the Debian packages the tests need (Chromium for UI tests, Postgres 15 + PostGIS 3
# for the sync-server tests, strace for the durability test). Idempotent: a quick no-op when everything is already installed.
set -euo pipefail

packages=(chromium postgresql-15 postgresql-15-postgis-3 strace)
missing=()
for pkg in "${packages[@]}"; do
  # dpkg -s exits 0 even for removed-but-configured packages, so check the status field itself.
  if [ "$(dpkg -s "$pkg" 2>/dev/null | sed -n 's/^Status: //p')" != "install ok installed" ]; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-os-packages: all present (${packages[*]})"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-os-packages: missing Debian packages: ${missing[*]}" >&2
  echo "install-os-packages: run as root, or: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "install-os-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
