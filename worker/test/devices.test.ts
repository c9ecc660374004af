// Concurrent sessions: listing, revoking, caps, password changes, account deletion, events.
import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../src/index";
import { Client, tokenOf, uniqueEmail, withDatabase } from "./helpers";

const PASSWORD = "correct horse battery";
const NO_CACHE = { ...env, SESSION_CACHE_SECONDS: "0" };

/** One user signed in on two devices. */
async function twoDevices() {
  const email = uniqueEmail();
  const laptop = new Client();
  await laptop.signUp(email);
  const phone = new Client();
  phone.userAgent =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
  await phone.signIn(email);
  return { email, laptop, phone };
}

type Device = { id: string; current: boolean; browser: string; os: string; ipAddress: string };

describe("your devices", () => {
  it("lists every active session with device, address and a current mark", async () => {
    const { laptop, phone } = await twoDevices();
    const response = await laptop.request("/api/sessions");
    expect(response.status).toBe(200);
    const { sessions } = await response.json<{ sessions: Device[] }>();
    expect(sessions).toHaveLength(2);
    expect(sessions.find((session) => session.current)).toMatchObject({
      browser: "Chrome",
      os: "macOS",
      ipAddress: laptop.ip,
    });
    expect(sessions.find((session) => !session.current)).toMatchObject({
      browser: "Safari",
      os: "iOS",
      ipAddress: phone.ip,
    });
  });

  it("revokes another device: it gets 401 session_revoked once the cache window has passed", async () => {
    const { laptop, phone } = await twoDevices();
    await phone.request("/api/me");
    const { sessions } = await (await laptop.request("/api/sessions")).json<{
      sessions: Device[];
    }>();
    const other = sessions.find((session) => !session.current);
    const revoke = await laptop.request("/api/sessions/revoke", { json: { sessionId: other?.id } });
    expect(revoke.status).toBe(200);
    // Within the cache window the phone's cache cookie may still answer plain reads (documented)...
    expect((await phone.request("/api/me")).status).toBe(200);
    // ...but the first read after the window goes to the database and is refused,
    const afterWindow = new Client();
    afterWindow.ip = phone.ip;
    afterWindow.userAgent = phone.userAgent;
    afterWindow.cookies.set(
      "better-auth.session_token",
      phone.cookies.get("better-auth.session_token") ?? "",
    );
    const after = await afterWindow.request("/api/me");
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: "session_revoked" } });
    // and so is a session poll that asks for the database, and anything that always checks it.
    const poll = await phone.request("/api/auth/get-session?disableCookieCache=true");
    expect(poll.status).toBe(401);
    expect(await poll.json()).toMatchObject({ error: { code: "session_revoked" } });
    expect((await laptop.request("/api/me")).status).toBe(200);
  });

  it("cannot revoke another user's session", async () => {
    const { phone } = await twoDevices();
    const mallory = new Client();
    await mallory.signUp(uniqueEmail());
    const phoneSession = await withDatabase((prisma) =>
      prisma.session.findUnique({ where: { token: tokenOf(phone) } }),
    );
    const response = await mallory.request("/api/sessions/revoke", {
      json: { sessionId: phoneSession?.id },
    });
    expect(response.status).toBe(404);
    expect((await phone.request("/api/me", { bindings: NO_CACHE })).status).toBe(200);
  });

  it("signs out all other devices and keeps this one", async () => {
    const { laptop, phone } = await twoDevices();
    const response = await laptop.request("/api/auth/revoke-other-sessions", { json: {} });
    expect(response.status).toBe(200);
    expect((await phone.request("/api/me", { bindings: NO_CACHE })).status).toBe(401);
    expect((await laptop.request("/api/me", { bindings: NO_CACHE })).status).toBe(200);
  });

  it("asks for a fresh sign-in before listing or revoking sessions on an old session", async () => {
    const { laptop } = await twoDevices();
    await withDatabase((prisma) =>
      prisma.session.updateMany({
        where: { token: tokenOf(laptop) },
        data: { createdAt: new Date(Date.now() - 2 * 86_400_000) },
      }),
    );
    const response = await laptop.request("/api/sessions", { bindings: NO_CACHE });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "fresh_session_required" } });
  });
});

