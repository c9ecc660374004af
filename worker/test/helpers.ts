// Test helpers: call the real Worker (inside workerd) the way a browser on the web app would.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { createDatabase } from "../src/db/client";
import { loadConfig } from "../src/env";
import worker from "../src/index";

export const API = "http://localhost:8787";
export const WEB_ORIGIN = "http://localhost:5173";

/** The Worker's env; tests pass a changed copy to simulate misconfiguration or an outage. */
type Bindings = Partial<Env> | Record<string, unknown>;

/** One request through the Worker's fetch handler; waits for its background work to finish. */
export async function call(path: string, init: RequestInit = {}, bindings: Bindings = env) {
  const ctx = createExecutionContext();
  const request = new Request(`${API}${path}`, init) as Request<
    unknown,
    IncomingRequestCfProperties
  >;
  const response = await worker.fetch(request, bindings as unknown as Env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** A cookie-keeping client on the trusted web origin, like a browser tab. */
/** Postgres stopped: nothing listens on port 1, so connecting fails at once. */
export const DEAD_DATABASE_URL = "postgres://postgres:postgres@127.0.0.1:1/edge_session";

/**
 * A random address standing in for the cf-connecting-ip Cloudflare sets: from 100.64.0.0/10
 * (4 million addresses), so that test files running side by side never share a rate-limit key.
 */
export function randomIp() {
  const byte = (span: number) => Math.floor(Math.random() * span);
  return `100.${64 + byte(64)}.${byte(256)}.${1 + byte(254)}`;
}

export class Client {
  readonly cookies = new Map<string, string>();
  /** Each client is its own machine, as Cloudflare would report it. */
  ip = randomIp();
  /** Cloudflare's request.cf view of the client (network and country), when a test sets one. */
  cf: { asn: number; country: string } | undefined;
  userAgent =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
  constructor(readonly origin = WEB_ORIGIN) {}

  get cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async request(
    path: string,
    options: { method?: string; json?: unknown; headers?: HeadersInit; bindings?: Bindings } = {},
  ) {
    const headers = new Headers(options.headers);
    if (!headers.has("origin")) headers.set("origin", this.origin);
    if (!headers.has("cf-connecting-ip")) headers.set("cf-connecting-ip", this.ip);
    if (!headers.has("user-agent")) headers.set("user-agent", this.userAgent);
    if (this.cookies.size > 0 && !headers.has("cookie")) headers.set("cookie", this.cookieHeader);
    if (options.json !== undefined) headers.set("content-type", "application/json");
    const response = await call(
      path,
      {
        method: options.method ?? (options.json === undefined ? "GET" : "POST"),
        headers,
        body: options.json === undefined ? undefined : JSON.stringify(options.json),
        ...(this.cf ? { cf: this.cf } : {}),
      },
      options.bindings,
    );
    this.store(response);
    return response;
  }

  /** Applies Set-Cookie headers the way a browser does (Max-Age=0 deletes). */
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  signUp(email: string, password = "correct horse battery", name = "Test User") {
    return this.request("/api/auth/sign-up/email", { json: { email, password, name } });
  }

  signIn(email: string, password = "correct horse battery") {
    return this.request("/api/auth/sign-in/email", { json: { email, password } });
  }
}

/** Runs `use` with a Prisma client on the test database (to read rows or move time), then closes it. */
export async function withDatabase<T>(
  use: (prisma: ReturnType<typeof createDatabase>["prisma"]) => Promise<T>,
  bindings: Bindings = env,
): Promise<T> {
  const database = createDatabase(loadConfig(bindings));
  try {
    return await use(database.prisma);
  } finally {
    await database.dispose();
  }
}

/** The raw session token in a client's cookie (the part before the signature). */
export function tokenOf(client: Client) {
  const cookie = sessionCookie(client);
  return decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1)).split(".")[0] ?? "";
}

/** A unique email per test, so tests never depend on each other's users. */
export function uniqueEmail(label = "user") {
  return `${label}-${crypto.randomUUID()}@example.com`;
}

/** The session cookie's name=value as sent, e.g. to replay it later. */
export function sessionCookie(client: Client) {
  const entry = [...client.cookies].find(([name]) => name.endsWith("session_token"));
  if (!entry) throw new Error(`no session cookie in ${[...client.cookies.keys()].join(", ")}`);
  return `${entry[0]}=${entry[1]}`;
}
