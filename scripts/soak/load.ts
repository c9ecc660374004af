// The virtual users. Each is a person with a laptop, a phone and sometimes a desktop: signs up,
// signs in on their devices, reads their session and device list, revokes a device, signs out of
// the others, signs out, and after a while makes way for a new person. Now and then two of their
// devices act at the same moment (a revoke racing a use, a sign-out racing another tab, two
// sign-ups with one email), and now and then they get their password wrong on purpose.
import { randomBytes } from "node:crypto";
import { type Client, type Device, Stopped } from "./client.ts";
import { CookieJar } from "./cookie-jar.ts";
import { checkIdentity, sessionIdOf } from "./identity.ts";
import type { Journal } from "./journal.ts";

const PASSWORD = "soak correct horse battery";

const DEVICES = [
  {
    name: "laptop",
    userAgent:
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36",
  },
  {
    name: "phone",
    userAgent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1",
  },
  {
    name: "desktop",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:143.0) Gecko/20100101 Firefox/143.0",
  },
] as const;

export type LoadContext = {
  client: Client;
  journal: Journal;
  /** True once the load's time is up: each virtual user finishes its current step and stops. */
  over: () => boolean;
  /** Distinguishes this run's emails from any other run's. */
  runId: string;
};

type Person = { email: string; devices: Device[]; created: boolean };

const chance = (p: number) => Math.random() < p;
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

export function newRunId() {
  return randomBytes(4).toString("hex");
}

/** Addresses from 198.18.0.0/15 (RFC 2544, benchmarking): one /24 per virtual user. */
export function deviceAddress(user: number, device: number) {
  return `198.${18 + (user >> 8)}.${user & 255}.${device + 1}`;
}

function newPerson(ctx: LoadContext, user: number, generation: number): Person {
  const count = chance(0.5) ? 3 : 2;
  return {
    email: `soak-${ctx.runId}-${user}-${generation}@example.com`,
    created: false,
    devices: DEVICES.slice(0, count).map((device, index) => ({
      name: `${user}.${generation}.${device.name}`,
      ip: deviceAddress(user, index),
      userAgent: device.userAgent,
      jar: new CookieJar(),
    })),
  };
}

/** One virtual user: people one after another until the time is up. */
export async function runVirtualUser(ctx: LoadContext, user: number): Promise<void> {
  // Bounded by time through ctx.over(); the generation cap is a second bound.
  for (let generation = 0; generation < 100_000 && !ctx.over(); generation++) {
    const person = newPerson(ctx, user, generation);
    try {
      await begin(ctx, person);
      const steps = 15 + Math.floor(Math.random() * 25);
      for (let step = 0; step < steps && person.created && !ctx.over(); step++) {
        await act(ctx, person);
      }
    } catch (error) {
      if (!(error instanceof Stopped)) throw error;
      return;
    } finally {
      // What the person leaves behind stays in the database: sessions that must still exist.
      for (const device of person.devices) if (device.session) ctx.journal.hold(device.session);
    }
  }
}

/** Sign-up, on one device, or (sometimes) on two at once with the same email. */
async function begin(ctx: LoadContext, person: Person) {
  const [first, second] = person.devices as [Device, Device];
  const body = { name: "Soak User", email: person.email, password: PASSWORD };
  if (chance(0.1)) {
    const attempts = await Promise.all(
      [first, second].map(async (device) => ({
        device,
        answer: await ctx.client.send(device, "sign-up", {
          body,
          user: person.email,
          intent: "sign-up-race",
        }),
      })),
    );
    for (const { device, answer } of attempts) {
      if (ok(answer.status)) await establish(ctx, person, device);
      else device.jar.clear();
    }
    return;
  }
  const answer = await ctx.client.send(first, "sign-up", { body, user: person.email });
  if (ok(answer.status)) await establish(ctx, person, first);
}

/** After a sign-up or sign-in: learn the session's id as the web app does, with get-session. */
async function establish(ctx: LoadContext, person: Person, device: Device) {
  person.created = true;
  const established = ctx.client.now();
  const held = device.jar.session();
  if (!held) {
    ctx.journal.anomaly({
      op: "sign-in",
      detail: `a 2xx sign-in left ${device.name} without a session cookie`,
    });
    return;
  }
  const answer = await ctx.client.send(device, "get-session", { user: person.email });
  const id = sessionIdOf(answer.body);
  if (!ok(answer.status) || !id) {
    // The session exists but its id is unknown: forget it rather than track it wrongly.
    device.jar.clear();
    return;
  }
  checkIdentity(ctx.journal, answer, person.email, undefined);
  device.session = id;
  ctx.journal.addSession({
    id,
    user: person.email,
    token: held.token,
    cookie: held.cookie,
    ip: device.ip,
    userAgent: device.userAgent,
    established,
  });
}

