// Every token check happens on the server: edited, forged or unknown cookies are refused.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client, call, DEAD_DATABASE_URL, tokenOf, uniqueEmail, withDatabase } from "./helpers";

async function signedIn() {
  const client = new Client();
  await client.signUp(uniqueEmail());
  // One session check writes the cache cookie.
  await client.request("/api/me");
  return client;
}

function flipOneCharacter(value: string, at: number) {
  const index = Math.min(at, value.length - 1);
  const char = value[index] === "A" ? "B" : "A";
  return `${value.slice(0, index)}${char}${value.slice(index + 1)}`;
}

const cleared = (response: Response) =>
  response.headers.getSetCookie().some((line) => /session_token=;.*Max-Age=0/i.test(line));

describe("token verification", () => {
  it("refuses a session cookie with one character flipped, and clears it", async () => {
    const client = await signedIn();
    const name = "better-auth.session_token";
    client.cookies.set(name, flipOneCharacter(client.cookies.get(name) ?? "", 5));
    client.cookies.delete("better-auth.session_cache");
    const response = await client.request("/api/me");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_token" } });
    expect(cleared(response)).toBe(true);
  });

  it("refuses an edited cache cookie even with a valid session cookie", async () => {
    const client = await signedIn();
    const name = "better-auth.session_cache";
    expect(client.cookies.has(name)).toBe(true);
    client.cookies.set(name, flipOneCharacter(client.cookies.get(name) ?? "", 20));
    const response = await client.request("/api/auth/get-session");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_token" } });
    expect(cleared(response)).toBe(true);
  });

  it("never accepts a cache cookie on its own, without the session cookie", async () => {
    const client = await signedIn();
    client.cookies.delete("better-auth.session_token");
    expect(await (await client.request("/api/auth/get-session")).json()).toBeNull();
    expect((await client.request("/api/me")).status).toBe(401);
  });

  it("does not carry one session's cache cookie over to another session's token", async () => {
    const alice = await signedIn();
    const mallory = await signedIn();
    mallory.cookies.set(
      "better-auth.session_cache",
      alice.cookies.get("better-auth.session_cache") ?? "",
    );
    const response = await mallory.request("/api/me");
    expect(response.status).toBe(200);
    expect((await response.json<{ user: { id: string } }>()).user.id).not.toBe(
      (await (await alice.request("/api/me")).json<{ user: { id: string } }>()).user.id,
    );
  });

  it("answers 401 session_not_found for a correctly signed token that no session has", async () => {
    const client = await signedIn();
    await withDatabase((prisma) =>
      prisma.session.deleteMany({ where: { token: tokenOf(client) } }),
    );
    client.cookies.delete("better-auth.session_cache");
    const response = await client.request("/api/me");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "session_not_found" } });
  });

  it("serves a request from the cache cookie without touching the database", async () => {
    const client = await signedIn();
    const response = await client.request("/api/me", {
      bindings: { ...env, DATABASE_URL: DEAD_DATABASE_URL },
    });
    expect(response.status).toBe(200);
  });

  it("ignores a better-auth session_data cookie: it is not a way in", async () => {
    const response = await call("/api/me", {
      headers: { cookie: "better-auth.session_data=eyJmYWtlIjp0cnVlfQ" },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthenticated" } });
  });
});

describe("binding to network and device", () => {
  it("records a network change in log mode and keeps the session", async () => {
    const client = await signedIn();
    client.cookies.delete("better-auth.session_cache");
    client.ip = "198.51.100.7";
    const response = await client.request("/api/me");
    expect(response.status).toBe(200);
    const events = await client.request("/api/sessions/activity?limit=50");
    const body = await events.json<{ events: { type: string; reason: string }[] }>();
    expect(body.events.find((event) => event.type === "binding_changed")?.reason).toContain(
      "198.51.100.0/24",
    );
  });

  it("does not count a move within the same /24 or a browser update as a change", async () => {
    const client = await signedIn();
    client.cookies.delete("better-auth.session_cache");
    client.ip = client.ip.replace(/\.\d+$/, ".250");
    client.userAgent = client.userAgent.replace("Chrome/130.0", "Chrome/131.0");
    await client.request("/api/me", { bindings: { ...env, SESSION_BINDING: "strict" } });
    const body = await (await client.request("/api/sessions/activity?limit=50")).json<{
      events: { type: string }[];
    }>();
    expect(body.events.some((event) => event.type === "binding_changed")).toBe(false);
  });

  it("revokes the session when Cloudflare reports another country in strict mode, and logs it in log mode", async () => {
    const strict = { ...env, SESSION_BINDING: "strict", SESSION_CACHE_SECONDS: "0" };
    const traveller = new Client();
    traveller.cf = { asn: 13335, country: "US" };
    await traveller.request("/api/auth/sign-up/email", {
      json: { email: uniqueEmail(), password: "correct horse battery", name: "Cf" },
      bindings: strict,
    });
    expect((await traveller.request("/api/me", { bindings: strict })).status).toBe(200);
    traveller.cf = { asn: 13335, country: "DE" };
    const moved = await traveller.request("/api/me", { bindings: strict });
    expect(moved.status).toBe(401);
    expect(await moved.json()).toMatchObject({ error: { code: "session_binding_mismatch" } });

    const logged = new Client();
    logged.cf = { asn: 13335, country: "US" };
    await logged.signUp(uniqueEmail());
    logged.cf = { asn: 3320, country: "DE" };
    logged.cookies.delete("better-auth.session_cache");
    expect((await logged.request("/api/me")).status).toBe(200);
    const { events } = await (await logged.request("/api/sessions/activity?limit=50")).json<{
      events: { type: string; reason: string }[];
    }>();
    const reason = events.find((event) => event.type === "binding_changed")?.reason ?? "";
    expect(reason).toContain("ASN 13335 -> 3320");
    expect(reason).toContain("country US -> DE");
  });

  it("revokes the session on a device change in strict mode", async () => {
    const strict = { ...env, SESSION_BINDING: "strict", SESSION_CACHE_SECONDS: "0" };
    const client = new Client();
    await client.request("/api/auth/sign-up/email", {
      json: { email: uniqueEmail(), password: "correct horse battery", name: "Strict" },
      bindings: strict,
    });
    client.userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    const response = await client.request("/api/me", { bindings: strict });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "session_binding_mismatch" } });
    client.userAgent = new Client().userAgent;
    expect((await client.request("/api/me", { bindings: strict })).status).toBe(401);
  });
});
