// The official Node.js Elasticsearch client against Sukedachi's facade (ElasticsearchClientsTest):
// info() with the host given without and with a trailing slash, then a bulk of N documents.
// Usage: node es-client.mjs BASE_URL DEVICE_TOKEN N TAG  — prints one JSON line.
import { Client } from '@elastic/elasticsearch';

const [base, token, n, tag] = process.argv.slice(2);
const apiKey = Buffer.from(`device:${token}`).toString('base64');
const client = (node) => new Client({ node, auth: { apiKey } });

const info = await client(base).info();
const infoSlash = await client(base + '/').info();
const operations = [];
for (let i = 0; i < Number(n); i++) {
  operations.push({ create: { _index: 'logs-suricata' } });
  operations.push({
    timestamp: '2026-11-22T01:00:00.000000+0000', flow_id: 5000 + i, event_type: 'dns', src_ip: '10.1.0.1',
    src_port: 40000 + i, dest_ip: '8.8.8.8', dest_port: 53, proto: 'UDP',
    dns: { type: 'query', id: i, rrname: `node-${tag}.example.jp`, rrtype: 'A', tx_id: 0 },
  });
}
const bulk = await client(base).bulk({ operations });
console.log(JSON.stringify({
  info: info.version.number, infoSlash: infoSlash.version.number, errors: bulk.errors,
  created: bulk.items.filter((item) => item.create && item.create.status === 201).length,
}));
