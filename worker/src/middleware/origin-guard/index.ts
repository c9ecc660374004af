import { createMiddleware } from "hono/factory";
import { ApiError } from "../../errors";
import type { AppEnv } from "../../types";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for every state-changing route (better-auth's own check stays on for /api/auth):
 * a browser names the page's origin in `Origin`; only the trusted apps and the API itself may
 * change state. Without `Origin`, Fetch Metadata must not say cross-site. Clients that send
 * neither (curl, servers) carry no ambient browser cookies to abuse.
 */
export const originGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const { config } = c.var.services;
  const origin = c.req.header("origin");
  if (origin !== undefined) {
    const trusted =
      origin === new URL(config.BETTER_AUTH_URL).origin || config.TRUSTED_ORIGINS.includes(origin);
    if (!trusted)
      throw new ApiError(403, "untrusted_origin", "This origin may not change state here.");
  } else {
    const site = c.req.header("sec-fetch-site");
    if (site === "cross-site" || site === "same-site") {
      throw new ApiError(403, "untrusted_origin", "Cross-site requests may not change state here.");
    }
  }
  await next();
});
