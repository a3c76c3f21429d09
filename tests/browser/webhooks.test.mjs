// Webhooks (issue 21 items 4 and 8): the administrator subscribes a local
// receiver on the Integrations page and reads the secret shown once; a
// change (a new dealer) reaches the receiver signed the Standard Webhooks
// way (checked here with the secret); the delivery shows in the webhook's
// log, is redelivered by hand, and the webhook is disabled. A dealer's user
// sees only its own dealer's webhooks. The server runs with
// FURROW_WEBHOOKS_ALLOW_INTERNAL (cargo xtask test sets it) so 127.0.0.1 is
// a permitted target.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { launch, newPage, shot, signInAt, api, tokenOf, startReceiver } from './helpers.mjs';

const run = Date.now().toString(36);

let browser;
let receiver;
before(async () => {
  browser = await launch();
  receiver = await startReceiver();
});
after(async () => {
  await browser?.close();
  receiver?.close();
});

/** The Standard Webhooks check: HMAC-SHA256 of `id.timestamp.body` with the secret's key. */
function signedBy(secret, { headers, body }) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const content = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
  const expected = crypto.createHmac('sha256', key).update(content).digest('base64');
  return headers['webhook-signature'].split(' ').includes(`v1,${expected}`);
}

test('an administrator subscribes a receiver, which gets signed events shown in the log', async () => {
  const url = receiver.url('/hook');
  const page = await newPage(browser);
  try {
    await signInAt(page, '/', 'admin');
    await page.click('[data-testid=nav-integrations]');
    await page.waitForSelector('[data-testid=webhooks-page]');
    assert.equal(new URL(page.url()).pathname, '/integrations/webhooks');

    // A bad address is refused on its field, and nothing is made.
    await page.click('[data-testid=webhooks-new]');
    await page.fill('[data-testid=webhook-url]', 'ftp://example.com/x');
    await page.click('[data-testid=webhook-submit]');
    await page.waitForSelector('[data-testid=webhook-url-error]');

    await page.fill('[data-testid=webhook-url]', url);
    await page.fill('[data-testid=webhook-events]', 'dealer.created');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/webhooks') && r.request().method() === 'POST');
    await page.click('[data-testid=webhook-submit]');
    assert.equal((await created).status(), 201);
    await page.waitForSelector('[data-testid=secret-once]');
    const id = (await page.textContent('[data-testid=secret-client-id]')).trim();
    const secret = (await page.textContent('[data-testid=secret-value]')).trim();
    assert.match(secret, /^whsec_/);
    await page.locator(`[data-testid="webhook-row-${id}"]`).waitFor();
    await shot(page, 'webhooks-secret-once');

    // A new dealer: the receiver gets the event, signed with that secret.
    const admin = await tokenOf('admin');
    const dealer = await api('POST', '/dealers', {
      token: admin, body: { code: `WH-${run}`, name: `推送测试经销商 ${run}`, region: '吉林' },
    });
    assert.equal(dealer.status, 201);
    assert.equal(await receiver.count(1), 1);
    const delivery = receiver.received[0];
    assert.ok(signedBy(secret, delivery), 'the signature verifies with the secret');
    assert.ok(!signedBy(`whsec_${Buffer.from('another key').toString('base64')}`, delivery));
    const event = JSON.parse(delivery.body);
    assert.equal(event.type, 'dealer.created');
    assert.equal(event.data.record_id, dealer.body.id);
    assert.equal(delivery.headers['webhook-id'], event.data.id);

    // The webhook's page: the delivery in its log; redelivered by hand.
    await page.click('[data-testid=secret-done]');
    await page.click(`[data-testid="webhook-row-${id}"] a`);
    await page.waitForSelector('[data-testid=webhook-page]');
    await page.waitForSelector('[data-testid=deliveries-table]');
    const row = page.locator('[data-testid^=delivery-row-]').first();
    assert.match(await row.textContent(), /dealer\.created/);
    assert.match(await row.textContent(), /HTTP 200/);
    await page.locator('[data-testid^=redeliver-]').first().click();
    await page.waitForSelector('[data-testid=webhook-flash]');
    assert.equal(await receiver.count(2), 2);
    assert.equal(receiver.received[1].headers['webhook-id'], delivery.headers['webhook-id']);
    await page.locator('[data-testid^=delivery-row-]').nth(1).waitFor();
    assert.match(await page.textContent('[data-testid=deliveries-table]'), /手动/);
    await shot(page, 'webhook-log');

    // Disabled: the badge says so, and the button turns to "enable".
    await page.click('[data-testid=webhook-toggle]');
    await page.waitForFunction(() => document.querySelector('[data-testid=webhook-status]')?.textContent.includes('已停用'));
    assert.match(await page.textContent('[data-testid=webhook-toggle]'), /启用/);
    await shot(page, 'webhook-disabled');
  } finally {
    await page.close();
  }
});

test("a dealer's user keeps its own dealer's webhooks only", async () => {
  const admin = await tokenOf('admin');
  const dealers = await api('GET', '/dealers?limit=50', { token: admin });
  const dealerToken = await tokenOf('dealer');
  const me = await api('GET', '/me', { token: dealerToken });
  const other = dealers.body.items.find((d) => d.id !== me.body.dealer_id);
  const theirs = await api('POST', '/webhooks', {
    token: admin, body: { url: 'https://other-dealer.example.com/hook', dealer_id: other.id },
  });
  assert.equal(theirs.status, 201);
  const page = await newPage(browser, { locale: 'en' });
  try {
    await signInAt(page, '/integrations/webhooks', 'dealer');
    await page.waitForSelector('[data-testid=webhooks-page]');
    // No dealer to choose: its own is taken.
    await page.click('[data-testid=webhooks-new]');
    assert.equal(await page.locator('[data-testid=webhook-dealer_id]').count(), 0);
    await page.fill('[data-testid=webhook-url]', `https://dms-${run}.example.com/furrow`);
    await page.click('[data-testid=webhook-submit]');
    await page.waitForSelector('[data-testid=secret-once]');
    const id = (await page.textContent('[data-testid=secret-client-id]')).trim();
    await page.locator(`[data-testid="webhook-row-${id}"]`).waitFor();
    assert.equal(await page.locator(`[data-testid="webhook-row-${theirs.body.webhook.id}"]`).count(), 0);
    assert.match(await page.textContent('[data-testid=webhooks-page] h1'), /Webhooks/);
    await shot(page, 'webhooks-dealer');
  } finally {
    await page.close();
  }
});
