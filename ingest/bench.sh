#!/usr/bin/env bash
# Bounded loopback load test of the ingest REST API (see ingest/README.md, "Load test").
# Usage: ingest/bench.sh [--seconds 20] [--providers 8] [--overload-threads 8] [--ack-delay-ms 2]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl ingest -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
CP="ingest/target/test-classes:ingest/target/classes:$(cat ingest/target/test-classpath.txt)"
exec java -Xmx512m -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.innopoints,java.lang,java.util,java.math,java.time \
  -cp "$CP" io.innopoints.ingest.bench.LoopbackLoad "$@"
