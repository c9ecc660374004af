import { Hono } from "hono";
import { checkAuthInput } from "../auth/input";
import { ApiError } from "../errors";
import { checkSession } from "../sessions/check";
import type { AppEnv } from "../types";

/** Removes session tokens from a JSON body: the token reaches the browser only in Set-Cookie. */
function stripTokens(value: unknown, depth = 0): unknown {
  if (depth > 3 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => stripTokens(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== "token") copy[key] = stripTokens(item, depth + 1);
  }
  return copy;
}

// Endpoints that work without a session; every other one acts on the signed-in user.
const PUBLIC_PATHS = new Set([
  "/api/auth/sign-up/email",
  "/api/auth/sign-in/email",
  "/api/auth/request-password-reset",
  "/api/auth/reset-password",
  "/api/auth/verify-email",
  "/api/auth/ok",
  "/api/auth/error",
]);

/**
 * better-auth's endpoints under /api/auth, with the product's rules around them: the session check
 * answers get-session and vets the session of every non-public endpoint; inputs are validated first; tokens are stripped from bodies; a password
 * change signs the other devices out unless the client says otherwise.
 */
export const authRoutes = new Hono<AppEnv>()
  // ?disableCookieCache=true (better-auth's own parameter) asks the database: a client polling
  // for sessions ended elsewhere then learns within its poll interval, not the cache window.
  .get("/api/auth/get-session", async (c) =>
    c.json(await checkSession(c, { bypassCache: c.req.query("disableCookieCache") === "true" })),
  )
  .on(["GET", "POST"], "/api/auth/*", async (c) => {
    let request = c.req.raw;
    const body = c.var.body;
    if (body) {
      const problem = checkAuthInput(c.req.path, body);
      if (problem) {
        throw new ApiError(400, "invalid_body", `${problem.field} ${problem.message}`, {
          field: problem.field,
        });
      }
      if (c.req.path === "/api/auth/change-password" && body.revokeOtherSessions === undefined) {
        // ASVS 7.4.3: after a password change the other sessions end, by default.
        request = new Request(request, {
          body: JSON.stringify({ ...body, revokeOtherSessions: true }),
        });
      }
    }
    if (!PUBLIC_PATHS.has(c.req.path)) {
      // The product's check first, against the database: an outage is a 503 here (better-auth
      // would answer 401, signing the user out), and a refused session gets its specific code.
      // Read-only: better-auth answers, and its Set-Cookie must not compete with ours.
      await checkSession(c, { bypassCache: true, readOnly: true });
    }
    const response = await c.var.services.auth.handler(request);
    const headers = new Headers(response.headers);
    // better-auth names it X-Retry-After; HTTP clients and browsers read Retry-After.
    const retryAfter = headers.get("x-retry-after");
    if (response.status === 429 && retryAfter && !headers.has("retry-after"))
      headers.set("retry-after", retryAfter);
    if (!(headers.get("content-type") ?? "").includes("application/json")) {
      return new Response(response.body, { status: response.status, headers });
    }
    const json: unknown = await response.json();
    headers.delete("content-length");
    return new Response(JSON.stringify(stripTokens(json)), { status: response.status, headers });
  });
