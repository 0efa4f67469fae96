// Drives one conversation with QaBot in the Microsoft 365 Agents Playground, in headless Chromium through
// playwright-core, and checks what the page shows: the install greeting, the answer to "what's overdue in my area",
// the "my tasks" card, a Done click and the refreshed card, and a reminder sent by `qabot tick --at` (time travel).
// It takes the README's screenshots on the way. `./run --check` starts everything and then runs this script:
//   node tests/e2e/playground-driver.mjs --url http://localhost:PORT [--screenshots DIR] [--log FILE]
// Exit code 0 when every step passed; 1 with the failing step and what the page showed.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    'iro-url': { type: 'string' },
    screenshots: { type: 'string' },
    log: { type: 'string' },
  },
});
if (!options.url) {
  console.error('playground-driver: --url of the Agents Playground is required.');
  process.exit(2);
}

// The demo director of the repository's .m365agentsplayground.yml and the division she leads (docs/demo.md).
const director = { name: 'Rachel Okafor', area: 'Early Help & Safeguarding', upn: 'rachel.okafor@demo-council.example', practitionerUpn: 'ian.whitworth@demo-council.example' };
// The demo IRO (./run --as iro) and the first demo case she holds: a looked-after child whose first review was held.
const iro = { name: 'Joanne Pritchard', case: '61000' };
// The demo team's channel of .m365agentsplayground.yml, which ./run lists in Reports:Channels for the whole department.
const channel = { name: 'Quality and Performance', area: "Children's Services" };

// Bounded waits: generous for a loaded two-core machine, short enough that a hang fails the check in minutes.
const pageLoadTimeout = 90_000;
const replyTimeout = 60_000;
const reminderTimeout = 120_000;

function log(line) {
  const text = `[${new Date().toISOString().slice(11, 19)}] ${line}`;
  console.log(`check: ${line}`);
  if (options.log) appendFileSync(options.log, `${text}\n`);
}

