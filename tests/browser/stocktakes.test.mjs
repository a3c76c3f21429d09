// Stock-takes (盘点, issue 19 item 4 and its part of item 10): the parts
// clerk opens a stock-take on a warehouse, counts every line on a phone-sized
// count sheet with one variance, reconciles after a confirmation, sees the
// accuracy, and the part's page shows the adjusted quantity and the
// adjustment in its ledger. The warehouse and its stock are set up through
// the API (receipts); the journey itself is the SPA's. A manager sees last
// month's reconciled demo stock-take with its accuracy.

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

/** A fresh warehouse with two parts on its shelves: 5 of one, 3 of the other. */
async function stockedWarehouse(clerk) {
  const stamp = Date.now().toString(36).toUpperCase();
  const wh = await api('POST', '/warehouses', {
    token: clerk,
    body: { code: `WH-ST${stamp}`, name: `盘点测试库 ${stamp}`, kind: 'regional',
      bins: [{ code: 'S-01' }, { code: 'S-02' }] },
  });
  assert.equal(wh.status, 201, JSON.stringify(wh.body));
  const parts = [];
  for (const [n, bin, q] of [[1, 'S-01', '5'], [2, 'S-02', '3']]) {
    const p = await api('POST', '/parts', {
      token: clerk,
      body: { part_number: `ST-${stamp}-${n}`, name: `盘点测试件${n}`, category: 'filter', unit: '个',
        standard_cost_fen: 100, reorder_point: '0', reorder_quantity: '0' },
    });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    const r = await api('POST', '/stock-movements/receipts', {
      token: clerk,
      body: { part_id: p.body.id, warehouse_id: wh.body.id, quantity: q, bin },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    parts.push(p.body);
  }
  return { wh: wh.body, parts };
}

test('the clerk counts a warehouse with one variance, reconciles it, sees its accuracy and the adjusted stock', async () => {
  const clerk = await tokenOf('parts');
  const { wh, parts } = await stockedWarehouse(clerk);
  const [even, short] = parts;

  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    // A phone: the count sheet is used on the shelves.
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAt(page, '/stocktakes', 'parts');
    await page.waitForSelector('[data-testid=stocktakes-table]');
    await page.click('[data-testid=stocktakes-new]');
    await page.waitForSelector('[data-testid=stocktake-form]');
    await page.selectOption('#stocktake-warehouse_id', wh.id);
    await page.click('[data-testid=stocktake-submit]');

    await page.waitForSelector('[data-testid=stocktake-page]');
    const number = (await page.textContent('[data-testid=stocktake-number]')).trim();
    assert.match(number, /^ST-\d{4}-\d{6}$/);
    assert.equal((await page.textContent('[data-testid=stocktake-status]')).trim(), '盘点中');
    // Blind: nothing counted, no book shown; each line names its bin.
    const line = (p) => page.locator(`[data-testid="line-${p.part_number}"]`);
    assert.equal((await line(short).locator('[data-testid=line-bin]').textContent()).trim(), 'S-02');
    assert.equal(await line(short).locator('[data-testid=line-book]').count(), 0);
    await shot(page, 'stocktakes-1-count-sheet');

    // Count both lines: the first as the book says, the second one short.
    for (const [p, q, variance] of [[even, '5', '0'], [short, '2', '-1']]) {
      await line(p).locator('input').fill(q);
      await line(p).locator('[data-testid=count-save]').click();
      await page.waitForFunction(
        ([id, v]) => document.querySelector(`[data-testid="line-${id}"] [data-testid=line-variance]`)?.textContent.trim() === v,
        [p.part_number, variance],
      );
    }
    assert.equal((await line(short).locator('[data-testid=line-book]').textContent()).trim(), '3');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=stocktake-progress]')?.textContent.includes('2 / 2'),
    );

    // The variance list: only the short line.
    await page.click('[data-testid=show-variances]');
    await page.waitForFunction(
      (n) => document.querySelectorAll('.count-line').length === 1
        && document.querySelector(`[data-testid="line-${n}"]`) !== null,
      short.part_number,
    );
    await shot(page, 'stocktakes-2-variances');

    // Reconcile after the confirmation, which says what it will do.
    await page.click('[data-testid=reconcile]');
    await page.waitForSelector('[data-testid=confirm-dialog]');
    const ask = await page.textContent('[data-testid=confirm-dialog]');
    assert.ok(ask.includes('1 行有差异') && ask.includes('50.00%'), ask);
    await page.click('[data-testid=confirm-ok]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=stocktake-status]')?.textContent.trim() === '已调账',
    );
    assert.equal((await page.textContent('[data-testid=stocktake-accuracy]')).trim(), '50.00%');
    assert.ok((await page.textContent('[data-testid=stocktake-flash]')).includes('50.00%'));
    assert.equal(await page.locator('[data-testid=reconcile]').count(), 0, 'nothing more to do');
    assert.equal(await page.locator('[data-testid=count-save]').count(), 0, 'no more counts');
    await shot(page, 'stocktakes-3-reconciled');

    // The list shows it reconciled with its accuracy.
    await page.goto(new URL('/stocktakes?status=reconciled', page.url()).href);
    await page.waitForSelector(`[data-testid="stocktake-${number}"]`);
    assert.equal(
      (await page.textContent(`[data-testid="stocktake-${number}"] [data-testid=stocktake-accuracy]`)).trim(),
      '50.00%',
    );

    // The short part's stock is the count, and its ledger shows the adjustment.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(new URL(`/parts/${short.id}`, page.url()).href);
    await page.waitForSelector('[data-testid=part-stock] [data-testid=on-hand]');
    assert.equal((await page.textContent('[data-testid=part-stock] [data-testid=on-hand]')).trim(), '2');
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid=part-ledger] [data-testid=movement-row]')]
        .some((r) => r.querySelector('[data-testid=movement-kind]')?.textContent.trim() === '调整'
          && r.querySelector('[data-testid=movement-quantity]')?.textContent.trim() === '-1'),
    );
    await shot(page, 'stocktakes-4-part-ledger');
  } finally {
    await page.context().close();
  }
  // The API agrees: the level is 2.
  const level = await api('GET', `/stock?part_id=${short.id}&warehouse_id=${wh.id}`, { token: clerk });
  assert.equal(level.body.items[0].on_hand, '2.000');
});

