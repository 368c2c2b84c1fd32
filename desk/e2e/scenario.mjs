// An agent's shift, end to end against local mode: sign in, take a waiting ticket, reply and see
// the reply delivered and read, watch a window turn EXPIRING, be refused free text once a window
// has ended and send a template instead, schedule a close that the customer's next message
// cancels. Every view is saved at 1280 px and at 390 px; the page is checked for labels and for a
// keyboard path to the reply box. Run by io.janela.local.DeskEndToEndTest.
import {
  ADMIN, AGENT, api, check, chooseTemplate, conversation, customerWrites, joinTheTeam, launch, messages, openPage,
  openTicket, screenshot, screenshotFailure, signIn, ticketRow,
} from './desk.mjs';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Local mode's window turns EXPIRING 30 minutes before it ends (janela.window.expiring-lead).
const EXPIRING_LEAD = 30 * MINUTE;
const TEMPLATE = 'pedido_atualizado';

const ana = { waId: '5511987654321', name: 'Ana Souza' };
const bruno = { waId: '5511912345678', name: 'Bruno Lima' };
const carla = { waId: '5511955554444', name: 'Carla Dias' };
const diego = { waId: '5511933332222', name: 'Diego Rocha' };

async function setUpTheDesk() {
  await joinTheTeam();
  await api('PUT', `/templates/${TEMPLATE}/pt_BR`,
    { category: 'UTILITY', parameterCount: 1, enabled: true, status: 'APPROVED' }, ADMIN);
  await customerWrites(ana.waId, ana.name, 'Oi, meu pedido não chegou');
  // Wrote 25 hours ago: the window has ended, only a template may reach her.
  await customerWrites(carla.waId, carla.name, 'Entregam no sábado?', 25 * HOUR);
  await customerWrites(diego.waId, diego.name, 'Meu pedido chegou, obrigado!', 10 * MINUTE);
}

function status(item, name) {
  return item.getByText(name, { exact: true }).or(item.getByLabel(name, { exact: true }))
    .or(item.getByTitle(name, { exact: true })).first();
}

async function takeIfOffered(page) {
  const take = conversation(page).getByRole('button', { name: 'Take', exact: true });
  if (await take.isVisible()) {
    await take.click();
    await take.waitFor({ state: 'hidden' });
  }
}

async function takeAndReply(page) {
  await openTicket(page, 'Open', ana.name);
  await screenshot(page, '02-waiting-ticket');
  // The waiting ticket is nobody's: taking it is the agent's first act.
  const take = conversation(page).getByRole('button', { name: 'Take', exact: true });
  await take.click();
  await take.waitFor({ state: 'hidden' });

  const reply = 'Seu pedido saiu para entrega';
  await conversation(page).getByRole('textbox', { name: 'Message', exact: true }).fill(reply);
  await conversation(page).getByRole('button', { name: 'Send', exact: true }).click();
  const sent = messages(page).getByRole('listitem').filter({ hasText: reply }).last();
  await status(sent, 'Delivered').or(status(sent, 'Read')).first().waitFor({ timeout: 20_000 });
  await status(sent, 'Read').waitFor({ timeout: 20_000 });
  await screenshot(page, '03-reply-read');
}

async function watchAWindowTurnExpiring(page) {
  // Bruno's window turns EXPIRING 30 seconds from now: the page shows it OPEN first, then turns it.
  await customerWrites(bruno.waId, bruno.name, 'Vocês abrem amanhã?', 24 * HOUR - EXPIRING_LEAD - 30_000);
  await page.getByRole('tab', { name: 'Open', exact: true }).click();
  await page.getByRole('tab', { name: 'All', exact: true }).click();
  const row = ticketRow(page, bruno.name).first();
  await row.waitFor();
  const first = await row.innerText();
  check(/\bOPEN\b/.test(first), `Bruno's window should show OPEN before it turns EXPIRING, the row says: ${first}`);
  await row.getByText('EXPIRING').waitFor({ timeout: 90_000 });
  check(/\d/.test(await row.innerText()), `an EXPIRING row shows a countdown: ${await row.innerText()}`);
  await screenshot(page, '04-queue-expiring');
}

async function refusedFreeTextThenTemplate(page) {
  await openTicket(page, 'All', carla.name);
  await takeIfOffered(page);
  const box = conversation(page);
  await box.getByRole('combobox', { name: 'Template', exact: true }).waitFor();
  check(await box.getByRole('textbox', { name: 'Message', exact: true }).count() === 0,
    'the window has ended, yet the reply box still offers free text');
  await screenshot(page, '05-window-closed');
  await everyInputHasALabel(page, 'the reply box of a closed window');

  // the template registered above is approved and enabled: GET /templates?usable=true lists it, so it
  // is picked from the list (name and language together) and gets exactly its one parameter
  const picker = box.getByRole('combobox', { name: 'Template', exact: true });
  check(await picker.evaluate((element) => element.tagName === 'SELECT'), 'the usable templates are not listed');
  await chooseTemplate(picker, `${TEMPLATE} (pt_BR)`);
  check(await box.getByRole('textbox', { name: 'Language', exact: true }).count() === 0,
    'a listed template still asks for its language');
  await box.getByRole('textbox', { name: 'Parameter 1', exact: true }).fill('#4512');
  check(await box.getByRole('textbox', { name: 'Parameter 2', exact: true }).count() === 0,
    'the template takes one parameter, yet the box offers more');
  await box.getByRole('button', { name: 'Send template', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: /\S/ });
  const sent = messages(page).getByRole('listitem').filter({ hasText: new RegExp(`${TEMPLATE}|#4512`) }).last();
  await sent.or(alert).first().waitFor();
  check(await alert.count() === 0 || !(await alert.first().isVisible()),
    `the template was refused: ${await alert.count() ? await alert.first().innerText() : ''}`);
  await status(sent, 'Delivered').or(status(sent, 'Read')).first().waitFor({ timeout: 20_000 });
  await screenshot(page, '06-template-sent');
}

