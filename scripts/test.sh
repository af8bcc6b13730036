#!/usr/bin/env bash
# The test command: installs what the tests need, then runs every unit and integration test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
source "$root/scripts/env.sh"
cd "$root"
exec mvn -B -ntp verify "$@"
