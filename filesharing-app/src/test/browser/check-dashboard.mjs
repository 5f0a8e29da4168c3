// Opens a node's dashboard in headless chromium, types a lookup, and prints what the page showed
// as one JSON line for DashboardBrowserIT to check. Usage:
//   node check-dashboard.mjs CHROMIUM LOGIN_LINK KEY SCREENSHOT
import { chromium } from 'playwright-core';

const [executablePath, link, key, screenshot] = process.argv.slice(2);
const WAIT = { timeout: 15000 };

const browser = await chromium.launch({
  executablePath,
  headless: true,
  // As root chromium needs --no-sandbox; the rest keep it off the network beyond the page.
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--headless=new'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push('uncaught: ' + e.message));
  page.on('requestfailed', (r) => consoleErrors.push('request failed: ' + r.url() + ' ' + r.failure()?.errorText));

  await page.goto(link, WAIT);
  await page.waitForFunction(() => /^[0-9a-f]{40}$/.test(document.getElementById('node-id').textContent), null, WAIT);
  await page.waitForFunction(() => document.getElementById('routing-picture').childElementCount > 0, null, WAIT);
  const nodeId = await page.textContent('#node-id');

  await page.fill('#lookup-key', key);
  await page.click('#lookup-go');
  await page.waitForFunction(() => document.getElementById('lookup-owner').textContent !== ''
    || /failed|refused|error/i.test(document.getElementById('lookup-facts').textContent), null, WAIT);
  const owner = await page.textContent('#lookup-owner');
  const route = await page.$$eval('#lookup-route li', (items) => items.map((li) => li.textContent));
  const routeDots = await page.$$eval('#lookup-picture circle', (dots) => dots.length);
  const addressBar = page.url();
  await page.screenshot({ path: screenshot, fullPage: true });

  console.log(JSON.stringify({ nodeId, owner, route, routeDots, addressBar, consoleErrors,
    lookupFacts: await page.textContent('#lookup-facts') }));
} finally {
  await browser.close();
}