class CheckFailure extends Error {}
const fail = (message) => {
  throw new CheckFailure(message);
};

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`check: Chromium is not installed at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  process.exit(1);
}

// Flags for a machine with no network but loopback: without the background-networking ones Chromium keeps trying
// to reach Google's services.
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// The steps that passed, in order.
const steps = [];
const passed = (name) => steps.push({ name });

let page;
let status = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await context.newPage();
  await run(page);
  if (options['iro-url']) {
    page = await context.newPage();
    await iroRecordsEvent(page);
  }
  log(`every step passed: ${steps.map((x) => x.name).join(', ')}`);
} catch (error) {
  status = 1;
  log(`FAILED: ${error instanceof CheckFailure ? error.message : error.stack ?? error}`);
  if (page) {
    const shot = join(process.env.QABOT_LOCAL_DIR ?? join(root, '.local'), 'logs', 'check-failure.png');
    mkdirSync(dirname(shot), { recursive: true });
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    log(`what the page showed is in ${shot}`);
  }
} finally {
  await browser.close().catch(() => {});
}
process.exit(status);

// Bot messages are the Playground's output cards. A message with both text and a card shows as two of them: the
// text first, then the card.
function botMessages(p) {
  return p.locator('.fai-OutputCard');
}

async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function waitForBotMessageCount(p, atLeast, timeout, what) {
  try {
    await p.waitForFunction((n) => document.querySelectorAll('.fai-OutputCard').length >= n, atLeast, { timeout });
  } catch {
    fail(`no ${what} appeared within ${timeout / 1000} s (the page shows ${await botMessages(p).count()} bot messages).`);
  }
  return botMessages(p).nth(atLeast - 1);
}

// The text of every bot message after the first `before`.
async function textAfter(p, before) {
  const texts = await botMessages(p).evaluateAll((all, n) => all.slice(n).map((m) => m.innerText), before);
  return texts.join(' ').replace(/\s+/g, ' ').trim();
}

// Types a message and waits for the first reply; returns how many bot messages there were before it.
async function ask(p, text) {
  const before = await botMessages(p).count();
  const box = p.locator('[contenteditable="true"]:visible').first();
  await box.click();
  await box.pressSequentially(text);
  await box.press('Enter');
  log(`typed "${text}"`);
  const reply = await waitForBotMessageCount(p, before + 1, replyTimeout, `reply to "${text}"`);
  await reply.scrollIntoViewIfNeeded();
  return before;
}

// The first card among the bot messages after the first `before`: the message that holds it, its index and the card.
// No card within the time fails the step with what the bot said instead.
async function cardAfter(p, before, what, timeout = 15_000) {
  const firstWithCard = (n) => [...document.querySelectorAll('.fai-OutputCard')].findIndex((m, i) => i >= n && m.querySelector('.ac-adaptiveCard'));
  try {
    await p.waitForFunction((n) => [...document.querySelectorAll('.fai-OutputCard')].slice(n).some((m) => m.querySelector('.ac-adaptiveCard')), before, { timeout });
  } catch {
    fail(`expected ${what} as a card, but the bot answered: "${(await textAfter(p, before)).slice(0, 300)}"`);
  }
  const index = await p.evaluate(`(${firstWithCard.toString()})(${before})`);
  const message = botMessages(p).nth(index);
  const card = message.locator('.ac-adaptiveCard').first();
  await card.scrollIntoViewIfNeeded();
  return { index, message, card };
}

// A screenshot of the page with the top of `locator` at the top of the view, so a long card shows its heading.
async function screenshot(p, locator, name) {
  if (!options.screenshots) return;
  mkdirSync(options.screenshots, { recursive: true });
  const file = join(options.screenshots, name);
  await locator.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await p.waitForTimeout(300);
  await p.screenshot({ path: file });
  log(`screenshot ${file}`);
}

function londonDate(date) {
  // en-CA formats as yyyy-MM-dd.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

async function run(p) {
  // 1. Install: opening the page installs the app, and the bot greets the user.
  await p.goto(options.url, { waitUntil: 'domcontentloaded', timeout: pageLoadTimeout });
  const header = p.getByText(director.name).first();
  await header.waitFor({ timeout: pageLoadTimeout }).catch(() => fail(`the Playground did not show the chat user ${director.name}.`));
  const greeting = await waitForBotMessageCount(p, 1, pageLoadTimeout, 'greeting after install');
  const greetingText = await textOf(greeting);
  if (!/QaBot/.test(greetingText) && !greetingText.includes(director.name.split(' ')[0])) {
    fail(`the first bot message is neither QaBot's greeting nor addressed to ${director.name}: "${greetingText.slice(0, 300)}"`);
  }
  log(`install: greeted with "${greetingText.slice(0, 80)}..."`);
  passed('install');
  // The Playground's log panel covers part of the chat: close it so the screenshots show the cards.
  await p.locator('button[title="Hide log panel"]').click({ timeout: 5_000 }).catch(() => {});
  await screenshot(p, greeting, 'playground-install.png');

  // 2. "what's overdue in my area": a card scoped to the director's division.
  const beforeOverdue = await ask(p, "what's overdue in my area");
  const { card: overdue } = await cardAfter(p, beforeOverdue, 'the overdue answer');
  const overdueText = await textOf(overdue);
  if (!/overdue/i.test(overdueText)) fail(`the overdue card does not say what is overdue: "${overdueText.slice(0, 300)}"`);
  if (!overdueText.includes(director.area)) fail(`the overdue card does not name the director's area (${director.area}): "${overdueText.slice(0, 300)}"`);
  log(`overdue: a card for ${director.area}: "${overdueText.slice(0, 120)}..."`);
  await screenshot(p, overdue, 'playground-overdue.png');
  passed('overdue');

  // 3. "my tasks": the digest card, with Done on each item; 4. Done, and the refreshed card.
  const beforeTasks = await ask(p, 'my tasks');
  await myTasksAndDone(p, beforeTasks);

  // 4b. "themes this quarter": the reflective case reviews held in her line this quarter, as counts without cases or names.
  const beforeThemes = await ask(p, 'themes this quarter');
  const { card: themes } = await cardAfter(p, beforeThemes, 'the answer to "themes this quarter"');
  const themesText = await textOf(themes);
  const held = /(\d+) reviews? held/.exec(themesText);
  if (!themesText.includes('Reflective case reviews this quarter') || !held || Number(held[1]) === 0) {
    fail(`"themes this quarter" did not count the demo's reviews in ${director.area}: "${themesText.slice(0, 300)}"`);
  }
  if (/\b7\d{4}\b/.test(themesText)) fail(`the reviews summary shows a case reference: "${themesText.slice(0, 300)}"`);
  log(`themes: "${themesText.slice(0, 160)}..."`);
  await screenshot(p, themes, 'playground-review-themes.png');
  passed('review themes');

  // 4c. "audits in progress": the QA team's audits not yet closed, as counts without case references.
  const beforeAudits = await ask(p, 'audits in progress');
  const { card: audits } = await cardAfter(p, beforeAudits, 'the answer to "audits in progress"');
  const auditsText = await textOf(audits);
  if (!auditsText.includes('Audits in progress') || !auditsText.includes('Children missing from home or care')) {
    fail(`"audits in progress" did not show the demo's multi-agency audit: "${auditsText.slice(0, 300)}"`);
  }
  if (/\b8\d{4}\b/.test(auditsText)) fail(`the audits answer shows a case reference to someone with no case in it: "${auditsText.slice(0, 300)}"`);
  log(`audits: "${auditsText.slice(0, 160)}..."`);
  await screenshot(p, audits, 'playground-audits.png');
  passed('audits in progress');

  // 4c'. "learning days": the demo's practice learning day she led, held, with the Executive Director's follow-up visit,
  // and the day planned; counts of activities, no case references.
  const beforeDays = await ask(p, 'learning days');
  const { card: days } = await cardAfter(p, beforeDays, 'the answer to "learning days"');
  const daysText = await textOf(days);
  if (!daysText.includes('Practice learning days') || !daysText.includes('Neglect and drift in child in need plans') || !daysText.includes('Follow-up visit')) {
    fail(`"learning days" did not show the demo's held day and its follow-up visit: "${daysText.slice(0, 300)}"`);
  }
  if (/\b81\d{3}\b/.test(daysText)) fail(`the learning days answer shows a case reference: "${daysText.slice(0, 300)}"`);
  log(`learning days: "${daysText.slice(0, 160)}..."`);
  await screenshot(p, days, 'playground-learning-days.png');
  passed('learning days');

  // 4c''. "my programme": her annual programmes of visits and meetings for the year being planned, the visit the demo
  // planned in her programme of visits against the framework's four a year, and the form to add the next.
  const beforeProgramme = await ask(p, 'my programme');
  const { card: programme } = await cardAfter(p, beforeProgramme, 'the answer to "my programme"');
  const programmeText = await textOf(programme);
  if (!programmeText.includes('Programme of visits for') || !programmeText.includes('Bolsover locality early help team') || !programmeText.includes('1 planned of 4')
    || !programmeText.includes('Add to my programme')) {
    fail(`"my programme" did not show her programme of visits with the demo's planned visit and the form: "${programmeText.slice(0, 300)}"`);
  }
  log(`my programme: "${programmeText.slice(0, 160)}..."`);
  await screenshot(p, programme, 'playground-programme.png');
  passed('my programme');

  // 4d. A reflective case review form filled in and submitted in Teams: the QA team arranges an audit with a case for
  // the director to audit, Done on it in her tasks opens the review form in place of the card, and "Record the review"
  // records it.
  await auditorRecordsReview(p);

  // 5. Time travel: the reminders of the first working day from next Monday that has one for this user, sent now by
  // `qabot tick --at`, arrive in the chat.
  await reminderByTimeTravel(p);
  leaveAndCover();

  // 6. The team channel: QaBot says hello when the channel is opened (the app added to the team), then the monthly
  // report posted by `qabot tick --at` on this month's first working day (last month's figures, the demo council's
  // history) appears there.
  await monthlyReportInChannel(p);
}

