import { Hono } from "hono";
import type { AppEnv } from "../types";

/** A route that touches neither auth nor the database: the floor for benchmarks and probes. */
export const ping = new Hono<AppEnv>().get("/api/ping", (c) => c.json({ ok: true }));
