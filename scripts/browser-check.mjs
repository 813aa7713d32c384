// `npm run test:browser`: the sample report (--format html, built dist/) opened in headless
// Chromium (playwright-core driving the system's chromium: CHROMIUM, or /usr/bin/chromium). Fails
// (exit 1) on a console error or warning, a page error, any request other than the file itself
// (the page must need nothing outside it), or a position without its charts; in the light,
// dark and print colour schemes. Saves a screenshot of the top of the page to
// bench/data/sample-report.png, or with --update-screenshot to docs/sample-report.png (the
// README's picture).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`test:browser: no Chromium at ${executablePath} (apt-get install -y chromium)`);
  process.exit(1);
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'hedge-browser-'));
const report = path.join(dir, 'sample-report.html');
const run = spawnSync(
  process.execPath,
  [
    path.join(root, 'bin/hedge.js'),
    ...['-p', 'fixtures/positions.csv', '-r', 'fixtures/prices.csv'],
    ...['--instruments', 'fixtures/instruments.csv', '--current', 'fixtures/current.csv'],
    ...['--format', 'html', '-o', report, '--quiet'],
  ],
  { cwd: root, encoding: 'utf8' },
);
if (run.status !== 0 && run.status !== 3) {
  console.error(`test:browser: hedge exited ${run.status}: ${run.stderr}`);
  process.exit(1);
}
const positions =
  readFileSync(path.join(root, 'fixtures/positions.csv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#')).length - 1;

const problems = [];
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  for (const colorScheme of ['light', 'dark']) {
    for (const media of ['screen', 'print']) {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1560 }, colorScheme });
      await page.emulateMedia({ media, colorScheme });
      const where = `${colorScheme}/${media}`;
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') {
          problems.push(`${where}: console ${m.type()}: ${m.text()}`);
        }
      });
      page.on('pageerror', (e) => problems.push(`${where}: page error: ${e.message}`));
      page.on('request', (r) => {
        if (r.url() !== pathToFileURL(report).href) problems.push(`${where}: request ${r.url()}`);
      });
      await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
      const sections = await page.locator('section.position').count();
      const charts = await page.locator('section.position figure.chart svg path.line').count();
      if (sections !== positions)
        problems.push(`${where}: ${sections} sections, ${positions} positions`);
      if (charts < 3 * positions) problems.push(`${where}: only ${charts} chart lines`);
      if (colorScheme === 'light' && media === 'screen') {
        const update = process.argv.includes('--update-screenshot');
        const shot = update
          ? path.join(root, 'docs/sample-report.png')
          : path.join(root, 'bench/data/sample-report.png');
        mkdirSync(path.dirname(shot), { recursive: true });
        await page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1100, height: 1560 } });
        console.log(
          `test:browser: screenshot ${path.relative(root, shot)} (${statSync(shot).size} bytes)`,
        );
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(problems.map((p) => `test:browser: ${p}`).join('\n'));
  process.exit(1);
}
console.log(
  `test:browser: the sample report renders (${positions} positions; light, dark, print) without errors`,
);
