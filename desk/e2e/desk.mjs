// What every end-to-end script shares: Debian's chromium driven by playwright-core, the local
// mode's API as the scripts seed it, and the screenshots the Java tests keep under target/.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const JANELA = required('JANELA_URL');
export const SCREENSHOTS = required('JANELA_SCREENSHOTS');
export const NUMBER = '106540352242922';
export const ADMIN = { 'X-Janela-Agent': 'admin@desk.example', 'X-Janela-Groups': 'janela-admins' };
export const AGENT = 'bia@desk.example';

// The flags a headless chromium needs in a container with no GPU, no sandbox and no network but the desk's.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: the Java end-to-end tests set it (src/test/java/io/janela/local)`);
  }
  return value;
}

export async function launch() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: required('JANELA_CHROMIUM'), args: FLAGS });
}

/** A page as an agent's browser shows it: English, UTC, 1280 px wide unless asked otherwise. */
export async function openPage(browser, width = 1280) {
  const context = await browser.newContext({
    locale: 'en-US', timezoneId: 'UTC', viewport: { width, height: width > 600 ? 800 : 844 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  opened.push(page);
  return page;
}

const opened = [];

/** Keeps what each open page showed when a step failed, beside the views' screenshots. */
export async function screenshotFailure() {
  for (const page of opened) {
    if (!page.isClosed()) {
      await page.screenshot({ path: join(SCREENSHOTS, `failed-at-${page.viewportSize().width}.png`), fullPage: true })
        .catch(() => {});
      console.log(`FAILED on ${page.url()} (screenshot failed-at-${page.viewportSize().width}.png)`);
    }
  }
}

export async function screenshot(page, name) {
  const width = page.viewportSize().width;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
}

/** Calls local mode's API and fails with its answer when it refuses. */
export async function api(method, path, body, headers = {}) {
  const response = await fetch(JANELA + path, {
    method, headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

/** A customer writes through the Meta sandbox; `ago` in milliseconds puts the message in the past. */
export function customerWrites(waId, name, text, ago = 0) {
  const message = { phoneNumberId: NUMBER, waId, name, text };
  if (ago > 0) {
    message.at = new Date(Date.now() - ago).toISOString().replace(/\.\d+Z$/, 'Z');
  }
  return api('POST', '/sandbox/customer-messages', message);
}

/**
 * Bia joins the billing department: the local sign-in offers the departments' agents. No default
 * department and no agent online, so new tickets wait for someone to take them.
 */
export async function joinTheTeam() {
  await api('PUT', `/agents/${AGENT}`, { name: 'Bia', canSendActiveMessages: true }, ADMIN);
  await api('PUT', '/departments/billing',
    { name: 'Billing', strategy: 'LEAST_BUSY', agents: [AGENT], maxConcurrent: 10 }, ADMIN);
}

export async function signIn(page, agent = AGENT) {
  await page.goto(JANELA + '/desk/');
  const agentPicker = page.getByRole('combobox', { name: 'Agent', exact: true });
  await agentPicker.waitFor();
  await selectOptionContaining(agentPicker, agent);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Picks the option whose value or text contains `wanted`, in a native select or an ARIA combobox. */
export async function selectOptionContaining(combobox, wanted) {
  if (await combobox.evaluate((element) => element.tagName === 'SELECT')) {
    const value = await combobox.evaluate((select, text) => {
      const option = [...select.options].find((o) => o.value.includes(text) || o.textContent.includes(text));
      return option ? option.value : null;
    }, wanted);
    if (value === null) {
      throw new Error(`the combobox has no option with "${wanted}": ${await combobox.innerText()}`);
    }
    await combobox.selectOption(value);
  } else {
    await combobox.click();
    await combobox.page().getByRole('option', { name: new RegExp(escape(wanted)) }).first().click();
  }
}

/** Picks a template by name, from a select or from a text box that suggests the known names. */
export async function chooseTemplate(combobox, name) {
  if (await combobox.evaluate((element) => element.tagName === 'SELECT')) {
    await selectOptionContaining(combobox, name);
  } else {
    await combobox.fill(name);
    await combobox.press('Tab');
  }
}

export function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const tickets = (page) => page.getByRole('list', { name: 'Tickets', exact: true });
export const ticketRow = (page, contact) => tickets(page).getByRole('listitem').filter({ hasText: contact });
export const conversation = (page) => page.getByRole('region', { name: 'Conversation', exact: true });
export const messages = (page) => conversation(page).getByRole('list', { name: 'Messages', exact: true });

/** Opens a contact's ticket from the queue view named `tab`. */
export async function openTicket(page, tab, contact) {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  const row = ticketRow(page, contact);
  await row.first().waitFor();
  const link = row.first().getByRole('link').or(row.first().getByRole('button')).first();
  await ((await link.count()) > 0 ? link : row.first()).click();
  await conversation(page).waitFor();
  await messages(page).getByRole('listitem').filter({ hasText: contact }).or(
    messages(page).getByRole('listitem')).first().waitFor();
}

export function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}
