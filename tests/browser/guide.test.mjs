// The integration guide's commands still work (issue 21 item 7): every `sh`
// block of docs/integration/guide.en.md and guide.zh-CN.md is run with bash
// against the server, with the variables the guide tells the reader to set
// (a dealer client registered here, its token, a request's number, id and ETag,
// a local receiver, and a real webhook delivery for the signature check).
// Each block must exit 0 and print what its `# expect:` lines say.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, tokenOf, baseUrl, startReceiver } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const guides = ['guide.en.md', 'guide.zh-CN.md'].map((f) => join(here, '..', '..', 'docs', 'integration', f));
const run = Date.now().toString(36);

let receiver;
before(async () => {
  receiver = await startReceiver();
});
after(() => receiver?.close());

/** The `sh` blocks of a guide, each with its `# expect:` texts. */
function blocks(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => ({
    script: m[1],
    expect: [...m[1].matchAll(/^# expect: (.*)$/gm)].map((e) => e[1].trim()),
  }));
}

/** What the reader sets before the blocks, made for real. */
async function readerVariables(cwd) {
  const admin = await tokenOf('admin');
  const dealerToken = await tokenOf('dealer');
  const dealerId = (await api('GET', '/me', { token: dealerToken })).body.dealer_id;
  const registered = await api('POST', '/api-clients', {
    token: admin,
    body: { name: `指南 ${run}`, role: 'dealer', dealer_id: dealerId, scopes: ['requests_read', 'events_read'] },
  });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  const [clientId, clientSecret] = [registered.body.client.id, registered.body.client_secret];
  const tokenRes = await fetch(`${baseUrl}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  const token = (await tokenRes.json()).access_token;
  const since = new Date(Date.now() - 730 * 86400 * 1000).toISOString();
  const statuses = await api('GET', `/service-requests/status?changed_since=${encodeURIComponent(since)}&limit=1`, { token });
  const number = statuses.body.items[0].number;
  const one = await fetch(`${baseUrl}/api/v1/service-requests/by-number/${number}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const etag = one.headers.get('etag');
  const receiverUrl = receiver.url();

  // A real delivery for the signature check: the client's own subscription,
  // then a new request of its dealer's customer.
  const hook = await api('POST', '/webhooks', { token, body: { url: receiverUrl, events: ['service_request'] } });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  const machine = (await api('GET', '/machines?limit=1', { token: dealerToken })).body.items[0];
  const made = await api('POST', '/service-requests', {
    token: await tokenOf('agent'),
    body: { kind: 'repair', customer_id: machine.customer_id, machine_id: machine.id, symptoms: `指南测试 ${run}`,
      needs_onsite: true, priority: 'normal' },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const delivery = await receiver.where((b) => b.includes(made.body.id));
  writeFileSync(join(cwd, 'body.json'), delivery.body);
  return {
    FURROW: baseUrl,
    CLIENT_ID: clientId,
    CLIENT_SECRET: clientSecret,
    TOKEN: token,
    NUMBER: number,
    REQUEST_ID: made.body.id,
    ETAG: etag,
    RECEIVER_URL: receiverUrl,
    WEBHOOK_SECRET: hook.body.secret,
    WEBHOOK_ID: delivery.headers['webhook-id'],
    WEBHOOK_TIMESTAMP: delivery.headers['webhook-timestamp'],
    SIGNATURE: delivery.headers['webhook-signature'].split(' ')[0].replace(/^v1,/, ''),
  };
}

test("the integration guides' commands work as printed, in both languages", async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'furrow-guide-'));
  const vars = await readerVariables(cwd);
  for (const [name, value] of Object.entries(vars)) assert.ok(value, `${name} is set`);
  for (const file of guides) {
    const found = blocks(file);
    assert.ok(found.length >= 6, `${file}: ${found.length} sh blocks`);
    for (const { script, expect } of found) {
      const out = spawnSync('bash', ['-c', `set -euo pipefail\n${script}`], {
        cwd,
        env: { ...process.env, ...vars },
        encoding: 'utf8',
      });
      const where = `${file}:\n${script}\nexit ${out.status}\n${out.stdout}\n${out.stderr}`;
      assert.equal(out.status, 0, where);
      for (const e of expect) {
        const wanted = e.replace(/\$([A-Z_]+)/g, (_, name) => vars[name] ?? `$${name}`);
        assert.ok(out.stdout.toLowerCase().includes(wanted.toLowerCase()), `expected "${wanted}" in ${where}`);
      }
    }
  }
});
