#!/usr/bin/env bash
# Lambdas ingest benchmark against dynalite + s3proxy (docs/benchmarks.md, section "Lambdas").
# Usage: scripts/bench-lambdas.sh [messages]   (default 4000; needs scripts/setup.sh for dynalite)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"
cp_file="$(mktemp)"
mvn -B -q -o test-compile dependency:build-classpath -pl lambdas -am \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
cd lambdas
AWS_EMF_ENVIRONMENT=Local POWERTOOLS_METRICS_DISABLED=true \
  java -cp "target/test-classes:target/classes:$(cat "$cp_file")" io.amsgrid.lambdas.bench.IngestBenchmark "${1:-4000}"
rm -f "$cp_file"
