// The dashboard page in headless Chromium, in local mode against the demo council: starts Azurite (scratch data,
// free ports), seeds the demo council, starts the built bot as the demo director and later as the elected member,
// and checks that the page shows the API's figures, follows its filters and drill-down, downloads the same export,
// draws its charts, hides names and small numbers from the member, and has no serious or critical accessibility
// violation (axe-core) in Teams' three themes. Stops everything it started, by process id. Needs a built solution
// (./test builds it first) and Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { expectations, freePort, repositoryRoot } from './lib/run-sandbox.mjs';

const expect = expectations('dashboard');
const director = 'd0000000-0000-4000-8000-000000000002';
const electedMember = 'd0000000-0000-4000-8000-000000000005';
const botDll = join(repositoryRoot, 'bot/QaBot.Bot/bin/Debug/net10.0/QaBot.Bot.dll');
const cliDll = join(repositoryRoot, 'bot/QaBot.Cli/bin/Debug/net10.0/qabot.dll');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axePath = join(repositoryRoot, 'node_modules/axe-core/axe.min.js');
const chartPath = join(repositoryRoot, 'bot/QaBot.Bot/bin/Debug/net10.0/dashboard/lib/chart.umd.min.js');

for (const [path, what] of [[botDll, 'the bot (build the solution first)'], [cliDll, 'the qabot CLI (build the solution first)'],
  [chromiumPath, 'Chromium (apt-get install -y chromium, or set CHROMIUM_PATH)'], [axePath, 'axe-core (npm ci)'],
  [chartPath, 'the dashboard\'s copy of Chart.js (npm ci, then build the bot again)']]) {
  if (!existsSync(path)) {
    console.error(`dashboard: ${what} is not at ${path}.`);
    process.exit(1);
  }
}
const axeSource = readFileSync(axePath, 'utf8');

const scratch = mkdtempSync(join(tmpdir(), 'qabot-dashboard-'));
const started = [];
const log = (message) => console.log(`dashboard: ${message}`);

function start(name, command, args, env) {
  const child = spawn(command, args, { cwd: repositoryRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const entry = { name, child, output: () => output };
  started.push(entry);
  return entry;
}

async function stop(entry) {
  const { child } = entry;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  started.splice(started.indexOf(entry), 1);
}

async function until(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
}

const listening = (port) => new Promise((resolve) => {
  const socket = connect(port, '127.0.0.1');
  socket.once('connect', () => { socket.end(); resolve(true); });
  socket.once('error', () => resolve(false));
});

const ports = { table: await freePort(), queue: await freePort(), blob: await freePort(), bot: await freePort() };
const account = 'devstoreaccount1';
// The emulator's well-known development key, published in Azurite's documentation.
const key = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const storage = {
  Storage__ConnectionString: `DefaultEndpointsProtocol=http;AccountName=${account};AccountKey=${key};` +
    `TableEndpoint=http://127.0.0.1:${ports.table}/${account};QueueEndpoint=http://127.0.0.1:${ports.queue}/${account};` +
    `BlobEndpoint=http://127.0.0.1:${ports.blob}/${account};`,
};
const botUrl = `http://127.0.0.1:${ports.bot}`;

async function startBot(localPerson) {
  const bot = start('bot', 'dotnet', [botDll, '--urls', botUrl], {
    ...storage, ASPNETCORE_ENVIRONMENT: 'Development', Dashboard__LocalPerson: localPerson, Reminders__RunInProcess: 'false',
  });
  await until('the bot', async () => {
    if (bot.child.exitCode !== null) throw new Error(`the bot stopped: ${bot.output().slice(-2000)}`);
    try { return (await fetch(`${botUrl}/healthz`)).ok; } catch { return false; }
  }, 120_000);
  return bot;
}

async function api(path) {
  const response = await fetch(`${botUrl}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response;
}

const text = (value) => (value === null || value === undefined ? null : value.toLocaleString('en-GB'));
const rateText = (figures) => (figures.onTimeRate === null ? (figures.due === 0 ? 'none due' : 'withheld') : `${figures.onTimeRate.toFixed(1)}%`);

async function ready(page) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'yes' || document.documentElement.dataset.ready === 'failed', null, { timeout: 30_000 });
  const state = await page.evaluate(() => document.documentElement.dataset.ready);
  if (state !== 'yes') throw new Error(`the page says: ${await page.textContent('#status')}`);
}

async function summary(page) {
  return page.$$eval('#summary div', (tiles) => Object.fromEntries(tiles.map((t) => [t.querySelector('dt').textContent, t.querySelector('dd').textContent])));
}

async function tableRows(page, id) {
  return page.$$eval(`#${id} tbody tr`, (rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
}

async function chartsDrawn(page) {
  return page.evaluate(() => [...document.querySelectorAll('canvas')].filter((c) => !c.closest('section').hidden).map((canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return { id: canvas.id, painted, label: canvas.getAttribute('aria-label') };
  }));
}

async function accessibility(page, label) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })));
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect.check(serious.length === 0, `${label}: axe found ${serious.map((v) => `${v.id} (${v.impact}) at ${v.nodes.join(', ')}`).join('; ')}`);
  log(`${label}: axe-core ${violations.length === 0 ? 'found nothing' : `found only minor issues: ${violations.map((v) => v.id).join(', ')}`}`);
}

