import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call } from "./helpers";

// A port nothing listens on: the database is "down" for these requests.
const DEAD_DATABASE = "postgres://postgres:postgres@127.0.0.1:1/edge_session";

describe("GET /health", () => {
  it("answers 200 with db ok when Postgres is reachable", async () => {
    const response = await call("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 with db down when Postgres is unreachable", async () => {
    const response = await call("/health", {}, { ...env, DATABASE_URL: DEAD_DATABASE });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", db: "down" });
  });
});
