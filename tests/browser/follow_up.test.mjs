// Follow-up calls (客户回访, issue 20): the agent completes a follow-up as
// dissatisfied with the machine not running normally; the request shows
// closed and a repeat request, linked both ways, appears in the list.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, shot, signInAt, api, tokenOf } from './helpers.mjs';

const run = Date.now().toString(36);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('a follow-up finding the machine not running normally closes the request and opens a linked repeat request', async () => {
  const agent = await tokenOf('agent');
  const machines = await api('GET', '/machines?limit=50', { token: agent });
  assert.equal(machines.status, 200);
  const machine = machines.body.items.filter((m) => m.active).at(-3);
  assert.ok(machine, 'the demo data has machines');
  // A consultation solved on the phone: its follow-up is scheduled.
  const sr = await api('POST', '/service-requests', {
    token: agent,
    body: {
      kind: 'consultation', customer_id: machine.customer_id, machine_id: machine.id,
      symptoms: `咨询割台高度调整（回访测试 ${run}）`, needs_onsite: false, priority: 'normal',
    },
  });
  assert.equal(sr.status, 201, JSON.stringify(sr.body));
  const resolved = await api('POST', `/service-requests/${sr.body.id}/resolve-remotely`, {
    token: agent, ifMatch: sr.body.version, body: { resolution: '电话指导调整割台高度' },
  });
  assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
  const followUps = await api('GET', `/service-requests/${sr.body.id}/follow-ups`, { token: agent });
  assert.equal(followUps.body.length, 1);
  const followUp = followUps.body[0];

  const page = await newPage(browser);
  try {
    // The queue lists it under 待回访 (due later) with its phone.
    await signInAt(page, '/follow-ups', 'agent');
    await page.waitForSelector('[data-testid=follow-up-page]');
    await page.click('[data-testid=follow-up-tab-due]');
    const row = page.locator(`[data-testid="follow-up-row-${sr.body.number}"]`);
    await row.waitFor();
    await shot(page, 'follow-up-queue');
    await row.locator('a').first().click();

    // The call screen: script, outcome buttons from the follow-up's actions.
    await page.waitForSelector('[data-testid=follow-up-call]');
    await page.waitForSelector('[data-testid=follow-up-script]');
    assert.equal(await page.locator('[data-testid=follow-up-close-unreachable]').count(), 0,
      'no unreachable close before the failed attempts');
    await page.click('[data-testid=follow-up-satisfaction-dissatisfied]');
    await page.fill('[data-testid=follow-up-comments]', '割台又抖动，收割时停机');
    await page.fill('[data-testid=follow-up-suggestions]', '希望农忙前多备配件');
    await shot(page, 'follow-up-call');
    await page.click('[data-testid=follow-up-not-normal]');
    await page.waitForSelector('[data-testid=follow-up-flash]');
    await page.waitForSelector('[data-testid=follow-up-repeat] a');
    assert.equal(await page.locator('[data-testid=follow-up-script]').count(), 0,
      'a done follow-up offers no more commands');
    assert.match(await page.textContent('[data-testid=follow-up-satisfaction]'), /不满意/);
    await shot(page, 'follow-up-done');

    // The request is closed and its follow-up panel links the repeat request.
    await page.goto(`${page.url().split('/follow-ups')[0]}/service-requests/${sr.body.id}`);
    await page.waitForSelector('[data-testid=sr-detail-page][data-status=closed]');
    const repeatLink = page.locator('[data-testid=request-repeat-link] a');
    await repeatLink.waitFor();
    const repeatNumber = (await repeatLink.textContent()).trim();
    await shot(page, 'follow-up-request-closed');
    await repeatLink.click();

    // The repeat request: new, and linked back to the one followed up.
    await page.waitForSelector('[data-testid=sr-detail-page][data-status=new]');
    assert.match(await page.textContent('[data-testid=sr-number]'), new RegExp(repeatNumber));
    await page.waitForSelector('[data-testid=sr-repeat-of] a');
    assert.equal((await page.textContent('[data-testid=sr-repeat-of] a')).trim(), sr.body.number,
      'the link back names the original request by its number');
    await shot(page, 'follow-up-repeat-request');
    await page.click('[data-testid=sr-repeat-of] a');
    await page.waitForSelector('[data-testid=sr-detail-page][data-status=closed]');

    // It is in the request list of open requests (searched by its number).
    await page.goto(`${page.url().split('/service-requests')[0]}/service-requests?q=${repeatNumber}`);
    await page.waitForSelector(`[data-testid="sr-row-${repeatNumber}"]`);
    await shot(page, 'follow-up-list-open');

    // And the API agrees: repeat_of set, the old request closed.
    const old = await api('GET', `/service-requests/${sr.body.id}`, { token: agent });
    assert.equal(old.body.status, 'closed');
    const done = await api('GET', `/follow-ups/${followUp.id}`, { token: agent });
    const repeat = await api('GET', `/service-requests/${done.body.repeat_request_id}`, { token: agent });
    assert.equal(repeat.body.repeat_of, sr.body.id);
    assert.equal(repeat.body.repeat_of_number, sr.body.number);
    assert.equal(repeat.body.number, repeatNumber);
  } finally {
    await page.context().close();
  }
});
