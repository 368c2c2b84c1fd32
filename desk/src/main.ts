// The desk page: reads /desk/config.json, signs the agent in (picked from the team locally, the
// identity provider in AWS), then shows the queue beside the conversation.
import "./style.css";
import { Api, type Config, type Credentials, type Department, type TeamMember } from "./api";
import { Conversation } from "./conversation";
import { h, labelled, say } from "./dom";
import { type Lang, TEXTS, type Texts, pickLanguage } from "./i18n";
import { claimsOf, currentToken, forgetToken, startSignIn } from "./oidc";
import { Queue } from "./queue";
import { statusOf } from "./team";

const AGENT = "janela.agent";
const QUEUE_REFRESH_MS = 10_000;
const CONVERSATION_REFRESH_MS = 5_000;

const lang: Lang = pickLanguage(navigator.languages);
const t: Texts = TEXTS[lang];
document.documentElement.lang = lang === "pt" ? "pt-BR" : "en";
document.title = t.title;
const app = document.getElementById("app")!;

async function boot(): Promise<void> {
  const config: Config = await (await fetch("config.json", { cache: "no-store" })).json();
  if (config.mode === "oidc") {
    const settings = { issuer: config.issuer!, clientId: config.clientId!, redirectUri: config.redirectUri! };
    const token = await currentToken(settings);
    if (!token) {
      app.replaceChildren(h("main", { class: "signin" }, h("h1", {}, t.title),
        h("button", { type: "button", onclick: () => void startSignIn(settings) }, t.signIn),
        h("p", { class: "hint" }, t.signInWithProvider)));
      return;
    }
    const email = String(claimsOf(token).email ?? "");
    const signInAgain = () => { forgetToken(); location.reload(); };
    const api = new Api(config.api, () => ({ header: "Authorization", value: `Bearer ${token}` }), signInAgain);
    desk(api, email, signInAgain);
    return;
  }
  let agent = sessionStorage.getItem(AGENT);
  const credentials = (): Credentials | null => (agent ? { header: "X-Janela-Agent", value: agent } : null);
  const api = new Api(config.api, credentials);
  if (!agent) {
    const { departments } = await api.departments();
    const select = h("select", { required: true });
    const agents = new Set<string>();
    for (const department of departments) {
      const group = h("optgroup", { label: department.name });
      for (const email of department.agents) {
        group.append(h("option", { value: email }, email));
        agents.add(email);
      }
      if (group.children.length) select.append(group);
    }
    const form = h("form", { class: "signin", onsubmit: (e: Event) => {
      e.preventDefault();
      agent = select.value;
      sessionStorage.setItem(AGENT, agent);
      desk(api, agent, signOut);
    } }, h("h1", {}, t.title), labelled(t.agent, select), h("button", { type: "submit", disabled: agents.size === 0 }, t.signIn),
      agents.size === 0 ? h("p", { class: "hint" }, t.noAgents) : null);
    app.replaceChildren(h("main", {}, form));
    select.focus();
    return;
  }
  desk(api, agent, signOut);
}

function signOut(): void {
  sessionStorage.removeItem(AGENT);
  location.hash = "";
  location.reload();
}

async function desk(api: Api, me: string, leave: () => void): Promise<void> {
  // departments for the queue's filters and transfers; the team for transfers and the caller's own status
  const [departments, team] = await Promise.all([
    api.departments().then((answer) => answer.departments, () => [] as Department[]),
    api.agents().catch(() => [] as TeamMember[])]);
  const statusAlert = h("p", { role: "alert", class: "error", hidden: true });
  const status = h("select", {},
    h("option", { value: "" }, t.statusUnknown),
    ...(["ONLINE", "AWAY", "OFFLINE"] as const).map((s) => h("option", { value: s }, t[s])));
  status.value = statusOf(team, me) ?? "";
  status.addEventListener("change", async () => {
    if (!status.value) return;
    try {
      await api.setStatus(me, status.value);
      say(statusAlert, null);
      void queue.refresh();
    } catch (error) {
      say(statusAlert, (error as Error).message);
    }
  });
  const conversation = new Conversation(api, t, lang, me, departments, team, () => void queue.refresh());
  const queue: Queue = new Queue(api, t, departments, (id) => { location.hash = `#/t/${encodeURIComponent(id)}`; });
  const header = h("header", { class: "top" },
    h("h1", {}, t.title),
    h("p", { class: "me" }, h("span", { class: "sr-only" }, `${t.signedInAs} `), me),
    labelled(t.myStatus, status, "field status"),
    h("button", { type: "button", onclick: leave }, t.signOut),
    statusAlert);
  app.replaceChildren(header, h("main", { class: "desk" }, queue.element, conversation.element));

  const route = () => {
    const match = /^#\/t\/(.+)$/.exec(location.hash);
    const id = match ? decodeURIComponent(match[1]) : null;
    queue.select(id);
    if (id && id !== conversation.current) void conversation.open(id);
    if (!id && conversation.current) conversation.close();
  };
  window.addEventListener("hashchange", route);
  route();
  await queue.refresh(true);

  window.setInterval(() => {
    const now = Date.now();
    queue.tick(now);
    conversation.tick(now);
  }, 1000);
  window.setInterval(() => { if (!document.hidden) void queue.refresh(); }, QUEUE_REFRESH_MS);
  window.setInterval(() => { if (!document.hidden) void conversation.refresh(); }, CONVERSATION_REFRESH_MS);
}

boot().catch((error) => {
  app.replaceChildren(h("main", { class: "signin" }, h("h1", {}, t.title),
    h("p", { role: "alert", class: "error" }, `${t.failedToLoad}: ${(error as Error).message}`)));
});
