// The 三包 warranty at intake (issue 18, items 7 and 9): before saving, the
// agent sees the chosen machine's warranty state and its end date, as the
// server computes it from all the machine's requests, and one click opens
// the repairs that extended it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, shot, signInAt, api, tokenOf } from './helpers.mjs';

const run = Date.now().toString(36);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the intake shows the machine in 三包 with its end and the repair that extends it', async () => {
  const token = await tokenOf('agent');
  // A demo machine inside its 三包 period, and an open repair on it today.
  const inside = await api('GET', '/machines?warranty=in_warranty&limit=50', { token });
  assert.equal(inside.status, 200);
  const machine = inside.body.items.find((m) => m.active);
  assert.ok(machine, 'the demo data has a machine in 三包');
  const sr = await api('POST', '/service-requests', {
    token,
    body: {
      kind: 'repair', customer_id: machine.customer_id, machine_id: machine.id, needs_onsite: true,
      priority: 'normal', symptoms: `割台异响（三包测试 ${run}）`,
    },
  });
  assert.equal(sr.status, 201, JSON.stringify(sr.body));
  const now = (await api('GET', `/machines/${machine.id}`, { token })).body.warranty;
  const line = now.repairs.find((r) => r.number === sr.body.number);
  assert.ok(line, 'the open repair extends the period');
  assert.equal(line.done_on, null);

  const page = await newPage(browser);
  await signInAt(page, `/machines/${machine.id}`, 'agent');
  await page.click('[data-testid=new-request-here]');
  await page.waitForFunction(
    (id) => document.querySelector('[data-testid=sr-machine]')?.value === id,
    machine.id,
  );
  const summary = page.locator('[data-testid=sr-warranty]');
  await summary.waitFor();
  assert.match(await summary.innerText(), /三包期内/);
  assert.equal(await page.textContent('[data-testid=sr-warranty-end]'), now.effective_end);

  // The breakdown is one click away: the new request with its days.
  const rows = page.locator('[data-testid=sr-warranty-breakdown] tbody tr');
  assert.equal(await rows.first().isVisible(), false, 'closed at first');
  await page.click('[data-testid=sr-warranty-breakdown] summary');
  const row = rows.filter({ hasText: sr.body.number });
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /维修中/);
  assert.ok(text.includes(String(line.days_added)), text);
  await shot(page, 'warranty-intake-breakdown');
  await page.context().close();
});

test('the warranty change and the certificate reissue dialogs check their fields and save', async () => {
  const token = await tokenOf('agent');
  const list = await api('GET', '/machines?warranty=in_warranty&limit=50', { token });
  const machine = list.body.items.filter((m) => m.active).at(-1);
  assert.ok(machine, 'the demo data has an active machine');

  const page = await newPage(browser);
  await signInAt(page, `/machines/${machine.id}`, 'agent');

  // The warranty change: starts from the machine's dates; the reason is required.
  await page.click('[data-testid=warranty-change-open]');
  await page.waitForSelector('[data-testid=warranty-change]');
  assert.equal(await page.inputValue('[data-testid=warranty-change-sale_date]'), machine.sale_date ?? '');
  await page.fill('[data-testid=warranty-change-extended_warranty_end]', '2035-13-01');
  await page.click('[data-testid=confirm-ok]');
  await page.waitForSelector('[data-testid=warranty-change-reason-error]');
  await page.waitForSelector('[data-testid=warranty-change-extended_warranty_end-error]');
  await shot(page, 'warranty-change-refused');
  await page.fill('[data-testid=warranty-change-extended_warranty_end]', '2035-01-01');
  await page.fill('[data-testid=warranty-change-reason]', `延保合同 ${run}`);
  await page.click('[data-testid=confirm-ok]');
  await page.waitForSelector('[data-testid=confirm-dialog]', { state: 'detached' });
  const changed = await api('GET', `/machines/${machine.id}`, { token });
  assert.equal(changed.body.extended_warranty_end, '2035-01-01');

  // A lost certificate: recorded (the day starts on today), then marked reissued.
  await page.click('[data-testid=reissue-record-open]');
  await page.waitForSelector('[data-testid=reissue-record]');
  assert.match(await page.inputValue('[data-testid=reissue-requested_on]'), /^\d{4}-\d{2}-\d{2}$/);
  await page.click('[data-testid=confirm-ok]');
  await page.waitForSelector('[data-testid=reissue-requested_by-error]');
  await page.fill('[data-testid=reissue-requested_by]', `张立新 ${run}`);
  await page.click('[data-testid=confirm-ok]');
  await page.waitForSelector('[data-testid=confirm-dialog]', { state: 'detached' });
  const row = page.locator('[data-testid=machine-reissues] tbody tr', { hasText: run });
  await row.waitFor();
  await row.locator('[data-testid$=-done-open]').click();
  await page.waitForSelector('[data-testid=reissue-done]');
  await page.fill('[data-testid=reissue-certificate_number]', `SB-${run}`);
  await page.click('[data-testid=confirm-ok]');
  await page.waitForSelector('[data-testid=confirm-dialog]', { state: 'detached' });
  await row.filter({ hasText: `SB-${run}` }).waitFor();
  assert.equal(await row.locator('[data-testid$=-done-open]').count(), 0);
  await shot(page, 'certificate-reissued');
  await page.context().close();
});
