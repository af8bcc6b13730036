#!/usr/bin/env bash
# The load run of issue 6: ./amsgrid local with N meters at a speed for a duration, under
# /usr/bin/time -v, sampling the load average and the CPU time of the run's processes (the JVM,
# dynalite's node, mosquitto, socat) every 5 s. Not part of mvn verify.
#   scripts/load-run.sh METERS SPEED DURATION OUT_DIR [more ./amsgrid local options]
#   scripts/load-run.sh 1000 60 10h /dev/shm/load-1000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
meters=$1 speed=$2 duration=$3 out=$4; shift 4
mkdir -p "$out"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/monitor.txt"
/usr/bin/time -v -o "$out/time.txt" "$root/amsgrid" local --meters "$meters" --speed "$speed" --duration "$duration" \
  --data "$out/data" "$@" > "$out/run.out" 2> "$out/run.err" &
runner=$!
declare -A cpu name tcpu tname
loads=()
threads_max=0
while kill -0 "$runner" 2>/dev/null; do
  sleep 5
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  # the launcher (time's child) execs the JVM: same pid (a match by command line could be another run's JVM)
  java=$(pgrep -P "$runner" | head -1 || true)
  [[ -n "$java" && "$(cat /proc/$java/comm 2>/dev/null)" == java ]] || continue
  for pid in $java $(pgrep -P "$java" || true) $(for c in $(pgrep -P "$java" || true); do pgrep -P "$c" || true; done); do
    [[ -r /proc/$pid/stat ]] || continue
    read -r -a f < <(sed 's/^.*) //' /proc/$pid/stat) || continue
    cpu[$pid]=$(( f[11] + f[12] ))
    name[$pid]=$(cat /proc/$pid/comm 2>/dev/null || echo "?")
  done
  # the JVM's threads: CPU by thread name (digits dropped: "ForkJoinPool-1-worker-3" -> "ForkJoinPool-worker")
  n=0
  while read -r tid tn tc; do
    tcpu[$tid]=$tc; tname[$tid]=$tn; n=$((n + 1))
  done < <(cat /proc/$java/task/*/stat 2>/dev/null | awk '{
      o = index($0, "("); c = 0; for (i = length($0); i > 0; i--) if (substr($0, i, 1) == ")") { c = i; break }
      nm = substr($0, o + 1, c - o - 1); gsub(/[0-9]+/, "", nm); gsub(/-+/, "-", nm); sub(/-$/, "", nm); gsub(/ /, "_", nm)
      split(substr($0, c + 2), f, " "); print $1, nm, f[12] + f[13] }')
  (( n > threads_max )) && threads_max=$n
done
wait "$runner" || true
hz=$(getconf CLK_TCK)
{
  echo "load average samples (1 min, every 5 s): ${loads[*]:-none}"
  printf 'load average mean %s, max %s\n' \
    "$(printf '%s\n' "${loads[@]:-0}" | awk '{s+=$1} END {printf "%.1f", s/NR}')" \
    "$(printf '%s\n' "${loads[@]:-0}" | sort -g | tail -1)"
  echo "CPU seconds by process (last sample before it ended):"
  for pid in "${!cpu[@]}"; do echo "${name[$pid]} ${cpu[$pid]}"; done \
    | awk -v hz="$hz" '{s[$1]+=$2} END {for (n in s) printf "  %-16s %8.1f s\n", n, s[n]/hz}' | sort -k2 -rn
  echo "JVM threads: at most $threads_max; CPU seconds by thread name (names with 1 s or more):"
  for tid in "${!tcpu[@]}"; do echo "${tname[$tid]} ${tcpu[$tid]}"; done \
    | awk -v hz="$hz" '{s[$1]+=$2; c[$1]++} END {for (n in s) if (s[n]/hz >= 1) printf "  %-20s %8.1f s (%d threads)\n", n, s[n]/hz, c[n]}' \
    | sort -k2 -rn
} | tee -a "$out/monitor.txt"
grep -E "Elapsed|Maximum resident|Percent of CPU|User time|System time" "$out/time.txt" | tee -a "$out/monitor.txt"
grep -E "^(feed|clock lag|cloud|meters)[: ]" "$out/run.out" | tee -a "$out/monitor.txt"
