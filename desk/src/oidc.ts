// Sign-in in AWS: OpenID Connect's authorization-code flow with PKCE (RFC 7636, S256) against the
// identity provider whose tokens the HTTP API's JWT authorizer checks. The ID token (its `email`
// claim names the agent) goes to the API as the Bearer token.

export interface OidcSettings {
  issuer: string;
  clientId: string;
  redirectUri: string;
  scope?: string;
}

export interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

/** What the page keeps across the redirect to the provider: never the token, only the proof. */
export interface PendingSignIn {
  state: string;
  verifier: string;
}

export function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** 32 random bytes, base64url: a 43-character verifier, the shortest RFC 7636 allows and plenty. */
export function randomToken(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return base64Url(random(new Uint8Array(32)));
}

/** S256: the base64url SHA-256 of the verifier's ASCII bytes. */
export async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export function discoveryUrl(issuer: string): string {
  return issuer.replace(/\/+$/, "") + "/.well-known/openid-configuration";
}

export function authorizationUrl(discovery: Discovery, settings: OidcSettings, pending: PendingSignIn,
  challenge: string): string {
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    scope: settings.scope ?? "openid email profile",
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  return url.toString();
}

export type Callback = { kind: "none" } | { kind: "code"; code: string } | { kind: "error"; reason: string };

/**
 * Reads the provider's redirect: no `code` and no `error` is no callback at all; a `state` that is
 * not the one this tab sent is refused (a forged or replayed redirect), as is a callback with nothing pending.
 */
export function readCallback(query: URLSearchParams, pending: PendingSignIn | null): Callback {
  const code = query.get("code");
  const error = query.get("error");
  if (!code && !error) return { kind: "none" };
  if (!pending) return { kind: "error", reason: "no sign-in was started in this tab" };
  if (query.get("state") !== pending.state) return { kind: "error", reason: "the sign-in's state does not match" };
  if (error) return { kind: "error", reason: query.get("error_description") ?? error };
  return { kind: "code", code: code! };
}

export function tokenRequestBody(settings: OidcSettings, code: string, pending: PendingSignIn): URLSearchParams {
  return new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: settings.redirectUri,
    client_id: settings.clientId,
    code_verifier: pending.verifier,
  });
}

/** The token's claims, unverified: the API verifies it; the page only reads the e-mail and expiry. */
export function claimsOf(jwt: string): Record<string, unknown> {
  const part = jwt.split(".")[1];
  if (!part) throw new Error("not a JWT");
  const padded = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

const PENDING = "janela.oidc.pending";
const TOKEN = "janela.oidc.idToken";

async function discover(settings: OidcSettings): Promise<Discovery> {
  const answer = await fetch(discoveryUrl(settings.issuer));
  if (!answer.ok) throw new Error(`the identity provider's discovery document answered ${answer.status}`);
  return answer.json();
}

/** Sends the browser to the provider. */
export async function startSignIn(settings: OidcSettings, storage: Storage = sessionStorage): Promise<void> {
  const discovery = await discover(settings);
  const pending: PendingSignIn = { state: randomToken(), verifier: randomToken() };
  storage.setItem(PENDING, JSON.stringify(pending));
  location.assign(authorizationUrl(discovery, settings, pending, await challengeFor(pending.verifier)));
}

/**
 * Finishes a sign-in the provider redirected back with, then answers the ID token this tab holds
 * (null when there is none, or it has expired).
 */
export async function currentToken(settings: OidcSettings, storage: Storage = sessionStorage,
  now = Date.now()): Promise<string | null> {
  const raw = storage.getItem(PENDING);
  const pending: PendingSignIn | null = raw ? JSON.parse(raw) : null;
  const callback = readCallback(new URLSearchParams(location.search), pending);
  if (callback.kind !== "none") {
    storage.removeItem(PENDING);
    history.replaceState(null, "", location.pathname + location.hash);
    if (callback.kind === "error") throw new Error(callback.reason);
    const discovery = await discover(settings);
    const answer = await fetch(discovery.token_endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: tokenRequestBody(settings, callback.code, pending!),
    });
    if (!answer.ok) throw new Error(`the identity provider refused the code (${answer.status})`);
    const tokens = await answer.json();
    storage.setItem(TOKEN, tokens.id_token);
  }
  const token = storage.getItem(TOKEN);
  if (!token) return null;
  const exp = Number(claimsOf(token).exp ?? 0);
  if (exp * 1000 <= now) {
    storage.removeItem(TOKEN);
    return null;
  }
  return token;
}

export function forgetToken(storage: Storage = sessionStorage): void {
  storage.removeItem(TOKEN);
}
