#!/usr/bin/env bash
# Runs one benchmark of this module (see bench/README.md); never part of the build's tests.
# Usage: bench/run.sh <ScoringThroughputBench|EndToEndLatencyBench> [options]   (--help lists the options)
# Builds with the reactor (no mvn install), then runs the JVM with an explicit heap: BENCH_XMX (default 2g).
# MVN_OFFLINE=1 builds offline (-o). Warnings of the broker and the app go to bench/target/<name>-<time>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  echo "usage: bench/run.sh <ScoringThroughputBench|EndToEndLatencyBench> [options]" >&2
  exit 2
fi
name=$1; shift
case "$name" in
  ScoringThroughputBench|EndToEndLatencyBench) main="io.innopoints.bench.scoring.$name" ;;
  *) echo "bench/run.sh: unknown benchmark '$name' (ScoringThroughputBench, EndToEndLatencyBench)" >&2; exit 2 ;;
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
