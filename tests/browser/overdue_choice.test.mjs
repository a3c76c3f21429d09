// The demo's in-warranty repair left unrepaired past its 三包 deadline: the
// supervisor opens it, sees that the customer may choose further repair or a
// new machine (换货), records the customer's choice to go on with the repair,
// and the timeline shows it. Against `furrow serve --demo` (demo password:
// furrow-demo); the demo also records engineers' absences, current and upcoming.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, shot, signInAt, api, tokenOf } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The open requests whose customer may choose, oldest report first. */
async function overdue(token) {
  const open = (await api('GET', '/service-requests?open=true&limit=100', { token })).body.items;
  const found = [];
  for (const r of open) {
    const full = (await api('GET', `/service-requests/${r.id}`, { token })).body;
    if (full.customer_choice) found.push(full);
  }
  return found;
}

test('the demo has engineers away now and later', async () => {
  const token = await tokenOf('supervisor');
  const engineers = (await api('GET', '/engineers?limit=100', { token })).body.items;
  const now = Date.now();
  let current = 0;
  let upcoming = 0;
  for (const e of engineers) {
    const id = e.user_id ?? e.id;
    const res = await api('GET', `/engineers/${id}/absences`, { token });
    for (const a of res.body.items ?? res.body) {
      if (Date.parse(a.from) <= now && now < Date.parse(a.to)) current += 1;
      else if (Date.parse(a.from) > now) upcoming += 1;
    }
  }
  assert.ok(current >= 1, `current absences: ${current}`);
  assert.ok(upcoming >= 1, `upcoming absences: ${upcoming}`);
});

test('the supervisor records the customer’s choice on the overdue repair', async () => {
  const token = await tokenOf('supervisor');
  const found = await overdue(token);
  assert.ok(found.length >= 1, 'the demo has a repair past its 三包 deadline');
  const sr = found[0];
  assert.equal(sr.kind, 'repair');
  assert.ok(sr.actions.includes('record_customer_choice'), sr.actions.join());

  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    await signInAt(page, `/service-requests/${sr.id}`, 'supervisor');
    await page.waitForSelector('[data-testid=sr-choice]');
    assert.match(await page.textContent('[data-testid=sr-choice]'), /换货/);
    await shot(page, 'overdue-choice-1-banner');
    await page.click('[data-testid=sr-choice-open]');
    await page.waitForSelector('[data-testid=choice-dialog]');
    await page.check('[data-testid=choice-continue]');
    await page.fill('[data-testid=choice-note]', '客户同意等配件到货后继续修理');
    await page.click('[data-testid=confirm-ok]');
    await page.waitForSelector('[data-testid=tl-repair_continued]');
    assert.match(await page.textContent('[data-testid=tl-repair_continued]'), /客户选择继续修理/);
    await shot(page, 'overdue-choice-2-timeline');
  } finally {
    await page.context().close();
  }
  const after = (await api('GET', `/service-requests/${sr.id}/timeline`, { token })).body;
  assert.ok(after.some((e) => e.action === 'repair_continued'));
});
