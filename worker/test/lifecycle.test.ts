// Session lifetimes, refresh and rotation. Time is moved by editing the session row in Postgres,
// never by sleeping.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client, tokenOf, uniqueEmail, withDatabase } from "./helpers";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// The cache would answer without the database: these tests are about the database path.
const NO_CACHE = { ...env, SESSION_CACHE_SECONDS: "0" };

async function signedIn(bindings: Record<string, unknown> = NO_CACHE) {
  const client = new Client();
  await client.request("/api/auth/sign-up/email", {
    json: { email: uniqueEmail(), password: "correct horse battery", name: "Life" },
    bindings,
  });
  return client;
}

const sessionOf = (client: Client) =>
  withDatabase((prisma) =>
    prisma.session.findFirst({
      where: { OR: [{ token: tokenOf(client) }, { previousToken: tokenOf(client) }] },
    }),
  );

async function shift(client: Client, data: Record<string, Date>) {
  const token = tokenOf(client);
  await withDatabase((prisma) => prisma.session.updateMany({ where: { token }, data }));
}

describe("expiry", () => {
  it("answers 401 session_expired past expiresAt, clears the cookie and removes the row", async () => {
    const client = await signedIn();
    const before = await sessionOf(client);
    await shift(client, { expiresAt: new Date(Date.now() - 1000) });
    const response = await client.request("/api/me", { bindings: NO_CACHE });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "session_expired" } });
    expect(
      response.headers.getSetCookie().some((line) => /session_token=;.*Max-Age=0/i.test(line)),
    ).toBe(true);
    expect(client.cookies.size).toBe(0);
    expect(
      await withDatabase((prisma) => prisma.session.findUnique({ where: { id: before?.id } })),
    ).toBeNull();
  });

  it("ends a session at the absolute lifetime however active it is", async () => {
    const client = await signedIn();
    // Active a minute ago, its idle expiry far ahead, but signed in 31 days ago.
    await shift(client, {
      createdAt: new Date(Date.now() - 31 * DAY),
      expiresAt: new Date(Date.now() + 6 * DAY),
      rotatedAt: new Date(Date.now() - MINUTE),
      lastActiveAt: new Date(Date.now() - MINUTE),
    });
    const response = await client.request("/api/me", { bindings: NO_CACHE });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "session_expired" } });
  });

  it("caps the first expiry at the absolute lifetime when it is shorter than the idle timeout", async () => {
    const bindings = { ...NO_CACHE, SESSION_MAX_AGE: "3600" };
    const client = await signedIn(bindings);
    const row = await sessionOf(client);
    expect(row?.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3600 * 1000);
  });

  it("slides the expiry forward once the update age has passed, and tells the client", async () => {
    const client = await signedIn();
    const old = new Date(Date.now() + 5 * DAY);
    await shift(client, { expiresAt: old });
    const response = await client.request("/api/auth/get-session", { bindings: NO_CACHE });
    expect(response.status).toBe(200);
    const body = await response.json<{ session: { expiresAt: string } }>();
    expect(new Date(body.session.expiresAt).getTime()).toBeGreaterThan(old.getTime() + DAY);
    expect(
      response.headers.getSetCookie().some((line) => /session_token=.+Max-Age=6\d{5}/.test(line)),
    ).toBe(true);
  });
});

describe("rotation", () => {
  it("issues a new token once the current one is older than SESSION_ROTATE_AFTER, and keeps the old one for the grace window", async () => {
    const client = await signedIn();
    const old = tokenOf(client);
    const oldCookie = client.cookieHeader;
    await shift(client, { rotatedAt: new Date(Date.now() - 16 * MINUTE) });
    const rotated = await client.request("/api/me", { bindings: NO_CACHE });
    expect(rotated.status).toBe(200);
    const fresh = tokenOf(client);
    expect(fresh).not.toBe(old);
    const row = await sessionOf(client);
    expect(row?.token).toBe(fresh);
    expect(row?.previousToken).toBe(old);
    // A tab still holding the old cookie is fine within the grace window, and is handed the new one.
    const lagging = new Client();
    lagging.ip = client.ip;
    const late = await lagging.request("/api/me", {
      headers: { cookie: oldCookie },
      bindings: NO_CACHE,
    });
    expect(late.status).toBe(200);
    expect(tokenOf(lagging)).toBe(fresh);
  });

  it("revokes the whole session when a rotated-out token comes back after the grace window (reuse)", async () => {
    const client = await signedIn();
    const stolen = client.cookieHeader;
    await shift(client, { rotatedAt: new Date(Date.now() - 16 * MINUTE) });
    await client.request("/api/me", { bindings: NO_CACHE });
    const fresh = tokenOf(client);
    // 31 s after the rotation: the grace window (30 s) is over.
    await withDatabase((prisma) =>
      prisma.session.updateMany({
        where: { token: fresh },
        data: { rotatedAt: new Date(Date.now() - 31_000) },
      }),
    );
    const thief = await new Client().request("/api/me", {
      headers: { cookie: stolen },
      bindings: NO_CACHE,
    });
    expect(thief.status).toBe(401);
    expect(await thief.json()).toMatchObject({ error: { code: "session_revoked" } });
    // The legitimate holder of the new token is signed out too: the session is gone.
    const owner = await client.request("/api/me", { bindings: NO_CACHE });
    expect(owner.status).toBe(401);
    expect(await owner.json()).toMatchObject({ error: { code: "session_revoked" } });
    const events = await withDatabase((prisma) =>
      prisma.sessionEvent.findMany({
        where: { type: "reuse_detected" },
        orderBy: { at: "desc" },
        take: 5,
      }),
    );
    expect(events.length).toBeGreaterThan(0);
  });

  it("keeps 20 parallel requests at the rotation boundary signed in, with exactly one new token", async () => {
    const client = await signedIn();
    const old = tokenOf(client);
    await shift(client, { rotatedAt: new Date(Date.now() - 16 * MINUTE) });
    const cookie = client.cookieHeader;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => {
        const tab = new Client();
        tab.ip = client.ip;
        return tab
          .request("/api/me", { headers: { cookie }, bindings: NO_CACHE })
          .then((response) => ({ response, tab }));
      }),
    );
    expect(responses.map(({ response }) => response.status)).toEqual(Array(20).fill(200));
    const issued = new Set(
      responses
        .filter(({ tab }) => tab.cookies.size > 0 && tokenOf(tab) !== old)
        .map(({ tab }) => tokenOf(tab)),
    );
    expect(issued.size).toBe(1);
    const row = await sessionOf(client);
    expect(row?.token).toBe([...issued][0]);
  });
});
