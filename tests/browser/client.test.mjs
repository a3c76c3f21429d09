// A real client (issue 21 item 5): the types of a dealer's system are
// generated from the committed OpenAPI document by openapi-typescript, the
// system (client/dealer_system.ts, openapi-fetch) is type-checked and
// compiled by TypeScript, then run against the server: it gets a token with
// client credentials, pulls its dealer's requests, looks one up by number
// (then 304 with its ETag), follows the change feed to a new request of its
// dealer, and verifies that request's webhook delivery with the secret.
// A change to the API that breaks such a client fails here.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { api, tokenOf, baseUrl, startReceiver } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const clientDir = join(here, 'client');
const run = Date.now().toString(36);

let receiver;
before(async () => {
  receiver = await startReceiver();
});
after(() => receiver?.close());

/** Runs a package's command line from node_modules. */
function npmBin(script, args) {
  execFileSync(process.execPath, [join(here, 'node_modules', ...script.split('/')), ...args], {
    cwd: clientDir,
    stdio: 'pipe',
  });
}

test('a client generated from the OpenAPI document pulls, follows the feed and verifies a webhook', async () => {
  // 1. Generate the types from the committed document, type-check and compile.
  npmBin('openapi-typescript/bin/cli.js', [join(here, '..', '..', 'openapi', 'openapi.json'), '-o', 'schema.d.ts']);
  try {
    npmBin('typescript/bin/tsc', ['-p', 'tsconfig.json']);
  } catch (e) {
    throw new Error(`the client no longer type-checks against the API:\n${e.stdout}`);
  }
  const client = await import(pathToFileURL(join(clientDir, 'out', 'dealer_system.js')).href);

  // 2. The administrator registers a dealer client and a webhook for the
  //    dealer of the demo's dealer user.
  const admin = await tokenOf('admin');
  const dealerToken = await tokenOf('dealer');
  const me = await api('GET', '/me', { token: dealerToken });
  const dealerId = me.body.dealer_id;
  assert.ok(dealerId, 'the demo dealer user has a dealer');
  const registered = await api('POST', '/api-clients', {
    token: admin,
    body: { name: `生成客户端 ${run}`, role: 'dealer', dealer_id: dealerId, scopes: ['requests_read', 'events_read'] },
  });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  const hook = await api('POST', '/webhooks', {
    token: admin,
    body: { url: receiver.url(), dealer_id: dealerId, events: ['service_request'] },
  });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));

  // 3. The client's own token, by client credentials.
  const token = await client.clientToken(baseUrl, registered.body.client.id, registered.body.client_secret);
  const system = new client.DealerSystem(baseUrl, token);

  // 4. Its dealer's requests of the last two years, in the public vocabulary.
  const since = new Date(Date.now() - 730 * 86400 * 1000).toISOString();
  const statuses = await system.changedSince(since);
  assert.ok(statuses.length > 0, 'the demo dealer has requests');
  const vocabulary = ['received', 'scheduled', 'engineer_on_site', 'waiting_for_parts', 'repaired', 'closed', 'cancelled'];
  for (const s of statuses) assert.ok(vocabulary.includes(s.status), s.status);

  // 5. One by number, then again with its ETag: 304.
  const first = await system.byNumber(statuses[0].number);
  assert.equal(first.status, 200);
  assert.equal(first.view.number, statuses[0].number);
  assert.ok(first.etag, 'an ETag');
  assert.equal((await system.byNumber(statuses[0].number, first.etag)).status, 304);

  // 6. The change feed to its end, then a new request of the dealer's
  //    customer (by the service desk) is the next thing it reads.
  const { cursor } = await system.follow('0');
  const agent = await tokenOf('agent');
  const machines = await api('GET', '/machines?limit=1', { token: dealerToken });
  const machine = machines.body.items[0];
  assert.ok(machine, 'the dealer has a machine');
  const made = await api('POST', '/service-requests', {
    token: agent,
    body: { kind: 'repair', customer_id: machine.customer_id, machine_id: machine.id, symptoms: `生成客户端测试 ${run}`,
      needs_onsite: true, priority: 'normal', machine_stopped: false },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const next = await system.follow(cursor);
  const created = next.events.find((e) => e.record_id === made.body.id && e.kind === 'created');
  assert.ok(created, `the feed shows the new request (${next.events.length} events)`);

  // 7. The webhook delivery of that event, verified with the secret.
  const delivery = await receiver.where((b) => b.includes(made.body.id));
  const payload = client.verifiedDelivery(hook.body.secret, delivery.headers, delivery.body);
  assert.equal(payload.data.record_id, made.body.id);
  // A tampered body is refused by the same check.
  assert.throws(() => client.verifiedDelivery(hook.body.secret, delivery.headers, delivery.body.replace(made.body.id, '0')));
});
