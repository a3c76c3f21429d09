// API clients (issue 21 item 8): the administrator registers an integration
// client on its page and reads the secret shown once; the client gets a
// token with it (client credentials); the administrator revokes it on the
// client's page (a stale version first refused with 412), and the token
// request then fails with `invalid_client`. Labels in both languages.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, shot, signInAt, api, tokenOf, baseUrl } from './helpers.mjs';

const run = Date.now().toString(36);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** `POST /oauth/token` with the client-credentials grant, as a form. */
async function clientToken(clientId, clientSecret) {
  const body = new URLSearchParams({
    grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret,
  });
  const res = await fetch(`${baseUrl}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body,
  });
  return { status: res.status, body: await res.json() };
}

/** The status of `GET /service-requests` with `token`, until `want` or 5 s pass. */
async function statusBecomes(token, want) {
  const deadline = Date.now() + 5000;
  let status;
  while (Date.now() < deadline) {
    status = (await api('GET', '/service-requests?limit=1', { token })).status;
    if (status === want) return status;
    await new Promise((r) => setTimeout(r, 200));
  }
  return status;
}

test('an administrator registers a client, which gets a token with the secret shown once until it is revoked', async () => {
  const name = `测试对接 ${run}`;
  const page = await newPage(browser);
  try {
    // Reached from the settings page.
    await signInAt(page, '/settings', 'admin');
    await page.click('[data-testid=setting-api-clients-open]');
    await page.waitForSelector('[data-testid=api-clients-page]');
    assert.equal(new URL(page.url()).pathname, '/integrations/api-clients');
    await shot(page, 'api-clients-list');

    // An empty registration is refused on its fields, and nothing is sent.
    await page.click('[data-testid=api-clients-new]');
    await page.waitForSelector('[data-testid=api-client-form]');
    await page.click('[data-testid=api-client-submit]');
    await page.waitForSelector('[data-testid=client-name-error]');
    await page.waitForSelector('[data-testid=client-scopes-error]');
    await shot(page, 'api-clients-register-errors');

    // Register an integration client reading requests.
    await page.fill('[data-testid=client-name]', name);
    await page.check('[data-testid=scope-requests_read]');
    await page.fill('[data-testid=client-allowed_ips]', '127.0.0.1\n::1');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/api-clients') && r.request().method() === 'POST');
    await page.click('[data-testid=api-client-submit]');
    assert.equal((await created).status(), 201);
    await page.waitForSelector('[data-testid=secret-once]');
    const clientId = (await page.textContent('[data-testid=secret-client-id]')).trim();
    const secret = (await page.textContent('[data-testid=secret-value]')).trim();
    assert.match(secret, /^fcs_/);
    assert.match(await page.textContent('[data-testid=secret-warning]'), /只显示这一次/);
    const row = page.locator(`[data-testid="client-row-${clientId}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /有效/);
    await shot(page, 'api-clients-secret-once');

    // The secret is gone once the administrator says it is saved.
    await page.click('[data-testid=secret-done]');
    assert.equal(await page.locator('[data-testid=secret-value]').count(), 0);
    assert.equal((await page.content()).includes(secret), false, 'the secret is no longer on the page');

    // The client gets a token with it, and the token reads requests.
    const granted = await clientToken(clientId, secret);
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    assert.equal(granted.body.token_type, 'Bearer');
    assert.equal(granted.body.scope, 'requests_read');
    assert.equal(await statusBecomes(granted.body.access_token, 200), 200);

    // The client's page shows its use.
    await row.locator('a').first().click();
    await page.waitForSelector('[data-testid=api-client-page]');
    assert.equal(await page.textContent('[data-testid=client-id]'), clientId);
    assert.ok(Number(await page.textContent('[data-testid=usage-calls]')) >= 1, 'the call with its token is counted');
    await shot(page, 'api-clients-detail');

    // Someone else rotates it meanwhile: revoking the version read is refused.
    const admin = await tokenOf('admin');
    const read = await api('GET', `/api-clients/${clientId}`, { token: admin });
    const other = await api('POST', `/api-clients/${clientId}/rotate`, {
      token: admin, ifMatch: read.body.version, body: { overlap_minutes: 60 },
    });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    await page.click('[data-testid=revoke]');
    await page.waitForSelector('[data-testid=confirm-dialog]');
    await shot(page, 'api-clients-revoke-confirm');
    const stale = page.waitForResponse((r) => r.url().endsWith(`/api-clients/${clientId}/revoke`));
    await page.click('[data-testid=confirm-ok]');
    const staleRes = await stale;
    assert.equal(staleRes.status(), 412);
    assert.equal(staleRes.request().headers()['if-match'], `"${read.body.version}"`);
    await page.waitForSelector('[data-testid=revoke-error]');
    assert.match(await page.textContent('[data-testid=revoke-error]'), /已被他人修改/);
    await shot(page, 'api-clients-revoke-stale');
    assert.equal((await clientToken(clientId, secret)).status, 200, 'nothing was revoked');

    // Reload, then revoke the current version.
    const reloaded = page.waitForResponse((r) => r.url().endsWith(`/api/v1/api-clients/${clientId}`) && r.request().method() === 'GET');
    await page.click('[data-testid=revoke-error] button');
    await page.waitForSelector('[data-testid=confirm-dialog]', { state: 'detached' });
    assert.equal((await reloaded).status(), 200);
    await page.click('[data-testid=revoke]');
    const revoked = page.waitForResponse((r) => r.url().endsWith(`/api-clients/${clientId}/revoke`));
    await page.click('[data-testid=confirm-ok]');
    const revokedRes = await revoked;
    assert.equal(revokedRes.status(), 200);
    assert.equal(revokedRes.request().headers()['if-match'], `"${other.body.client.version}"`);
    await page.waitForSelector('[data-testid=client-flash]');
    assert.match(await page.textContent('[data-testid=client-status]'), /已吊销/);
    assert.equal(await page.locator('[data-testid=revoke]').count(), 0, 'a revoked client offers no more actions');
    await shot(page, 'api-clients-revoked');

    // Its secret no longer gets a token, and the token it holds stops working.
    const refused = await clientToken(clientId, secret);
    assert.equal(refused.status, 401, JSON.stringify(refused.body));
    assert.equal(refused.body.error, 'invalid_client');
    assert.equal(await statusBecomes(granted.body.access_token, 401), 401);
  } finally {
    await page.context().close();
  }
});

test('the API clients page speaks the browser language', async () => {
  for (const [locale, title, register] of [
    ['zh-CN', '接口客户端', '登记客户端'],
    ['en-US', 'API clients', 'Register a client'],
  ]) {
    const page = await newPage(browser, { locale });
    try {
      await signInAt(page, '/integrations/api-clients', 'admin');
      await page.waitForSelector('[data-testid=api-clients-page]');
      assert.equal((await page.textContent('[data-testid=api-clients-page] h1')).trim(), title);
      assert.equal((await page.textContent('[data-testid=api-clients-new]')).trim(), register);
      await shot(page, `api-clients-${locale}`);
    } finally {
      await page.context().close();
    }
  }
});
