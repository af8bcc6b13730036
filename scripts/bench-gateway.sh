#!/usr/bin/env bash
# Gateway memory/CPU benchmark (docs/benchmarks.md, section "Gateway"):
#   scripts/bench-gateway.sh <minutes of capture> <speed> ["<java options>"]
# Builds a capture of real Kaifa frames at real meter cadence (List 1 every 2 s, List 2 every
# 10 s, List 3 hourly), starts mosquitto with mutual TLS (test-infra LocalBrokerMain), runs
# `./amsgrid gateway` on it exactly as a user or the systemd unit does (the launcher's own JVM
# options, or the given ones through AMSGRID_GATEWAY_JAVA_OPTS) and samples RSS and CPU% of the
# gateway JVM every 5 s from /proc. NMT=1 adds -XX:NativeMemoryTracking=summary and prints
# jcmd VM.native_memory and smaps_rollup at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes=${1:-10}; speed=${2:-1}
if [[ $# -ge 3 ]]; then export AMSGRID_GATEWAY_JAVA_OPTS="$3"; fi
source "$root/scripts/env.sh"
work=$(mktemp -d /tmp/amsgrid-bench.XXXXXX)
cd "$root"
mvn -B -q -o -DskipTests package -pl cli,test-infra -am >/dev/null
touch "$root/cli/target/classpath.txt"  # the launcher's build stamp: just built
python3 - "$minutes" "$work/capture.jsonl" "$root/../shared/vectors/han-vectors.jsonl" <<'PY'
import json, sys, datetime
minutes, out, vec = int(sys.argv[1]), sys.argv[2], sys.argv[3]
v = {d["id"]: d.get("hex") for d in (json.loads(l) for l in open(vec) if l.strip())}
l1, l2, l3 = v["no-kaifa-l1-amsr-gh180"], [v["no-kaifa-l2-3ph-amsr-gh180"], v["no-kaifa-l2-3ph-amsr-gh493"]], v["no-kaifa-l3-3ph-elwiz-2020"]
t0 = datetime.datetime(2026, 11, 25, 0, 0, tzinfo=datetime.timezone.utc)
with open(out, "w") as f:
    for s in range(0, minutes * 60, 2):
        t = t0 + datetime.timedelta(seconds=s)
        if s % 3600 == 10: hexs = l3
        elif s % 10 == 0: hexs = l2[(s // 10) % 2]
        else: hexs = l1
        f.write(json.dumps({"t": t.isoformat().replace("+00:00", "Z"), "hex": hexs}) + "\n")
PY
mvn -B -q -o -DskipTests package dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$work/cp.txt" -pl test-infra -am >/dev/null
cp="$root/test-infra/target/classes:$(cat "$work/cp.txt")"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" io.amsgrid.local.mqtt.LocalBrokerMain "$work/broker" gw-bench > "$work/broker.out" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null || true' EXIT
for _ in $(seq 100); do [[ -f "$work/broker/gw-bench.properties" ]] && break; sleep 0.2; done
{ cat "$work/broker/gw-bench.properties"; echo "source = capture"; echo "capture.file = $work/capture.jsonl";
  echo "dataDir = $work/data"; echo "status.intervalSeconds = 30"; } > "$work/gateway.properties"
start=$(date +%s.%N)
if [[ "${NMT:-0}" == 1 ]]; then export AMSGRID_GATEWAY_JAVA_OPTS="${AMSGRID_GATEWAY_JAVA_OPTS-$(sed -n 's/^ *gateway_opts="\(.*\)"$/\1/p' "$root/amsgrid")} -XX:NativeMemoryTracking=summary"; fi
"$root/amsgrid" gateway --config "$work/gateway.properties" --speed "$speed" > "$work/gateway.log" 2>&1 &
launcher=$!
pid=$launcher
period=${PERIOD:-5}; hz=$(getconf CLK_TCK); maxrss=0; samples=""; prev=""; prevt=""
sp=${speed%.*}; (( ${sp:-0} >= 1 )) || sp=1000
nmt_at=$(( minutes * 60 * 9 / 10 / sp )); began=$(date +%s)   # NMT/smaps at 90% of the replay
while kill -0 "$pid" 2>/dev/null; do
  if [[ -n "${nmt_at:-}" && $(( $(date +%s) - began )) -ge $nmt_at ]]; then
    [[ "${NMT:-0}" == 1 ]] && "$JAVA_HOME/bin/jcmd" "$pid" VM.native_memory summary > "$work/nmt.txt" 2>&1 || true
    cat /proc/$pid/smaps_rollup > "$work/smaps_rollup.txt" 2>/dev/null || true
    nmt_at=""
  fi
  if [[ -r /proc/$pid/stat ]]; then
    rss=$(awk '/^VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
    ticks=$(awk '{print $14 + $15}' /proc/$pid/stat 2>/dev/null || echo 0)
    now=$(date +%s.%N)
    if [[ -n "$prev" ]]; then
      cpu=$(echo "scale=1; 100 * ($ticks - $prev) / $hz / ($now - $prevt)" | bc)
      samples+="$rss $cpu"$'\n'
      (( rss > maxrss )) && maxrss=$rss
    fi
    prev=$ticks; prevt=$now
  fi
  sleep "$period"
done
end=$(date +%s.%N)
wait "$launcher" || true
echo "capture minutes: $minutes, speed: $speed, java options: ${AMSGRID_GATEWAY_JAVA_OPTS-the launcher default}, MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-launcher default}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg), date: $(date -u +%FT%TZ)"
echo "wall seconds: $(echo "$end - $start" | bc)"
echo "max RSS MB: $(echo "scale=1; $maxrss / 1024" | bc)"
echo "$samples" | awk 'NF {n++; r+=$1; c+=$2; if ($2>m) m=$2} END {if (n) printf "samples: %d, mean RSS MB: %.1f, mean CPU%%: %.1f, max CPU%% (one period): %.1f\n", n, r/n/1024, c/n, m}'
echo "RSS MB / CPU% samples (every $period s):"; echo "$samples" | awk 'NF {printf "  %.1f MB %s%%\n", $1/1024, $2}' | tail -n 200
grep -c 'status' "$work/gateway.log" >/dev/null && grep 'status' "$work/gateway.log" | tail -1
[[ -f "$work/nmt.txt" ]] && grep -E '^(Total|-)' "$work/nmt.txt" | grep -v 'committed=0KB' || true
[[ -f "$work/smaps_rollup.txt" ]] && grep -E '^(Rss|Private_Dirty|Shared_Clean|Private_Clean)' "$work/smaps_rollup.txt" || true
echo "logs in $work"