async function monthlyReportInChannel(p) {
  // Opening the channel in the Playground adds QaBot to the team (installationUpdate), and QaBot keeps the channel.
  const item = p.locator('[role="treeitem"]', { hasText: channel.name }).first();
  await item.click({ timeout: 10_000 }).catch(() => fail(`the Playground shows no team channel "${channel.name}".`));
  await p.getByText('Start a new post').first().waitFor({ timeout: 10_000 })
    .catch(() => fail(`the channel "${channel.name}" did not open with a box to start a post.`));
  // Channel posts are not chat messages: wait for their text in the channel's view.
  const hello = p.getByText(/monthly performance report posted to this team/).first();
  await hello.waitFor({ timeout: replyTimeout }).catch(() => fail(`QaBot did not say hello in the channel "${channel.name}".`));
  passed('channel install');

  // The report goes out on the first working day of the month (the council calendar knows the bank holidays): tick
  // each weekday from the 1st of this month until one posts it, as the council saw it that morning.
  let day = null;
  let tick = null;
  for (const candidate of workingDaysFrom(firstOfThisMonth(), 4)) {
    const at = `${candidate}T09:00`;
    log(`time travel: ./run qabot tick --at ${at}`);
    tick = spawnSync(join(root, 'run'), ['qabot', 'tick', '--at', at], { encoding: 'utf8', timeout: 180_000, env: process.env });
    if (tick.status !== 0) fail(`qabot tick --at ${at} failed (exit ${tick.status}): ${`${tick.stderr ?? ''}${tick.stdout ?? ''}`.trim().slice(0, 600)}`);
    const said = tick.stdout.split('\n').find((line) => line.startsWith('Monthly report')) ?? '';
    log(`tick: ${said.trim()}`);
    if (/[1-9]\d* channel\(s\) posted/.test(said)) {
      day = candidate;
      break;
    }
  }
  if (day === null) fail('no tick in the first four weekdays of this month posted the monthly report.');

  // The month the report covers: the one before the tick's.
  const [year, month] = day.split('-').map(Number);
  const covered = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(year, month - 2, 1)));
  const report = p.locator('.ac-adaptiveCard', { hasText: `Performance report: ${channel.area}` }).first();
  await report.waitFor({ timeout: reminderTimeout }).catch(async () =>
    fail(`no monthly report for ${channel.area} appeared in the channel after the tick (it said: "${tick.stdout.trim().slice(0, 400)}").`));
  const text = await textOf(report);
  const rate = new RegExp(`(\\d+(\\.\\d)?)% done on time in ${covered}`).exec(text);
  if (!rate) fail(`the report card does not give the on-time rate for ${covered}: "${text.slice(0, 300)}"`);
  if (text.includes(director.name)) fail(`the report card names someone: "${text.slice(0, 300)}"`);
  log(`monthly report: "${text.slice(0, 160)}..."`);
  await screenshot(p, report, 'playground-monthly-report.png');
  passed('monthly report');
}

