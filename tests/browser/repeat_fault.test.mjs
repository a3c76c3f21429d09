// The 三包 repeat-fault rule (issue 18, item 4): the engineer's report names the
// main assembly and whether the fault is serious; once two repairs of the same
// serious engine fault are approved inside the 三包 period, the machine's page
// warns that a new assembly is due and links the two requests behind it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, shot, signInAt, api, tokenOf, finishedRepair } from './helpers.mjs';

const run = Date.now().toString(36);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A repair of `machine` taken in, visited, reported with `fault` and approved; its number. */
async function approvedRepair(tokens, machine, fault, n) {
  const { request, woId } = await finishedRepair({
    customerId: machine.customer_id, machineId: machine.id, priority: 'high',
    symptoms: `发动机无力冒黑烟（重复故障测试 ${run}-${n}）`,
  });
  const draft = await api('PUT', `/work-orders/${woId}/report`, {
    token: tokens.eng, ifMatch: 0,
    body: {
      process: '拆检发动机', cause: '喷油器积碳', measures: '清洗喷油器', labour_hours: '4',
      part_type: 'main_part', fault, parts: [],
    },
  });
  assert.equal(draft.status, 200, JSON.stringify(draft.body));
  const submitted = await api('POST', `/repair-reports/${draft.body.id}/submit`, {
    token: tokens.eng, ifMatch: draft.body.version,
  });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  const approved = await api('POST', `/repair-reports/${draft.body.id}/approve`, {
    token: tokens.sup, ifMatch: submitted.body.version, body: {},
  });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  return request.number;
}

test('two approved repairs of the same serious engine fault flag the machine for a new engine', async () => {
  const tokens = {
    agent: await tokenOf('agent'),
    sup: await tokenOf('supervisor'),
    eng: await tokenOf('engineer'),
  };
  // A demo machine inside its 三包 period that no other browser test picks
  // (the warranty test takes the first one of this list).
  const inside = await api('GET', '/machines?warranty=in_warranty&limit=50', { token: tokens.agent });
  assert.equal(inside.status, 200);
  const machine = inside.body.items.filter((m) => m.active).at(-1);
  assert.ok(machine, 'the demo data has a machine in 三包');
  const flags = `/machines/${machine.id}/repeat-faults`;
  assert.deepEqual((await api('GET', flags, { token: tokens.sup })).body, []);

  const engine = { assembly: 'engine', serious: true };
  const first = await approvedRepair(tokens, machine, engine, 1);
  // One repair of the fault is not a repeat: the page shows no warning.
  const page = await newPage(browser);
  await signInAt(page, `/machines/${machine.id}`, 'supervisor');
  await page.waitForSelector('[data-testid=new-request-here]');
  assert.equal(await page.locator('[data-testid=repeat-fault]').count(), 0);

  const second = await approvedRepair(tokens, machine, engine, 2);
  await page.reload();
  const warning = page.locator('[data-testid=repeat-fault]');
  await warning.waitFor();
  assert.equal(await warning.getAttribute('data-remedy'), 'replace_assembly');
  assert.match(await warning.textContent(), /发动机/);
  const lines = await page.locator('[data-testid=repeat-fault-report]').allTextContents();
  assert.equal(lines.length, 2, lines.join(' | '));
  assert.ok(lines.some((l) => l.includes(first)), `${first} in ${lines}`);
  assert.ok(lines.some((l) => l.includes(second)), `${second} in ${lines}`);
  await warning.scrollIntoViewIfNeeded();
  await shot(page, 'repeat-fault-machine');

  // Each number opens its request.
  await page.click(`[data-testid=repeat-fault-report] a:has-text("${first}")`);
  await page.waitForFunction((n) => document.body.textContent.includes(n), first);
  assert.match(page.url(), /\/service-requests\//);
  await page.context().close();
});
