import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Client, call, uniqueEmail } from "./helpers";

async function signedIn() {
  const client = new Client();
  await client.signUp(uniqueEmail());
  return client;
}

describe("CSRF: state changes only from trusted origins", () => {
  for (const origin of [
    "https://evil.test",
    "http://localhost:5173.evil.test",
    "http://evil.localhost:5173",
    "null",
  ]) {
    it(`refuses a POST with a valid session cookie from Origin ${origin} and leaves the session alone`, async () => {
      const client = await signedIn();
      const signOut = await client.request("/api/auth/sign-out", { json: {}, headers: { origin } });
      expect(signOut.status).toBe(403);
      const revoke = await client.request("/api/sessions/revoke", {
        json: { sessionId: "anything" },
        headers: { origin },
      });
      expect(revoke.status).toBe(403);
      expect(await revoke.json()).toMatchObject({ error: { code: "untrusted_origin" } });
      expect((await client.request("/api/me")).status).toBe(200);
    });
  }

  it("refuses a cross-site request without Origin by its Fetch Metadata", async () => {
    const client = await signedIn();
    for (const site of ["cross-site", "same-site"]) {
      // call() sends exactly these headers: no Origin at all.
      const response = await call("/api/sessions/revoke", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "sec-fetch-site": site,
          cookie: client.cookieHeader,
        },
        body: JSON.stringify({ sessionId: "x" }),
      });
      expect(response.status, site).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "untrusted_origin" } });
    }
    expect((await client.request("/api/me")).status).toBe(200);
  });

  it("refuses simple content types that a cross-site form could send", async () => {
    const client = await signedIn();
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const response = await call("/api/auth/sign-out", {
        method: "POST",
        headers: { "content-type": type, origin: client.origin, cookie: client.cookieHeader },
        body: "a=1",
      });
      expect(response.status, type).toBe(415);
    }
    expect((await client.request("/api/me")).status).toBe(200);
  });

  it("changes no state through GET", async () => {
    const client = await signedIn();
    for (const path of [
      "/api/auth/sign-out",
      "/api/sessions/revoke",
      "/api/auth/revoke-sessions",
    ]) {
      const response = await client.request(path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
    }
    expect((await client.request("/api/me")).status).toBe(200);
  });
});

describe("CORS", () => {
  it("answers a preflight from a trusted origin with an exact echo and credentials", async () => {
    const response = await call("/api/auth/sign-in/email", {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
    });
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("vary")).toMatch(/Origin/);
  });

  it("gives an untrusted origin no Access-Control-Allow-Origin, never * and never its own name", async () => {
    for (const origin of ["https://evil.test", "http://localhost:5173.evil.test"]) {
      const preflight = await call("/api/auth/sign-in/email", {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST" },
      });
      expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
      const get = await call("/api/auth/get-session", { headers: { origin } });
      expect(get.headers.get("access-control-allow-origin")).toBeNull();
      expect(get.headers.get("vary")).toMatch(/Origin/);
    }
  });
});

describe("security headers", () => {
  it("set nosniff, a Referrer-Policy and frame-ancestors 'none' on API responses", async () => {
    for (const path of ["/health", "/api/me", "/api/auth/get-session", "/nope"]) {
      const response = await call(path);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(response.headers.get("content-security-policy"), path).toContain(
        "frame-ancestors 'none'",
      );
      // HSTS only over HTTPS.
      expect(response.headers.get("strict-transport-security"), path).toBeNull();
    }
  });

  it("set HSTS with includeSubDomains when the API is HTTPS", async () => {
    const response = await call(
      "/api/ping",
      {},
      { ...env, BETTER_AUTH_URL: "https://api.example.test" },
    );
    expect(response.headers.get("strict-transport-security")).toBe(
      "max-age=31536000; includeSubDomains",
    );
  });
});
