#!/usr/bin/env bash
# The load run of issue 6: ./amsgrid local with N meters at a speed for a duration, under
# /usr/bin/time -v, sampling the load average and the CPU time of the run's processes (the JVM,
# dynalite's node, mosquitto, socat) every 5 s. Not part of mvn verify.
#   scripts/load-run.sh METERS SPEED DURATION OUT_DIR [more ./amsgrid local options]
#   scripts/load-run.sh 1000 60 10h /dev/shm/load-1000
# Every sample also goes to OUT/samples.txt (epoch s, load, stored so far, CPU ticks of java, node,
# mosquitto), from which the end lines give node's CPU per 1,000 messages stored while the ingest ran.
# LOAD_RUN_SAMPLE_SECONDS (default 5) sets the interval.
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
every=${LOAD_RUN_SAMPLE_SECONDS:-5}
threads_max=0
while kill -0 "$runner" 2>/dev/null; do
  sleep "$every"
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
  stored=$(grep -o 'stored [0-9]*' "$out/run.out" 2>/dev/null | tail -1 | cut -d' ' -f2 || true)
  declare -A ticks=([java]=0 [node]=0 [mosquitto]=0)
  for pid in "${!cpu[@]}"; do [[ -n "${ticks[${name[$pid]}]+x}" ]] && ticks[${name[$pid]}]=$(( ticks[${name[$pid]}] + cpu[$pid] )); done
  echo "$(date +%s) ${loads[-1]} ${stored:-0} ${ticks[java]} ${ticks[node]} ${ticks[mosquitto]}" >> "$out/samples.txt"
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
  # while the ingest ran: from the last sample before anything was stored to the first with the final count
  awk -v hz="$hz" '{ if ($3 == 0) { s0 = $0 } else if (!($3 in seen)) { seen[$3] = $0; last = $3 } }
    END { if (s0 == "" || last == "") exit; split(s0, a, " "); split(seen[last], b, " "); n = b[3] - a[3]
          if (n > 0) printf "while storing: %d messages in %d s, %.1f messages/s; CPU per 1,000 messages: java %.2f s, node %.2f s, mosquitto %.2f s; load average %s -> %s\n",
            n, b[1] - a[1], n / (b[1] - a[1]), (b[4] - a[4]) / hz * 1000 / n, (b[5] - a[5]) / hz * 1000 / n,
            (b[6] - a[6]) / hz * 1000 / n, a[2], b[2] }' "$out/samples.txt"
} | tee -a "$out/monitor.txt"
grep -E "Elapsed|Maximum resident|Percent of CPU|User time|System time" "$out/time.txt" | tee -a "$out/monitor.txt"
grep -E "^(feed|clock lag|cloud|meters)[: ]|^ingest route:" "$out/run.out" | tee -a "$out/monitor.txt"
