import { Hono } from "hono";
import type { AppEnv } from "../types";

/** better-auth's own endpoints (sign-up, sign-in, get-session, sign-out, …) under /api/auth. */
export const authRoutes = new Hono<AppEnv>().on(["GET", "POST"], "/api/auth/*", (c) =>
  c.var.services.auth.handler(c.req.raw),
);
