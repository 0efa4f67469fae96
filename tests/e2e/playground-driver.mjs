// Drives one conversation with QaBot in the Microsoft 365 Agents Playground, in headless Chromium through
// playwright-core, and checks what the page shows: the install greeting, the answer to "what's overdue in my area",
// the "my tasks" card, a Done click and the refreshed card, and a reminder sent by `qabot tick --at` (time travel).
// It takes the README's screenshots on the way. `./run --check` starts everything and then runs this script:
//   node tests/e2e/playground-driver.mjs --url http://localhost:PORT [--screenshots DIR] [--log FILE]
// Exit code 0 when every step passed; 1 with the failing step and what the page showed otherwise.
//
// While the bot still has its interim help handler (bot/QaBot.Bot/Turns/HelpTurnHandler.cs, which answers every
// message with what QaBot will do), the steps that need the conversation logic cannot pass: the script then checks
// what that handler does, reports the other steps as PENDING by name, and exits 0. Once the conversation logic is
// in, the interim text is gone and every step is checked.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    screenshots: { type: 'string' },
    log: { type: 'string' },
  },
});
if (!options.url) {
  console.error('playground-driver: --url of the Agents Playground is required.');
  process.exit(2);
}

// The demo director of the repository's .m365agentsplayground.yml and the division she leads (docs/demo.md).
const director = { name: 'Rachel Okafor', area: 'Early Help & Safeguarding' };

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

let page;
let status = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await context.newPage();
  const pending = await run(page);
  log(pending ? `PENDING: ${pending}` : 'every step passed');
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

// Bot messages are the Playground's output cards; each holds a text reply or an Adaptive Card.
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

async function ask(p, text) {
  const before = await botMessages(p).count();
  const box = p.locator('[contenteditable="true"]:visible').first();
  await box.click();
  await box.pressSequentially(text);
  await box.press('Enter');
  log(`typed "${text}"`);
  const reply = await waitForBotMessageCount(p, before + 1, replyTimeout, `reply to "${text}"`);
  await reply.scrollIntoViewIfNeeded();
  return reply;
}

// The card in a reply; a text reply instead of a card fails the step with what the bot said.
async function cardIn(reply, what) {
  const card = reply.locator('.ac-adaptiveCard').first();
  try {
    await card.waitFor({ state: 'visible', timeout: 15_000 });
  } catch {
    fail(`expected ${what} as a card, but the bot answered: "${(await textOf(reply)).slice(0, 300)}"`);
  }
  return card;
}

