// Brute force, enumeration and hostile input against the auth endpoints.
import { describe, expect, it } from "vitest";
import { Client, uniqueEmail } from "./helpers";

describe("rate limits", () => {
  it("answers 429 with Retry-After after too many sign-ins from one client, whatever X-Forwarded-For says", async () => {
    const email = uniqueEmail();
    await new Client().signUp(email);
    const attacker = new Client();
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 12; attempt++) {
      const response = await attacker.request("/api/auth/sign-in/email", {
        json: { email, password: `guess-${attempt}` },
        headers: { "x-forwarded-for": `10.0.0.${attempt}` },
      });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client (another cf-connecting-ip) is not locked out.
    expect((await new Client().signIn(email)).status).toBe(200);
  });
});

describe("account enumeration", () => {
  it("answers a wrong password and an unknown email the same way", async () => {
    const email = uniqueEmail();
    await new Client().signUp(email);
    const wrong = await new Client().signIn(email, "not the password");
    const unknown = await new Client().signIn(uniqueEmail(), "not the password");
    expect(wrong.status).toBe(unknown.status);
    expect(await wrong.json()).toEqual(await unknown.json());
  });
});

describe("input validation", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      "an email over 254 characters",
      {
        email: `${"a".repeat(60)}@${"b".repeat(190)}.com`,
        password: "correct horse battery",
        name: "A",
      },
      "email",
    ],
    [
      "a local part over 64 characters",
      { email: `${"a".repeat(65)}@example.com`, password: "correct horse battery", name: "A" },
      "email",
    ],
    [
      "a malformed email",
      { email: "not-an-email", password: "correct horse battery", name: "A" },
      "email",
    ],
    ["a short password", { email: "short@example.com", password: "short", name: "A" }, "password"],
    [
      "a password over 128 characters",
      { email: "long@example.com", password: "x".repeat(129), name: "A" },
      "password",
    ],
    [
      "a name over 100 characters",
      { email: "name@example.com", password: "correct horse battery", name: "n".repeat(101) },
      "name",
    ],
    [
      "a number where the name goes",
      { email: "type@example.com", password: "correct horse battery", name: 42 },
      "name",
    ],
    [
      "an unknown field",
      {
        email: "extra@example.com",
        password: "correct horse battery",
        name: "A",
        emailVerified: true,
      },
      "emailVerified",
    ],
  ];
  for (const [label, body, field] of cases) {
    it(`answers 400 naming ${field} for ${label}`, async () => {
      const response = await new Client().request("/api/auth/sign-up/email", { json: body });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_body", field } });
    });
  }

  it("answers 400 for a __proto__ key, never 500", async () => {
    const response = await new Client().request("/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      json: JSON.parse(
        '{"email":"p@example.com","password":"correct horse battery","name":"P","__proto__":{"admin":true}}',
      ),
    });
    expect(response.status).toBe(400);
  });

  it("refuses a body over the size limit before parsing it", async () => {
    const response = await new Client().request("/api/auth/sign-in/email", {
      json: { email: "big@example.com", password: "x".repeat(20_000) },
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "body_too_large" } });
  });
});
