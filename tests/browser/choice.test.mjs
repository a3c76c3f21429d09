// The customer's choice past the 三包 repair deadline (issue 18, item 4): a
// demo repair in warranty and past its deadline shows 客户可选择继续修理或换货;
// the agent records a replacement (换货) in the dialog, the request completes
// and the machine record takes the new serial with its 三包 period restarted.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, shot, signInAt, api, tokenOf } from './helpers.mjs';

const run = Date.now().toString(36).toUpperCase();

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** An open request the server says the customer may choose on, with its view. */
async function eligibleRequest(token) {
  const list = await api('GET', '/service-requests?open=true&overdue=true&limit=200', { token });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  for (const row of list.body.items) {
    const view = (await api('GET', `/service-requests/${row.id}`, { token })).body;
    if (view.customer_choice && view.actions.includes('record_customer_choice')) return view;
  }
  return null;
}

test('past the 三包 deadline the agent records a replacement and the machine takes the new serial', async () => {
  const token = await tokenOf('agent');
  const sr = await eligibleRequest(token);
  assert.ok(sr, 'the demo data has an in-warranty repair past its 三包 deadline');
  assert.equal(sr.customer_choice.eligible_since, sr.repair_due);
  const before = (await api('GET', `/machines/${sr.machine_id}`, { token })).body;

  const page = await newPage(browser);
  await signInAt(page, `/service-requests/${sr.id}`, 'agent');
  const banner = page.locator('[data-testid=sr-choice]');
  await banner.waitFor();
  assert.match(await banner.innerText(), /客户可选择继续修理或换货/);
  await shot(page, 'choice-banner');

  await page.click('[data-testid=sr-choice-open]');
  await page.locator('[data-testid=choice-dialog]').waitFor();
  await page.check('[data-testid=choice-replace]');
  const serial = `RPL-${run}`;
  await page.fill('#choice-new_serial_number', serial);
  const day = await page.inputValue('#choice-replaced_on');
  assert.match(day, /^\d{4}-\d{2}-\d{2}$/, 'today is proposed');
  await page.fill('#choice-note', '客户要求更换新机');
  await shot(page, 'choice-dialog');
  await page.click('[data-testid=confirm-ok]');

  await page.waitForSelector('[data-testid=sr-detail-page][data-status=completed]');
  assert.equal(await page.locator('[data-testid=sr-choice]').count(), 0, 'no banner once replaced');
  assert.match(await page.textContent('[data-testid=sr-flash]'), /已换货/);
  await shot(page, 'choice-replaced');

  const after = (await api('GET', `/machines/${sr.machine_id}`, { token })).body;
  assert.equal(after.serial_number, serial);
  assert.equal(after.replaced_on, day);
  assert.equal(after.model_id, before.model_id);
  assert.notEqual(after.warranty_end, before.warranty_end);
  const archive = (await api('GET', `/machines/${sr.machine_id}/archive`, { token })).body;
  const change = archive.timeline.find((e) => e.action === 'machine_replaced');
  assert.ok(change, 'the machine history keeps the replacement');
  assert.equal(change.details.old_serial, before.serial_number);
  assert.equal(change.details.new_serial, serial);
  await page.context().close();
});
