import { describe, expect, it } from "vitest";
import {
  authorizationUrl, base64Url, challengeFor, claimsOf, discoveryUrl, randomToken, readCallback, tokenRequestBody,
} from "./oidc";

const settings = { issuer: "https://idp.example/pool/", clientId: "client123", redirectUri: "https://desk.example/desk/" };
const discovery = { authorization_endpoint: "https://auth.example/oauth2/authorize", token_endpoint: "https://auth.example/oauth2/token" };
const pending = { state: "s-123", verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" };

describe("PKCE", () => {
  it("derives RFC 7636's S256 challenge from its example verifier", async () => {
    expect(await challengeFor(pending.verifier)).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });
  it("makes 43-character verifiers of base64url characters only, new each time", () => {
    const a = randomToken();
    const b = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });
  it("encodes bytes as base64url without padding", () => {
    expect(base64Url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe("-__-");
    expect(base64Url(new Uint8Array([1]))).toBe("AQ");
  });
});

describe("the authorization request", () => {
  it("asks for a code with the S256 challenge, the state and the desk's client", () => {
    const url = new URL(authorizationUrl(discovery, settings, pending, "challenge-xyz"));
    expect(url.origin + url.pathname).toBe(discovery.authorization_endpoint);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code", client_id: "client123", redirect_uri: "https://desk.example/desk/",
      scope: "openid email profile", state: "s-123", code_challenge: "challenge-xyz", code_challenge_method: "S256",
    });
  });
  it("finds the discovery document under the issuer", () => {
    expect(discoveryUrl(settings.issuer)).toBe("https://idp.example/pool/.well-known/openid-configuration");
  });
  it("exchanges the code with the verifier, never a secret", () => {
    expect(Object.fromEntries(tokenRequestBody(settings, "the-code", pending))).toEqual({
      grant_type: "authorization_code", code: "the-code", redirect_uri: "https://desk.example/desk/",
      client_id: "client123", code_verifier: pending.verifier,
    });
  });
});

describe("the provider's redirect back", () => {
  it("is no callback without a code or an error", () => {
    expect(readCallback(new URLSearchParams(""), pending)).toEqual({ kind: "none" });
  });
  it("yields the code when the state is the one this tab sent", () => {
    expect(readCallback(new URLSearchParams("code=abc&state=s-123"), pending)).toEqual({ kind: "code", code: "abc" });
  });
  it("refuses a state this tab did not send", () => {
    expect(readCallback(new URLSearchParams("code=abc&state=other"), pending).kind).toBe("error");
  });
  it("refuses a code when no sign-in was started", () => {
    expect(readCallback(new URLSearchParams("code=abc&state=s-123"), null).kind).toBe("error");
  });
  it("passes the provider's own error on", () => {
    expect(readCallback(new URLSearchParams("error=access_denied&error_description=Nope&state=s-123"), pending))
      .toEqual({ kind: "error", reason: "Nope" });
  });
});

describe("the ID token", () => {
  it("is read for its e-mail and expiry", () => {
    const payload = base64Url(new TextEncoder().encode(JSON.stringify({ email: "bia@desk.example", exp: 42, name: "Bíá" })));
    expect(claimsOf(`h.${payload}.s`)).toEqual({ email: "bia@desk.example", exp: 42, name: "Bíá" });
  });
});
