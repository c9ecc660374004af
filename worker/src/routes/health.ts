import { Hono } from "hono";
import type { AppEnv } from "../types";

/** Liveness and database reachability, for uptime checks and load balancers. */
export const health = new Hono<AppEnv>().get("/health", async (c) => {
  try {
    await c.var.services.prisma.$queryRaw`SELECT 1`;
    return c.json({ status: "ok", db: "ok" });
  } catch (error) {
    console.error(JSON.stringify({ level: "error", code: "health_db_down", error: String(error) }));
    return c.json({ status: "error", db: "down" }, 503);
  }
});
