import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client, sessionCookie, tokenOf, uniqueEmail } from "./helpers";

// The production shape: HTTPS API on a subdomain, apps on siblings, one cookie domain.
const HTTPS = {
  ...env,
  BETTER_AUTH_URL: "https://api.example.test",
  TRUSTED_ORIGINS: "https://app.example.test,https://admin.example.test",
  COOKIE_DOMAIN: "example.test",
};

function tokenCookieLine(response: Response) {
  return response.headers.getSetCookie().find((line) => line.includes("session_token=")) ?? "";
}

describe("session cookies", () => {
  it("are HttpOnly, SameSite=Lax, Path=/ and host-only on plain-HTTP localhost", async () => {
    const response = await new Client().signUp(uniqueEmail());
    const line = tokenCookieLine(response);
    expect(line).toMatch(/^better-auth\.session_token=/);
    expect(line).toMatch(/; HttpOnly/i);
    expect(line).toMatch(/; SameSite=Lax/i);
    expect(line).toMatch(/; Path=\//i);
    expect(line).not.toMatch(/; Domain=/i);
  });

  it("are __Secure-, Secure and Domain=COOKIE_DOMAIN when the API is HTTPS", async () => {
    const client = new Client("https://app.example.test");
    const response = await client.request("/api/auth/sign-up/email", {
      json: { email: uniqueEmail(), password: "correct horse battery", name: "Secure" },
      bindings: HTTPS,
    });
    expect(response.status).toBe(200);
    const line = tokenCookieLine(response);
    expect(line).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(line).toMatch(/; Secure/i);
    expect(line).toMatch(/; Domain=example\.test/i);
    expect(line).toMatch(/; HttpOnly/i);
    expect(line).toMatch(/; SameSite=Lax/i);
    // The product's own session check reads the prefixed cookie it shares with better-auth.
    const me = await client.request("/api/me", { bindings: HTTPS });
    expect(me.status).toBe(200);
    const cache = me.headers.getSetCookie().find((cookie) => cookie.includes("session_cache="));
    expect(cache).toMatch(
      /^__Secure-better-auth\.session_cache=.*; Domain=example\.test.*; HttpOnly.*; Secure/i,
    );
  });

  it("never put the session token in a JSON body", async () => {
    const client = new Client();
    const signUp = await client.signUp(uniqueEmail());
    const token = tokenOf(client);
    const bodies = [await signUp.text()];
    const signIn = new Client();
    const email = uniqueEmail();
    await signIn.signUp(email);
    bodies.push(await (await signIn.signIn(email)).text());
    bodies.push(await (await client.request("/api/auth/get-session")).text());
    bodies.push(await (await client.request("/api/auth/list-sessions")).text());
    bodies.push(await (await client.request("/api/sessions")).text());
    for (const body of bodies) {
      expect(body).not.toContain('"token"');
      expect(body).not.toContain(token);
      expect(body).not.toContain(tokenOf(signIn));
    }
  });

  it("mark every auth and session response Cache-Control: no-store", async () => {
    const client = new Client();
    const signUp = await client.signUp(uniqueEmail());
    expect(signUp.headers.get("cache-control")).toContain("no-store");
    for (const path of [
      "/api/auth/get-session",
      "/api/me",
      "/api/sessions",
      "/api/sessions/activity",
    ]) {
      expect((await client.request(path)).headers.get("cache-control"), path).toContain("no-store");
    }
  });

  it("issue a new token on every sign-in, never the one planted before it (fixation)", async () => {
    const email = uniqueEmail();
    const owner = new Client();
    await owner.signUp(email);
    const planted = sessionCookie(owner);
    const victim = new Client();
    victim.cookies.set(planted.split("=")[0] ?? "", planted.slice(planted.indexOf("=") + 1));
    await victim.signIn(email);
    expect(sessionCookie(victim)).not.toBe(planted);
    expect(tokenOf(victim)).not.toBe(tokenOf(owner));
    // 32 random bytes, base64url: well over 128 bits of entropy.
    expect(tokenOf(victim).length).toBeGreaterThanOrEqual(32);
  });
});
