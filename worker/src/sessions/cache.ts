// The session cache cookie: a signed snapshot of session and user that lets the session check skip
// the database for SESSION_CACHE_SECONDS. It is bound to the token (a hash of it is inside), so it
// is worthless without the token cookie, and any change to it breaks the signature.
import type { Context } from "hono";
import type { Config } from "../env";
import { readCacheCookie, writeCacheCookie } from "./cookies";
import { base64url, fromBase64url, hashToken } from "./tokens";
import type { SessionView, UserView } from "./view";

export type CachedSession = {
  session: SessionView;
  user: UserView;
  /** When the current token was issued (ms), to know when rotation is due without the database. */
  rotatedAt: number;
  asn: number | null;
  country: string | null;
  /** Until when this snapshot may be used (ms). */
  until: number;
};

type Payload = CachedSession & { th: string };

const tokenTag = async (token: string) => (await hashToken(token)).slice(0, 32);

/**
 * The cached session for this token: null when there is none or it has run out or belongs to
 * another token (the database decides then), false when it was tampered with.
 */
export async function readSessionCache(
  c: Context,
  config: Config,
  token: string,
): Promise<CachedSession | null | false> {
  if (config.SESSION_CACHE_SECONDS === 0) return null;
  const raw = await readCacheCookie(c, config);
  if (raw === undefined) return null;
  if (raw === false) return false;
  let payload: Payload;
  try {
    payload = JSON.parse(fromBase64url(raw)) as Payload;
  } catch {
    return false;
  }
  if (payload.th !== (await tokenTag(token)) || payload.until <= Date.now()) return null;
  const { th: _, ...cached } = payload;
  return cached;
}

/** Writes the snapshot for the next SESSION_CACHE_SECONDS (never past the session's own expiry). */
export async function writeSessionCache(
  c: Context,
  config: Config,
  token: string,
  cached: Omit<CachedSession, "until">,
) {
  if (config.SESSION_CACHE_SECONDS === 0) return;
  const expiresAt = new Date(cached.session.expiresAt).getTime();
  const until = Math.min(Date.now() + config.SESSION_CACHE_SECONDS * 1000, expiresAt);
  const payload: Payload = { ...cached, until, th: await tokenTag(token) };
  const value = base64url(new TextEncoder().encode(JSON.stringify(payload)));
  await writeCacheCookie(c, config, value, Math.max(1, Math.ceil((until - Date.now()) / 1000)));
}