async function auditorRecordsReview(p) {
  // A case and audit of their own for each run, due in two working days so it is in her reminder window with Done.
  const stamp = Date.now();
  const reference = String(9_000_000 + (stamp % 1_000_000));
  const due = [...workingDaysFrom(londonDate(new Date(stamp + 86_400_000)), 2)][1];
  const file = join(process.env.QABOT_LOCAL_DIR ?? join(root, '.local'), `check-audit-${stamp}.yaml`);
  writeFileSync(file, [
    `title: Playground check ${stamp}`,
    'kind: thematic',
    'linesOfEnquiry:',
    '  - Is the plan reviewed?',
    `due: ${due}`,
    'cases:',
    `  - reference: "${reference}"`,
    `    auditor: ${director.upn}`,
    `    practitioner: ${director.practitionerUpn}`,
    '',
  ].join('\n'));
  const created = spawnSync(join(root, 'run'), ['qabot', 'audits', 'create', file], { encoding: 'utf8', timeout: 120_000, env: process.env });
  if (created.status !== 0) fail(`qabot audits create failed (exit ${created.status}): ${`${created.stderr ?? ''}${created.stdout ?? ''}`.trim().slice(0, 600)}`);
  log(`audit: ${created.stdout.trim().split('\n')[0]}`);

  // Her tasks list the case (overdue items come first, so it may be on a later page).
  const before = await ask(p, 'my tasks');
  const { index, message, card } = await cardAfter(p, before, 'the "my tasks" digest with the audit case');
  const named = `case ${reference}`;
  const showing = (text) => /Showing (\d+) to/.exec(text)?.[1] ?? '';
  for (let page = 0; page < 6 && !(await textOf(card)).includes(named); page++) {
    const more = card.getByRole('button', { name: /^show more$/i }).first();
    if (await more.count() === 0) break;
    const from = showing(await textOf(message));
    await more.click();
    // The page has turned when the card says it shows other items ("Showing 11 to 20 of 30").
    await p.waitForFunction(
      ({ index, from }) => {
        const shown = /Showing (\d+) to/.exec(document.querySelectorAll('.fai-OutputCard')[index]?.innerText ?? '')?.[1] ?? '';
        return shown !== '' && shown !== from;
      },
      { index, from },
      { timeout: replyTimeout },
    ).catch(() => fail('"Show more" did not turn the page of "my tasks".'));
  }
  const item = card.locator('.ac-container').filter({ hasText: named }).filter({ has: p.getByRole('button', { name: /^done$/i }) }).last();
  if (await item.count() === 0) fail(`"my tasks" does not list the audit's ${named} with Done: "${(await textOf(card)).slice(0, 400)}"`);
  const formShown = await textOf(message);
  await item.getByRole('button', { name: /^done$/i }).last().click();
  // Done shows the small form under the item; "Save as done" sends it, and the bot answers with the review form.
  const save = card.getByRole('button', { name: /^save as done$/i }).first();
  await save.click({ timeout: 10_000 }).catch(() => fail('Done on the audit case showed no "Save as done".'));

  // Done opens the review form, with the case and the practitioner filled in.
  await p.waitForFunction(({ index }) => /Reflective case review/.test(document.querySelectorAll('.fai-OutputCard')[index]?.innerText ?? ''), { index }, { timeout: replyTimeout })
    .catch(async () => fail(`Done on the audit case did not open the review form: "${(await textOf(message)).slice(0, 400)}"`));
  if ((await textOf(message)) === formShown) fail('the card did not change after Done.');
  const form = botMessages(p).nth(index);
  await choose(p, form, 'Judgement', 'Good');
  await form.getByLabel(/^Strengths and good practice/).first().fill('A clear chronology and the plan reviewed on time.');
  await form.getByLabel(/^Areas for development/).first().fill('None identified.');
  // "What took place": the first box is the file read.
  await form.locator('input[type="checkbox"]').first().check({ timeout: 10_000, force: true }).catch(() => fail('the review form has no "File read" box to tick.'));
  await screenshot(p, form, 'playground-review-form.png');
  await form.getByRole('button', { name: /^record the review$/i }).first().click();
  const recorded = await p.waitForFunction(
    ({ index }) => {
      const text = document.querySelectorAll('.fai-OutputCard')[index]?.innerText ?? '';
      return /Recorded, and the review item marked done|Please correct|could not|couldn't/i.test(text) ? text : false;
    },
    { index },
    { timeout: replyTimeout },
  ).then((handle) => handle.jsonValue(), async () => fail(`"Record the review" did not answer: "${(await textOf(message)).slice(0, 400)}"`));
  if (!/Recorded, and the review item marked done/.test(recorded)) fail(`the review was not recorded: "${recorded.replace(/\s+/g, ' ').slice(0, 400)}"`);
  log(`review form: "${recorded.replace(/\s+/g, ' ').slice(0, 160)}..."`);
  await screenshot(p, form, 'playground-review-recorded.png');
  passed('review form');
}

