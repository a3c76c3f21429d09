// Office lists in a real Chromium: the list shows its total, a column header
// sorts (and says so with aria-sort), the order lives in the URL so a reload
// keeps it, and Export CSV downloads the same selection the list shows, with
// headers in the user's language.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, baseUrl, shot, newPage, signInAt, api, tokenOf } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Every customer of a province the token may see, following the cursor. */
async function customersOf(token, province) {
  const items = [];
  let cursor = null;
  do {
    const q = `/customers?limit=200&province=${encodeURIComponent(province)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await api('GET', q, { token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
  } while (cursor);
  return items;
}

/** RFC 4180 rows: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The phones of the table's rows, top to bottom. */
const shownPhones = (page) =>
  page.$$eval('[data-testid=customer-row] [data-testid=customer-phone]', (cells) => cells.map((c) => c.textContent.trim()));

const sorted = (xs, dir) => [...xs].sort((a, b) => (dir === 'asc' ? a.localeCompare(b) : b.localeCompare(a)));

test('an agent sorts customers by phone, a reload keeps the order, and the CSV export holds the same selection', async () => {
  const token = await tokenOf('agent');
  // A province with more than one customer, so that an order can be seen.
  const all = (await api('GET', '/customers?limit=200', { token })).body.items;
  const counts = new Map();
  for (const c of all) counts.set(c.province, (counts.get(c.province) || 0) + 1);
  const province = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const expected = await customersOf(token, province);
  assert.ok(expected.length > 1, `demo data has several customers in ${province}`);

  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    await signInAt(page, `/customers?province=${encodeURIComponent(province)}`, 'agent');
    await page.waitForSelector('[data-testid=customer-row]');
    // The list says how many customers its filters select over all pages.
    const total = await page.textContent('[data-testid=list-total]');
    assert.match(total, new RegExp(`\\b${expected.length}\\b`), `total of ${expected.length}: ${total}`);

    await page.click('[data-testid=sort-phone]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'phone');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=sort-phone]')?.closest('th')?.getAttribute('aria-sort') === 'ascending',
    );
    let phones = await shownPhones(page);
    assert.ok(phones.length > 1);
    assert.deepEqual(phones, sorted(phones, 'asc'), 'ascending by phone');

    await page.click('[data-testid=sort-phone]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('dir') === 'desc');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=sort-phone]')?.closest('th')?.getAttribute('aria-sort') === 'descending',
    );
    await page.waitForFunction(
      (first) => document.querySelector('[data-testid=customer-row] [data-testid=customer-phone]')?.textContent.trim() !== first,
      phones[0],
    );
    phones = await shownPhones(page);
    assert.deepEqual(phones, sorted(phones, 'desc'), 'descending by phone');

    await page.reload();
    await page.waitForSelector('[data-testid=customer-row]');
    assert.deepEqual(await shownPhones(page), phones, 'a reload keeps filter and order');
    assert.equal(new URL(page.url()).searchParams.get('province'), province);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=customers-export-csv]'),
    ]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    const [header, ...rows] = parseCsv(text).filter((r) => r.some((f) => f !== ''));
    assert.ok(header.some((h) => /[\u4e00-\u9fff]/u.test(h)), `Chinese headers: ${header.join(',')}`);
    const codeColumn = header.findIndex((h) => /编号|代码|编码/.test(h));
    assert.ok(codeColumn >= 0, `a code column in ${header.join(',')}`);
    assert.deepEqual(
      rows.map((r) => r[codeColumn]).sort(),
      expected.map((c) => c.code).sort(),
      'the export holds exactly the customers of the filtered list',
    );
    await shot(page, 'lists-customers-sorted');
  } finally {
    await page.context().close();
  }
});