async function compareFigures(page, view, label) {
  const tiles = await summary(page);
  expect.check(tiles.Due === text(view.total.due), `${label}: the page shows ${tiles.Due} due, the API ${view.total.due}`);
  expect.check(tiles.Overdue === (text(view.total.overdue) ?? 'hidden'), `${label}: the page shows ${tiles.Overdue} overdue, the API ${view.total.overdue}`);
  expect.check(tiles['On-time rate'] === rateText(view.total), `${label}: the page shows ${tiles['On-time rate']} on time, the API ${view.total.onTimeRate}`);
  const duties = await tableRows(page, 'duty-table');
  const expected = view.byDuty.map((line) => [line.title, text(line.figures.due) ?? 'hidden']);
  const shown = duties.filter((row) => row.length > 1).map((row) => [row[0], row[1]]);
  expect.check(JSON.stringify(shown) === JSON.stringify(expected), `${label}: the duty table ${JSON.stringify(shown).slice(0, 300)} is not the API's ${JSON.stringify(expected).slice(0, 300)}`);
}

const tabOrigin = 'https://qabot.example';

// Serves the tab's origin from the bot (as Teams would load it from the bot's domain) and Teams' own address from the
// stand-in host page; returns the Authorization headers the tab sent on API calls.
async function routeTeams(context) {
  const bearers = [];
  await context.route(`${tabOrigin}/**`, async (route) => {
    const url = new URL(route.request().url());
    const headers = { ...route.request().headers() };
    if (url.pathname.startsWith('/api/')) bearers.push(headers.authorization ?? null);
    delete headers.authorization;
    await route.fulfill({ response: await route.fetch({ url: `${botUrl}${url.pathname}${url.search}`, headers }) });
  });
  await context.route('https://teams.microsoft.com/**', (route) => route.fulfill({
    contentType: 'text/html', body: readFileSync(join(repositoryRoot, 'tests/e2e/lib/teams-host.html'), 'utf8'),
  }));
  return bearers;
}

