import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client, call } from "./helpers";

describe("misconfiguration", () => {
  it("names a missing BETTER_AUTH_SECRET", async () => {
    const { BETTER_AUTH_SECRET: _, ...rest } = env as unknown as Record<string, unknown>;
    const response = await call("/api/me", {}, rest);
    expect(response.status).toBe(500);
    const body = await response.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe("misconfigured");
    expect(body.error.message).toContain("BETTER_AUTH_SECRET");
  });

  it("names a malformed DATABASE_URL and TRUSTED_ORIGINS without echoing secrets", async () => {
    const response = await call(
      "/health",
      {},
      {
        ...env,
        DATABASE_URL: "mysql://root:hunter2@db/x",
        TRUSTED_ORIGINS: "not a url",
      },
    );
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain("DATABASE_URL");
    expect(text).toContain("TRUSTED_ORIGINS");
    expect(text).not.toContain("hunter2");
  });
});

describe("bad request bodies", () => {
  it("answers 400 for malformed JSON", async () => {
    const response = await call("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:5173" },
      body: '{"email": "a@example.com", ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_json" } });
  });

  it("answers 400 for a JSON body that is not an object", async () => {
    const response = await new Client().request("/api/auth/sign-up/email", { json: ["a", "b"] });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_body" } });
  });

  it("answers 404 JSON for an unknown route", async () => {
    const response = await call("/nope");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
