// The whole service journey in a real Chromium, one browser context per person:
// an agent records a request through the intake form; the supervisor dispatches
// it from the ranked suggestions; the engineer, on a phone, schedules, checks in,
// finishes with the inspection and writes the report; the supervisor rejects it
// once with a reason, which sends the engineer back for a second visit; the
// engineer checks in and finishes again, corrects and resubmits; the supervisor
// approves and creates the sign-off link; the customer signs on a tablet by
// drawing on the canvas; the request is then completed with the follow-up due.
// Who pays shows at intake (proposed by the server from the machine's warranty
// today), the supervisor charges one part line with a reason at approval, and
// the customer's sign page shows the coverage of the service and of each line.
// Every step leaves a screenshot in the artifacts folder.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, shot, signInAt, api, tokenOf } from './helpers.mjs';

// A demo customer near 哈尔滨 with a combine harvester (deterministic demo data).
const CUSTOMER_PHONE = '13674083750';
const MACHINE_SERIAL = '4LZ8M-2025-00201';
const run = Date.now().toString(36);

/** The coverage a repair of a suspected main part gets for a machine's warranty status. */
const COVERAGE_OF_WARRANTY = {
  in_warranty: ['sanbao', '三包'],
  extended_warranty: ['extended_warranty', '延保'],
  expired: ['charged', '客户付费'],
  unknown: ['charged', '客户付费'],
};

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1024, height: 768 };

let browser;
/** The company's time zone (minutes east of UTC), as `GET /me` names it. */
let companyOffset;
before(async () => {
  browser = await launch();
  const me = await api('GET', '/me', { token: await tokenOf('agent') });
  companyOffset = me.body.utc_offset_minutes;
  assert.equal(typeof companyOffset, 'number');
});
after(async () => {
  await browser?.close();
});

