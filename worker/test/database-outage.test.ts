// A database that goes away in the middle of a request: the answer is a 503 JSON error (never a
// hang, never a 500), and the next request works again without restarting the Worker. Runs in
// both driver runs: pg over TCP, and the Neon driver over its WebSocket.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, inject, it } from "vitest";
import { Client, call, uniqueEmail } from "./helpers";

const outage = inject("OUTAGE");
const driver = inject("DB_DRIVER");
/** The Worker's env, pointed at the outage tests' own Postgres (behind a cuttable proxy). */
const bindings = { ...env, DATABASE_URL: outage.databaseUrl };

// A request that is still pending after this long counts as hung.
const HANG_MS = 15_000;

async function control(action: "lock" | "unlock" | "wait-blocked" | "drop" | "restart") {
  const response = await fetch(`${outage.controlUrl}/${action}`, { method: "POST" });
  const body = await response.json<Record<string, unknown>>();
  if (!response.ok) throw new Error(`control ${action} failed: ${JSON.stringify(body)}`);
  return body;
}

/** The response, or a failure naming the hang when none arrives in time. */
async function withinDeadline(pending: Promise<Response>) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no response within ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    return await Promise.race([pending, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** Signs a user up on the outage database; returns a sign-in for that user. */
async function existingUser() {
  const json = { email: uniqueEmail("outage"), password: "correct horse battery" };
  const signUp = await new Client().request("/api/auth/sign-up/email", {
    json: { ...json, name: "Outage" },
    bindings,
  });
  expect(signUp.status).toBe(200);
  return () => new Client().request("/api/auth/sign-in/email", { json, bindings });
}

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({
    error: { code: "database_unavailable", message: expect.any(String) },
  });
}

/** Starts a sign-in that blocks on a locked table, so it is mid-query when the fault hits. */
async function signInStuckMidRequest(signIn: () => Promise<Response>) {
  await control("lock");
  const pending = signIn();
  let blocked = false;
  const finishedEarly = pending.then(async (response) => {
    if (blocked) return;
    const body = await response.clone().text();
    throw new Error(`the request ended before the fault: ${response.status} ${body}`);
  });
  await Promise.race([control("wait-blocked"), finishedEarly]);
  blocked = true;
  // Wrapped: an async function returning the promise itself would wait for the response.
  return { pending };
}

describe(`database outage (${driver} driver)`, () => {
  afterEach(async () => {
    await control("unlock");
  });

  it("a connection dropped mid-request answers 503 database_unavailable, then recovers", async () => {
    const signIn = await existingUser();
    const { pending } = await signInStuckMidRequest(signIn);
    const { dropped } = await control("drop");
    expect(dropped).toBeGreaterThan(0);

    await expectUnavailable(await withinDeadline(pending));
    await control("unlock");

    expect((await call("/health", {}, bindings)).status).toBe(200);
    expect((await signIn()).status).toBe(200);
  });

  it("a Postgres restart mid-request answers 503 database_unavailable, then recovers", async () => {
    const signIn = await existingUser();
    const { pending } = await signInStuckMidRequest(signIn);
    await control("restart");

    await expectUnavailable(await withinDeadline(pending));

    expect((await call("/health", {}, bindings)).status).toBe(200);
    expect((await signIn()).status).toBe(200);
  });

  it("sign-in answers 503, not 500, while the database refuses connections", async () => {
    const dead = { ...bindings, DATABASE_URL: "postgres://postgres:postgres@127.0.0.1:1/none" };
    const json = { email: uniqueEmail("outage"), password: "correct horse battery" };
    const pending = new Client().request("/api/auth/sign-in/email", { json, bindings: dead });
    await expectUnavailable(await withinDeadline(pending));
  });
});
