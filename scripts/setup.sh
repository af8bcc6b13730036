#!/usr/bin/env bash
# Installs what the tests and the local job need, once: Debian packages (mosquitto, socat, chromium) and
# npm packages into .tools/ (see scripts/tools/package.json). Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
need_apt=()
command -v mosquitto >/dev/null 2>&1 || [[ -x /usr/sbin/mosquitto ]] || need_apt+=(mosquitto)
command -v socat >/dev/null 2>&1 || need_apt+=(socat)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
# headless browser for the analysis report test (ReportBrowserIT)
command -v chromium >/dev/null 2>&1 || [[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
if (( ${#need_apt[@]} )); then
  echo "setup: apt-get install ${need_apt[*]}" >&2
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [[ -f "$root/scripts/tools/package.json" ]]; then
  mkdir -p "$root/.tools"
  if ! cmp -s "$root/scripts/tools/package.json" "$root/.tools/package.json"; then
    cp "$root/scripts/tools/package.json" "$root/.tools/package.json"
    echo "setup: npm install (.tools)" >&2
    (cd "$root/.tools" && npm install --no-audit --no-fund --loglevel=error >&2)
  fi
fi
# `cd cdk && npx cdk synth` finds the pinned CDK CLI through cdk/node_modules.
if [[ -d "$root/.tools/node_modules" ]] && [[ ! -e "$root/cdk/node_modules" ]]; then
  ln -s ../.tools/node_modules "$root/cdk/node_modules"
fi
