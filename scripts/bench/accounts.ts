// Users and cookies for the scenarios, made through each Worker's own sign-up and sign-in.
import type { RunningWorker } from "./workers.ts";

export const PASSWORD = "bench correct horse battery";

/** The cookies a browser holds after signing in. */
export type Cookies = {
  /** Every cookie, as a browser sends them. */
  all: string;
  /** Only the session token: the server must read the database to know the session. */
  tokenOnly: string;
  /** True when a cookie-cache cookie came with the sign-in (the product's `…session_cache`, better-auth's `…session_data`). */
  hasCache: boolean;
};

// One browser for every request: the product binds sessions to the device family.
const USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

/** Headers of a request from the web app: its origin, a browser, JSON, and the given cookies. */
export function browserHeaders(worker: RunningWorker, cookie?: string): Record<string, string> {
  return {
    origin: worker.origin,
    "user-agent": USER_AGENT,
    "content-type": "application/json",
    ...(cookie ? { cookie } : {}),
  };
}

/** A browser's cookie jar, reduced to what the benchmark needs. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Applies Set-Cookie lines the way a browser does: Max-Age=0 or an empty value deletes. */
  store(setCookies: readonly string[]) {
    for (const line of setCookies) {
      const pair = line.split(";")[0] ?? "";
      const index = pair.indexOf("=");
      if (index <= 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === "" || /max-age=0\b/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return this;
  }

  cookies(): Cookies {
    const pairs = [...this.#cookies].map(([name, value]) => `${name}=${value}`);
    const names = [...this.#cookies.keys()];
    return {
      all: pairs.join("; "),
      tokenOnly: pairs.filter((_, i) => names[i]?.endsWith("session_token")).join("; "),
      hasCache: names.some((name) => /session_(cache|data)$/.test(name)),
    };
  }
}

async function send(worker: RunningWorker, path: string, body?: unknown, cookie?: string) {
  const response = await fetch(`${worker.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: browserHeaders(worker, cookie),
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) {
    throw new Error(
      `${worker.name}: ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
    );
  }
  await response.arrayBuffer();
  return response;
}

export async function signUp(worker: RunningWorker, email: string) {
  await send(worker, "/api/auth/sign-up/email", { email, password: PASSWORD, name: "Bench User" });
}

/**
 * Signs in, then asks for the session once as the web app does after a sign-in (the product
 * sets its cache cookie there), and returns the browser's cookies.
 */
export async function signIn(worker: RunningWorker, email: string): Promise<Cookies> {
  const jar = new CookieJar();
  const signedIn = await send(worker, "/api/auth/sign-in/email", { email, password: PASSWORD });
  jar.store(signedIn.headers.getSetCookie());
  const first = jar.cookies();
  if (!first.tokenOnly) throw new Error(`${worker.name}: sign-in set no session_token cookie`);
  const session = await send(worker, "/api/auth/get-session", undefined, first.all);
  return jar.store(session.headers.getSetCookie()).cookies();
}
