import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, DEAD_DATABASE_URL } from "./helpers";

describe("GET /health", () => {
  it("answers 200 with db ok when Postgres is reachable", async () => {
    const response = await call("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 with db down when Postgres is unreachable", async () => {
    const response = await call("/health", {}, { ...env, DATABASE_URL: DEAD_DATABASE_URL });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", db: "down" });
  });
});
