// Requisitions (领用单, issue 19): the engineer's report names two catalog
// parts (prepared through the API); the supervisor approves it on the review
// page, which creates the requisition; the parts clerk finds it in the queue,
// issues one part fully and the other partly from the central warehouse (the
// warehouse runs out: the line shows its shortage, 缺料); the machine's
// archive lists both parts issued on it with the work order.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, shot, signInAt, api, tokenOf, finishedRepair } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const expect = (res, status) => {
  assert.equal(res.status, status, JSON.stringify(res.body));
  return res.body;
};

test('an approved report\'s two parts are issued fully and partly, and the archive shows them', async () => {
  const clerk = await tokenOf('parts');
  const agent = await tokenOf('agent');
  const tag = Date.now().toString(36).toUpperCase();
  const [a, b] = [`BT-${tag}-A`, `BT-${tag}-B`];
  const central = expect(await api('GET', '/warehouses?q=WH-CENTRAL', { token: clerk }), 200).items[0];
  assert.ok(central, 'the demo has a central warehouse');
  const parts = {};
  for (const [number, name, onHand] of [[a, '割台传动链条', '5'], [b, '安全离合器弹簧', '1']]) {
    const p = expect(await api('POST', '/parts', {
      token: clerk,
      body: {
        part_number: number, name, category: 'chain', unit: '件',
        standard_cost_fen: 8800, reorder_point: '2', reorder_quantity: '10',
      },
    }), 201);
    expect(await api('POST', '/stock-movements/receipts', {
      token: clerk,
      body: { part_id: p.id, warehouse_id: central.id, quantity: onHand, bin: central.bins[0].code },
    }), 201);
    parts[number] = p;
  }

  // The engineer's finished repair and report naming both parts, submitted.
  const machine = expect(await api('GET', '/machines?limit=1', { token: agent }), 200).items[0];
  const { woId, tokens } = await finishedRepair({
    customerId: machine.customer_id, machineId: machine.id, symptoms: '割台不转，链条跳齿',
  });
  let report = expect(await api('PUT', `/work-orders/${woId}/report`, {
    token: tokens.eng, ifMatch: 0,
    body: {
      process: '检查割台传动', cause: '链条磨损拉长，安全离合器弹簧疲劳', measures: '更换链条和弹簧',
      labour_hours: '2',
      parts: [
        { part_number: a, name: '割台传动链条', quantity: '2', unit: '件' },
        { part_number: b, name: '安全离合器弹簧', quantity: '3', unit: '件' },
      ],
    },
  }), 200);
  report = expect(await api('POST', `/repair-reports/${report.id}/submit`, {
    token: tokens.eng, ifMatch: report.version,
  }), 200);

  const sup = await newPage(browser, { locale: 'zh-CN' });
  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    // The supervisor approves: the requisition is created with it.
    await signInAt(sup, `/report-review/${report.id}`, 'supervisor');
    await sup.waitForSelector('[data-testid=review-report-page][data-status=submitted]');
    await sup.click('[data-testid=review-approve]');
    await sup.waitForSelector('[data-testid=review-report-page][data-status=approved]');
    const made = expect(await api('GET', `/requisitions?work_order_id=${woId}`, { token: clerk }), 200).items;
    assert.equal(made.length, 1, 'the approval made one requisition');
    const rq = made[0];
    assert.equal(rq.status, 'open');

    // The clerk finds it in the queue by its number.
    await signInAt(page, '/requisitions', 'parts');
    await page.waitForSelector('[data-testid=requisitions-table]');
    await page.fill('[data-testid=requisitions-page] input[type=search]', rq.number);
    await page.keyboard.press('Enter');
    const row = `[data-testid=requisition-row-${rq.number}]`;
    await page.waitForSelector(row);
    assert.match(await page.textContent(row), /待发料/);
    await shot(page, 'requisitions-queue');
    await page.click(`${row} a`);
    await page.waitForSelector('[data-testid=requisition-page]');

    // The central warehouse: each line shows what it holds there.
    await page.selectOption('[data-testid=requisition-warehouse]', central.id);
    await page.waitForSelector(`[data-testid=on-hand-${b}]`);
    assert.match(await page.textContent(`[data-testid=on-hand-${a}]`), /库存 5/);
    assert.match(await page.textContent(`[data-testid=on-hand-${b}]`), /库存 1/);
    assert.ok((await page.inputValue('[data-testid=issue-recipient]')).length > 0, 'the engineer is the recipient');
    await page.fill(`[data-testid=issue-qty-${a}]`, '2');
    await page.fill(`[data-testid=issue-qty-${b}]`, '1');
    await page.click('[data-testid=issue-submit]');
    await page.waitForSelector('[data-testid=requisition-flash]');
    await page.waitForSelector(`[data-testid=requisition-status-${rq.number}]`);
    assert.match(await page.textContent(`[data-testid=requisition-status-${rq.number}]`), /部分发料/);
    const lineA = `[data-testid=requisition-line-${a}]`;
    const lineB = `[data-testid=requisition-line-${b}]`;
    assert.equal((await page.textContent(`${lineA} [data-testid=line-issued]`)).trim(), '2');
    assert.equal((await page.textContent(`${lineA} [data-testid=line-short]`)).trim(), '0');
    assert.equal((await page.textContent(`${lineB} [data-testid=line-issued]`)).trim(), '1');
    assert.match(await page.textContent(`${lineB} [data-testid=line-short]`), /缺料 2/);
    assert.equal((await page.textContent(`${lineB} [data-testid=line-outstanding]`)).trim(), '2');
    await page.waitForSelector('[data-testid=requisition-short-note]');
    await shot(page, 'requisition-issued-with-shortage');

    // The books: the warehouse's levels fell by what was issued.
    for (const [number, left] of [[a, 3], [b, 0]]) {
      const lv = expect(await api('GET', `/stock?part_id=${parts[number].id}&warehouse_id=${central.id}&include_empty=true`, { token: clerk }), 200);
      assert.equal(Number(lv.items[0].on_hand), left, number);
    }

    // The machine's archive lists both parts issued on it, with the work order.
    await sup.goto(new URL(`/machines/${machine.id}`, sup.url()).toString());
    await sup.waitForSelector('[data-testid=machine-parts-issued]');
    const wo = expect(await api('GET', `/work-orders/${woId}`, { token: tokens.sup }), 200);
    for (const [number, q] of [[a, '2'], [b, '1']]) {
      const r = `[data-testid=issued-part-${number}]`;
      await sup.waitForSelector(r);
      assert.match(await sup.textContent(`${r} [data-testid=issued-part-quantity]`), new RegExp(`^${q} `));
      assert.equal((await sup.textContent(`${r} [data-testid=issued-part-work-order]`)).trim(), wo.number);
    }
    await sup.locator('[data-testid=machine-parts-issued]').scrollIntoViewIfNeeded();
    await shot(sup, 'requisition-machine-archive');
  } finally {
    await sup.context().close();
    await page.context().close();
  }
});
