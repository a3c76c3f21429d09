// Customer and machine archives in a real Chromium: an agent finds a customer
// by part of a Chinese name, changes the phone and sees old → new in the
// archive's timeline; a supervisor imports a GBK-encoded CSV whose bad row is
// shown in the dry run and blocks the import; a dealer sees only its own customers.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { launch, baseUrl, shot, newPage, signInAt, api, tokenOf } from './helpers.mjs';

const run = Date.now().toString(36).toUpperCase();

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function withPage(locale, body) {
  const page = await newPage(browser, { locale });
  try {
    await body(page);
  } finally {
    await page.context().close();
  }
}

/** Every customer the token may see (following the cursor). */
async function allCustomers(token, query = '') {
  const items = [];
  let cursor = null;
  do {
    const q = `/customers?limit=200${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await api('GET', q, { token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
  } while (cursor);
  return items;
}

test('an agent finds a customer by part of a Chinese name, changes the phone, and the archive shows old → new', async () => {
  const token = await tokenOf('agent');
  const customers = await allCustomers(token, '&active=true');
  // A person's name (all CJK), with a two-character part that few others share,
  // so the customer is on the first page of the search.
  let target;
  let part;
  for (const c of customers.filter((c) => /^[\u4e00-\u9fff]{3}$/u.test(c.name))) {
    const candidate = c.name.slice(1, 3);
    const found = (await api('GET', `/customers?q=${encodeURIComponent(candidate)}&limit=50`, { token })).body.items;
    if (found.length <= 10 && found.some((f) => f.id === c.id)) {
      target = c;
      part = candidate;
      break;
    }
  }
  assert.ok(target, 'the demo data has a customer with a rare two-character name part');
  const oldPhone = target.phone;
  const newPhone = `139${String(Date.now()).slice(-8)}`;
  assert.notEqual(oldPhone, newPhone);

  await withPage('zh-CN', async (page) => {
    await signInAt(page, '/customers', 'agent');
    await page.waitForSelector('[data-testid=customers-table]');
    await page.fill('[data-testid=customers-q]', part);
    await page.click('[data-testid=customers-search]');
    // The search is kept in the URL, and the table shows only matches.
    await page.waitForURL((u) => new URL(u).searchParams.get('q') === part);
    const row = page.locator(`[data-testid=customer-row][data-code="${target.code}"]`);
    await row.waitFor();
    const names = await page.locator('[data-testid=customer-name]').allInnerTexts();
    assert.ok(names.length >= 1 && names.length <= 10, `few matches: ${names}`);
    assert.ok(names.includes(target.name), `${target.name} in ${names}`);
    await shot(page, 'master-customer-search');

    await row.locator('[data-testid=customer-name]').click();
    await page.waitForSelector('[data-testid=customer-archive]');
    assert.equal((await page.textContent('[data-testid=customer-title]')).trim(), target.name);
    assert.equal((await page.textContent('[data-testid=fact-phone]')).trim(), oldPhone);

    await page.click('[data-testid=customer-edit]');
    await page.waitForSelector('[data-testid=customer-form]');
    // A wrong phone is refused next to its field, before anything is sent.
    await page.fill('[data-testid=customer-phone]', 'call me');
    await page.click('[data-testid=customer-save]');
    await page.waitForSelector('[data-testid=customer-phone-error]');
    await page.fill('[data-testid=customer-phone]', newPhone);
    await page.click('[data-testid=customer-save]');

    await page.waitForSelector('[data-testid=customer-saved]');
    await page.waitForSelector('[data-testid=customer-archive]');
    assert.equal((await page.textContent('[data-testid=fact-phone]')).trim(), newPhone);
    // Newest first: the change is the first entry, with who and old → new.
    const first = page.locator('[data-testid=timeline-row]').first();
    const text = await first.innerText();
    assert.ok(text.includes(`${oldPhone} → ${newPhone}`), text);
    assert.ok(text.includes('刘晓燕'), `the agent by display name: ${text}`);
    assert.equal(await first.getAttribute('data-kind'), 'record_change');
    await shot(page, 'master-customer-archive-phone-changed');
  });

  const after = await api('GET', `/customers/${target.id}`, { token });
  assert.equal(after.body.phone, newPhone, 'the API has the new phone');
});

/** A customers CSV as Chinese Excel saves it: GBK, CRLF. */
function gbkCsv(rows) {
  const text = rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
  return new Uint8Array(iconv.encode(text, 'gbk'));
}

test('a supervisor checks a GBK CSV: the row without a phone is marked and the import is refused until it is fixed', async () => {
  const header = ['客户编号', '客户名称', '客户类型', '电话', '省份', '城市'];
  const code = (n) => `T${run}${n}`;
  const good = [
    [code(1), '测试农户甲', '个人', '13800000001', '黑龙江', '五常'],
    [code(2), '测试家庭农场乙', '家庭农场', '', '吉林', '榆树'], // row 3: no phone
    [code(3), '测试农机合作社丙', '合作社', '13800000003', '河南', '郑州'],
  ];
  const bad = gbkCsv([header, ...good]);
  // The bytes really are GBK: as UTF-8 they would not read back.
  assert.notEqual(Buffer.from(bad).toString('utf8'), iconv.decode(Buffer.from(bad), 'gbk'));
  const fixedRows = good.map((r) => [...r]);
  fixedRows[1][3] = '13800000002';
  const fixed = gbkCsv([header, ...fixedRows]);
  const token = await tokenOf('supervisor');

  await withPage('zh-CN', async (page) => {
    await signInAt(page, '/imports', 'supervisor');
    await page.waitForSelector('[data-testid=import-page]');
    await page.check('[data-testid=import-kind-customers]');
    await page.setInputFiles('[data-testid=import-file]', {
      name: '客户导入.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bad),
    });
    await page.waitForSelector('[data-testid=import-file-name]');
    assert.ok(await page.isDisabled('[data-testid=import-confirm]'), 'nothing to confirm before a check');
    await page.click('[data-testid=import-check]');
    await page.waitForSelector('[data-testid=import-report]');

    const row3 = page.locator('[data-testid=import-row][data-row="3"]');
    assert.equal(await row3.getAttribute('data-action'), 'error');
    assert.match(await row3.getAttribute('class'), /row-error/);
    const err = row3.locator('[data-testid=import-cell-error]');
    assert.equal(await err.count(), 1);
    assert.equal(await err.getAttribute('data-field'), 'phone');
    assert.ok((await err.innerText()).includes('电话'), await err.innerText());
    // The other rows decode from GBK and would be created.
    assert.equal(await page.locator('[data-testid=import-row][data-row="2"]').getAttribute('data-action'), 'create');
    assert.equal(await page.locator('[data-testid=import-row][data-row="4"]').getAttribute('data-action'), 'create');
    assert.equal((await page.locator('[data-testid=import-row][data-row="2"] td.mono').innerText()).trim(), code(1));
    await page.waitForSelector('[data-testid=import-has-errors]');
    assert.ok(await page.isDisabled('[data-testid=import-confirm]'), 'a file with errors cannot be imported');
    await shot(page, 'master-import-dry-run-error');

    // The API refuses the same file as a whole, with the report, and writes nothing.
    const refused = await api('POST', '/imports/customers?dry_run=false', { token, body: bad, contentType: 'text/csv' });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.report.rows.find((r) => r.row === 3).action, 'error');
    assert.equal((await api('GET', `/customers?q=${code(1)}`, { token })).body.items.length, 0, 'nothing was imported');

    // Fixed, the file checks clean and imports; the Chinese names survive the GBK round trip.
    await page.click('[data-testid=import-start-over]');
    await page.setInputFiles('[data-testid=import-file]', {
      name: '客户导入-改.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(fixed),
    });
    await page.waitForSelector('[data-testid=import-file-name]');
    await page.click('[data-testid=import-check]');
    await page.waitForSelector('[data-testid=import-ready]');
    assert.equal(await page.locator('[data-testid=import-row][data-action=error]').count(), 0);
    await page.click('[data-testid=import-confirm]');
    await page.waitForSelector('[data-testid=import-done]');
    await shot(page, 'master-import-done');
  });
  const imported = (await api('GET', `/customers?q=${code(2)}`, { token })).body.items;
  assert.equal(imported.length, 1);
  assert.equal(imported[0].name, '测试家庭农场乙');
  assert.equal(imported[0].kind, 'farm');
  assert.equal(imported[0].phone, '13800000002');
});

test("a dealer's customer list shows only that dealer's customers", async () => {
  const dealerToken = await tokenOf('dealer');
  const me = (await api('GET', '/me', { token: dealerToken })).body;
  assert.ok(me.dealer_id, 'the demo dealer user belongs to a dealer');
  const own = await allCustomers(dealerToken);
  assert.ok(own.length > 0, 'the demo dealer has customers');
  const everyone = await allCustomers(await tokenOf('supervisor'));
  const others = everyone.filter((c) => c.dealer_id !== me.dealer_id);
  assert.ok(others.length > 0, 'other dealers have customers, so the scoping shows');

  await withPage('en-US', async (page) => {
    await signInAt(page, '/customers', 'dealer');
    await page.waitForSelector('[data-testid=customers-table]');
    const rows = page.locator('[data-testid=customer-row]');
    const dealerIds = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.querySelector('[data-testid=customer-dealer]').dataset.dealerId),
    );
    assert.equal(dealerIds.length, Math.min(own.length, 50));
    assert.ok(dealerIds.every((d) => d === me.dealer_id), `only ${me.dealer_id}: ${[...new Set(dealerIds)]}`);
    const codes = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.code));
    const otherCodes = new Set(others.map((c) => c.code));
    assert.ok(codes.every((c) => !otherCodes.has(c)), 'no other dealer customer is listed');
    await shot(page, 'master-dealer-customers');

    // Another dealer's customer does not exist for this dealer.
    await page.goto(`${baseUrl}/customers/${others[0].id}`);
    await page.waitForSelector('[data-testid=not-found]');
  });
});
