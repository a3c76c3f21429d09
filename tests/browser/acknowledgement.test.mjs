// Signing where the customer is: the engineer, on a phone, collects the
// customer's on-site acknowledgement (现场确认: satisfaction mark, name and a
// signature drawn on the canvas) right after finishing; the supervisor sees it
// on the report page, approves, creates the sign-off link and shows its QR
// code (drawn by the server) for the customer to scan; the sign-off page
// shows its own QR code to hand over to another device.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, shot, signInAt, api, tokenOf, loadedImage, finishedRepair } from './helpers.mjs';

const CUSTOMER_PHONE = '13674083750';
const MACHINE_SERIAL = '4LZ8M-2025-00201';
const run = Date.now().toString(36);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function person({ viewport = DESKTOP, touch = false } = {}) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport,
    hasTouch: touch,
    isMobile: touch && viewport.width < 600,
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  return page;
}

/** Draws a stroke across the signature canvas with the mouse. */
async function draw(page) {
  const canvas = page.locator('[data-testid=sign-canvas]');
  // The mouse moves in the viewport: the box must be in view on a phone.
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const at = (fx, fy) => [box.x + box.width * fx, box.y + box.height * fy];
  await page.mouse.move(...at(0.2, 0.6));
  await page.mouse.down();
  for (let i = 1; i <= 16; i += 1) {
    const t = i / 16;
    await page.mouse.move(...at(0.2 + 0.5 * t, 0.6 - 0.3 * Math.sin(t * Math.PI)), { steps: 2 });
  }
  await page.mouse.up();
}

test('the engineer collects the acknowledgement on a phone and the office shows the QR code of the link', async () => {
  // Set-up through the API: a request dispatched to the demo engineer, visited and finished.
  const agentToken = await tokenOf('agent');
  const customer = (await api('GET', `/customers?q=${CUSTOMER_PHONE}`, { token: agentToken })).body.items[0];
  const machines = await api('GET', `/machines?q=${MACHINE_SERIAL}`, { token: agentToken });
  const machine = machines.body.items.find((m) => m.serial_number === MACHINE_SERIAL);
  const { woId, tokens } = await finishedRepair({
    customerId: customer.id, machineId: machine.id, symptoms: `割台异响（现场确认测试 ${run}）`,
  });
  const [supToken, engToken] = [tokens.sup, tokens.eng];

  // ---------- The engineer, on a phone ----------
  const engineer = await person({ viewport: PHONE, touch: true });
  await signInAt(engineer, `/my-work/${woId}`, 'engineer');
  await engineer.waitForSelector('[data-testid=wo-page][data-status=finished] [data-testid=wo-acknowledge]');
  // Nothing given: every missing part says so, nothing is sent.
  await engineer.click('[data-testid=ack-save]');
  await engineer.waitForSelector('[data-testid=ack-satisfaction-error]');
  await engineer.waitForSelector('[data-testid=sign-canvas-error]');
  await engineer.waitForSelector('[data-testid=ack-name-error]');
  assert.match(await engineer.textContent('[data-testid=ack-satisfaction-error]'), /请选择满意度/);
  // The five marks of the follow-up's scale.
  const marks = await engineer.locator('[data-testid=ack-satisfaction] label').allInnerTexts();
  assert.deepEqual(marks.map((m) => m.trim()), ['非常满意', '满意', '一般', '不满意', '非常不满意']);
  await engineer.check('[data-testid=ack-satisfied]');
  await draw(engineer);
  await engineer.fill('[data-testid=ack-name]', '胡永福');
  await shot(engineer, 'ack-1-engineer-phone-form');
  await engineer.click('[data-testid=ack-save]');
  await engineer.waitForSelector('[data-testid=acknowledgement]');
  await engineer.waitForSelector('[data-testid=wo-acknowledge]', { state: 'detached' });
  assert.equal((await engineer.textContent('[data-testid=ack-signer]')).trim(), '胡永福');
  assert.equal((await engineer.textContent('[data-testid=ack-mark]')).trim(), '满意');
  const sig = await loadedImage(engineer, '[data-testid=ack-signature]');
  assert.ok(sig.src.startsWith('data:image/png;base64,'));
  assert.equal(sig.w, 1200, 'the canvas drawing as drawn');
  await shot(engineer, 'ack-2-engineer-phone-acknowledged');

  const stored = (await api('GET', `/work-orders/${woId}`, { token: supToken })).body;
  assert.equal(stored.acknowledgement.signer_name, '胡永福');
  assert.equal(stored.acknowledgement.satisfaction, 'satisfied');

  // The report goes to review through the API.
  const draft = await api('PUT', `/work-orders/${woId}/report`, {
    token: engToken, ifMatch: 0,
    body: { process: '检查割台传动', cause: '皮带老化', measures: '更换皮带', labour_hours: '1.5', parts: [] },
  });
  assert.equal(draft.status, 200, JSON.stringify(draft.body));
  const submitted = await api('POST', `/repair-reports/${draft.body.id}/submit`, {
    token: engToken, ifMatch: draft.body.version,
  });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));

  // ---------- The supervisor: review, approve, the link and its QR code ----------
  const supervisor = await person();
  await signInAt(supervisor, `/report-review/${draft.body.id}`, 'supervisor');
  await supervisor.waitForSelector('[data-testid=review-report-page][data-status=submitted]');
  await supervisor.waitForSelector('[data-testid=acknowledgement]');
  assert.equal((await supervisor.textContent('[data-testid=ack-mark]')).trim(), '满意');
  await loadedImage(supervisor, '[data-testid=ack-signature]');
  await supervisor.click('[data-testid=review-approve]');
  await supervisor.waitForSelector('[data-testid=review-report-page][data-status=approved]');
  await supervisor.click('[data-testid=sign-link-create]');
  await supervisor.waitForSelector('[data-testid=sign-link]');
  const signPath = await supervisor.getAttribute('[data-testid=sign-open]', 'href');
  const token = signPath.replace('/sign/', '');
  const qr = await loadedImage(supervisor, '[data-testid=sign-link] [data-testid=sign-qr-img]');
  assert.equal(qr.src, `/api/v1/sign/${token}/qr.svg`);
  assert.equal(qr.w, qr.h, 'a square code');
  await supervisor.locator('[data-testid=sign-link]').scrollIntoViewIfNeeded();
  await shot(supervisor, 'ack-3-office-report-qr');

  // ---------- The sign-off page shows its own QR code ----------
  const signer = await person({ viewport: PHONE, touch: true });
  await signer.goto(`${baseUrl}${signPath}`);
  await signer.waitForSelector('[data-testid=sign-summary]');
  const own = await loadedImage(signer, '[data-testid=sign-handover] [data-testid=sign-qr-img]');
  assert.equal(own.src, qr.src);
  await shot(signer, 'ack-4-sign-page-qr');

  for (const p of [engineer, supervisor, signer]) await p.context().close();
});
