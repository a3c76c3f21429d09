// Parts (issue 19, first slice): the parts clerk finds a part in the catalog,
// reads its stock per warehouse and its ledger, sees a receipt raise the
// level, and finds the company's short parts on the stock page. The receipt
// is posted through the API (the SPA has no receipt form yet).

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

test('the clerk finds a part by name, a receipt raises its level and shows in its ledger', async () => {
  const clerk = await tokenOf('parts');
  const found = await api('GET', `/parts?q=${encodeURIComponent('柴油滤清器')}&limit=1`, { token: clerk });
  assert.equal(found.status, 200);
  const part = found.body.items[0];
  assert.ok(part, 'the demo catalog has a 柴油滤清器');
  const levels = await api('GET', `/stock?part_id=${part.id}`, { token: clerk });
  const level = levels.body.items[0];
  assert.ok(level, 'the demo brought the part in by receipts');

  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    await signInAt(page, '/parts', 'parts');
    await page.waitForSelector('[data-testid=parts-table]');
    await page.fill('[data-testid=parts-page] input[type=search]', part.part_number);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (n) => [...document.querySelectorAll('[data-testid=part-row]')].length === 1
        && document.querySelector('[data-testid=part-row]').textContent.includes(n),
      part.part_number,
    );
    await page.click(`[data-testid=part-row] a`);
    await page.waitForSelector('[data-testid=part-stock]');
    // The ledger loads on its own: wait for its rows before counting them.
    await page.waitForSelector('[data-testid=part-ledger] [data-testid=movement-row]');
    const before = await page.locator('[data-testid=part-ledger] [data-testid=movement-row]').count();
    assert.ok(before >= 1, 'the ledger shows the demo receipts');

    // A receipt of 3 into the warehouse of the first level.
    const posted = await api('POST', '/stock-movements/receipts', {
      token: clerk,
      body: { part_id: part.id, warehouse_id: level.warehouse_id, quantity: '3', delivery_note: 'SH-BROWSER' },
    });
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    await page.reload();
    await page.waitForSelector('[data-testid=part-ledger] [data-testid=movement-row]');
    await page.waitForSelector('[data-testid=part-stock] [data-testid=on-hand]');
    assert.equal(
      await page.locator('[data-testid=part-ledger] [data-testid=movement-row]').count(),
      before + 1,
    );
    const first = page.locator('[data-testid=part-ledger] [data-testid=movement-row]').first();
    assert.match(await first.textContent(), /入库/);
    assert.match(await first.textContent(), /SH-BROWSER/);
    const onHand = await page.locator('[data-testid=part-stock] [data-testid=on-hand]').allTextContents();
    const expected = (Number(level.on_hand) + 3).toString();
    assert.ok(onHand.map((t) => t.trim()).includes(expected), `${onHand} has ${expected}`);
    await shot(page, 'parts-part-ledger');

    // An adjustment below zero is refused with what is on hand, and nothing changes.
    const refused = await api('POST', '/stock-movements/adjustments', {
      token: clerk,
      body: { part_id: part.id, warehouse_id: level.warehouse_id, quantity: '-100000', reason: '盘亏' },
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'insufficient_stock');
    const after = await api('GET', `/stock?part_id=${part.id}&warehouse_id=${level.warehouse_id}`, { token: clerk });
    assert.equal(Number(after.body.items[0].on_hand), Number(level.on_hand) + 3);
  } finally {
    await page.context().close();
  }
});

test('the stock page lists the levels and filters the parts below their reorder point', async () => {
  const clerk = await tokenOf('parts');
  const short = await api('GET', '/stock?below_reorder=true&limit=200', { token: clerk });
  assert.equal(short.status, 200);
  assert.ok(short.body.items.length > 0, 'the demo leaves some parts short');

  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    await signInAt(page, '/stock', 'parts');
    await page.waitForSelector('[data-testid=stock-table] [data-testid=stock-row]');
    assert.equal(await page.locator('[data-testid=error-banner]').count(), 0);
    await page.goto(page.url().replace(/\/stock.*$/, '/stock?below=yes'));
    await page.waitForSelector('[data-testid=stock-row]');
    const rows = await page.locator('[data-testid=stock-row]').count();
    assert.equal(rows, Math.min(short.body.items.length, 50));
    assert.equal(await page.locator('[data-testid=stock-row] [data-testid=below-reorder]').count(), rows);
    await shot(page, 'parts-stock-below-reorder');
  } finally {
    await page.context().close();
  }
});
