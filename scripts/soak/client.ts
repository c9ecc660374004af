// The simulated browsers: one cookie jar, address and user agent per device, and one `send` that
// makes a request as the web app would and writes what happened into the journal.
import type { CookieJar } from "./cookie-jar.ts";
import {
  type Intent,
  type Journal,
  type Operation,
  type RequestRecord,
  ROUTES,
} from "./journal.ts";

/** One browser on one machine. Its address and user agent never change: the binding policy logs changes. */
export type Device = {
  name: string;
  ip: string;
  userAgent: string;
  jar: CookieJar;
  /** The session this device believes it holds (its id, from get-session after signing in). */
  session?: string;
};

export type Target = {
  /** Where requests go: always 127.0.0.1. */
  apiUrl: string;
  /** The web app's origin, in TRUSTED_ORIGINS: state-changing requests must name it. */
  origin: string;
};

export type Answer = { status: number; body: unknown; record: RequestRecord };

type SendOptions = {
  body?: unknown;
  user?: string;
  target?: string;
  intent?: Intent;
  /** Send no cookies and keep none (a sign-up from a fresh browser). */
  withoutCookies?: boolean;
};

const TIMEOUT_MS = 30_000;

/** Thrown when the run is stopped (Ctrl-C): the virtual users unwind without recording. */
export class Stopped extends Error {
  override readonly name = "Stopped";
}

/** The error code of a JSON error body: ours (`error.code`) or better-auth's (`code`). */
export function errorCode(body: unknown): string | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const { error, code } = body as { error?: { code?: unknown }; code?: unknown };
  if (typeof error?.code === "string") return error.code;
  return typeof code === "string" ? code : undefined;
}

export class Client {
  readonly #target: Target;
  readonly #journal: Journal;
  readonly #signal: AbortSignal;
  readonly #started = performance.now();

  constructor(target: Target, journal: Journal, signal: AbortSignal) {
    this.#target = target;
    this.#journal = journal;
    this.#signal = signal;
  }

  /** Milliseconds since the client was made: the journal's clock. */
  now() {
    return performance.now() - this.#started;
  }

  /** The headers a browser on this device sends from the web app. */
  headers(device: Pick<Device, "ip" | "userAgent">, cookie: string | undefined, json: boolean) {
    return {
      origin: this.#target.origin,
      "user-agent": device.userAgent,
      // Cloudflare's edge sets it in production; wrangler dev passes the client's value on.
      "cf-connecting-ip": device.ip,
      ...(json ? { "content-type": "application/json" } : {}),
      ...(cookie ? { cookie } : {}),
    };
  }

  /** Sends one operation from a device, applies its Set-Cookie to the jar, records it. */
  async send(device: Device, op: Operation, options: SendOptions = {}): Promise<Answer> {
    if (this.#signal.aborted) throw new Stopped();
    const { method, path } = ROUTES[op];
    const useJar = !options.withoutCookies;
    const wall = Date.now();
    const cookie = useJar ? device.jar.header(wall) : undefined;
    const cached = useJar && device.jar.hasCache(wall);
    const cacheIssuedAt = useJar ? device.jar.cacheIssuedAt(wall) : undefined;
    const session = useJar ? device.session : undefined;
    const start = this.now();
    let status = 0;
    let body: unknown;
    let code: string | undefined;
    try {
      const response = await fetch(`${this.#target.apiUrl}${path}`, {
        method,
        headers: this.headers(device, cookie, method === "POST"),
        body: method === "POST" ? JSON.stringify(options.body ?? {}) : undefined,
        redirect: "manual",
        signal: AbortSignal.any([this.#signal, AbortSignal.timeout(TIMEOUT_MS)]),
      });
      const text = await response.text();
      status = response.status;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      code = errorCode(body);
      if (useJar) device.jar.store(response.headers.getSetCookie(), Date.now(), start);
    } catch (error) {
      if (this.#signal.aborted) throw new Stopped();
      code = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    const record = this.#journal.add({
      op,
      status,
      code,
      start,
      end: this.now(),
      user: options.user,
      session,
      target: options.target,
      cached,
      cacheIssuedAt,
      intent: options.intent,
    });
    return { status, body, record };
  }
}
