// The time from "Sign in" to a usable queue: first on an empty desk (the baseline), then with 500
// open tickets, in the same run on the same machine, with the load average beside the figures.
// Run by io.janela.local.DeskQueueLoadTest, which prints what this prints.
import { loadavg, cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AGENT, SCREENSHOTS, customerWrites, joinTheTeam, launch, openPage, screenshot, screenshotFailure,
  selectOptionContaining, tickets,
} from './desk.mjs';

const OPEN_TICKETS = Number(process.env.JANELA_OPEN_TICKETS || 500);
const ROUNDS = 3;

/** Milliseconds from the click on "Sign in" until the queue's list shows its rows (or its empty state). */
async function timeToUsableQueue(browser, expectRows) {
  const page = await openPage(browser, 1280);
  await page.goto(process.env.JANELA_URL + '/desk/');
  const agent = page.getByRole('combobox', { name: 'Agent', exact: true });
  await agent.waitFor();
  await selectOptionContaining(agent, AGENT);
  const queueAnswered = page.waitForResponse((response) => /\/tickets(\?|$)/.test(new URL(response.url()).pathname
    + new URL(response.url()).search) && response.request().method() === 'GET', { timeout: 60_000 });
  const started = performance.now();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await queueAnswered;
  if (expectRows) {
    await tickets(page).getByRole('listitem').first().waitFor({ timeout: 60_000 });
  } else {
    await page.getByRole('tab', { name: 'Open', exact: true }).waitFor();
  }
  // until the frame that shows it has been painted
  await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
  const elapsed = performance.now() - started;
  const rows = await tickets(page).getByRole('listitem').count();
  await screenshot(page, expectRows ? `09-queue-${OPEN_TICKETS}` : '09-queue-empty');
  await page.context().close();
  return { elapsed, rows };
}

async function median(browser, expectRows) {
  const runs = [];
  for (let round = 0; round < ROUNDS; round++) {
    runs.push(await timeToUsableQueue(browser, expectRows));
  }
  runs.sort((a, b) => a.elapsed - b.elapsed);
  return runs[Math.floor(ROUNDS / 2)];
}

async function seed(count) {
  let next = 0;
  async function worker() {
    while (next < count) {
      const n = next++;
      await customerWrites(`55119${String(70000000 + n).padStart(8, '0')}`, `Cliente ${n + 1}`, `Mensagem ${n + 1}`,
        (n % 600) * 60_000);
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: 8 }, worker));
  return performance.now() - started;
}

const browser = await launch();
try {
  await joinTheTeam();
  const empty = await median(browser, false);
  const seeding = await seed(OPEN_TICKETS);
  const full = await median(browser, true);
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const report = `QUEUE time from Sign in to a usable queue, median of ${ROUNDS}: empty desk ${Math.round(empty.elapsed)} ms;`
    + ` ${OPEN_TICKETS} open tickets ${Math.round(full.elapsed)} ms (${full.rows} rows shown);`
    + ` seeding took ${Math.round(seeding)} ms; load average ${load} on ${cpus().length} cores`;
  console.log(report);
  writeFileSync(join(SCREENSHOTS, 'queue-load.txt'), report + '\n');
  if (full.rows === 0) {
    throw new Error(`the queue showed no rows with ${OPEN_TICKETS} open tickets`);
  }
} catch (failure) {
  await screenshotFailure();
  throw failure;
} finally {
  await browser.close();
}
