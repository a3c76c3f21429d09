// The sign-off link on the engineer's phone: once the supervisor approved the
// report, the engineer back on the farm issues its link and the customer scans
// the QR code shown on the phone (the address is shown too). Before approval
// the phone offers nothing; issuing again makes the earlier code stop working.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, shot, signInAt, api, tokenOf, loadedImage, finishedRepair } from './helpers.mjs';

const CUSTOMER_PHONE = '13674083750';
const MACHINE_SERIAL = '4LZ8M-2025-00201';
const run = Date.now().toString(36);
const PHONE = { width: 390, height: 844 };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("the engineer's phone shows the approved report's sign-off QR code", async () => {
  const agentToken = await tokenOf('agent');
  const customer = (await api('GET', `/customers?q=${CUSTOMER_PHONE}`, { token: agentToken })).body.items[0];
  const machines = await api('GET', `/machines?q=${MACHINE_SERIAL}`, { token: agentToken });
  const machine = machines.body.items.find((m) => m.serial_number === MACHINE_SERIAL);
  const { woId, tokens } = await finishedRepair({
    customerId: customer.id, machineId: machine.id, symptoms: `割台异响（手机签字二维码测试 ${run}）`,
  });
  const [supToken, engToken] = [tokens.sup, tokens.eng];
  const draft = await api('PUT', `/work-orders/${woId}/report`, {
    token: engToken, ifMatch: 0,
    body: { process: '检查割台传动', cause: '皮带老化', measures: '更换皮带', labour_hours: '1.5', parts: [] },
  });
  assert.equal(draft.status, 200, JSON.stringify(draft.body));
  const submitted = await api('POST', `/repair-reports/${draft.body.id}/submit`, {
    token: engToken, ifMatch: draft.body.version,
  });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));

  // Submitted, not yet reviewed: the phone offers no link.
  const context = await browser.newContext({ locale: 'zh-CN', viewport: PHONE, hasTouch: true, isMobile: true });
  const engineer = await context.newPage();
  engineer.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  await signInAt(engineer, `/my-work/${woId}`, 'engineer');
  await engineer.waitForSelector('[data-testid=wo-page] [data-testid=report-readonly]');
  assert.equal(await engineer.locator('[data-testid=wo-sign-link]').count(), 0);

  const approved = await api('POST', `/repair-reports/${draft.body.id}/approve`, {
    token: supToken, ifMatch: submitted.body.version, body: {},
  });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));

  // Approved: back on the farm, the engineer shows the code.
  await engineer.reload();
  await engineer.waitForSelector('[data-testid=wo-sign-link]');
  assert.match(await engineer.textContent('[data-testid=wo-sign-issue]'), /显示签字二维码/);
  await engineer.click('[data-testid=wo-sign-issue]');
  await engineer.waitForSelector('[data-testid=wo-sign-link] [data-testid=sign-link]');
  const address = (await engineer.textContent('[data-testid=sign-path]')).trim();
  assert.ok(address.startsWith(`${baseUrl}/sign/`), address);
  const token = address.slice(`${baseUrl}/sign/`.length);
  const qr = await loadedImage(engineer, '[data-testid=wo-sign-link] [data-testid=sign-qr-img]');
  assert.equal(qr.src, `/api/v1/sign/${token}/qr.svg`);
  assert.equal(qr.w, qr.h, 'a square code');
  await engineer.locator('[data-testid=wo-sign-link]').scrollIntoViewIfNeeded();
  await shot(engineer, 'field-sign-1-phone-qr');
  assert.equal((await api('GET', `/sign/${token}`)).status, 200);

  // Issued again: a new code, and the earlier one no longer opens.
  assert.match(await engineer.textContent('[data-testid=wo-sign-issue]'), /重新生成二维码/);
  await engineer.click('[data-testid=wo-sign-issue]');
  await engineer.waitForFunction(
    (old) => !document.querySelector('[data-testid=sign-path]').textContent.includes(old),
    token,
  );
  const again = (await engineer.textContent('[data-testid=sign-path]')).trim().slice(`${baseUrl}/sign/`.length);
  assert.equal((await api('GET', `/sign/${token}`)).status, 410);
  assert.equal((await api('GET', `/sign/${again}`)).status, 200);

  // The customer scans it: the sign-off page of this report opens.
  const customerPage = await (await browser.newContext({ locale: 'zh-CN', viewport: PHONE })).newPage();
  await customerPage.goto(`${baseUrl}/sign/${again}`);
  await customerPage.waitForSelector('[data-testid=sign-summary]');
  await customerPage.context().close();
  await context.close();
});
