// One device's cookies, kept the way a browser keeps them: Set-Cookie stores or replaces, Max-Age
// (or Expires) ends a cookie, Max-Age=0 or an empty value deletes it. Host-only: the soak talks
// to one API origin.

export const TOKEN_COOKIE = "better-auth.session_token";
export const CACHE_COOKIE = "better-auth.session_cache";

/** `issuedAt`: when the request whose answer set it was sent (the journal's clock), if known. */
type Stored = { value: string; expires: number; issuedAt?: number };

/** The session token inside the cookie value `<token>.<signature>` (URL-encoded); undefined if malformed. */
export function tokenOf(rawValue: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawValue);
  } catch {
    return undefined;
  }
  const dot = decoded.lastIndexOf(".");
  return dot > 0 ? decoded.slice(0, dot) : undefined;
}

export class CookieJar {
  readonly #cookies = new Map<string, Stored>();

  /**
   * Applies a response's Set-Cookie lines at time `now` (ms since the epoch); `issuedAt` is when
   * the request that got them was sent.
   */
  store(lines: readonly string[], now = Date.now(), issuedAt?: number) {
    for (const line of lines) {
      const [pair = "", ...attributes] = line.split(";");
      const index = pair.indexOf("=");
      if (index <= 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      let expires = Number.POSITIVE_INFINITY;
      let maxAgeSeen = false;
      for (const attribute of attributes) {
        const [key = "", ...rest] = attribute.split("=");
        const text = rest.join("=").trim();
        if (key.trim().toLowerCase() === "max-age") {
          // Max-Age wins over Expires (RFC 6265 5.3 step 3).
          maxAgeSeen = true;
          expires = now + Number(text) * 1000;
        } else if (key.trim().toLowerCase() === "expires" && !maxAgeSeen) {
          const at = Date.parse(text);
          if (Number.isFinite(at)) expires = at;
        }
      }
      if (value === "" || !(expires > now)) this.#cookies.delete(name);
      else this.#cookies.set(name, { value, expires, issuedAt });
    }
  }

  /** A cookie's raw value, if held and not expired at `now`. */
  get(name: string, now = Date.now()): string | undefined {
    const cookie = this.#cookies.get(name);
    if (!cookie) return undefined;
    if (cookie.expires <= now) {
      this.#cookies.delete(name);
      return undefined;
    }
    return cookie.value;
  }

  /** The Cookie header a browser would send, or undefined when there is nothing to send. */
  header(now = Date.now()): string | undefined {
    const pairs: string[] = [];
    for (const name of [...this.#cookies.keys()]) {
      const value = this.get(name, now);
      if (value !== undefined) pairs.push(`${name}=${value}`);
    }
    return pairs.length > 0 ? pairs.join("; ") : undefined;
  }

  /** The session token cookie (`name=value`, for replays) and the token in it. */
  session(now = Date.now()): { cookie: string; token: string } | undefined {
    const value = this.get(TOKEN_COOKIE, now);
    const token = value === undefined ? undefined : tokenOf(value);
    return value !== undefined && token ? { cookie: `${TOKEN_COOKIE}=${value}`, token } : undefined;
  }

  /** True while the cache cookie may still answer the session check without the database. */
  hasCache(now = Date.now()): boolean {
    return this.get(CACHE_COOKIE, now) !== undefined;
  }

  /** When the request that got the current cache cookie was sent; undefined without one. */
  cacheIssuedAt(now = Date.now()): number | undefined {
    return this.hasCache(now) ? this.#cookies.get(CACHE_COOKIE)?.issuedAt : undefined;
  }

  clear() {
    this.#cookies.clear();
  }
}