describe("password change and account deletion", () => {
  it("a password change ends the other sessions by default and keeps the current one", async () => {
    const { laptop, phone, email } = await twoDevices();
    const response = await laptop.request("/api/auth/change-password", {
      json: { currentPassword: PASSWORD, newPassword: "a brand new passphrase" },
    });
    expect(response.status).toBe(200);
    expect((await phone.request("/api/me", { bindings: NO_CACHE })).status).toBe(401);
    expect((await laptop.request("/api/me", { bindings: NO_CACHE })).status).toBe(200);
    expect((await new Client().signIn(email, "a brand new passphrase")).status).toBe(200);
  });

  it("deleting the account ends all of its sessions", async () => {
    const { laptop, phone } = await twoDevices();
    const user = await (await laptop.request("/api/me")).json<{ user: { id: string } }>();
    const response = await laptop.request("/api/auth/delete-user", {
      json: { password: PASSWORD },
    });
    expect(response.status).toBe(200);
    expect(
      await withDatabase((prisma) => prisma.session.count({ where: { userId: user.user.id } })),
    ).toBe(0);
    expect((await phone.request("/api/me", { bindings: NO_CACHE })).status).toBe(401);
  });
});

describe("session cap", () => {
  it("evicts the least recently active session beyond SESSION_LIMIT and records why", async () => {
    const capped = { ...NO_CACHE, SESSION_LIMIT: "2" };
    const email = uniqueEmail();
    const first = new Client();
    await first.request("/api/auth/sign-up/email", {
      json: { email, password: PASSWORD, name: "Cap" },
      bindings: capped,
    });
    const second = new Client();
    await second.request("/api/auth/sign-in/email", {
      json: { email, password: PASSWORD },
      bindings: capped,
    });
    // The first device was active most recently; the second is the one to go.
    await withDatabase((prisma) =>
      prisma.session.updateMany({
        where: { token: tokenOf(second) },
        data: { lastActiveAt: new Date(Date.now() - 3_600_000) },
      }),
    );
    const third = new Client();
    await third.request("/api/auth/sign-in/email", {
      json: { email, password: PASSWORD },
      bindings: capped,
    });
    expect((await first.request("/api/me", { bindings: capped })).status).toBe(200);
    expect((await third.request("/api/me", { bindings: capped })).status).toBe(200);
    const evicted = await second.request("/api/me", { bindings: capped });
    expect(evicted.status).toBe(401);
    expect(await evicted.json()).toMatchObject({ error: { code: "session_revoked" } });
    const { events } = await (
      await first.request("/api/sessions/activity?limit=50", { bindings: capped })
    ).json<{
      events: { type: string; reason: string }[];
    }>();
    expect(events.find((event) => event.type === "evicted")?.reason).toMatch(
      /more than 2 sessions/,
    );
  });
});

describe("activity", () => {
  it("returns the user's own events newest first, paginated", async () => {
    const { laptop, phone } = await twoDevices();
    await phone.request("/api/auth/sign-out", { json: {} });
    const first = await (await laptop.request("/api/sessions/activity?limit=2")).json<{
      events: { type: string }[];
      nextCursor: string | null;
    }>();
    expect(first.events.map((event) => event.type)).toEqual(["signed_out", "created"]);
    expect(first.nextCursor).not.toBeNull();
    const second = await (
      await laptop.request(`/api/sessions/activity?limit=2&cursor=${first.nextCursor}`)
    ).json<{ events: { type: string }[]; nextCursor: string | null }>();
    expect(second.events.map((event) => event.type)).toEqual(["created"]);
    expect(second.nextCursor).toBeNull();
    const stranger = new Client();
    await stranger.signUp(uniqueEmail());
    const theirs = await (await stranger.request("/api/sessions/activity")).json<{
      events: unknown[];
    }>();
    expect(theirs.events).toHaveLength(1);
  });

  it("answers 400 naming the field for a bad limit", async () => {
    const client = new Client();
    await client.signUp(uniqueEmail());
    const response = await client.request("/api/sessions/activity?limit=1000");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field: "limit" } });
  });
});

describe("scheduled cleanup", () => {
  it("deletes expired sessions and verifications in the Cron Trigger and records the expiry", async () => {
    const client = new Client();
    await client.signUp(uniqueEmail());
    const token = tokenOf(client);
    await withDatabase(async (prisma) => {
      await prisma.session.updateMany({
        where: { token },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      await prisma.verification.create({
        data: {
          id: crypto.randomUUID(),
          identifier: "x",
          value: "y",
          expiresAt: new Date(Date.now() - 1000),
          updatedAt: new Date(),
        },
      });
    });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "*/15 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    await withDatabase(async (prisma) => {
      expect(await prisma.session.count({ where: { token } })).toBe(0);
      expect(await prisma.verification.count({ where: { expiresAt: { lt: new Date() } } })).toBe(0);
    });
    const response = await client.request("/api/me", { bindings: NO_CACHE });
    expect(await response.json()).toMatchObject({ error: { code: "session_expired" } });
  });
});