/** One step: an operation chosen at random among those that make sense now. */
async function act(ctx: LoadContext, person: Person) {
  const signedIn = person.devices.filter((device) => device.session);
  const signedOut = person.devices.filter((device) => !device.session);
  const choices: [number, () => Promise<void>][] = [];
  if (signedOut.length > 0) choices.push([3, () => signIn(ctx, person, pick(signedOut))]);
  if (signedIn.length > 0) {
    choices.push(
      [3, () => use(ctx, person, pick(signedIn), "get-session")],
      [4, () => use(ctx, person, pick(signedIn), "me")],
      [2, () => use(ctx, person, pick(signedIn), "list")],
      [1, () => signOut(ctx, person, pick(signedIn))],
    );
  }
  if (signedIn.length > 1) {
    choices.push(
      [1.2, () => revoke(ctx, person, signedIn)],
      [0.5, () => revokeOthers(ctx, person, signedIn)],
    );
  }
  choices.push([0.15, () => signUpTaken(ctx, person)]);
  const total = choices.reduce((sum, [weight]) => sum + weight, 0);
  let roll = Math.random() * total;
  for (const [weight, run] of choices) {
    roll -= weight;
    if (roll <= 0) return run();
  }
}

async function signIn(ctx: LoadContext, person: Person, device: Device) {
  device.jar.clear();
  if (chance(0.03)) {
    await ctx.client.send(device, "sign-in", {
      body: { email: person.email, password: `${PASSWORD} typo` },
      user: person.email,
      intent: "wrong-password",
    });
  }
  const answer = await ctx.client.send(device, "sign-in", {
    body: { email: person.email, password: PASSWORD },
    user: person.email,
  });
  if (ok(answer.status)) await establish(ctx, person, device);
}

/** get-session, /api/me or /api/sessions; a 401 signs the device out (the app shows "sign in"). */
async function use(
  ctx: LoadContext,
  person: Person,
  device: Device,
  op: "get-session" | "me" | "list",
) {
  const expected = device.session;
  const answer = await ctx.client.send(device, op, { user: person.email });
  if (answer.status === 401) forget(device);
  else if (ok(answer.status)) checkIdentity(ctx.journal, answer, person.email, expected);
}

const anyUse = (): "get-session" | "me" | "list" => pick(["get-session", "me", "list"] as const);

/** Ends another device's session from this one; half the time that device is in use meanwhile. */
async function revoke(ctx: LoadContext, person: Person, signedIn: Device[]) {
  const actor = pick(signedIn);
  const target = pick(signedIn.filter((device) => device !== actor));
  const sessionId = target.session;
  const revoking = ctx.client.send(actor, "revoke", {
    body: { sessionId },
    user: person.email,
    target: sessionId,
  });
  const [answer] = await Promise.all([
    revoking,
    chance(0.5) ? use(ctx, person, target, anyUse()) : undefined,
  ]);
  if (answer.status === 401) forget(actor);
  // The target is not told: it finds out on its next request, as a real device would.
}

/** "Sign out of other devices"; half the time another device is in use meanwhile. */
async function revokeOthers(ctx: LoadContext, person: Person, signedIn: Device[]) {
  const actor = pick(signedIn);
  const other = pick(signedIn.filter((device) => device !== actor));
  const [answer] = await Promise.all([
    ctx.client.send(actor, "revoke-others", { user: person.email }),
    chance(0.5) ? use(ctx, person, other, anyUse()) : undefined,
  ]);
  if (answer.status === 401) forget(actor);
}

/** Sign-out; a third of the time another tab of the same browser asks for the session meanwhile. */
async function signOut(ctx: LoadContext, person: Person, device: Device) {
  const [answer] = await Promise.all([
    ctx.client.send(device, "sign-out", { user: person.email }),
    chance(0.3) ? use(ctx, person, device, "get-session") : undefined,
  ]);
  // A 401 says the session had already ended: signed out either way.
  if (ok(answer.status) || answer.status === 401) forget(device);
}

/** A sign-up with this person's email from a fresh browser: must be refused, create nothing. */
async function signUpTaken(ctx: LoadContext, person: Person) {
  const device = pick(person.devices);
  await ctx.client.send(device, "sign-up", {
    body: { name: "Someone Else", email: person.email, password: `${PASSWORD} 2` },
    user: person.email,
    intent: "email-taken",
    withoutCookies: true,
  });
}

function forget(device: Device) {
  device.session = undefined;
  device.jar.clear();
}

const ok = (status: number) => status >= 200 && status < 300;
