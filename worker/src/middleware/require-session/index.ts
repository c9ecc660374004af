import { createMiddleware } from "hono/factory";
import { ApiError } from "../../errors";
import type { AppEnv } from "../../types";

/** Lets the request through only with a valid session, checked on the server; puts it on c.var. */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  const session = await c.var.services.auth.api.getSession({ headers: c.req.raw.headers });
  if (!session) throw new ApiError(401, "unauthenticated", "Sign in to continue.");
  c.set("session", session);
  await next();
});