async function screenshot(p, locator, name) {
  if (!options.screenshots) return;
  mkdirSync(options.screenshots, { recursive: true });
  const file = join(options.screenshots, name);
  await locator.scrollIntoViewIfNeeded();
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
  if (!/QaBot/.test(greetingText)) fail(`the first bot message is not QaBot's greeting: "${greetingText.slice(0, 300)}"`);
  log(`install: greeted with "${greetingText.slice(0, 80)}..."`);
  // The Playground's log panel covers part of the chat: close it so the screenshots show the cards.
  await p.locator('button[title="Hide log panel"]').click({ timeout: 5_000 }).catch(() => {});

  // 2. "what's overdue in my area": a card scoped to the director's division.
  const overdueReply = await ask(p, "what's overdue in my area");
  const interimText = "I'm not yet connected to the framework and the staff directory";
  if ((await textOf(overdueReply)).includes(interimText)) {
    log('the bot answered with its interim help text, as the page shows');
    return 'this build\'s bot still has the interim help handler, so the overdue card, the "my tasks" card, the Done '
      + 'click and the reminder by time travel were not checked (nor their screenshots taken)';
  }
  const overdue = await cardIn(overdueReply, 'the overdue answer');
  const overdueText = await textOf(overdue);
  if (!/overdue/i.test(overdueText)) fail(`the overdue card does not say what is overdue: "${overdueText.slice(0, 300)}"`);
  if (!overdueText.includes(director.area)) fail(`the overdue card does not name the director's area (${director.area}): "${overdueText.slice(0, 300)}"`);
  log(`overdue: a card for ${director.area}: "${overdueText.slice(0, 120)}..."`);
  await screenshot(p, overdue, 'playground-overdue.png');

  // 3. "my tasks": the digest card, with Done on each item.
  const tasksReply = await ask(p, 'my tasks');
  const tasks = await cardIn(tasksReply, 'the "my tasks" digest');
  const doneButton = tasks.getByRole('button', { name: /^done\b/i }).first();
  await doneButton.waitFor({ timeout: 10_000 }).catch(async () => fail(`the "my tasks" card has no Done button: "${(await textOf(tasks)).slice(0, 300)}"`));
  const tasksText = await textOf(tasks);
  log(`my tasks: "${tasksText.slice(0, 120)}..."`);

  // 4. Done: on a card that asks for details first (a date, a note), fill the date if it is empty and confirm.
  await doneButton.click();
  await p.waitForTimeout(500);
  const dateInput = tasks.locator('input[aria-haspopup="dialog"]:visible, input[type="date"]:visible').first();
  if (await dateInput.count() > 0 && (await dateInput.inputValue()) === '') {
    await dateInput.fill(londonDate(new Date()));
    await dateInput.press('Enter').catch(() => {});
  }
  const confirm = tasks.getByRole('button', { name: /^(record|save|confirm|submit|mark (it )?done|done)\b/i }).last();
  if (await tasks.locator('.ac-showCard:visible, [aria-expanded="true"]').count() > 0) {
    await confirm.click();
  }
  log('clicked Done');
  try {
    await p.waitForFunction(
      ({ index, before }) => {
        const message = document.querySelectorAll('.fai-OutputCard')[index];
        const text = message?.innerText.replace(/\s+/g, ' ') ?? '';
        return text !== before && /recorded/i.test(text);
      },
      { index: (await botMessages(p).count()) - 1, before: tasksText },
      { timeout: replyTimeout },
    );
  } catch {
    fail(`the card did not change to say the item was recorded: "${(await textOf(tasksReply)).slice(0, 400)}"`);
  }
  const refreshedText = await textOf(tasksReply);
  log(`refreshed card: "${refreshedText.slice(0, 160)}..."`);
  await screenshot(p, tasksReply, 'playground-done.png');

  // 5. Time travel: the reminders due next Monday at 09:00, sent now by `qabot tick --at`, arrive in the chat.
  const before = await botMessages(p).count();
  const monday = nextMonday();
  const at = `${monday}T09:00`;
  log(`time travel: ./run qabot tick --at ${at}`);
  const tick = spawnSync(join(root, 'run'), ['qabot', 'tick', '--at', at], { encoding: 'utf8', timeout: 180_000, env: process.env });
  if (tick.status !== 0) {
    fail(`qabot tick --at ${at} failed (exit ${tick.status}): ${(tick.stderr || tick.stdout || '').trim().slice(0, 600)}`);
  }
  log(`tick: ${tick.stdout.trim().split('\n').slice(-3).join(' / ')}`);
  const reminder = await waitForBotMessageCount(p, before + 1, reminderTimeout, 'reminder card after the tick');
  const reminderCard = await cardIn(reminder, 'the reminder');
  await reminderCard.getByRole('button', { name: /^done\b/i }).first().waitFor({ timeout: 10_000 })
    .catch(async () => fail(`the reminder card has no Done button: "${(await textOf(reminderCard)).slice(0, 300)}"`));
  log(`reminder: "${(await textOf(reminderCard)).slice(0, 120)}..."`);
  await screenshot(p, reminderCard, 'playground-reminder.png');
  return null;
}

function nextMonday() {
  const today = new Date(`${londonDate(new Date())}T12:00:00Z`);
  const days = ((8 - today.getUTCDay()) % 7) || 7;
  return londonDate(new Date(today.getTime() + days * 86_400_000));
}
