// Lists the meters and instruments the Aspire dashboard shows on its Metrics page for each given resource, as JSON
// {"<resource>": {"<meter>": ["<instrument>", ...]}}. Used by scripts/check-dashboard: the dashboard has no HTTP
// API for metrics, so this reads the page in headless Chromium (playwright-core, found through NODE_PATH).
// Usage: node dashboard-metrics.js BASE_URL BROWSER_TOKEN CHROMIUM_PATH RESOURCE...
const { chromium } = require('playwright-core');

async function main() {
  const [base, token, executablePath, ...resources] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const login = await page.goto(`${base}/login?t=${encodeURIComponent(token)}`);
    if (new URL(page.url()).pathname.startsWith('/login')) {
      throw new Error(`the dashboard did not accept the login token (HTTP ${login && login.status()})`);
    }

    const result = {};
    for (const resource of resources) {
      await page.goto(`${base}/metrics/resource/${encodeURIComponent(resource)}`);
      await page.waitForSelector('fluent-tree-item[id^="metric-meter-"]', { timeout: 30000 });
      result[resource] = await page.$$eval('fluent-tree-item[id^="metric-meter-"]', meters => Object.fromEntries(
        meters.map(meter => [
          meter.getAttribute('title'),
          [...meter.querySelectorAll('fluent-tree-item[id^="metric-instrument-"]')].map(i => i.getAttribute('title')),
        ])));
    }

    process.stdout.write(JSON.stringify(result));
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(error.message);
  process.exit(1);
});
