import { describe, expect, it } from "vitest";
import { Client, call, sessionCookie, uniqueEmail } from "./helpers";

describe("email and password sign-up and sign-in", () => {
  it("signs up a new user and sets an HttpOnly session cookie", async () => {
    const client = new Client();
    const email = uniqueEmail();
    const response = await client.signUp(email);
    expect(response.status).toBe(200);
    const body = await response.json<{ user: { email: string } }>();
    expect(body.user.email).toBe(email);
    const cookie = response.headers.getSetCookie().find((line) => line.includes("session_token="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("refuses a second sign-up with the same email", async () => {
    const email = uniqueEmail();
    expect((await new Client().signUp(email)).status).toBe(200);
    const again = await new Client().signUp(email);
    expect(again.status).toBe(422);
    const count = await new Client().signIn(email);
    expect(count.status).toBe(200);
  });

  it("signs in with the right password", async () => {
    const email = uniqueEmail();
    await new Client().signUp(email);
    const client = new Client();
    const response = await client.signIn(email);
    expect(response.status).toBe(200);
    expect(sessionCookie(client)).toMatch(/session_token=/);
  });

  it("refuses a wrong password with 401 and no cookie", async () => {
    const email = uniqueEmail();
    await new Client().signUp(email);
    const client = new Client();
    const response = await client.signIn(email, "not the password");
    expect(response.status).toBe(401);
    expect(client.cookies.size).toBe(0);
  });
});

describe("sessions", () => {
  it("get-session returns the signed-in user, and null without a cookie", async () => {
    const client = new Client();
    const email = uniqueEmail();
    await client.signUp(email);
    const signedIn = await client.request("/api/auth/get-session");
    expect(signedIn.status).toBe(200);
    const body = await signedIn.json<{ user: { email: string }; session: { expiresAt: string } }>();
    expect(body.user.email).toBe(email);
    expect(new Date(body.session.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const anonymous = await new Client().request("/api/auth/get-session");
    expect(await anonymous.json()).toBeNull();
  });

  it("GET /api/me answers 401 JSON without a session and the user with one", async () => {
    const anonymous = await new Client().request("/api/me");
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: { code: "unauthenticated", message: expect.any(String) },
    });

    const client = new Client();
    const email = uniqueEmail();
    await client.signUp(email);
    const me = await client.request("/api/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email }, session: { id: expect.any(String) } });
  });

  it("a signed-out cookie replayed later is refused", async () => {
    const client = new Client();
    await client.signUp(uniqueEmail());
    const stolen = sessionCookie(client);
    const signOut = await client.request("/api/auth/sign-out", { json: {} });
    expect(signOut.status).toBe(200);

    const replay = await call("/api/me", { headers: { cookie: stolen } });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: { code: "session_revoked" } });
    const session = await call("/api/auth/get-session", { headers: { cookie: stolen } });
    expect(session.status).toBe(401);
  });
});