// Opens a page in the stand-in Teams host and waits for it to finish loading (or fail).
async function openInTeams(context, settings) {
  const host = await context.newPage();
  const all = { theme: 'default', userObjectId: director, tenantId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', ...settings };
  await host.goto(`https://teams.microsoft.com/_test-host#${encodeURIComponent(JSON.stringify(all))}`);
  const frame = await (await host.waitForSelector('#tab')).contentFrame();
  await frame.waitForFunction(() => ['yes', 'failed'].includes(document.documentElement.dataset.ready), null, { timeout: 30_000 });
  return { host, frame };
}

// Adding the dashboard to a channel: the set-up page offers the director's areas, saves the one chosen as the tab's
// address, and that address opens the dashboard on it.
async function channelTab(context, directorView) {
  await routeTeams(context);
  const { host, frame } = await openInTeams(context, { tab: `${tabOrigin}/dashboard/config.html`, frameContext: 'settings', token: 'token-from-the-teams-host' });
  expect.check(await frame.evaluate(() => document.documentElement.dataset.ready) === 'yes', `the channel tab's set-up page says: ${await frame.textContent('#status')}`);
  const offered = await frame.$$eval('#area option', (options) => options.map((o) => o.value));
  const child = directorView.children[0].area;
  expect.check(offered.includes(directorView.area.id) && offered.includes(child.id), `the set-up page offers ${offered.join(', ')}`);
  await frame.selectOption('#area', child.id);
  await frame.waitForFunction((name) => document.getElementById('status').textContent.includes(name), child.name, { timeout: 15_000 });
  await host.evaluate(() => window.pressSave());
  await host.waitForFunction(() => window.hostLog.includes('settings.save.success'), null, { timeout: 10_000 }).catch(() => {});
  const asked = await host.evaluate(() => window.hostLog);
  const saved = await host.evaluate(() => window.savedConfig);
  await host.close();
  const address = `${tabOrigin}/dashboard/?area=${encodeURIComponent(child.id)}`;
  expect.check(asked.includes('settings.setValidityState') && asked.includes('settings.save.success'), `the set-up page asked the host for ${asked.join(', ')}`);
  expect.check(saved && saved.contentUrl === address && saved.suggestedDisplayName === `Dashboard: ${child.name}`, `the set-up page saved ${JSON.stringify(saved)}`);

  const tab = await openInTeams(context, { tab: saved.contentUrl, token: 'token-from-the-teams-host' });
  expect.check((await tab.frame.textContent('h1')).includes(child.name), `the channel tab opened on ${await tab.frame.textContent('h1')}, not ${child.name}`);
  await tab.host.close();

  // The tab's settings opened again start from the area saved.
  const again = await openInTeams(context, { tab: `${tabOrigin}/dashboard/config.html`, frameContext: 'settings', token: 'token-from-the-teams-host', config: saved });
  const reopened = await again.frame.inputValue('#area');
  expect.check(reopened === child.id, `the tab's settings opened again on "${reopened}", not ${child.id}`);
  await again.host.close();
  log(`channel tab: the set-up page offered ${offered.length} choices, saved ${child.name} as ${saved.contentUrl.replace(tabOrigin, '')}, the tab opened there, and its settings opened again on it`);
}

async function teamsHost(context, directorView, token) {
  const bearers = await routeTeams(context);
  const { host, frame } = await openInTeams(context, { tab: `${tabOrigin}/dashboard/`, theme: 'dark', token });
  const asked = await host.evaluate(() => window.hostLog);
  if (token) {
    expect.check(await frame.evaluate(() => document.documentElement.dataset.ready) === 'yes', `in Teams the page says: ${await frame.textContent('#status')}`);
    expect.check(bearers.length > 0 && bearers.every((b) => b === `Bearer ${token}`), `in Teams the API was called with ${JSON.stringify(bearers)}`);
    expect.check(['initialize', 'getContext', 'authentication.getAuthToken'].every((f) => asked.includes(f)), `the tab asked the host for ${asked.join(', ')}`);
    expect.check((await frame.textContent('h1')).includes(directorView.area.name), `in Teams the heading is ${await frame.textContent('h1')}`);
    expect.check(await frame.isHidden('#notice') || !(await frame.textContent('#notice')).includes('outside Teams'), 'in Teams the page says it was opened outside Teams');
    expect.check(await frame.evaluate(() => document.documentElement.dataset.theme) === 'dark', 'the tab did not take the theme from Teams\' context');
    for (const theme of ['contrast', 'default']) {
      await host.evaluate((t) => window.changeTheme(t), theme);
      await frame.waitForFunction((t) => document.documentElement.dataset.theme === t, theme, { timeout: 5000 }).catch(() => {});
      expect.check(await frame.evaluate(() => document.documentElement.dataset.theme) === theme, `the tab did not follow Teams to the ${theme} theme`);
    }
    log(`in a Teams host: asked ${[...new Set(asked)].join(', ')}; sent the host's token on ${bearers.length} API calls; followed dark, contrast and default`);
  } else {
    expect.check(await frame.evaluate(() => document.documentElement.dataset.ready) === 'failed', 'with Teams refusing a token the page still showed figures');
    expect.check(/could not sign you in/.test(await frame.textContent('#status')), `with Teams refusing a token the page says: ${await frame.textContent('#status')}`);
    expect.check(bearers.length === 0, 'with Teams refusing a token the page called the API');
  }
  await host.close();
  await context.unroute(`${tabOrigin}/**`);
  await context.unroute('https://teams.microsoft.com/**');
}

let browser;
let status = 0;
try {
  const azurite = join(repositoryRoot, 'node_modules/azurite/dist/src');
  for (const service of ['table', 'queue', 'blob']) {
    start(`azurite-${service}`, 'node', [join(azurite, service, 'main.js'), '--location', join(scratch, service), `--${service}Host`, '127.0.0.1',
      `--${service}Port`, String(ports[service]), '--silent', '--disableTelemetry', '--skipApiVersionCheck']);
  }
  for (const service of ['table', 'queue', 'blob']) await until(`Azurite's ${service} service`, () => listening(ports[service]), 60_000);

  for (const args of [['storage', 'init'], ['demo', 'seed']]) {
    const result = spawnSync('dotnet', [cliDll, ...args], { cwd: repositoryRoot, env: { ...process.env, ...storage, QABOT_ENVIRONMENT: 'Development' }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`qabot ${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
  }
  log('the demo council is seeded');

  let bot = await startBot(director);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB', timezoneId: 'Europe/London', acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));

  // The director's first view, timed from navigation start to the figures drawn.
  const response = await page.goto(`${botUrl}/dashboard/`);
  const csp = response.headers()['content-security-policy'] ?? '';
  expect.check(/script-src 'self'/.test(csp) && /frame-ancestors [^;]*teams\.microsoft\.com/.test(csp), `the page's Content-Security-Policy is ${csp}`);
  await ready(page);
  const firstView = await page.evaluate(() => Math.round(performance.getEntriesByName('dashboard-ready')[0].startTime));
  // Where the first view's time went: the page's own files and the API's answers, each from navigation start.
  const spent = await page.evaluate(() => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
    .map((r) => `${r.name.replace(location.origin, '').replace(/\?.*$/, '')} ${Math.round(r.startTime)}-${Math.round(r.responseEnd)} ms`));
  log(`first view: ${spent.join(', ')}`);
  await page.reload();
  await ready(page);
  const secondView = await page.evaluate(() => Math.round(performance.getEntriesByName('dashboard-ready')[0].startTime));
  log(`first view usable ${firstView} ms after navigation start on the bot's first request, ${secondView} ms on the next (target 1,500 ms)`);

  const view = await (await api('/api/dashboard')).json();
  expect.check(view.area.id === 'childrens-services.early-help-and-safeguarding', `the director's view is ${view.area.id}`);
  expect.check((await page.textContent('h1')).includes(view.area.name), `the heading is ${await page.textContent('h1')}`);
  await compareFigures(page, view, 'the director, this month');
  const children = await tableRows(page, 'children-table');
  expect.check(children.length === view.children.length && children.every((row, i) => row[0] === view.children[i].area.name),
    `the areas table ${JSON.stringify(children.map((r) => r[0]))} is not the API's children`);
  const drawn = await chartsDrawn(page);
  expect.check(drawn.length === 4 && drawn.every((c) => c.painted > 500 && c.label), `charts not drawn or unlabelled: ${JSON.stringify(drawn)}`);
  // Quality assurance: this quarter's reviews and the audits in progress, the same as the API gives.
  const assurance = await (await api('/api/dashboard/assurance')).json();
  expect.check(await page.isVisible('#qa-section'), 'the quality assurance panel is not shown to the director');
  const auditRows = await tableRows(page, 'qa-audits');
  expect.check(auditRows.length === assurance.audits.items.length && auditRows.some((r) => r[0].includes('Children missing from home or care')),
    `the audits table ${JSON.stringify(auditRows).slice(0, 300)} is not the API's ${JSON.stringify(assurance.audits.items.map((a) => a.title))}`);
  expect.check((await page.textContent('#qa-reviews')).includes(`${assurance.reviews.held}`), `the reviews line says ${await page.textContent('#qa-reviews')}`);
  await accessibility(page, 'the director, default theme');

  // Filters: the last twelve months, then one duty family.
  await page.selectOption('#period', '12-months');
  await ready(page);
  await compareFigures(page, await (await api('/api/dashboard?period=12-months')).json(), 'the director, 12 months');
  if (process.env.QABOT_DASHBOARD_SCREENSHOTS) {
    await page.screenshot({ path: join(process.env.QABOT_DASHBOARD_SCREENSHOTS, 'dashboard-director.png') });
  }
  await page.selectOption('#duty', 'supervision');
  await ready(page);
  await compareFigures(page, await (await api('/api/dashboard?period=12-months&duty=supervision')).json(), 'the director, supervision, 12 months');
  expect.check(page.url().includes('duty=supervision') && page.url().includes('period=12-months'), `the address does not keep the filters: ${page.url()}`);

  // Drill down twice (division to locality to team), then back up by the path.
  let areaView = view;
  for (let depth = 0; depth < 2; depth++) {
    const child = areaView.children[0];
    await page.getByRole('button', { name: child.area.name, exact: true }).first().click();
    await ready(page);
    areaView = await (await api(`/api/dashboard?area=${encodeURIComponent(child.area.id)}&period=12-months&duty=supervision`)).json();
    expect.check((await page.textContent('h1')).includes(child.area.name), `after choosing ${child.area.name} the heading is ${await page.textContent('h1')}`);
    await compareFigures(page, areaView, `drilled to ${child.area.name}`);
  }
  log(`drilled down to ${areaView.area.name}`);
  await page.getByRole('navigation', { name: 'Where you are' }).getByRole('button', { name: view.area.name, exact: true }).click();
  await ready(page);
  expect.check((await page.textContent('h1')).includes(view.area.name), `back up by the path, the heading is ${await page.textContent('h1')}`);

  // The export: the bytes the page downloads are the API's (which a Bot test compares with qabot report).
  for (const format of ['csv', 'xlsx']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#export-${format}`)]);
    const saved = join(scratch, `export.${format}`);
    await download.saveAs(saved);
    const direct = Buffer.from(await (await api(`/api/dashboard/export?format=${format}&period=12-months`)).arrayBuffer());
    const downloaded = readFileSync(saved);
    if (format === 'csv') {
      expect.check(downloaded.equals(direct), 'the CSV the page downloads is not the export the API gives');
    } else {
      expect.check(downloaded.length > 1000 && downloaded.subarray(0, 2).toString() === 'PK', 'the workbook the page downloads is not an xlsx file');
    }
    expect.check(download.suggestedFilename().startsWith('compliance-childrens-services.early-help-and-safeguarding'), `the download is named ${download.suggestedFilename()}`);
  }

  // Teams' dark and high-contrast themes.
  for (const theme of ['dark', 'contrast']) {
    await page.goto(`${botUrl}/dashboard/?theme=${theme}`);
    await ready(page);
    expect.check(await page.evaluate(() => document.documentElement.dataset.theme) === theme, `?theme=${theme} did not apply`);
    await accessibility(page, `the director, ${theme} theme`);
    if (process.env.QABOT_DASHBOARD_SCREENSHOTS) {
      await page.screenshot({ path: join(process.env.QABOT_DASHBOARD_SCREENSHOTS, `dashboard-${theme}.png`) });
    }
  }
  expect.check(problems.length === 0, `the browser reported: ${problems.join(' | ').slice(0, 800)}`);

  // Inside Teams: a stand-in host at Teams' own address frames the tab at an https address of its own (both served
  // through the browser's request routing, the tab's from the local bot), answers teams-js's start-up and token
  // request, and changes the theme. The tab must send the host's token as a bearer token (the .NET tests check how
  // the bot validates real ones); the routing then hands the request to the bot's local mode without it.
  await teamsHost(context, view, 'token-from-the-teams-host');
  await teamsHost(context, view, null);
  await channelTab(context, view);
  await page.goto(`${botUrl}/dashboard/config.html`);
  await ready(page);
  await accessibility(page, 'the channel tab\'s set-up page');

  // The elected member: counts and rates, small numbers hidden, no names.
  await stop(bot);
  bot = await startBot(electedMember);
  await page.goto(`${botUrl}/dashboard/`);
  await ready(page);
  const memberView = await (await api('/api/dashboard')).json();
  expect.check(memberView.namesVisible === false && memberView.viewer === null, 'the member\'s view carries names');
  await compareFigures(page, memberView, 'the elected member');
  const body = await page.textContent('main');
  expect.check(!/Rachel Okafor|Dan Mercer|Ian Whitworth|Priya Nolan/.test(body), 'the member\'s page names someone');
  expect.check(await page.isHidden('#people-section'), 'the member\'s page lists people');
  const cells = await page.$$eval('#view td', (tds) => tds.map((td) => td.textContent.trim()));
  expect.check(!cells.some((cell) => /^[1-4]$/.test(cell)), 'the member\'s page shows a count from 1 to 4');
  await accessibility(page, 'the elected member, default theme');
} catch (error) {
  status = 1;
  console.error(`dashboard: FAILED: ${error.stack ?? error}`);
  for (const entry of started) console.error(`--- ${entry.name} (last lines)\n${entry.output().slice(-1500)}`);
} finally {
  if (browser) await browser.close();
  for (const entry of [...started].reverse()) await stop(entry);
  rmSync(scratch, { recursive: true, force: true });
}
if (status !== 0) process.exit(status);
expect.finish();
