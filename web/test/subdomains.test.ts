// One login across subdomains, in a real Chromium: app.example.test and admin.example.test share the
// session cookie set by api.example.test, over HTTPS with the stack's own CA. The tests follow one
// person (Ada) through her devices, in order: each browser context is one device.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./chromium.ts";
import {
  DOMAIN,
  EVIL_HOST,
  PASSWORD,
  signIn,
  signUp,
  waitForAlert,
  waitSignedIn,
} from "./helpers.ts";
import { startRecordingProxy, startUntrustedSite } from "./untrusted-site.ts";

const API_URL = inject("API_URL");
const WEB_URL = inject("WEB_URL");
const ADMIN_URL = inject("ADMIN_URL");
const CERTS = inject("CERTS");
// The README shows these; every run refreshes them.
const SCREENSHOTS = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));

// A fresh database per run, so the screenshots can show a plain address.
const EMAIL = "ada@example.com";
const SIGNED_OUT_ELSEWHERE = "You were signed out on another device";
// Lists reload after a request; vitest's default of 1 s is short for a busy CI machine.
const POLL = { timeout: 15_000 };

let chrome: Awaited<ReturnType<typeof launchBrowser>>;
/** Ada's laptop: the app stays open on it while other devices act. */
let laptop: BrowserContext;
let app: Page;
/** Ada's second device. */
let phone: Page;

beforeAll(async () => {
  chrome = await launchBrowser({ tls: { hosts: [`*.${DOMAIN}`, EVIL_HOST], spki: CERTS.spki } });
  laptop = await chrome.newContext();
  app = await laptop.newPage();
});

afterAll(async () => {
  await chrome?.close();
});

