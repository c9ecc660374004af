import { Hono } from "hono";
import { cors } from "hono/cors";
import { errorBody, errorHandler } from "./errors";
import { jsonBody } from "./middleware/json-body";
import { services } from "./middleware/services";
import { authRoutes } from "./routes/auth";
import { health } from "./routes/health";
import { me } from "./routes/me";
import type { AppEnv } from "./types";

/** Builds the API: middleware in the order a request meets it, then the routes. */
export function createApp() {
  const app = new Hono<AppEnv>();
  app.use(services);
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
  app.use("/api/*", jsonBody);
  app.route("/", health);
  app.route("/", authRoutes);
  app.route("/", me);
  app.notFound((c) => c.json(errorBody("not_found", "No such route."), 404));
  app.onError(errorHandler);
  return app;
}