// Chooses an option in a card's compact choice set, whichever way the Playground draws it (a select, or a combobox).
async function choose(p, card, label, option) {
  const select = card.locator('select', { has: p.locator('option', { hasText: option }) }).first();
  if (await select.count() > 0) {
    await select.selectOption({ label: option });
    return;
  }
  const box = card.getByRole('combobox', { name: new RegExp(`^${label}`) }).first();
  await box.click({ timeout: 10_000 }).catch(() => fail(`the form has no "${label}" choice.`));
  await p.getByRole('option', { name: option }).first().click({ timeout: 10_000 }).catch(() => fail(`"${label}" does not offer "${option}".`));
}

function firstOfThisMonth() {
  return `${londonDate(new Date()).slice(0, 8)}01`;
}

async function myTasksAndDone(p, before) {
  const { index, message: tasksReply, card: tasks } = await cardAfter(p, before, 'the "my tasks" digest');
  const doneButton = tasks.getByRole('button', { name: /^done$/i }).first();
  await doneButton.waitFor({ timeout: 10_000 }).catch(async () => fail(`the "my tasks" card has no Done button: "${(await textOf(tasks)).slice(0, 300)}"`));
  const tasksText = await textOf(tasks);
  const tasksMessageText = await textOf(tasksReply);
  log(`my tasks: "${tasksText.slice(0, 120)}..."`);
  await screenshot(p, tasks, 'playground-my-tasks.png');
  passed('my tasks');

  // Done opens a small form under the item (the date it was done, today by default, and an optional note) whose
  // "Save as done" records it; a card that records at once has no such form.
  await doneButton.click();
  const save = tasks.getByRole('button', { name: /^save as done$/i }).first();
  if (await save.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
    const dateInput = tasks.locator('input[type="date"]:visible, input[aria-haspopup="dialog"]:visible').first();
    if (await dateInput.count() > 0 && (await dateInput.inputValue()) === '') {
      await dateInput.fill(londonDate(new Date()));
    }
    await save.click();
    log('clicked Done, then Save as done');
  } else {
    log('clicked Done');
  }
  // The refreshed card says what was recorded, by whom and when: "Recorded. Done on ... Recorded by NAME at ...".
  try {
    await p.waitForFunction(
      ({ index, before, by }) => {
        const message = document.querySelectorAll('.fai-OutputCard')[index];
        const text = message?.innerText.replace(/\s+/g, ' ') ?? '';
        return text !== before && /\brecorded\b/i.test(text) && text.includes(by);
      },
      { index, before: tasksMessageText, by: `Recorded by ${director.name}` },
      { timeout: replyTimeout },
    );
  } catch {
    fail(`after Done the card did not change to say what was recorded: "${(await textOf(tasksReply)).slice(0, 400)}"`);
  }
  const refreshedText = await textOf(tasksReply);
  log(`refreshed card: "${refreshedText.slice(0, 160)}..."`);
  await screenshot(p, tasksReply, 'playground-done.png');
  passed('Done');
}

