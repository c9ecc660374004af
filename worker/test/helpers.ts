// Test helpers: call the real Worker (inside workerd) the way a browser on the web app would.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
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
export class Client {
  readonly cookies = new Map<string, string>();
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
    if (this.cookies.size > 0 && !headers.has("cookie")) headers.set("cookie", this.cookieHeader);
    if (options.json !== undefined) headers.set("content-type", "application/json");
    const response = await call(
      path,
      {
        method: options.method ?? (options.json === undefined ? "GET" : "POST"),
        headers,
        body: options.json === undefined ? undefined : JSON.stringify(options.json),
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
