// Outages, races and concurrency: nothing is lost, no dead session lives, no outage looks like a sign-out.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client, DEAD_DATABASE_URL, tokenOf, uniqueEmail, withDatabase } from "./helpers";

// Postgres stopped: nothing listens on this port.
const DOWN = { ...env, DATABASE_URL: DEAD_DATABASE_URL };
const NO_CACHE = { ...env, SESSION_CACHE_SECONDS: "0" };

describe("database outage", () => {
  it("answers 503 JSON (no stack, no SQL) on every route that needs the database, and clears no cookie", async () => {
    const client = new Client();
    const email = uniqueEmail();
    await client.signUp(email);
    // One signed-in read writes the cache cookie.
    expect((await client.request("/api/me")).status).toBe(200);
    const withoutCache = new Client();
    withoutCache.ip = client.ip;
    withoutCache.cookies.set(
      "better-auth.session_token",
      client.cookies.get("better-auth.session_token") ?? "",
    );
    const requests: [Client, string, { json?: unknown }][] = [
      [
        new Client(),
        "/api/auth/sign-up/email",
        { json: { email: uniqueEmail(), password: "correct horse battery", name: "D" } },
      ],
      [
        new Client(),
        "/api/auth/sign-in/email",
        { json: { email, password: "correct horse battery" } },
      ],
      [withoutCache, "/api/auth/get-session", {}],
      [withoutCache, "/api/me", {}],
      [client, "/api/sessions", {}],
      [client, "/api/sessions/revoke", { json: { sessionId: "x" } }],
      [client, "/api/sessions/activity", {}],
      [client, "/api/auth/list-sessions", {}],
      [client, "/api/auth/revoke-other-sessions", { json: {} }],
      [client, "/api/auth/sign-out", { json: {} }],
    ];
    for (const [who, path, options] of requests) {
      const before = new Map(who.cookies);
      const response = await who.request(path, { ...options, bindings: DOWN });
      const text = await response.text();
      expect(response.status, `${path}: ${text}`).toBe(503);
      expect(JSON.parse(text)).toMatchObject({ error: { code: "database_unavailable" } });
      expect(text).not.toMatch(/SELECT|prisma|\bat \w+ \(|ECONNREFUSED|stack/i);
      expect(who.cookies, path).toEqual(before);
    }
    // Within the cache window a signed-in read still works, from the signed cache cookie alone.
    expect((await client.request("/api/me", { bindings: DOWN })).status).toBe(200);
    // And once the database is back nothing needs restarting.
    expect((await withoutCache.request("/api/me")).status).toBe(200);
    expect((await new Client().signIn(email)).status).toBe(200);
  });
});

describe("concurrency", () => {
  it("50 parallel sign-ups with distinct emails create exactly 50 users", async () => {
    const emails = Array.from({ length: 50 }, () => uniqueEmail("parallel"));
    const responses = await Promise.all(emails.map((email) => new Client().signUp(email)));
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    const users = await withDatabase((prisma) =>
      prisma.user.count({ where: { email: { in: emails } } }),
    );
    expect(users).toBe(50);
  });

  it("20 parallel sign-ups with one email create exactly one user and answer the rest with a clean 4xx", async () => {
    const email = uniqueEmail("race");
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => new Client().signUp(email)),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    for (const response of responses.filter((candidate) => candidate.status !== 200)) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await response.json()).toHaveProperty("code");
    }
    expect(await withDatabase((prisma) => prisma.user.count({ where: { email } }))).toBe(1);
    expect(
      await withDatabase((prisma) => prisma.account.count({ where: { user: { email } } })),
    ).toBe(1);
  });

  it("20 rounds of 20 parallel requests at the rotation boundary never log anyone out", async () => {
    const client = new Client();
    await client.signUp(uniqueEmail());
    for (let round = 0; round < 20; round++) {
      const token = tokenOf(client);
      await withDatabase((prisma) =>
        prisma.session.updateMany({
          where: { token },
          data: { rotatedAt: new Date(Date.now() - 16 * 60_000) },
        }),
      );
      const cookie = client.cookieHeader;
      const tabs = Array.from({ length: 20 }, () => {
        const tab = new Client();
        tab.ip = client.ip;
        return tab;
      });
      const responses = await Promise.all(
        tabs.map((tab) => tab.request("/api/me", { headers: { cookie }, bindings: NO_CACHE })),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
      // The browser keeps whichever new cookie it got; the others carried none.
      const winner = tabs.find((tab) => tab.cookies.size > 0 && tokenOf(tab) !== token);
      expect(winner, `round ${round}`).toBeDefined();
      client.cookies.set(
        "better-auth.session_token",
        winner?.cookies.get("better-auth.session_token") ?? "",
      );
    }
    expect((await client.request("/api/me", { bindings: NO_CACHE })).status).toBe(200);
  });

  it("once a revoke has answered, the revoked session is never valid again, however requests race", async () => {
    const email = uniqueEmail();
    const laptop = new Client();
    await laptop.signUp(email);
    const phone = new Client();
    await phone.signIn(email);
    const { sessions } = await (await laptop.request("/api/sessions")).json<{
      sessions: { id: string; current: boolean }[];
    }>();
    const phoneId = sessions.find((session) => !session.current)?.id;
    const cookie = `better-auth.session_token=${phone.cookies.get("better-auth.session_token")}`;
    const racing = Array.from({ length: 10 }, () =>
      new Client().request("/api/me", { headers: { cookie }, bindings: NO_CACHE }),
    );
    const revoke = await laptop.request("/api/sessions/revoke", { json: { sessionId: phoneId } });
    expect(revoke.status).toBe(200);
    for (const response of await Promise.all(racing)) expect([200, 401]).toContain(response.status);
    const after = await Promise.all(
      Array.from({ length: 10 }, () =>
        new Client().request("/api/me", { headers: { cookie }, bindings: NO_CACHE }),
      ),
    );
    expect(after.map((response) => response.status)).toEqual(Array(10).fill(401));
  });
});
