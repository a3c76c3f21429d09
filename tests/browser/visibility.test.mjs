// What a dealer sees (issue 18, item 20): signed in as the demo dealer, the
// page of its request shows the appointment and the approved report's
// outcome, and never the supervisor's comment that rejected the report first.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, shot, signInAt, api, tokenOf } from './helpers.mjs';

const run = Date.now().toString(36);
const REJECTION = `内部意见：工时填写过高（${run}）`;
const CAUSE = `割台传动皮带老化断裂（${run}）`;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Runs a command that must succeed and answers the record it returns. */
async function command(path, token, record, body = {}) {
  const res = await api('POST', path, { token, ifMatch: record.version, body });
  assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The engineer's visit: an appointment, the arrival and the finish. */
async function visit(woPath, token, appointment) {
  let wo = (await api('GET', woPath, { token })).body;
  wo = await command(`${woPath}/schedule`, token, wo, { appointment_at: appointment, note: '内部备注' });
  wo = await command(`${woPath}/check-in`, token, wo);
  await command(`${woPath}/finish`, token, wo, { inspection_passed: true, notes: '工程师私记' });
}

/** The engineer writes the report and submits it. */
async function writeAndSubmit(woPath, token, version, process) {
  const saved = await api('PUT', `${woPath}/report`, {
    token,
    ifMatch: version,
    body: {
      process, cause: CAUSE, measures: '更换皮带并调整张紧度', labour_hours: '2.5',
      parts: [{ part_number: '4LZ-0231', name: '割台传动皮带', quantity: '1', unit: '条' }],
    },
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  return command(`/repair-reports/${saved.body.id}/submit`, token, saved.body);
}

test('the dealer reads its request with the appointment and the outcome, not the rejection', async () => {
  const [dealer, sup, eng] = await Promise.all(['dealer', 'supervisor', 'engineer'].map((u) => tokenOf(u)));
  const engineer = (await api('GET', '/me', { token: eng })).body;
  const machines = await api('GET', '/machines?limit=50', { token: dealer });
  const machine = machines.body.items.find((m) => m.active);
  assert.ok(machine, 'the demo dealer has a machine');
  const created = await api('POST', '/service-requests', {
    token: dealer,
    body: {
      kind: 'repair', customer_id: machine.customer_id, machine_id: machine.id, needs_onsite: true,
      priority: 'normal', symptoms: `割台不转（可见性测试 ${run}）`,
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const dispatched = await command(`/service-requests/${id}/dispatch`, sup, created.body, {
    engineer_id: engineer.id, requirements: '内部要求',
  });
  const woPath = `/work-orders/${dispatched.work_order_id}`;
  const appointment = new Date(Date.now() + 2 * 86400e3);
  appointment.setUTCSeconds(0, 0);
  await visit(woPath, eng, appointment.toISOString());
  let report = await writeAndSubmit(woPath, eng, 0, '检查割台');
  report = await command(`/repair-reports/${report.id}/reject`, sup, report, { reason: REJECTION });
  await visit(woPath, eng, appointment.toISOString());
  report = await writeAndSubmit(woPath, eng, report.version, '更换割台传动皮带');
  await command(`/repair-reports/${report.id}/approve`, sup, report, { comment: '内部：审核通过' });
  // The rejection is on the record for the service department.
  const staff = await api('GET', `/repair-reports/${report.id}`, { token: sup });
  assert.equal(staff.body.last_rejection.comment, REJECTION);

  const page = await newPage(browser);
  await signInAt(page, `/service-requests/${id}`, 'dealer');
  const outcome = page.locator('[data-testid=sr-report-summary]');
  await outcome.waitFor();
  const outcomeText = await outcome.innerText();
  assert.ok(outcomeText.includes(CAUSE), outcomeText);
  assert.match(outcomeText, /更换皮带并调整张紧度/);
  assert.match(outcomeText, /已审核/);
  await page.locator('[data-testid=sr-appointment]').waitFor();
  // The timeline has loaded: the approval is on it, the rejection is not.
  await page.locator('[data-testid=tl-report_approved]').waitFor();
  assert.equal(await page.locator('[data-testid=tl-report_rejected]').count(), 0);
  assert.equal(await page.locator('[data-testid=tl-scheduled]').count(), 2);
  const text = await page.locator('main').innerText();
  assert.ok(!text.includes(REJECTION), 'the rejection comment is not shown to the dealer');
  for (const internal of ['内部要求', '内部备注', '工程师私记', '内部：审核通过']) {
    assert.ok(!text.includes(internal), `${internal} is not shown to the dealer`);
  }
  await shot(page, 'visibility-dealer-request');
  await page.context().close();
});
