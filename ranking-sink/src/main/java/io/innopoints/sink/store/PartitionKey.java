package io.innopoints.sink.store;

/** A topic partition, without depending on Kafka types. */
public record PartitionKey(String topic, int partition) implements Comparable<PartitionKey> {
    @Override
    public int compareTo(PartitionKey o) {
        int byTopic = topic.compareTo(o.topic);
        return byTopic != 0 ? byTopic : Integer.compare(partition, o.partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
