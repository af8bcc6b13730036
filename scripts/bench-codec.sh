#!/usr/bin/env bash
# Runs the codec JMH benchmarks (firmware-bridge/src/test/java/io/amsgrid/codec/bench).
# Extra arguments go to JMH, e.g.:  scripts/bench-codec.sh -prof gc   or   scripts/bench-codec.sh 'CodecBenchmark.crc.*'
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
mvn -B -q -o test-compile dependency:build-classpath -pl firmware-bridge \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
cp="firmware-bridge/target/test-classes:firmware-bridge/target/classes:$(cat firmware-bridge/target/bench.cp)"
if [[ $# -eq 0 ]] || [[ "$1" == -* ]]; then set -- CodecBenchmark "$@"; fi
exec java -cp "$cp" org.openjdk.jmh.Main "$@"
