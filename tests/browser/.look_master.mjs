// Scratch: screenshots of the master data pages (not a test; deleted after use).
import { launch, baseUrl } from './helpers.mjs';
const [user, locale, width, ...paths] = process.argv.slice(2);
const browser = await launch();
const ctx = await browser.newContext({ locale, viewport: { width: Number(width), height: 900 } });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.error('[page error]', e.message));
page.on('console', (m) => { if (m.type() === 'error') console.error('[console]', m.text()); });
await page.goto(`${baseUrl}/login`);
await page.fill('[data-testid=login-username]', user);
await page.fill('[data-testid=login-password]', 'furrow-demo');
await page.click('[data-testid=login-submit]');
await page.waitForSelector('[data-testid=dashboard]');
for (const p of paths) {
  const [path, name] = p.split('=');
  await page.goto(`${baseUrl}${path}`);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/m/shots/${name}.png`, fullPage: true });
  console.log('shot', name);
}
await browser.close();
