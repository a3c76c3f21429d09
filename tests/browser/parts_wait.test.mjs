// Waiting for parts (待配件, issues 19 and 21): a dealer's customer's visit
// needs 3 of a part the central warehouse holds 1 of. The parts clerk issues
// the 1 on the requisition page: the other 2 are short (缺料) and a purchase
// request is raised for them. The supervisor's request page shows the wait,
// and the dealer's system pulls `waiting_for_parts`. Purchasing buys the 2
// (through the API, as the purchasing test does in the UI), the clerk issues
// them, and the wait is over on the page and for the dealer. On the way the
// desk reads when the parts are expected, and the clerk prints the shelf
// label of the part (QR code of its number, warehouse and bin).

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

const expect = (res, status) => {
  assert.equal(res.status, status, JSON.stringify(res.body));
  return res.body;
};

test('a shortage holds the visit as waiting for parts until the bought parts are issued', async () => {
  const [clerk, buyer, sup, agent, dealer, eng] = await Promise.all(
    ['parts', 'purchasing', 'supervisor', 'agent', 'dealer', 'engineer'].map((u) => tokenOf(u)),
  );
  const tag = Date.now().toString(36).toUpperCase();
  const number = `PW-${tag}`;
  const central = expect(await api('GET', '/warehouses?q=WH-CENTRAL', { token: clerk }), 200).items[0];
  const part = expect(await api('POST', '/parts', {
    token: clerk,
    body: { part_number: number, name: '喂入链耙', category: 'chain', unit: '件',
      standard_cost_fen: 12000, reorder_point: '0', reorder_quantity: '0' },
  }), 201);
  expect(await api('POST', '/stock-movements/receipts', {
    token: clerk, body: { part_id: part.id, warehouse_id: central.id, quantity: '1', bin: central.bins[0].code },
  }), 201);

  // A request of the dealer's customer, dispatched; the engineer asks for 3.
  const machine = expect(await api('GET', '/machines?limit=1', { token: dealer }), 200).items[0];
  const request = expect(await api('POST', '/service-requests', {
    token: agent,
    body: { kind: 'repair', customer_id: machine.customer_id, machine_id: machine.id, needs_onsite: true,
      priority: 'normal', symptoms: `喂入链耙断齿 ${tag}` },
  }), 201);
  const me = expect(await api('GET', '/me', { token: eng }), 200);
  const dispatched = expect(await api('POST', `/service-requests/${request.id}/dispatch`, {
    token: sup, ifMatch: request.version, body: { engineer_id: me.id },
  }), 200);
  const rq = expect(await api('POST', `/work-orders/${dispatched.work_order_id}/requisitions`, {
    token: eng, ifMatch: '*', body: { lines: [{ part_id: part.id, quantity: '3' }] },
  }), 201);
  const pulled = async () => expect(
    await api('GET', `/service-requests/by-number/${request.number}`, { token: dealer }), 200,
  ).status;
  assert.equal(await pulled(), 'scheduled');

  const page = await newPage(browser, { locale: 'zh-CN' });
  const desk = await newPage(browser, { locale: 'zh-CN' });
  try {
    // The clerk issues the 1 there is: 2 are short.
    await signInAt(page, `/requisitions/${rq.id}`, 'parts');
    await page.waitForSelector('[data-testid=requisition-page]');
    await page.selectOption('[data-testid=requisition-warehouse]', central.id);
    await page.waitForSelector(`[data-testid=on-hand-${number}]`);
    await page.fill(`[data-testid=issue-qty-${number}]`, '1');
    await page.click('[data-testid=issue-submit]');
    await page.waitForSelector('[data-testid=requisition-short-note]');
    const line = `[data-testid=requisition-line-${number}]`;
    assert.match(await page.textContent(`${line} [data-testid=line-short]`), /缺料 2/);

    // The supervisor's request page shows the wait; the dealer pulls it.
    await signInAt(desk, `/service-requests/${request.id}`, 'supervisor');
    await desk.waitForSelector('[data-testid=sr-waiting-for-parts]');
    assert.equal((await desk.textContent('[data-testid=sr-waiting-for-parts]')).trim(), '待配件');
    await desk.locator('[data-testid=sr-clocks]').scrollIntoViewIfNeeded();
    await shot(desk, 'parts-wait-request');
    assert.equal(await pulled(), 'waiting_for_parts');
    // Nothing is ordered yet: the page says so where the expected date goes.
    assert.match(await desk.textContent('[data-testid=sr-parts-expected]'), /配件预计到货[：:]\s*尚未订货/);

    // Purchasing buys the 2 the shortage asked for.
    const bought = expect(await api('GET', `/purchase-requests?work_order_id=${dispatched.work_order_id}`, { token: buyer }), 200).items;
    assert.equal(bought.length, 1, 'the shortage raised one purchase request');
    let pr = expect(await api('GET', `/purchase-requests/${bought[0].id}`, { token: buyer }), 200);
    assert.equal(pr.lines[0].quantity, '2.000');
    pr = expect(await api('POST', `/purchase-requests/${pr.id}/approve`, { token: buyer, ifMatch: pr.version, body: {} }), 200);
    const expectedOn = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
    pr = expect(await api('POST', `/purchase-requests/${pr.id}/order`, {
      token: buyer, ifMatch: pr.version, body: { supplier: '中收农机配件', expected_on: expectedOn },
    }), 200);
    // Ordered: the desk reads when the parts are expected.
    await desk.reload();
    await desk.waitForSelector('[data-testid=sr-parts-expected]');
    assert.match(await desk.textContent('[data-testid=sr-parts-expected]'), new RegExp(expectedOn));
    await desk.locator('[data-testid=sr-parts-expected]').scrollIntoViewIfNeeded();
    await shot(desk, 'parts-wait-expected');
    expect(await api('POST', `/purchase-requests/${pr.id}/receive`, {
      token: buyer, ifMatch: pr.version,
      body: { warehouse_id: central.id, lines: [{ part_id: part.id, quantity: '2' }] },
    }), 200);

    // Shelved, the clerk prints the part's shelf label from the stock list: its
    // number, name and bin, with a QR code of the number.
    await page.goto(new URL(`/stock?q=${number}`, page.url()).href);
    await page.waitForSelector('[data-testid=stock-labels]');
    await page.click('[data-testid=stock-labels]');
    await page.waitForSelector('[data-testid=part-label]');
    assert.equal(await page.locator('[data-testid=part-label]').count(), 1);
    const label = await page.textContent('[data-testid=part-label]');
    assert.match(label, new RegExp(number));
    assert.match(label, /喂入链耙/);
    assert.match(await page.textContent('[data-testid=part-label-bin]'), new RegExp(`${central.code} · ${central.bins[0].code}`));
    assert.equal(await page.locator('[data-testid=part-label] svg').count(), 1);
    await shot(page, 'parts-labels');

    // The clerk issues them: the wait is over.
    await page.goto(new URL(`/requisitions/${rq.id}`, page.url()).href);
    await page.waitForSelector('[data-testid=requisition-page]');
    await page.selectOption('[data-testid=requisition-warehouse]', central.id);
    await page.waitForFunction(
      (n) => /库存 2/.test(document.querySelector(`[data-testid=on-hand-${n}]`)?.textContent ?? ''),
      number,
    );
    await page.fill(`[data-testid=issue-qty-${number}]`, '2');
    await page.click('[data-testid=issue-submit]');
    await page.waitForSelector(`[data-testid=requisition-status-${rq.number}]`);
    await page.waitForFunction(
      (n) => /已发料/.test(document.querySelector(`[data-testid=requisition-status-${n}]`)?.textContent ?? ''),
      rq.number,
    );
    await desk.reload();
    await desk.waitForSelector('[data-testid=sr-clocks]');
    assert.equal(await desk.locator('[data-testid=sr-waiting-for-parts]').count(), 0);
    assert.equal(await pulled(), 'scheduled');
    assert.equal(await desk.locator('[data-testid=sr-parts-expected]').count(), 0);

  } finally {
    await page.context().close();
    await desk.context().close();
  }
});
