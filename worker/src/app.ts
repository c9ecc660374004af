import { Hono } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

import { errorBody, errorHandler } from "./errors";
import { jsonBody } from "./middleware/json-body";
import { originGuard } from "./middleware/origin-guard";
import { services } from "./middleware/services";
import { authRoutes } from "./routes/auth";
import { health } from "./routes/health";
import { me } from "./routes/me";
import { ping } from "./routes/ping";
import { sessions } from "./routes/sessions";
import { isSecure } from "./sessions/cookies";
import type { AppEnv } from "./types";

// An API serves no pages: nothing may frame it, sniff it or learn where a request came from.
const apiHeaders: SecureHeadersOptions = {
  xFrameOptions: "DENY",
  referrerPolicy: "no-referrer",
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: false,
};
const httpsHeaders = secureHeaders({
  ...apiHeaders,
  // HSTS only means something over HTTPS; includeSubDomains covers the apps that share the cookie.
  strictTransportSecurity: "max-age=31536000; includeSubDomains",
});
const httpHeaders = secureHeaders({ ...apiHeaders, strictTransportSecurity: false });

/** Builds the API: middleware in the order a request meets it, then the routes. */
export function createApp() {
  const app = new Hono<AppEnv>();
  app.use(services);
  app.use((c, next) => (isSecure(c.var.services.config) ? httpsHeaders : httpHeaders)(c, next));
  app.use(
    "/api/*",
    cors({
      // An exact allowlist: a reflected or wildcard origin would hand the session to any site.
      origin: (origin, c) =>
        c.var.services.config.TRUSTED_ORIGINS.includes(origin) ? origin : null,
      credentials: true,
      allowMethods: ["GET", "POST", "OPTIONS"],
      allowHeaders: ["Content-Type"],
      maxAge: 600,
    }),
  );
  app.use("/api/*", async (c, next) => {
    await next();
    // Session state must never be stored by a browser or a shared cache.
    if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
  });
  app.use("/api/*", originGuard);
  app.use("/api/*", jsonBody);
  app.route("/", health);
  app.route("/", ping);
  app.route("/", authRoutes);
  app.route("/", me);
  app.route("/", sessions);
  app.notFound((c) => c.json(errorBody("not_found", "No such route."), 404));
  app.onError(errorHandler);
  return app;
}
