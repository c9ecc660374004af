import { createMiddleware } from "hono/factory";
import { ApiError } from "../../errors";
import { checkSession } from "../../sessions/check";
import type { AppEnv } from "../../types";

const sessionGate = (options: { bypassCache: boolean }) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const session = await checkSession(c, options);
    if (!session) throw new ApiError(401, "unauthenticated", "Sign in to continue.");
    c.set("session", session);
    await next();
  });

/** Lets the request through only with a valid session, checked on the server; puts it on c.var. */
export const requireSession = sessionGate({ bypassCache: false });

/**
 * The same, always against the database: for routes that read or change security state, where
 * a session revoked within the cache window must not pass.
 */
export const requireDatabaseSession = sessionGate({ bypassCache: true });

/**
 * For security-sensitive routes (ASVS 7.5): the sign-in must be recent, so a stolen but old
 * session cannot list or end the user's other sessions.
 */
export const requireFreshSession = createMiddleware<AppEnv>(async (c, next) => {
  const { session } = c.var.session;
  const age = Date.now() - new Date(session.createdAt).getTime();
  if (age > c.var.services.config.SESSION_FRESH_AGE * 1000) {
    throw new ApiError(403, "fresh_session_required", "Please sign in again to do this.");
  }
  await next();
});