/** A person at their own device: a fresh browser context. */
async function person({ viewport = DESKTOP, locale = 'zh-CN', touch = false } = {}) {
  const context = await browser.newContext({
    locale,
    viewport,
    hasTouch: touch,
    isMobile: touch && viewport.width < 600,
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  return page;
}

/** `YYYY-MM-DD HH:MM` in the company's time zone, whatever the browser's. */
function companyMinutes(date) {
  const t = new Date(new Date(date).getTime() + companyOffset * 60_000);
  const p = (n) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
}

/** A datetime-local input's value for `date`: company time, as the pages take it. */
function companyInput(date) {
  return companyMinutes(date);
}

/** A screenshot of the whole page from its top (the sticky bar stays on top). */
async function snap(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  return shot(page, name);
}

async function status(page, selector) {
  return page.getAttribute(selector, 'data-status');
}

test('a request goes from intake to the customer signature', async () => {
  // ---------- 1. The agent records the request ----------
  const agent = await person();
  await signInAt(agent, '/service-requests/new', 'agent');
  await agent.waitForSelector('[data-testid=intake-form]');

  // Nothing chosen: the form refuses field by field, before anything is sent.
  await agent.click('[data-testid=intake-submit]');
  await agent.waitForSelector('[data-testid=sr-customer-error]');
  assert.match(await agent.textContent('[data-testid=sr-customer-error]'), /请选择客户/);
  assert.match(await agent.textContent('[data-testid=sr-symptoms-error]'), /必填/);
  await snap(agent, 'journey-01-intake-errors');

  // Find the customer by phone (Enter searches, it does not submit).
  await agent.fill('[data-testid=sr-customer-q]', CUSTOMER_PHONE);
  await agent.press('[data-testid=sr-customer-q]', 'Enter');
  await agent.click(`[data-testid=sr-customer-${CUSTOMER_PHONE}]`);
  await agent.waitForSelector('[data-testid=sr-customer-picked]');
  await agent.waitForSelector(`[data-testid=sr-machine] option:has-text("${MACHINE_SERIAL}")`, { state: 'attached' });
  const machineValue = await agent.getAttribute(
    `[data-testid=sr-machine] option:has-text("${MACHINE_SERIAL}")`,
    'value',
  );
  await agent.selectOption('[data-testid=sr-machine]', machineValue);
  await agent.selectOption('[data-testid=sr-priority]', 'high');
  await agent.selectOption('[data-testid=sr-suspected]', 'main_part');
  await agent.fill('[data-testid=sr-symptoms]', `割台升降无力，液压油温高，作业中停机（测试 ${run}）`);
  await agent.fill('[data-testid=sr-judgement]', '疑似液压泵磨损或油管泄漏');
  await agent.check('[data-testid=sr-stopped]');
  await agent.selectOption('[data-testid=sr-operation]', 'harvest');

  // The clock preview proposes the promised arrival time (预计到达时间).
  await agent.waitForSelector('[data-testid=sr-proposal]');
  await agent.waitForFunction(
    () => document.querySelector('[data-testid=sr-promised]')?.value?.length >= 16,
  );
  const promised = await agent.inputValue('[data-testid=sr-promised]');
  // Typed and shown as Chinese users write times, not the browser's locale.
  assert.match(promised, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  // "Is this free?": the coverage proposal, from the machine's warranty today.
  const machines = await api('GET', `/machines?q=${MACHINE_SERIAL}`, { token: await tokenOf('agent') });
  const warranty = machines.body.items.find((m) => m.serial_number === MACHINE_SERIAL).warranty.status;
  const [coverage, coverageZh] = COVERAGE_OF_WARRANTY[warranty];
  await agent.waitForSelector(`[data-testid=sr-coverage][data-coverage=${coverage}]`);
  assert.equal((await agent.textContent('[data-testid=sr-coverage]')).trim(), coverageZh);
  await snap(agent, 'journey-02-intake-filled');

  await agent.click('[data-testid=intake-submit]');
  await agent.waitForSelector('[data-testid=sr-created]');
  const number = (await agent.textContent('[data-testid=sr-number]')).match(/SR-\d{4}-\d{6}/)[0];
  assert.equal(await status(agent, '[data-testid=sr-detail-page]'), 'new');
  await agent.waitForSelector('[data-testid=tl-created]');
  // People by display name, times in the company's zone as Chinese users write them.
  assert.equal((await agent.textContent('[data-testid=tl-created] [data-testid=tl-who]')).trim(), '刘晓燕');
  assert.match(
    (await agent.textContent('[data-testid=tl-created] [data-testid=tl-when]')).trim(),
    /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
  );
  await snap(agent, 'journey-03-request-recorded');

  // The list shows it with its flags, most urgent first.
  await agent.click('[data-testid=nav-service-requests]');
  await agent.waitForSelector(`[data-testid=sr-row-${number}]`);
  assert.match(await agent.textContent(`[data-testid=sr-row-${number}]`), /停机/);
  await snap(agent, 'journey-04-request-list');

  // ---------- 2. The supervisor dispatches from the suggestions ----------
  const supervisor = await person();
  await signInAt(supervisor, '/dispatch', 'supervisor');
  await supervisor.waitForSelector(`[data-testid=dispatch-queue] [data-testid=sr-row-${number}]`);
  await snap(supervisor, 'journey-05-dispatch-queue');
  await supervisor.click(`[data-testid=sr-row-${number}] a`);
  await supervisor.waitForSelector('[data-testid=suggestion-0]');
  const best = await supervisor.getAttribute('[data-testid=suggestion-0]', 'data-engineer');
  assert.equal(best, '孙立军', 'the combine-harvester engineer near 哈尔滨 ranks first');
  assert.match(await supervisor.textContent('[data-testid=suggestion-0]'), /具备联合收割机维修资质/);
  await supervisor.click('[data-testid=suggestion-pick-0]');
  await supervisor.fill('[data-testid=dispatch-requirements]', '携带液压泵总成和油管备件');
  await snap(supervisor, 'journey-06-dispatch-suggestions');
  await supervisor.click('[data-testid=dispatch-submit]');
  await supervisor.waitForSelector('[data-testid=sr-detail-page][data-status=dispatched]');
  assert.match(await supervisor.textContent('[data-testid=sr-flash]'), /孙立军/);
  await supervisor.waitForSelector('[data-testid=tl-dispatched]');
  await snap(supervisor, 'journey-07-dispatched');

  // ---------- 3. The engineer works the order on a phone ----------
  const engineer = await person({ viewport: PHONE, touch: true });
  await signInAt(engineer, '/my-work', 'engineer');
  await engineer.waitForSelector(`[data-testid=wo-card-${number}]`);
  assert.match(await engineer.getAttribute(`[data-testid=wo-card-${number}] [data-testid=wo-tel]`, 'href'), /^tel:/);
  await snap(engineer, 'journey-08-engineer-list');
  await engineer.click(`[data-testid=wo-open-${number}]`);
  await engineer.waitForSelector('[data-testid=wo-page][data-status=assigned]');

  const appointment = new Date(Date.now() + 2 * 3600 * 1000);
  await engineer.fill('[data-testid=wo-appointment]', companyInput(appointment));
  await engineer.click('[data-testid=wo-schedule]');
  await engineer.waitForSelector('[data-testid=wo-page][data-status=scheduled]');
  assert.match(await engineer.textContent('[data-testid=wo-flash]'), /已预约/);
  await snap(engineer, 'journey-09-engineer-scheduled');

  await engineer.click('[data-testid=wo-check-in]');
  await engineer.waitForSelector('[data-testid=wo-page][data-status=on_site]');
  await engineer.waitForSelector('[data-testid=report-form]');

  // A first draft on site.
  await engineer.fill('[data-testid=report-process]', '检查液压系统，发现液压泵出口压力不足，油管接头渗油。');
  await engineer.click('[data-testid=report-save]');
  await engineer.waitForSelector('[data-testid=report-flash]');
  await snap(engineer, 'journey-10-engineer-on-site-draft');

  // Finish with the inspection.
  await engineer.click('[data-testid=wo-finish]');
  await engineer.waitForSelector('[data-testid=wo-passed-error]');
  await engineer.check('[data-testid=wo-passed-yes]');
  await engineer.fill('[data-testid=wo-notes]', '试车 30 分钟，割台升降正常');
  await engineer.click('[data-testid=wo-finish]');
  await engineer.waitForSelector('[data-testid=wo-page][data-status=finished]');
  await snap(engineer, 'journey-11-engineer-finished');

  // Submitting a half-written report is refused next to the fields.
  await engineer.click('[data-testid=report-submit]');
  await engineer.waitForSelector('[data-testid=report-cause-error]');
  assert.match(await engineer.textContent('[data-testid=report-labour-error]'), /必填/);

  await engineer.fill('[data-testid=report-cause]', '液压泵磨损，油管接头密封圈老化');
  await engineer.fill('[data-testid=report-measures]', '更换液压泵和密封圈，补充液压油');
  await engineer.fill('[data-testid=report-further]', '左侧链条张紧度偏松');
  await engineer.fill('[data-testid=report-proposals]', '建议下次保养时更换链条');
  await engineer.fill('[data-testid=report-labour]', '2.5');
  await engineer.click('[data-testid=part-add]');
  await engineer.fill('[data-testid=part-0-name]', '液压泵');
  await engineer.fill('[data-testid=part-0-number]', 'HP-4LZ-08');
  await engineer.click('[data-testid=part-add]');
  await engineer.fill('[data-testid=part-1-name]', '液压油');
  await engineer.fill('[data-testid=part-1-quantity]', '4.5');
  await engineer.fill('[data-testid=part-1-unit]', '升');
  await engineer.click('[data-testid=part-add]');
  await engineer.click('[data-testid=part-2-remove]');
  await engineer.waitForSelector('[data-testid=part-2]', { state: 'detached' });
  await snap(engineer, 'journey-12-engineer-report');
  await engineer.click('[data-testid=report-submit]');
  await engineer.waitForSelector('[data-testid=report-readonly]');
  assert.match(await engineer.textContent('[data-testid=report-flash]'), /已提交/);
  await snap(engineer, 'journey-13-engineer-submitted');

  // ---------- 4. The supervisor rejects it once ----------
  await supervisor.click('[data-testid=nav-report-review]');
  await supervisor.waitForSelector(`[data-testid=review-row-${number}]`);
  await snap(supervisor, 'journey-14-review-queue');
  await supervisor.click(`[data-testid=review-open-${number}]`);
  await supervisor.waitForSelector('[data-testid=review-report-page][data-status=submitted]');
  assert.match(await supervisor.textContent('[data-testid=parts-table]'), /液压泵/);
  await supervisor.click('[data-testid=review-reject]');
  await supervisor.waitForSelector('[data-testid=reject-dialog]');
  await supervisor.click('[data-testid=reject-confirm]');
  await supervisor.waitForSelector('[data-testid=reject-reason-error]');
  await supervisor.fill('[data-testid=reject-reason]', '请写明液压泵的故障部位和更换后的压力测试值');
  await snap(supervisor, 'journey-15-review-reject');
  await supervisor.click('[data-testid=reject-confirm]');
  await supervisor.waitForSelector('[data-testid=review-report-page][data-status=rejected]');

  // ---------- 5. The engineer goes back, then corrects and resubmits ----------
  await engineer.click('[data-testid=menu-toggle]');
  await engineer.click('[data-testid=nav-my-work]');
  await engineer.waitForSelector(`[data-testid=wo-card-${number}]`);
  await engineer.click(`[data-testid=wo-open-${number}]`);
  await engineer.waitForSelector('[data-testid=wo-page][data-status=assigned]');
  await engineer.waitForSelector('[data-testid=report-revisit]');
  assert.match(await engineer.textContent('[data-testid=report-rejected]'), /压力测试值/);
  await snap(engineer, 'journey-16a-engineer-sent-back');
  await engineer.click('[data-testid=wo-check-in]');
  await engineer.waitForSelector('[data-testid=wo-page][data-status=on_site]');
  await engineer.check('[data-testid=wo-passed-yes]');
  await engineer.fill('[data-testid=wo-notes]', '返工后测压 16 MPa，试车正常');
  await engineer.click('[data-testid=wo-finish]');
  await engineer.waitForSelector('[data-testid=wo-page][data-status=finished]');
  await engineer.waitForSelector('[data-testid=report-form] [data-testid=report-rejected]');
  await engineer.fill(
    '[data-testid=report-measures]',
    '更换液压泵（柱塞磨损）和接头密封圈，补充液压油；更换后系统压力 16 MPa，正常',
  );
  await snap(engineer, 'journey-16-engineer-corrects');
  await engineer.click('[data-testid=report-submit]');
  await engineer.waitForSelector('[data-testid=report-readonly]');

  // ---------- 6. The supervisor approves and creates the sign-off link ----------
  await supervisor.reload();
  await supervisor.waitForSelector('[data-testid=review-report-page][data-status=submitted]');
  assert.match(await supervisor.textContent('[data-testid=report-measures-text]'), /16 MPa/);
  // The hydraulic oil is charged to the customer: refused without a reason, then approved with one.
  await supervisor.selectOption('[data-testid=review-cover-1]', 'charged');
  await supervisor.fill('[data-testid=review-comment]', '同意');
  await supervisor.click('[data-testid=review-approve]');
  await supervisor.waitForSelector('[data-testid=review-error]');
  assert.match(await supervisor.textContent('[data-testid=review-cover-reason-error]'), /必填/);
  await supervisor.fill('[data-testid=review-cover-reason]', '液压油属保养耗材，由客户承担');
  await snap(supervisor, 'journey-16b-review-coverage');
  await supervisor.click('[data-testid=review-approve]');
  await supervisor.waitForSelector('[data-testid=review-report-page][data-status=approved]');
  assert.equal((await supervisor.textContent('[data-testid=report-coverage]')).trim(), coverageZh);
  await supervisor.click('[data-testid=sign-link-create]');
  await supervisor.waitForSelector('[data-testid=sign-link]');
  const signPath = await supervisor.getAttribute('[data-testid=sign-open]', 'href');
  assert.match(signPath, /^\/sign\/[A-Za-z0-9_-]+$/);
  assert.ok((await supervisor.textContent('[data-testid=sign-path]')).endsWith(signPath));
  await snap(supervisor, 'journey-17-sign-link');

  // ---------- 7. The customer signs on a tablet, without signing in ----------
  const customer = await person({ viewport: TABLET, touch: true });
  await customer.goto(`${baseUrl}${signPath}`);
  await customer.waitForSelector('[data-testid=sign-summary]');
  assert.equal((await customer.textContent('[data-testid=sign-request]')).trim(), number);
  assert.equal((await customer.textContent('[data-testid=sign-coverage]')).trim(), coverageZh);
  const lineCoverage = await customer.locator('[data-testid=part-coverage]').allTextContents();
  assert.deepEqual(lineCoverage.map((t) => t.trim()), [coverageZh, '客户付费']);
  assert.equal(await customer.locator('[data-testid=sidenav]').count(), 0, 'no navigation shell');
  await customer.click('[data-testid=sign-confirm]');
  await customer.waitForSelector('[data-testid=sign-canvas-error]');
  await customer.waitForSelector('[data-testid=sign-name-error]');

  const box = await customer.locator('[data-testid=sign-canvas]').boundingBox();
  const at = (fx, fy) => [box.x + box.width * fx, box.y + box.height * fy];
  await customer.mouse.move(...at(0.15, 0.6));
  await customer.mouse.down();
  for (let i = 1; i <= 24; i += 1) {
    const t = i / 24;
    await customer.mouse.move(...at(0.15 + 0.3 * t, 0.6 - 0.35 * Math.sin(t * Math.PI)), { steps: 2 });
  }
  await customer.mouse.up();
  await customer.mouse.move(...at(0.5, 0.3));
  await customer.mouse.down();
  await customer.mouse.move(...at(0.62, 0.7), { steps: 8 });
  await customer.mouse.move(...at(0.8, 0.4), { steps: 8 });
  await customer.mouse.up();
  await customer.fill('[data-testid=sign-name]', '胡永福');
  await customer.waitForSelector('[data-testid=sign-canvas-error]', { state: 'detached' });
  await snap(customer, 'journey-18-customer-signs');
  await customer.click('[data-testid=sign-confirm]');
  await customer.waitForSelector('[data-testid=sign-done]');
  await snap(customer, 'journey-19-customer-signed');

  // The link is used up: a clear message, not an error page.
  await customer.reload();
  await customer.waitForSelector('[data-testid=sign-gone]');
  await snap(customer, 'journey-20-link-used');

  // ---------- 8. The request is completed, with the follow-up due ----------
  await supervisor.reload();
  await supervisor.waitForSelector('[data-testid=review-report-page][data-status=signed]');
  await supervisor.waitForSelector('[data-testid=review-signature]');
  await snap(supervisor, 'journey-21-signed-report');

  await agent.goto(`${baseUrl}/service-requests?q=${number}&status=all`);
  await agent.waitForSelector(`[data-testid=sr-row-${number}]`);
  await agent.click(`[data-testid=sr-row-${number}] a`);
  await agent.waitForSelector('[data-testid=sr-detail-page][data-status=completed]');
  assert.equal((await agent.textContent('[data-testid=request-status]')).trim(), '已完成');
  await agent.waitForSelector('[data-testid=tl-signed] [data-key=follow_up_due]');
  assert.match(await agent.textContent('[data-testid=tl-signed]'), /回访时间/);
  assert.match(await agent.textContent('[data-testid=tl-signed]'), /胡永福/);
  await snap(agent, 'journey-22-request-completed');

  for (const p of [agent, supervisor, engineer, customer]) await p.context().close();
});

test('the supervisor gives a dispatched job to another engineer with a reason', async () => {
  // Set-up through the API: a request for the demo combine, dispatched to the best engineer.
  const [agentToken, supToken] = [await tokenOf('agent'), await tokenOf('supervisor')];
  const customers = await api('GET', `/customers?q=${CUSTOMER_PHONE}`, { token: agentToken });
  const customer = customers.body.items[0];
  const machines = await api('GET', `/machines?q=${MACHINE_SERIAL}`, { token: agentToken });
  const machine = machines.body.items.find((m) => m.serial_number === MACHINE_SERIAL);
  const created = await api('POST', '/service-requests', {
    token: agentToken,
    body: {
      kind: 'repair', customer_id: customer.id, machine_id: machine.id, needs_onsite: true,
      priority: 'normal', symptoms: `发动机冒黑烟（改派测试 ${run}）`,
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const ranked = await api('GET', `/service-requests/${id}/engineer-suggestions`, { token: supToken });
  const first = ranked.body[0];
  const dispatched = await api('POST', `/service-requests/${id}/dispatch`, {
    token: supToken, ifMatch: created.body.version, body: { engineer_id: first.engineer_id },
  });
  assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
  const oldOrder = dispatched.body.work_order_id;

  const supervisor = await person();
  await signInAt(supervisor, `/service-requests/${id}`, 'supervisor');
  await supervisor.waitForSelector('[data-testid=sr-detail-page][data-status=dispatched]');
  assert.equal(await supervisor.textContent('[data-testid=sr-engineer]'), first.display_name);
  await supervisor.click('[data-testid=sr-reassign]');
  await supervisor.waitForSelector('[data-testid=dispatch-panel][data-mode=reassign] [data-testid=suggestion-0]');

  // The engineer who has the job is not offered; a reason is required.
  const offered = await supervisor
    .locator('[data-testid=dispatch-panel] li.suggestion')
    .evaluateAll((items) => items.map((li) => li.dataset.engineer));
  assert.ok(!offered.includes(first.display_name), `${first.display_name} is not offered: ${offered}`);
  const next = offered[0];
  await supervisor.click('[data-testid=dispatch-submit]');
  await supervisor.waitForSelector('[data-testid=reassign-reason-error]');
  assert.match(await supervisor.textContent('[data-testid=reassign-reason-error]'), /必填/);
  await supervisor.fill('[data-testid=reassign-reason]', '原工程师车辆故障，无法按时到达');
  await snap(supervisor, 'journey-reassign-1-form');
  await supervisor.click('[data-testid=dispatch-submit]');

  await supervisor.waitForSelector('[data-testid=sr-flash]');
  assert.match(await supervisor.textContent('[data-testid=sr-flash]'), new RegExp(`已改派给 ${next}`));
  await supervisor.waitForSelector('[data-testid=dispatch-panel][data-mode=reassign]', { state: 'detached' });
  await supervisor.waitForSelector('[data-testid=tl-reassigned]');
  assert.match(await supervisor.textContent('[data-testid=tl-reassigned]'), /车辆故障/);
  await supervisor.waitForFunction(
    (name) => document.querySelector('[data-testid=sr-engineer]')?.textContent === name,
    next,
  );
  await snap(supervisor, 'journey-reassign-2-done');

  // The old order closed as reassigned; the request kept its status with a new order.
  const old = await api('GET', `/work-orders/${oldOrder}`, { token: supToken });
  assert.equal(old.body.status, 'reassigned');
  const now = await api('GET', `/service-requests/${id}`, { token: supToken });
  assert.equal(now.body.status, 'dispatched');
  assert.notEqual(now.body.work_order_id, oldOrder);
  await supervisor.context().close();
});

test('the intake keeps the call: the machine page fills it, history beside it, unsaved input kept', async () => {
  // An earlier call of the same customer, recorded through the API.
  const agentToken = await tokenOf('agent');
  const customers = await api('GET', `/customers?q=${CUSTOMER_PHONE}`, { token: agentToken });
  const customer = customers.body.items[0];
  const machines = await api('GET', `/machines?q=${MACHINE_SERIAL}`, { token: agentToken });
  const machine = machines.body.items.find((m) => m.serial_number === MACHINE_SERIAL);
  const earlier = await api('POST', '/service-requests', {
    token: agentToken,
    body: {
      kind: 'repair', customer_id: customer.id, machine_id: machine.id, needs_onsite: true,
      priority: 'normal', symptoms: `液压油渗漏（历史测试 ${run}）`,
    },
  });
  assert.equal(earlier.status, 201, JSON.stringify(earlier.body));

  // The machine's page has a "new request" button that fills the form.
  const agent = await person();
  await signInAt(agent, `/machines/${machine.id}`, 'agent');
  await agent.click('[data-testid=new-request-here]');
  await agent.waitForSelector('[data-testid=intake-form] [data-testid=sr-customer-picked]');
  assert.match(await agent.textContent('[data-testid=sr-customer-picked]'), new RegExp(CUSTOMER_PHONE));
  await agent.waitForFunction(
    (id) => document.querySelector('[data-testid=sr-machine]')?.value === id,
    machine.id,
  );

  // The customer's requests show beside the form, with the time in company time.
  const past = agent.locator(`[data-testid=sr-past-requests] [data-testid=sr-past-${earlier.body.number}]`);
  await past.waitFor();
  const shown = companyMinutes(earlier.body.reported_at);
  assert.match(shown, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  const pastText = await past.innerText();
  assert.ok(pastText.includes(shown), `${shown} in ${pastText}`);
  assert.ok(pastText.includes('液压油渗漏'), pastText);
  await agent.waitForSelector('[data-testid=sr-machine-history] [data-testid=timeline-row]');
  await snap(agent, 'journey-intake-history');

  // Leaving with unsaved input asks first; staying keeps what was typed.
  await agent.fill('[data-testid=sr-symptoms]', '仪表盘报警，发动机转速不稳');
  const asked = agent.waitForEvent('dialog').then(async (d) => {
    const message = d.message();
    await d.dismiss();
    return message;
  });
  await agent.click('[data-testid=nav-service-requests]');
  assert.match(await asked, /尚未登记/);
  assert.equal(new URL(agent.url()).pathname, '/service-requests/new');
  assert.equal(await agent.inputValue('[data-testid=sr-symptoms]'), '仪表盘报警，发动机转速不稳');
  // Closing or reloading the tab is held back the same way.
  assert.equal(
    await agent.evaluate(() => window.dispatchEvent(new Event('beforeunload', { cancelable: true }))),
    false,
  );
  // Leaving on purpose leaves.
  agent.once('dialog', (d) => d.accept());
  await agent.click('[data-testid=nav-service-requests]');
  await agent.waitForURL((u) => new URL(u).pathname === '/service-requests');

  // The first contact takes a note, which the timeline shows under its label.
  await agent.goto(`${baseUrl}/service-requests/${earlier.body.id}`);
  await agent.click('[data-testid=sr-contact]');
  await agent.waitForSelector('[data-testid=contact-dialog]');
  await agent.fill('[data-testid=contact-reason]', '已电话联系，约定明早八点到场');
  await agent.click('[data-testid=contact-confirm]');
  await agent.waitForSelector('[data-testid=tl-contacted] [data-key=note]');
  assert.match(await agent.textContent('[data-testid=tl-contacted]'), /备注：已电话联系，约定明早八点到场/);
  assert.equal((await agent.textContent('[data-testid=tl-contacted] [data-testid=tl-who]')).trim(), '刘晓燕');
  await snap(agent, 'journey-contact-note');
  await agent.context().close();
});
