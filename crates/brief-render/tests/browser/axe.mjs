// Runs axe-core on each HTML file given, in Debian's Chromium driven by playwright-core, and
// prints one JSON object: { "<file>": [violations of impact serious or critical] }.
// Usage: node axe.mjs FILE.html...   (CHROMIUM overrides /usr/bin/chromium)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const results = {};
try {
  for (const file of process.argv.slice(2)) {
    const page = await browser.newPage();
    // The pages must not fetch anything: any request other than the file itself fails the check.
    const requests = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('file:') && !url.startsWith('data:')) requests.push(url);
    });
    await page.goto(pathToFileURL(file).href);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      }));
    });
    results[file] = {
      violations: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
      minor: violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical').map((v) => v.id),
      requests,
    };
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
