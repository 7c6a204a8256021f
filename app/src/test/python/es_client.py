"""The Python Elasticsearch client (Debian's python3-elasticsearch) against Sukedachi's facade
(ElasticsearchClientsTest): info() with the host given without and with a trailing slash, then a
gzip-compressed bulk of N documents through helpers.bulk.
Usage: /usr/bin/python3 es_client.py BASE_URL DEVICE_TOKEN N TAG  -- prints one JSON line."""
import json
import sys

from elasticsearch import Elasticsearch, helpers

base, token, n, tag = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]


def client(host):
    return Elasticsearch(host, api_key=("device", token), http_compress=True)


info = client(base).info()
info_slash = client(base + "/").info()
actions = [{
    "_op_type": "create", "_index": "logs-suricata",
    "_source": {"timestamp": "2026-11-22T01:00:00.000000+0000", "flow_id": 7000 + i, "event_type": "dns",
                "src_ip": "10.2.0.1", "src_port": 40000 + i, "dest_ip": "8.8.8.8", "dest_port": 53,
                "proto": "UDP", "dns": {"type": "query", "id": i, "rrname": "python-%s.example.jp" % tag,
                                        "rrtype": "A", "tx_id": 0}},
} for i in range(n)]
success, errors = helpers.bulk(client(base), actions, raise_on_error=False)
print(json.dumps({"info": info["version"]["number"], "infoSlash": info_slash["version"]["number"],
                  "created": success, "errors": len(errors) > 0}))
