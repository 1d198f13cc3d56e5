#!/usr/bin/env bash
# Runs one benchmark of this module (see bench/README.md); never part of the build's tests.
# Usage: bench/run.sh <ScoringThroughputBench|EndToEndLatencyBench|ScaleOutBench|OutputEncodingBench> [options]   (--help lists the options)
#        bench/run.sh national [--set key=value]...   both at 500,000 enterprises (tens of minutes)
# Builds with the reactor (no mvn install), then runs the JVM with an explicit heap: BENCH_XMX (default 2g).
# MVN_OFFLINE=1 builds offline (-o). Warnings of the broker and the app go to bench/target/<name>-<time>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  echo "usage: bench/run.sh <ScoringThroughputBench|EndToEndLatencyBench> [options]" >&2
  exit 2
fi
name=$1; shift
if [ "$name" = national ]; then
  # the national-scale figures (issue 11): 500,000 enterprises (~14 M events), catch-up then live latency; tens of
  # minutes. JSON goes to bench/results/ with the date. Needs several GiB of heap for the in-JVM broker and generator.
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  export BENCH_XMX=${BENCH_XMX:-8g}
  # the app (and the baseline) alone in their own JVMs: the app's heap, RSS and a real kill -9 are measured
  "$0" ScoringThroughputBench --enterprises 500000 --no-generation-pass --timeout-minutes 180 \
    --app-jvm --app-xmx "${BENCH_APP_XMX:-2g}" --json "bench/results/national-throughput-$stamp.json" "$@"
  exec "$0" EndToEndLatencyBench --enterprises 500000 --rate 2000 --seconds 60 --timeout-minutes 180 \
    --json "bench/results/national-latency-$stamp.json" "$@"
fi
case "$name" in
  ScoringThroughputBench|EndToEndLatencyBench|ScaleOutBench|OutputEncodingBench) main="io.innopoints.bench.scoring.$name" ;;
  *) echo "bench/run.sh: unknown benchmark '$name' (ScoringThroughputBench, EndToEndLatencyBench, ScaleOutBench, OutputEncodingBench)" >&2; exit 2 ;;
esac
./mvnw -B -q ${MVN_OFFLINE:+-o} -pl bench -am compile dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt
CP="bench/target/classes:$(cat bench/target/runtime-classpath.txt)"
log="bench/target/$name-$(date -u +%Y%m%dT%H%M%SZ).log"
echo "bench/run.sh: platform and app warnings go to $log" >&2
# the commit measured (with -dirty when the work tree differs from it) goes into every report
commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . 2>/dev/null || echo -dirty)"
# BENCH_JAVA_OPTS: extra JVM flags, e.g. -XX:StartFlightRecording=filename=bench/target/run.jfr,settings=profile
exec java "-Xmx${BENCH_XMX:-2g}" ${BENCH_JAVA_OPTS:-} "-Dbench.commit=$commit" -Dlogback.configurationFile=bench-logback.xml "-Dbench.log=$log" \
  -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.innopoints,java.lang,java.util,java.math,java.time \
  -cp "$CP" "$main" "$@"
