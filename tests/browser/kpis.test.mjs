// The quality assessment's KPI page (质量考核指标, issue 20), in its own
// bundle (quality.html): the supervisor opens a month of the demo's history
// (made by the real commands), sees the company's cards and an engineer's
// row as the API counts them, opens the records behind a figure and one of
// their requests in the office; an engineer sees only their own row.

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

/** The last `n` calendar months, newest first, as YYYY-MM. */
function recentMonths(n) {
  const out = [];
  const d = new Date();
  for (let i = 0; i < n; i += 1) {
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - 1);
  }
  return out;
}

/** A month in which the demo engineer has figures, with both reports. */
async function monthWithData() {
  const [supervisor, engineer] = [await tokenOf('supervisor'), await tokenOf('engineer')];
  // Whole months only: early in a month the month so far may hold one
  // engineer's repairs, and the assessment is of closed months anyway.
  for (const month of recentMonths(24).slice(1)) {
    const own = await api('GET', `/kpis?month=${month}`, { token: engineer });
    assert.equal(own.status, 200, JSON.stringify(own.body));
    const row = own.body.engineers[0];
    if (row && row.timeliness.denominator > 0) {
      const all = await api('GET', `/kpis?month=${month}`, { token: supervisor });
      assert.equal(all.status, 200);
      return { month, own: own.body, all: all.body, supervisor };
    }
  }
  throw new Error('no month of the demo history has the engineer’s figures');
}

const rateText = (r) => (r.rate === null ? '无数据' : `${r.rate.toFixed(2)}%`);

test('the supervisor reads a month’s KPIs, opens the records behind a figure and one of their requests; an engineer sees only their own row', async () => {
  const { month, own, all, supervisor } = await monthWithData();
  assert.ok(all.engineers.length > own.engineers.length, 'the supervisor sees more than one engineer');
  const mine = own.engineers[0];

  const page = await newPage(browser);
  try {
    // Without a month the page shows last month; the picker puts one in the address.
    await signInAt(page, '/kpis', 'supervisor');
    await page.waitForSelector('[data-testid=kpis-page]');
    await page.fill('[data-testid=kpi-month]', month);
    await page.waitForFunction((m) => new URL(location.href).searchParams.get('month') === m, month);

    // The company’s cards are the API’s figures; the parts accuracy is
    // as the API counts it from the stock-takes reconciled in the month
    // ("无数据" when none was: not 0%).
    const company = all.company;
    const card = page.locator('[data-testid=kpi-card-timeliness]');
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="kpi-company-timeliness-rate"]')?.textContent.trim() === want,
      rateText(company.timeliness),
    );
    assert.equal((await card.locator('[data-testid="kpi-company-timeliness-numerator"]').textContent()).trim(),
      String(company.timeliness.numerator));
    assert.equal((await card.locator('[data-testid="kpi-company-timeliness-denominator"]').textContent()).trim(),
      String(company.timeliness.denominator));
    for (const kpi of ['success', 'satisfaction']) {
      assert.equal((await page.textContent(`[data-testid="kpi-company-${kpi}-rate"]`)).trim(), rateText(company[kpi]), kpi);
    }
    const parts = all.parts_department.parts_accuracy;
    assert.equal((await page.textContent('[data-testid="kpi-parts-parts_accuracy-rate"]')).trim(), rateText(parts));

    // The demo engineer's row: rates, score and grade as the API gives them.
    const row = page.locator(`[data-testid="kpi-row-${mine.subject}"]`);
    assert.match(await row.textContent(), new RegExp(mine.name));
    assert.equal((await row.locator(`[data-testid="kpi-${mine.subject}-timeliness-rate"]`).textContent()).trim(),
      rateText(mine.timeliness));
    if (mine.score !== null) assert.match(await row.textContent(), new RegExp(mine.score.toFixed(2)));
    assert.equal(await page.locator('[data-testid=kpi-engineers] tbody tr').count(), all.engineers.length);
    await shot(page, 'kpis-supervisor-month');

    // Sorting by score puts it in the address and keeps every row.
    await page.click('[data-testid=sort-score]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'score');
    assert.equal(await page.locator('[data-testid=kpi-engineers] tbody tr').count(), all.engineers.length);

    // The records behind the engineer's timeliness denominator.
    const behind = await api('GET',
      `/kpis/records?month=${month}&kpi=timeliness&subject=${encodeURIComponent(mine.subject)}&part=denominator&limit=50`,
      { token: supervisor });
    assert.equal(behind.status, 200);
    await row.locator(`[data-testid="kpi-${mine.subject}-timeliness-denominator"]`).click();
    await page.waitForSelector('[data-testid=kpi-records-page]');
    await page.waitForSelector('[data-testid=kpi-records] tbody tr');
    assert.match(await page.textContent('[data-testid=kpi-records-title]'), new RegExp(`${mine.name}.*及时率`));
    assert.equal(await page.locator('[data-testid=kpi-records] tbody tr').count(), behind.body.items.length);
    assert.equal(behind.body.items.length, Math.min(mine.timeliness.denominator, 50));
    const first = behind.body.items[0];
    const firstRow = page.locator(`[data-testid="kpi-record-${first.number}"]`);
    assert.match(await firstRow.textContent(), new RegExp(first.request_number));
    assert.match(await firstRow.textContent(), first.in_numerator ? /达标/ : /未达标/);
    await shot(page, 'kpis-records-timeliness');

    // Its request opens in the office's bundle (a page load).
    await firstRow.locator('a', { hasText: first.request_number }).click();
    await page.waitForSelector('[data-testid=sr-detail-page]');
    assert.equal(new URL(page.url()).pathname, `/service-requests/${first.request_id}`);
    await shot(page, 'kpis-record-request');
  } finally {
    await page.context().close();
  }

  // The engineer opens the same month: their own row only, no company cards.
  const mobile = await newPage(browser);
  try {
    await signInAt(mobile, `/kpis?month=${month}`, 'engineer');
    await mobile.waitForSelector('[data-testid=kpi-engineers] tbody tr');
    assert.equal(await mobile.locator('[data-testid=kpi-engineers] tbody tr').count(), 1);
    assert.equal(await mobile.locator(`[data-testid="kpi-row-${mine.subject}"]`).count(), 1);
    assert.equal(await mobile.locator('[data-testid=kpi-company]').count(), 0);
    assert.equal(await mobile.locator('[data-testid=nav-kpis]').count(), 1, 'the nav offers the engineer their KPIs');
    await shot(mobile, 'kpis-engineer-own-row');
  } finally {
    await mobile.context().close();
  }
});