describe("one login across app and admin subdomains", () => {
  it("signs up on app with one cookie for the whole domain: Secure, HttpOnly, SameSite=Lax, unreadable by scripts", async () => {
    await app.goto(WEB_URL);
    await signUp(app, EMAIL);
    await waitSignedIn(app);

    const cookies = (await laptop.cookies()).filter((cookie) => cookie.name.includes("session"));
    expect(cookies.map((cookie) => cookie.name)).toContain("__Secure-better-auth.session_token");
    for (const cookie of cookies) {
      expect(cookie).toMatchObject({
        domain: `.${DOMAIN}`,
        secure: true,
        httpOnly: true,
        sameSite: "Lax",
      });
    }
    // The app's own scripts (and any script injected into it) cannot read the token.
    expect(await app.evaluate(() => document.cookie)).not.toMatch(/session/);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await app.screenshot({ path: `${SCREENSHOTS}app.png` });
  });

  it("admin shows the same user without signing in again", async () => {
    const admin = await laptop.newPage();
    await admin.goto(ADMIN_URL);
    const panel = admin.getByRole("region", { name: "Signed in as Ada Lovelace" });
    await panel.waitFor();
    expect(await panel.textContent()).toContain(EMAIL);
    // The admin app has no password field anywhere: the shared cookie was enough.
    expect(await admin.getByLabel("Password").count()).toBe(0);
    await admin.close();
  });

  it("signing out on admin ends the session for app too, and app says so within the refresh interval", async () => {
    const admin = await laptop.newPage();
    await admin.goto(ADMIN_URL);
    await admin.getByRole("button", { name: "Sign out of both apps" }).click();
    await admin.getByRole("heading", { name: "You signed out" }).waitFor();

    await waitForAlert(app, SIGNED_OUT_ELSEWHERE);
    // It offers to sign in again right there, and knows who was signed in.
    const again = app.getByRole("form", { name: "Sign in again" });
    expect(await again.getByLabel("Email").inputValue()).toBe(EMAIL);
    await admin.close();

    await signIn(app, EMAIL, "Sign in again");
    await waitSignedIn(app);
  });

  it("gives a page on evil.test calling the API with credentials no session: no Cookie header reaches the server", async () => {
    const proxy = await startRecordingProxy(API_URL, CERTS);
    const evil = await startUntrustedSite(EVIL_HOST, CERTS);
    try {
      // Control: from the trusted app, the same browser does send the cookie through the proxy,
      // so an empty header below is the browser's decision, not the proxy losing it.
      const status = await app.evaluate(
        async (url) => (await fetch(`${url}/api/me`, { credentials: "include" })).status,
        proxy.url,
      );
      expect(status).toBe(200);
      expect(proxy.seen.at(-1)?.cookieNames).toContain("__Secure-better-auth.session_token");

      const attacker = await laptop.newPage();
      await attacker.goto(evil.url);
      const read = await attacker.evaluate(async (url) => {
        try {
          const response = await fetch(`${url}/api/me`, { credentials: "include" });
          return `read ${response.status}`;
        } catch {
          return "blocked";
        }
      }, proxy.url);
      // A cross-site form POST (CSRF: sign Ada out) as a top-level navigation.
      await attacker.evaluate((url) => {
        const form = document.createElement("form");
        form.method = "POST";
        form.action = `${url}/api/auth/sign-out`;
        document.body.append(form);
        form.submit();
      }, proxy.url);
      await attacker.waitForURL(`${proxy.url}/api/auth/sign-out`);

      const fromEvil = proxy.seen.filter((request) => request.origin === evil.url);
      expect(fromEvil.map((request) => `${request.method} ${request.path}`)).toEqual([
        "GET /api/me",
        "POST /api/auth/sign-out",
      ]);
      for (const request of fromEvil) expect(request.cookieNames).toEqual([]);
      // And the browser kept the response from the page (no CORS grant for evil.test).
      expect(read).toBe("blocked");
      await attacker.close();

      // Ada is still signed in.
      await app.reload();
      await waitSignedIn(app);
    } finally {
      await proxy.close();
      await evil.close();
    }
  });

  it("revoking a session from a second device tells the first it was signed out; devices and activity show it", async () => {
    phone = await (await chrome.newContext()).newPage();
    // A signed-out visit to a page goes to sign-in, then back to that page.
    await phone.goto(`${WEB_URL}/devices`);
    await signIn(phone, EMAIL);
    const list = phone.getByRole("list").filter({ has: phone.getByRole("listitem") });
    await phone.getByRole("heading", { name: "Your devices" }).waitFor();
    expect(new URL(phone.url()).pathname).toBe("/devices");

    const devices = list.getByRole("listitem");
    await expect.poll(() => devices.count(), POLL).toBe(2);
    const here = devices.filter({ hasText: "This device" });
    expect(await here.count()).toBe(1);
    expect(await here.textContent()).toMatch(/Chrome.*Linux/);
    expect(await here.textContent()).toContain("127.0.0.1");
    await phone.screenshot({ path: `${SCREENSHOTS}devices.png` });

    await devices
      .filter({ hasNotText: "This device" })
      .getByRole("button", { name: "Sign out" })
      .click();
    await phone.getByRole("status").getByText("Chrome on Linux was signed out.").waitFor();
    await expect.poll(() => devices.count(), POLL).toBe(1);
    await waitForAlert(app, SIGNED_OUT_ELSEWHERE);

    await phone.getByRole("link", { name: "Activity" }).click();
    const timeline = phone.getByRole("list");
    await timeline.getByText("Session revoked").first().waitFor();
    const text = (await timeline.textContent()) ?? "";
    expect(text).toContain("revoked from another device");
    expect(text).toContain("Signed out");
    expect(text).toContain("This session");
    expect((await timeline.getByText("Signed in").count()) >= 3).toBe(true);
  });

  it("signs out all other devices at once", async () => {
    await signIn(app, EMAIL, "Sign in again");
    await waitSignedIn(app);

    await phone.getByRole("link", { name: "Devices" }).click();
    const devices = phone.getByRole("listitem");
    await expect.poll(() => devices.count(), POLL).toBe(2);
    await phone.getByRole("button", { name: "Sign out all other devices" }).click();
    await phone.getByText("Every other device was signed out.").waitFor();
    await expect.poll(() => devices.count(), POLL).toBe(1);
    await waitForAlert(app, SIGNED_OUT_ELSEWHERE);
  });

  it("changing the password signs the other devices out by default, and keeps this one", async () => {
    await signIn(app, EMAIL, "Sign in again");
    await waitSignedIn(app);

    await phone.getByRole("link", { name: "Password" }).click();
    const form = phone.getByRole("form", { name: "Change password" });
    expect(await form.getByLabel("Sign out other devices").isChecked()).toBe(true);

    const newPassword = "a brand new passphrase";
    await form.getByLabel("Current password").fill("not my password");
    await form.getByLabel("New password", { exact: true }).fill(newPassword);
    await form.getByLabel("Repeat the new password").fill(newPassword);
    await form.getByRole("button", { name: "Change password" }).click();
    // The error sits next to the field it is about, and marks it invalid.
    const current = form.getByLabel("Current password");
    await form.getByText("That is not your current password").waitFor();
    expect(await current.getAttribute("aria-invalid")).toBe("true");

    await current.fill(PASSWORD);
    await form.getByLabel("New password", { exact: true }).fill(newPassword);
    await form.getByLabel("Repeat the new password").fill(newPassword);
    await form.getByRole("button", { name: "Change password" }).click();
    await phone.getByText("every other device was signed out").waitFor();

    await waitForAlert(app, SIGNED_OUT_ELSEWHERE);
    await phone.getByRole("link", { name: "Session" }).click();
    await waitSignedIn(phone);

    // Only the new password signs in now.
    await signIn(app, EMAIL, "Sign in again");
    await app.getByText("Wrong email or password").waitFor();
    await signIn(app, EMAIL, "Sign in again", newPassword);
    await waitSignedIn(app);
  });
});
