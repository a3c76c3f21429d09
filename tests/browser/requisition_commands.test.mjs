// Parts asked for on the phone and the clerk's exchange and cancel (领用单):
// the engineer, on his dispatched work order's page at a phone's width,
// finds a catalog part and asks for 2 (申领配件); the parts clerk issues them
// from the central warehouse, then exchanges 1 found faulty (退换, with the
// reason); a second requisition of the work order is cancelled with a reason.
// The engineer's page lists both with what was issued and their states.

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

test('the engineer asks for parts on his phone; the clerk issues, exchanges one and cancels another requisition', async () => {
  const [clerk, sup, agent, eng] = await Promise.all(
    ['parts', 'supervisor', 'agent', 'engineer'].map((u) => tokenOf(u)),
  );
  const tag = Date.now().toString(36).toUpperCase();
  const [a, b] = [`RC-${tag}-A`, `RC-${tag}-B`];
  const central = expect(await api('GET', '/warehouses?q=WH-CENTRAL', { token: clerk }), 200).items[0];
  const parts = {};
  for (const [number, name] of [[a, '脱粒滚筒纹杆'], [b, '凹板筛']]) {
    parts[number] = expect(await api('POST', '/parts', {
      token: clerk,
      body: { part_number: number, name, category: 'chain', unit: '件',
        standard_cost_fen: 9900, reorder_point: '0', reorder_quantity: '0' },
    }), 201);
    expect(await api('POST', '/stock-movements/receipts', {
      token: clerk,
      body: { part_id: parts[number].id, warehouse_id: central.id, quantity: '5', bin: central.bins[0].code },
    }), 201);
  }

  // A repair dispatched to the demo engineer: his open (assigned) work order.
  const machine = expect(await api('GET', '/machines?limit=1', { token: agent }), 200).items[0];
  const request = expect(await api('POST', '/service-requests', {
    token: agent,
    body: { kind: 'repair', customer_id: machine.customer_id, machine_id: machine.id, needs_onsite: true,
      priority: 'normal', symptoms: `脱粒不净，纹杆磨损 ${tag}` },
  }), 201);
  const me = expect(await api('GET', '/me', { token: eng }), 200);
  const dispatched = expect(await api('POST', `/service-requests/${request.id}/dispatch`, {
    token: sup, ifMatch: request.version, body: { engineer_id: me.id },
  }), 200);
  const woId = dispatched.work_order_id;
  const wo = expect(await api('GET', `/work-orders/${woId}`, { token: eng }), 200);
  assert.ok(wo.actions.includes('create_requisition'), `offered: ${wo.actions}`);

  const phone = await newPage(browser, { locale: 'zh-CN' });
  await phone.setViewportSize({ width: 390, height: 844 });
  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    // On the phone: nothing asked for yet; a request without a part is refused.
    await signInAt(phone, `/my-work/${woId}`, 'engineer');
    await phone.waitForSelector('[data-testid=wo-parts] [data-testid=wo-rq-none]');
    await phone.click('[data-testid=wo-rq-submit]');
    await phone.waitForSelector('[data-testid=wo-rq-part-error]');

    // He finds the part by its number, picks it and asks for 2.
    await phone.fill('[data-testid=wo-rq-part-q]', a);
    await phone.click('[data-testid=wo-rq-part-find]');
    await phone.click(`[data-testid=wo-rq-pick-${a}]`);
    assert.match(await phone.textContent('[data-testid=wo-rq-part]'), new RegExp(a));
    await phone.fill('[data-testid=wo-rq-quantity]', '二');
    await phone.click('[data-testid=wo-rq-submit]');
    await phone.waitForSelector('[data-testid=wo-rq-quantity-error]');
    await phone.fill('[data-testid=wo-rq-quantity]', '2');
    await phone.fill('#wo-rq-note', '两根纹杆磨平');
    await phone.click('[data-testid=wo-rq-submit]');
    await phone.waitForSelector('[data-testid=wo-rq-flash]');
    const made = expect(await api('GET', `/requisitions?work_order_id=${woId}`, { token: clerk }), 200).items;
    assert.equal(made.length, 1, 'one requisition asked for');
    const rq = made[0];
    assert.equal(rq.source, 'engineer');
    assert.equal(rq.note, '两根纹杆磨平');
    assert.match(await phone.textContent('[data-testid=wo-rq-flash]'), new RegExp(rq.number));
    const card = `[data-testid=wo-rq-${rq.number}]`;
    await phone.waitForSelector(card);
    assert.match(await phone.textContent(`[data-testid=requisition-status-${rq.number}]`), /待发料/);
    assert.match(await phone.textContent(`${card} [data-testid=wo-rq-line-${a}]`), /申请数量 2 件/);
    assert.equal((await phone.inputValue('[data-testid=wo-rq-quantity]')), '', 'the form starts over');
    assert.equal((await phone.inputValue('[data-testid=wo-rq-part-q]')), '');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page fits the phone's width (${overflow} px too wide)`);
    await phone.locator('[data-testid=wo-parts]').scrollIntoViewIfNeeded();
    await shot(phone, 'requisition-commands-phone-requested');

    // The clerk issues the 2 from the central warehouse.
    await signInAt(page, `/requisitions/${rq.id}`, 'parts');
    await page.waitForSelector('[data-testid=requisition-page]');
    assert.equal(await page.locator('[data-testid=requisition-exchange]').count(), 0, 'nothing issued to exchange yet');
    await page.selectOption('[data-testid=requisition-warehouse]', central.id);
    await page.waitForSelector(`[data-testid=on-hand-${a}]`);
    await page.fill(`[data-testid=issue-qty-${a}]`, '2');
    await page.click('[data-testid=issue-submit]');
    await page.waitForFunction(
      (n) => /已发料/.test(document.querySelector(`[data-testid=requisition-status-${n}]`)?.textContent ?? ''),
      rq.number,
    );
    // Fully issued: no cancel any more, but the exchange is offered.
    assert.equal(await page.locator('[data-testid=requisition-cancel]').count(), 0);
    await page.waitForSelector('[data-testid=requisition-exchange]');

    // One unit is faulty: without a reason the exchange is refused at the field.
    await page.fill(`[data-testid=exchange-qty-${a}]`, '1');
    await page.click('[data-testid=exchange-submit]');
    await page.waitForSelector('[data-testid=exchange-reason-error]');
    await page.fill(`[data-testid=exchange-qty-${a}]`, '1');
    await page.fill('#exchange-reason', '新纹杆有裂纹');
    await page.click('[data-testid=exchange-submit]');
    await page.waitForFunction(
      () => /已退换/.test(document.querySelector('[data-testid=requisition-flash]')?.textContent ?? ''),
    );
    const line = `[data-testid=requisition-line-${a}]`;
    assert.equal((await page.textContent(`${line} [data-testid=line-exchanged]`)).trim(), '1');
    assert.equal((await page.textContent(`${line} [data-testid=line-issued]`)).trim(), '2');
    assert.equal(await page.locator('[data-testid=requisition-error]').count(), 0);
    await shot(page, 'requisition-commands-exchanged');
    // The books: 2 issued, 1 faulty taken back and 1 good handed over.
    const moves = expect(await api('GET', `/stock-movements?part_id=${parts[a].id}`, { token: clerk }), 200).items;
    const kinds = moves.map((m) => m.kind).sort();
    assert.ok(kinds.includes('exchange_in') && kinds.includes('exchange_out'), `movements: ${kinds}`);

    // A second requisition of the work order (part B) is cancelled with a reason.
    const second = expect(await api('POST', `/work-orders/${woId}/requisitions`, {
      token: eng, ifMatch: '*', body: { lines: [{ part_id: parts[b].id, quantity: '1' }] },
    }), 201);
    await page.goto(new URL(`/requisitions/${second.id}`, page.url()).toString());
    await page.waitForSelector('[data-testid=requisition-cancel]');
    await page.click('[data-testid=requisition-cancel]');
    await page.waitForSelector('[data-testid=requisition-cancel-dialog]');
    await page.click('[data-testid=requisition-cancel-confirm]');
    await page.waitForSelector('[data-testid=requisition-cancel-dialog] .field-error');
    await page.fill('#requisition-cancel-reason', '客户自备配件');
    await page.click('[data-testid=requisition-cancel-confirm]');
    await page.waitForSelector('[data-testid=requisition-cancel-dialog]', { state: 'detached' });
    await page.waitForFunction(
      (n) => /已取消/.test(document.querySelector(`[data-testid=requisition-status-${n}]`)?.textContent ?? ''),
      second.number,
    );
    assert.equal((await page.textContent('[data-testid=requisition-cancel-reason]')).trim(), '客户自备配件');
    assert.equal(await page.locator('[data-testid=requisition-cancel]').count(), 0);
    assert.equal(await page.locator('[data-testid=issue-submit]').count(), 0);
    await shot(page, 'requisition-commands-cancelled');

    // The engineer's page lists both, as they now stand.
    await phone.reload();
    await phone.waitForSelector(`[data-testid=wo-rq-${second.number}]`);
    assert.match(await phone.textContent(`[data-testid=requisition-status-${rq.number}]`), /已发料/);
    assert.match(await phone.textContent(`[data-testid=wo-rq-${rq.number}] [data-testid=wo-rq-issued]`), /已发 2/);
    assert.match(await phone.textContent(`[data-testid=requisition-status-${second.number}]`), /已取消/);
    await phone.locator('[data-testid=wo-parts]').scrollIntoViewIfNeeded();
    await shot(phone, 'requisition-commands-phone-listed');
  } finally {
    await phone.context().close();
    await page.context().close();
  }
});
