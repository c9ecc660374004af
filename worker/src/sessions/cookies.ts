// The one module that owns the session cookies: names, the __Secure- prefix, Domain, and the
// signed formats. The token cookie uses better-auth's format (value.HMAC-SHA256, the same as
// Hono's signed cookies), so better-auth's own endpoints and this module read each other's cookies.
import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";
import type { Config } from "../env";

/** better-auth's default prefix; kept so its cookies and ours are the same cookies. */
export const COOKIE_PREFIX = "better-auth";
const TOKEN_COOKIE = `${COOKIE_PREFIX}.session_token`;
const CACHE_COOKIE = `${COOKIE_PREFIX}.session_cache`;
// better-auth's own cache cookie: unused here, cleared with the rest so none lingers.
const BETTER_AUTH_CACHE_COOKIE = `${COOKIE_PREFIX}.session_data`;

type CookieConfig = Pick<Config, "BETTER_AUTH_URL" | "COOKIE_DOMAIN" | "BETTER_AUTH_SECRET">;

/** True when the API is served over HTTPS: cookies are then Secure and carry the __Secure- prefix. */
export function isSecure(config: Pick<Config, "BETTER_AUTH_URL">) {
  return config.BETTER_AUTH_URL.startsWith("https:");
}

/**
 * HttpOnly keeps the token from scripts; SameSite=Lax keeps it off cross-site subrequests and POSTs.
 * __Secure- (not __Host-): a cookie shared across subdomains needs Domain=, which __Host- forbids.
 */
function attributes(config: CookieConfig, maxAge?: number): CookieOptions {
  const secure = isSecure(config);
  return {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure,
    domain: config.COOKIE_DOMAIN,
    prefix: secure ? "secure" : undefined,
    maxAge,
  };
}

const prefixOf = (config: CookieConfig) => (isSecure(config) ? "secure" : undefined);

/** The session token: undefined when absent, false when its signature does not verify. */
export function readSessionToken(c: Context, config: CookieConfig) {
  return getSignedCookie(c, config.BETTER_AUTH_SECRET, TOKEN_COOKIE, prefixOf(config));
}

/** Sets the session token cookie, signed with the secret. */
export function writeSessionToken(c: Context, config: CookieConfig, token: string, maxAge: number) {
  return setSignedCookie(
    c,
    TOKEN_COOKIE,
    token,
    config.BETTER_AUTH_SECRET,
    attributes(config, maxAge),
  );
}

/** Deletes every session cookie (token and caches) on the response. */
export function clearSessionCookies(c: Context, config: CookieConfig) {
  for (const name of [TOKEN_COOKIE, CACHE_COOKIE, BETTER_AUTH_CACHE_COOKIE]) {
    deleteCookie(c, name, attributes(config));
  }
}

/** Whether the request carries any session cookie at all (a signed-out browser carries none). */
export function hasSessionCookie(c: Context) {
  const header = c.req.header("cookie") ?? "";
  return header.includes(TOKEN_COOKIE);
}

/** The raw, still signed cache cookie: undefined when absent, false when tampered with. */
export function readCacheCookie(c: Context, config: CookieConfig) {
  return getSignedCookie(c, config.BETTER_AUTH_SECRET, CACHE_COOKIE, prefixOf(config));
}

export function writeCacheCookie(c: Context, config: CookieConfig, value: string, maxAge: number) {
  return setSignedCookie(
    c,
    CACHE_COOKIE,
    value,
    config.BETTER_AUTH_SECRET,
    attributes(config, maxAge),
  );
}