async function reminderByTimeTravel(p) {
  const before = await botMessages(p).count();
  // Which working day first brings this person a reminder depends on today's date and the demo's history, so step
  // through the working days from next Monday until a tick sends something (only the Playground's user is reachable).
  let at = null;
  for (const day of workingDaysFrom(nextMonday(), 25)) {
    at = `${day}T09:00`;
    log(`time travel: ./run qabot tick --at ${at}`);
    const tick = spawnSync(join(root, 'run'), ['qabot', 'tick', '--at', at], { encoding: 'utf8', timeout: 180_000, env: process.env });
    const said = `${tick.stderr ?? ''}${tick.stdout ?? ''}`;
    if (tick.status !== 0) {
      fail(`qabot tick --at ${at} failed (exit ${tick.status}): ${said.trim().slice(0, 600)}`);
    }
    const summary = tick.stdout.trim().split('\n').slice(-1)[0] ?? '';
    log(`tick: ${summary}`);
    if (Number(/Sent (\d+)/.exec(summary)?.[1] ?? 0) > 0) {
      break;
    }
    at = null;
  }
  if (at === null) {
    fail('no tick in the 25 working days from next Monday sent the Playground\'s user a reminder');
  }
  await waitForBotMessageCount(p, before + 1, reminderTimeout, 'reminder after the tick');
  const { card: reminderCard } = await cardAfter(p, before, 'the reminder');
  await reminderCard.getByRole('button', { name: /^done$/i }).first().waitFor({ timeout: 10_000 })
    .catch(async () => fail(`the reminder card has no Done button: "${(await textOf(reminderCard)).slice(0, 300)}"`));
  log(`reminder: "${(await textOf(reminderCard)).slice(0, 120)}..."`);
  await screenshot(p, reminderCard, 'playground-reminder.png');
  passed('reminder');
}