test('a manager reads last month’s reconciled demo stock-take and its accuracy, without commands', async () => {
  const manager = await tokenOf('manager');
  const list = await api('GET', '/stocktakes?status=reconciled&limit=50', { token: manager });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  const demo = list.body.items.find((s) => s.warehouse_code === 'VAN-03');
  assert.ok(demo, 'the demo reconciled the van last month');
  assert.equal(demo.accuracy_percent, 83.33);

  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    await signInAt(page, `/stocktakes/${demo.id}`, 'manager');
    await page.waitForSelector('[data-testid=stocktake-page]');
    assert.equal((await page.textContent('[data-testid=stocktake-accuracy]')).trim(), '83.33%');
    assert.equal(await page.locator('[data-testid=reconcile]').count(), 0);
    assert.equal(await page.locator('[data-testid=count-save]').count(), 0);

    // The month it was reconciled in (the company's UTC+8): the parts
    // department's accuracy on the KPI page is its 10 of 12 lines.
    const local = new Date(Date.parse(demo.reconciled_at) + 8 * 3600 * 1000);
    const month = `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
    await page.goto(new URL(`/kpis?month=${month}`, page.url()).href);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="kpi-parts-parts_accuracy-rate"]')?.textContent.trim() === '83.33%',
    );
    await shot(page, 'stocktakes-5-kpi-parts-accuracy');
  } finally {
    await page.context().close();
  }
});
