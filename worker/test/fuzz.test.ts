// Hostile input, property-based: whatever arrives, the answer is a JSON 4xx (or a success), never
// a 5xx and never a crash.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { Client, call, uniqueEmail, WEB_ORIGIN } from "./helpers";

const POST_ROUTES = [
  "/api/auth/sign-up/email",
  "/api/auth/sign-in/email",
  "/api/auth/sign-out",
  "/api/auth/change-password",
  "/api/auth/revoke-session",
  "/api/auth/revoke-other-sessions",
  "/api/auth/update-user",
  "/api/sessions/revoke",
];
const GET_ROUTES = [
  "/api/me",
  "/api/auth/get-session",
  "/api/sessions",
  "/api/sessions/activity",
  "/api/auth/list-sessions",
];
const RUNS = 40;

let signedIn: Client;
beforeAll(async () => {
  signedIn = new Client();
  await signedIn.signUp(uniqueEmail("fuzz"));
});

async function expectClean(response: Response, label: string): Promise<string> {
  const text = await response.text();
  expect(response.status, `${label} -> ${response.status} ${text.slice(0, 200)}`).toBeLessThan(500);
  if (response.status >= 400) {
    expect(() => JSON.parse(text), `${label}: error body is JSON`).not.toThrow();
  }
  return text;
}

// Strings with the awkward parts: control characters, lone surrogates, huge lengths, unicode.
const nastyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.string({ unit: "grapheme", maxLength: 64 }),
  fc.constantFrom(
    "\u0000",
    "\uD800",
    "a".repeat(5000),
    "𝕏".repeat(300),
    '\'; DROP TABLE "user"; --',
    "__proto__",
    "constructor",
  ),
);
const nastyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      "email",
      "password",
      "name",
      "token",
      "sessionId",
      "newPassword",
      "currentPassword",
      "__proto__",
    ),
    fc.oneof(nastyString, fc.jsonValue({ maxDepth: 2 })),
  ),
);

describe("hostile input never causes a 5xx", () => {
  it("random JSON bodies on every POST route, signed in or not", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...POST_ROUTES),
        nastyJson,
        fc.boolean(),
        async (path, body, withSession) => {
          const client = withSession ? signedIn : new Client();
          const response = await call(path, {
            method: "POST",
            headers: {
              origin: WEB_ORIGIN,
              "content-type": "application/json",
              "cf-connecting-ip": client.ip,
              ...(withSession ? { cookie: client.cookieHeader } : {}),
            },
            body: JSON.stringify(body),
          });
          await expectClean(response, `${path} ${JSON.stringify(body).slice(0, 80)}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("random raw bodies and content types", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...POST_ROUTES),
        nastyString,
        fc.constantFrom(
          "application/json",
          "text/plain",
          "application/json; charset=utf-16",
          "",
          "application/x-www-form-urlencoded",
        ),
        async (path, body, type) => {
          const response = await call(path, {
            method: "POST",
            headers: { origin: WEB_ORIGIN, ...(type ? { "content-type": type } : {}) },
            body,
          });
          await expectClean(response, `${path} ${type} ${JSON.stringify(body).slice(0, 80)}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("random cookies on every session route", async () => {
    const cookieName = fc.constantFrom(
      "better-auth.session_token",
      "better-auth.session_cache",
      "__Secure-better-auth.session_token",
      "better-auth.session_data",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...GET_ROUTES),
        fc.array(fc.tuple(cookieName, nastyString), { maxLength: 3 }),
        async (path, cookies) => {
          // A header cannot carry lone surrogates: replace them so the request can be sent at all.
          const wellFormed = (value: string) => value.replace(/[\uD800-\uDFFF]/g, "\uFFFD");
          const cookie = cookies
            .map(([name, value]) => `${name}=${encodeURIComponent(wellFormed(value))}`)
            .join("; ");
          const response = await call(path, { headers: { cookie } });
          const text = await expectClean(response, `${path} cookie ${cookie.slice(0, 80)}`);
          // No forged cookie is a way in.
          expect(text).not.toContain('"user"');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("random query strings and oversized headers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...GET_ROUTES),
        fc.dictionary(fc.constantFrom("limit", "cursor", "disableCookieCache", "x"), nastyString),
        async (path, query) => {
          const search = new URLSearchParams(query).toString();
          const response = await call(`${path}?${search}`, {
            headers: {
              cookie: signedIn.cookieHeader,
              "user-agent": "x".repeat(8000),
              "cf-connecting-ip": signedIn.ip,
            },
          });
          await expectClean(response, `${path}?${search.slice(0, 80)}`);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
