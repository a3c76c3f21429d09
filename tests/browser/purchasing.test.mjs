// Purchasing (采购, issue 19): a parts clerk's purchase request is approved
// and ordered by purchasing with a supplier and an expected date on its
// page, received into the central warehouse partly and then fully, and the
// stock page shows the new on-hand. The request is raised through the API
// (as a shortage or a clerk would raise it); every step after is the UI's.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, shot, signInAt, api, tokenOf, baseUrl } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Waits until the status badge of the page reads `text`. */
async function statusIs(page, text) {
  await page.waitForFunction(
    (t) => document.querySelector('[data-testid=purchase-page] [data-testid=pr-status]')?.textContent.trim() === t,
    text,
  );
}

test('purchasing orders a requested purchase request, receives it partly then fully, and the stock shows it', async () => {
  const clerk = await tokenOf('parts');
  const houses = await api('GET', '/warehouses?q=WH-CENTRAL', { token: clerk });
  const central = houses.body.items.find((w) => w.code === 'WH-CENTRAL');
  assert.ok(central, 'the demo has a central warehouse');
  const parts = await api('GET', `/parts?q=${encodeURIComponent('空气滤清器')}&limit=1`, { token: clerk });
  const part = parts.body.items[0];
  assert.ok(part, 'the demo catalog has an air filter');
  const onHand = async () => {
    const levels = await api('GET', `/stock?part_id=${part.id}&warehouse_id=${central.id}&include_empty=true`, { token: clerk });
    return Number(levels.body.items[0]?.on_hand ?? 0);
  };
  const before = await onHand();
  const raised = await api('POST', '/purchase-requests', {
    token: clerk,
    body: { origin: 'manual', note: '浏览器测试', lines: [{ part_id: part.id, quantity: '10' }] },
  });
  assert.equal(raised.status, 201, JSON.stringify(raised.body));
  const pr = raised.body;

  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    // The board, searched by number, lists it as requested.
    await signInAt(page, `/purchasing?q=${pr.number}`, 'purchasing');
    await page.waitForSelector('[data-testid=purchasing-table]');
    await page.waitForFunction(
      (n) => [...document.querySelectorAll('[data-testid=pr-row]')].some((r) => r.textContent.includes(n)),
      pr.number,
    );
    const row = page.locator('[data-testid=pr-row]', { hasText: pr.number });
    assert.equal((await row.locator('[data-testid=pr-status]').textContent()).trim(), '已申请');
    await shot(page, 'purchasing-board');
    await row.locator('a').first().click();
    await page.waitForSelector('[data-testid=purchase-page]');
    assert.equal((await page.textContent('[data-testid=pr-number]')).trim(), pr.number);

    // Approve, then order with a supplier and an expected date.
    await page.click('[data-testid=pr-approve-submit]');
    await statusIs(page, '已批准');
    const expected = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
    await page.fill('[data-testid=pr-supplier]', '潍柴动力配件公司');
    await page.fill('[data-testid=pr-expected-on]', expected);
    await page.click('[data-testid=pr-order-submit]');
    await statusIs(page, '已下单');
    assert.equal((await page.textContent('[data-testid=pr-facts] [data-testid=pr-expected]')).trim(), expected);

    // Receive 4 into the central warehouse's first bin: partly received.
    await page.selectOption('[data-testid=pr-warehouse]', central.id);
    await page.selectOption('[data-testid=pr-bin]', central.bins[0].code);
    await page.fill('[data-testid=pr-delivery-note]', 'SH-BROWSER-1');
    await page.fill('[data-testid=pr-receive-quantity]', '4');
    await page.click('[data-testid=pr-receive-submit]');
    await statusIs(page, '部分到货');
    assert.equal((await page.textContent('[data-testid=pr-line-outstanding]')).trim(), '6');
    await shot(page, 'purchasing-partly-received');

    // The rest: the quantity field offers what is outstanding.
    await page.waitForFunction(
      () => document.querySelector('[data-testid=pr-receive-quantity]')?.value === '6',
    );
    await page.selectOption('[data-testid=pr-warehouse]', central.id);
    await page.click('[data-testid=pr-receive-submit]');
    await statusIs(page, '已到货');
    assert.equal((await page.textContent('[data-testid=pr-line-received]')).trim(), '10');
    assert.equal(await page.locator('[data-testid=pr-receive-form]').count(), 0, 'nothing left to receive');
    await shot(page, 'purchasing-received');

    // The stock page shows the new on-hand of the part in the central warehouse.
    await page.goto(`${baseUrl}/stock?warehouse=${central.id}&q=${encodeURIComponent(part.part_number)}`);
    await page.waitForSelector('[data-testid=stock-table]');
    const want = String(before + 10);
    await page.waitForFunction(
      (w) => [...document.querySelectorAll('[data-testid=stock-row] [data-testid=on-hand]')].some((c) => c.textContent.trim() === w),
      want,
    );
    assert.equal(await onHand(), before + 10);
    await shot(page, 'purchasing-stock');

    // The reorder suggestions are one click from the board; the demo has
    // parts below their reorder point, each with a suggested quantity.
    await page.goto(`${baseUrl}/purchasing`);
    await page.click('[data-testid=to-suggestions]');
    await page.waitForSelector('[data-testid=suggestions-table]');
    const suggested = await api('GET', '/parts/reorder-suggestions?limit=200', { token: clerk });
    assert.equal(await page.locator('[data-testid=suggestion-row]').count(), suggested.body.items.length);
    await shot(page, 'purchasing-suggestions');
  } finally {
    await page.context().close();
  }
});
