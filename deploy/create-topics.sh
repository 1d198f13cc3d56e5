#!/bin/bash
# Creates the InnoPoints topic catalog (idempotent), run by the compose service `topic-init`.
# Record timestamps are event times (possibly years old): no time-based retention, or Kafka would delete them at once.
# The list must match io.innopoints.schemas.topic.Topic (DockerComposeTest checks it).
set -euo pipefail
kt=/opt/kafka/bin/kafka-topics.sh
for attempt in $(seq 1 60); do
  brokers=$(/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server "$BOOTSTRAP" 2>/dev/null | grep -c '^[^ ].*(id: ' || true)
  [ "$brokers" -ge "$BROKERS" ] && break
  echo "waiting for $BROKERS brokers ($brokers up)"; sleep 2
done
create() { # name cleanup-policy
  $kt --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$1" --partitions "$PARTITIONS" \
      --replication-factor "$REPLICATION" --config cleanup.policy="$2" --config retention.ms=-1
}
for t in enterprise-registrations patent-events tech-contract-events tax-filing-events credential-events \
         ranking-changes ingest-rejected scoring-stream-dlq credit-list-changes; do
  create "$t" delete
done
for t in enterprise-scores leaderboards model-shadow-diffs scoring-models period-releases; do
  create "$t" compact
done
$kt --bootstrap-server "$BOOTSTRAP" --list