async function scheduledCloseCancelledByTheCustomer(page) {
  await openTicket(page, 'All', diego.name);
  await takeIfOffered(page);
  const box = conversation(page);
  await box.getByRole('button', { name: 'Schedule close', exact: true }).click();
  const at = new Date(Date.now() + 2 * HOUR);
  const closeAt = page.getByLabel('Close at');
  const type = await closeAt.getAttribute('type');
  // The browser runs in UTC, so a datetime-local value is UTC too.
  await closeAt.fill(type === 'datetime-local' ? at.toISOString().slice(0, 16) : at.toISOString());
  await page.getByRole('checkbox', { name: 'Cancel if the customer writes', exact: true }).check();
  await page.getByRole('textbox', { name: 'Goodbye message', exact: true }).fill('Encerramos por aqui. Obrigado!');
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  const cancel = box.getByRole('button', { name: 'Cancel scheduled close', exact: true });
  await cancel.waitFor();
  await box.getByText('Encerramos por aqui. Obrigado!').waitFor();
  await screenshot(page, '07-close-scheduled');

  await customerWrites(diego.waId, diego.name, 'Só mais uma coisa: tem nota fiscal?');
  await messages(page).getByRole('listitem').filter({ hasText: 'tem nota fiscal' }).waitFor({ timeout: 30_000 });
  await cancel.waitFor({ state: 'hidden', timeout: 30_000 });
  await box.getByText('Encerramos por aqui. Obrigado!').waitFor({ state: 'hidden' });
  await screenshot(page, '08-close-cancelled');
}

/** Every form control in the document, shown or not, has a name a screen reader can say. */
async function everyInputHasALabel(page, view) {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((control) => control.type !== 'hidden')
    .filter((control) => !(control.labels && control.labels.length)
      && !control.getAttribute('aria-label')
      && !(control.getAttribute('aria-labelledby') || '').split(/\s+/).some((id) => id && document.getElementById(id)))
    .map((control) => control.outerHTML.slice(0, 120)));
  check(unlabelled.length === 0, `${view}: inputs without a label: ${unlabelled.join(' | ')}`);
}

/** Tab alone, from the top of the page, reaches the reply box. */
async function tabReachesTheReplyBox(page) {
  await openTicket(page, 'Mine', ana.name);
  const replyBox = conversation(page).getByRole('textbox', { name: 'Message', exact: true });
  await replyBox.waitFor();
  // a click on the page's title moves the keyboard's starting point to the top, as a fresh load would
  await page.getByRole('heading', { level: 1 }).click();
  for (let presses = 1; presses <= 150; presses++) {
    await page.keyboard.press('Tab');
    if (await replyBox.evaluate((box) => box === document.activeElement)) {
      console.log(`A11Y the reply box is reached with ${presses} presses of Tab`);
      return;
    }
  }
  throw new Error('150 presses of Tab never reached the reply box');
}

const browser = await launch();
try {
  await setUpTheDesk();
  const page = await openPage(browser, 1280);
  await page.goto(process.env.JANELA_URL + '/desk/');
  await page.getByRole('combobox', { name: 'Agent', exact: true }).waitFor();
  await screenshot(page, '01-sign-in');
  await signIn(page);
  await page.getByRole('tab', { name: 'Open', exact: true }).waitFor();
  await ticketRow(page, ana.name).first().waitFor();
  await screenshot(page, '01-queue');
  await everyInputHasALabel(page, 'the queue');
  await takeAndReply(page);
  await watchAWindowTurnExpiring(page);
  await refusedFreeTextThenTemplate(page);
  await scheduledCloseCancelledByTheCustomer(page);
  await everyInputHasALabel(page, 'the desk with a scheduled close open');
  await tabReachesTheReplyBox(page);

  // The same views at a phone's width.
  const phone = await openPage(browser, 390);
  await phone.goto(process.env.JANELA_URL + '/desk/');
  await phone.getByRole('combobox', { name: 'Agent', exact: true }).waitFor();
  await screenshot(phone, '01-sign-in');
  await signIn(phone);
  await phone.getByRole('tab', { name: 'Mine', exact: true }).click();
  await ticketRow(phone, ana.name).first().waitFor();
  await screenshot(phone, '01-queue');
  await phone.getByRole('tab', { name: 'All', exact: true }).click();
  await ticketRow(phone, bruno.name).first().getByText('EXPIRING').waitFor();
  await screenshot(phone, '04-queue-expiring');
  await openTicket(phone, 'Mine', ana.name);
  await screenshot(phone, '03-reply-read');
  await openTicket(phone, 'All', carla.name);
  await conversation(phone).getByRole('combobox', { name: 'Template', exact: true }).waitFor();
  await screenshot(phone, '05-window-closed');
  console.log('SCENARIO passed');
} catch (failure) {
  await screenshotFailure();
  throw failure;
} finally {
  await browser.close();
}
