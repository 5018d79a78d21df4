#!/usr/bin/env bash
# Installs what sinmun needs: the Debian packages of deps/debian.txt that are not installed
# yet (a fresh machine has stale or empty package lists, so `apt-get update` runs first), then
# the npm packages pinned in package-lock.json.
# A line "command:CMD PKG..." installs PKG... only when CMD is not on PATH.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
missing=()
while read -r first rest; do
  if [[ "$first" == command:* ]]; then
    command -v "${first#command:}" >/dev/null 2>&1 || missing+=($rest)
    continue
  fi
  status=$(dpkg-query -W -f='${Status}' "$first" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$first")
done < <(sed -e 's/#.*//' "$here/debian.txt" | grep -v '^[[:space:]]*$')

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages: reinstalled only when the lock file is newer than what was installed.
stamp="$root/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ]; then
  echo "Installing npm packages (package-lock.json)"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
fi