// The demo council's leave and cover (docs/workforce.md), as the QA team lists it: Dan Mercer is acting up for a
// colleague away now, and another team manager is on leave with no cover.
function leaveAndCover() {
  const list = spawnSync(join(root, 'run'), ['qabot', 'leave', 'list'], { encoding: 'utf8', timeout: 120_000, env: process.env });
  if (list.status !== 0) {
    fail(`qabot leave list failed (exit ${list.status}): ${`${list.stderr ?? ''}${list.stdout ?? ''}`.trim().slice(0, 600)}`);
  }
  const rows = list.stdout.split('\n').filter((line) => /away now|to come/.test(line));
  if (!rows.some((line) => line.includes('Dan Mercer') && line.includes('away now')) || !rows.some((line) => line.includes('none: items wait for their return'))) {
    fail(`qabot leave list does not show the demo's acting-up and leave: "${list.stdout.trim().slice(0, 600)}"`);
  }
  log(`leave: ${rows.map((line) => line.replace(/\s+/g, ' ').trim()).join(' | ')}`);
  passed('leave and cover');
}

function* workingDaysFrom(first, count) {
  let day = new Date(`${first}T12:00:00Z`);
  for (let given = 0; given < count; day = new Date(day.getTime() + 86_400_000)) {
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) {
      given += 1;
      yield londonDate(day);
    }
  }
}

function nextMonday() {
  const today = new Date(`${londonDate(new Date())}T12:00:00Z`);
  const days = ((8 - today.getUTCDay()) % 7) || 7;
  return londonDate(new Date(today.getTime() + days * 86_400_000));
}

// An IRO records a statutory case event in her own Playground ("CLA review held for 61000", today) and sees the
// chain's next deadline in the reply and in "my cases".
async function iroRecordsEvent(p) {
  await p.goto(options['iro-url'], { waitUntil: 'domcontentloaded', timeout: pageLoadTimeout });
  await p.getByText(iro.name).first().waitFor({ timeout: pageLoadTimeout }).catch(() => fail(`the IRO's Playground did not show the chat user ${iro.name}.`));
  await waitForBotMessageCount(p, 1, pageLoadTimeout, "greeting in the IRO's chat");
  await p.locator('button[title="Hide log panel"]').click({ timeout: 5_000 }).catch(() => {});

  const said = `CLA review held for ${iro.case}`;
  const beforeEvent = await ask(p, said);
  const recorded = await waitForText(p, beforeEvent, /due by ((Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4})/, `the answer to "${said}"`);
  if (!recorded.text.includes(`Recorded for case ${iro.case}`)) fail(`"${said}" was not recorded: "${recorded.text.slice(0, 300)}"`);
  const due = recorded.match[1];
  log(`case event: "${recorded.text.slice(0, 200)}"`);
  passed('case event');

  const beforeCases = await ask(p, 'my cases');
  const line = new RegExp(`${iro.case}: [^\n]*due ${due}`);
  const cases = await waitForText(p, beforeCases, line, '"my cases" with the next deadline');
  log(`my cases: "${cases.match[0]}"`);
  await screenshot(p, botMessages(p).nth(beforeEvent), 'playground-case-event.png');
  passed('my cases');
}

// Waits until the bot messages after the first `before` match `pattern`; returns their text and the match.
async function waitForText(p, before, pattern, what) {
  try {
    await p.waitForFunction(
      ({ n, source, flags }) => new RegExp(source, flags).test([...document.querySelectorAll('.fai-OutputCard')].slice(n).map((m) => m.innerText).join('\n')),
      { n: before, source: pattern.source, flags: pattern.flags },
      { timeout: replyTimeout },
    );
  } catch {
    fail(`expected ${what}, but the bot answered: "${(await textAfter(p, before)).slice(0, 400)}"`);
  }
  const texts = await botMessages(p).evaluateAll((all, n) => all.slice(n).map((m) => m.innerText).join('\n'), before);
  return { text: texts.replace(/[ \t]+/g, ' ').trim(), match: pattern.exec(texts) };
}
