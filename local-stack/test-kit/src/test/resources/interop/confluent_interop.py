#!/usr/bin/python3
"""Confluent's own Python client (confluent_kafka.avro) against the InnoPoints embedded platform.

consume: reads N records from the given topics with AvroConsumer (schemas fetched from the registry by the id in
         each record) and prints them as JSON: dates as YYYY-MM-DD, timestamps as epoch millis, bytes as base64.
produce: writes the records given as JSON on stdin with AvroProducer under its own key/value schemas (registered
         by Confluent's CachedSchemaRegistryClient) and prints the produced offsets as JSON.

Run with Debian's /usr/bin/python3 (python3-confluent-kafka, python3-avro, python3-requests).
"""
import argparse
import base64
import datetime
import decimal
import json
import sys
import time

from confluent_kafka import KafkaError
from confluent_kafka.avro import AvroConsumer, AvroProducer
import avro.schema

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def to_json(value):
    """Plain JSON for what avro's DatumReader returns (logical types become datetime/date/Decimal)."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return (value - EPOCH) // datetime.timedelta(milliseconds=1)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def consume(args):
    consumer = AvroConsumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group,
        "schema.registry.url": args.registry,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "isolation.level": "read_committed",
    })
    consumer.subscribe(args.topics)
    records = []
    deadline = time.monotonic() + args.timeout
    try:
        while len(records) < args.count and time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    continue
                raise RuntimeError("consume error: %s" % msg.error())
            records.append({
                "topic": msg.topic(),
                "partition": msg.partition(),
                "offset": msg.offset(),
                "key": to_json(msg.key()),
                "value": to_json(msg.value()),
            })
    finally:
        consumer.close()
    json.dump({"records": records}, sys.stdout, ensure_ascii=False)
    return 0 if len(records) >= args.count else 3


def from_json(value, schema):
    """Python values AvroProducer's writer expects for a schema (dates and timestamps as date/datetime)."""
    if isinstance(schema, avro.schema.UnionSchema):
        if value is None:
            return None
        branch = next(s for s in schema.schemas if s.type != "null")
        return from_json(value, branch)
    logical = getattr(schema, "logical_type", None) or schema.get_prop("logicalType")
    if logical == "timestamp-millis":
        return EPOCH + datetime.timedelta(milliseconds=value)
    if logical == "date":
        return datetime.date.fromisoformat(value)
    if isinstance(schema, avro.schema.RecordSchema):
        return {f.name: from_json(value.get(f.name), f.type) for f in schema.fields}
    if isinstance(schema, avro.schema.ArraySchema):
        return [from_json(v, schema.items) for v in value]
    return value


def produce(args):
    with open(args.value_schema, encoding="utf-8") as f:
        value_schema = avro.schema.parse(f.read())
    key_schema = avro.schema.parse('"string"')
    producer = AvroProducer({
        "bootstrap.servers": args.bootstrap,
        "schema.registry.url": args.registry,
        "acks": "all",
    }, default_key_schema=key_schema, default_value_schema=value_schema)
    delivered = []
    errors = []

    def on_delivery(err, msg):
        if err is not None:
            errors.append(str(err))
        else:
            delivered.append({"topic": msg.topic(), "partition": msg.partition(), "offset": msg.offset()})

    for line in sys.stdin:
        if not line.strip():
            continue
        record = json.loads(line)
        producer.produce(topic=args.topic, key=record["key"], value=from_json(record["value"], value_schema),
                         callback=on_delivery)
    remaining = producer.flush(args.timeout)
    json.dump({"delivered": delivered, "errors": errors, "undelivered": remaining}, sys.stdout)
    return 0 if not errors and remaining == 0 else 4


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--timeout", type=float, default=30.0)
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("consume")
    c.add_argument("--group", required=True)
    c.add_argument("--count", type=int, required=True)
    c.add_argument("topics", nargs="+")
    p = sub.add_parser("produce")
    p.add_argument("--topic", required=True)
    p.add_argument("--value-schema", required=True, help="file with the writer's value schema (.avsc)")
    args = parser.parse_args()
    return consume(args) if args.command == "consume" else produce(args)


if __name__ == "__main__":
    sys.exit(main())
