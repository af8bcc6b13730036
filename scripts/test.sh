#!/usr/bin/env bash
# The test command: installs what the tests need, runs every unit and integration test, then a
# smoke run of the main job exactly as a new user starts it (./amsgrid local, through the launcher's
# own classpath), which must end with lost 0 and duplicates 0.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
source "$root/scripts/env.sh"
cd "$root"
mvn -B -ntp verify "$@"

echo "smoke: ./amsgrid local --meters 3 --duration 20m --speed 30"
data=$(mktemp -d /tmp/amsgrid-smoke.XXXXXX)
out="$data/out.txt"
./amsgrid local --meters 3 --duration 20m --speed 30 --data "$data" > "$out" 2> "$data/err.txt" || true
last=$(tail -n 1 "$out")
echo "smoke: $last"
if [[ ! "$last" =~ ^meters\ 3,\ frames\ [1-9][0-9]*,\ rejected\ 0,\ aggregates\ [1-9][0-9]*,\ hourly\ [0-9]+,\ stored\ [1-9][0-9]*,\ lost\ 0,\ duplicates\ 0$ ]] \
    || [[ -z "$(find "$data/csv" -name '*.csv' 2>/dev/null)" ]]; then
  echo "smoke: FAILED: ./amsgrid local did not end with lost 0 and duplicates 0, or wrote no CSV" >&2
  tail -n 30 "$out" "$data/err.txt" >&2
  exit 1
fi
rm -rf "$data"
echo "smoke: ./amsgrid local passed"
