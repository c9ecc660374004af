// The plain `npm run dev` setup: app and admin on localhost over HTTP (a host-only cookie), with its
// own stack and database so that this file can shorten lifetimes and stop the database without
// touching the subdomain tests. Sessions here end after 20 s however active (SESSION_MAX_AGE) and
// count as fresh for 1 s only.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./chromium.ts";
import { PASSWORD, signIn, signUp, uniqueEmail, waitForAlert, waitSignedIn } from "./helpers.ts";
import { startTestStack, type TestStack } from "./test-stack.ts";

const MAX_AGE_SECONDS = 20;

let stack: TestStack;
let chrome: Awaited<ReturnType<typeof launchBrowser>>;
/** Signed up first, so that its minute until expiry overlaps the other tests. */
let expiring: { page: Page; email: string };

beforeAll(async () => {
  stack = await startTestStack({
    vars: {
      RATE_LIMIT: "off",
      SESSION_MAX_AGE: String(MAX_AGE_SECONDS),
      SESSION_FRESH_AGE: "1",
      // Every session check reads the database: the outage test needs it to notice at once.
      SESSION_CACHE_SECONDS: "0",
    },
    webEnv: { VITE_SESSION_REFETCH_SECONDS: "2" },
  });
  chrome = await launchBrowser();
  const page = await (await chrome.newContext()).newPage();
  const email = uniqueEmail("eve");
  await page.goto(stack.webUrl);
  await signUp(page, email, "Eve Expiring");
  await waitSignedIn(page);
  expiring = { page, email };
});

afterAll(async () => {
  await chrome?.close();
  await stack?.stop();
});

async function freshPage() {
  return (await chrome.newContext()).newPage();
}

describe("the web app on localhost", () => {
  it("signs up, shows the session, survives a reload and signs out", async () => {
    const page = await freshPage();
    const email = uniqueEmail("ada");
    await page.goto(stack.webUrl);
    await signUp(page, email);

    const signedIn = page.getByRole("region", { name: "Signed in" });
    await signedIn.waitFor();
    expect(await signedIn.textContent()).toContain(email);
    expect(await signedIn.textContent()).toMatch(/Session expires/);
    expect(await signedIn.textContent()).toMatch(/This device.*Chrome/);

    await page.reload();
    await signedIn.waitFor();
    expect(await signedIn.textContent()).toContain(email);

    await signedIn.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("status").getByText("You signed out.").waitFor();
    await page.reload();
    await page.getByRole("form", { name: "Sign in" }).waitFor();
    expect(await page.getByRole("region", { name: "Signed in" }).count()).toBe(0);
  });

  it("shows a wrong password and a taken email next to the form", async () => {
    const page = await freshPage();
    const email = uniqueEmail("grace");
    await page.goto(stack.webUrl);
    await signUp(page, email);
    const signedIn = page.getByRole("region", { name: "Signed in" });
    await signedIn.getByRole("button", { name: "Sign out" }).click();

    await signIn(page, email, "Sign in", "not the password");
    await page
      .getByRole("form", { name: "Sign in" })
      .getByText("Wrong email or password")
      .waitFor();

    await signUp(page, email);
    const taken = page.getByRole("form", { name: "Create an account" });
    await taken.getByText("That email is already registered").waitFor();
    expect(await taken.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
  });

  it("sends a signed-out visit to sign-in and back to the page afterwards, all by keyboard", async () => {
    const page = await freshPage();
    const email = uniqueEmail("kay");
    await page.goto(stack.webUrl);
    await signUp(page, email);
    await waitSignedIn(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("form", { name: "Sign in" }).waitFor();

    await page.goto(`${stack.webUrl}/activity`);
    await page.waitForURL(`${stack.webUrl}/sign-in?next=%2Factivity`);
    // Labels, tab order and Enter: no mouse needed.
    await page.getByRole("form", { name: "Sign in" }).getByLabel("Email").focus();
    await page.keyboard.type(email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Activity" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/activity");
  });

  it("never redirects to another site after sign-in", async () => {
    const page = await freshPage();
    const email = uniqueEmail("mal");
    await page.goto(`${stack.webUrl}/sign-in?next=${encodeURIComponent("//evil.test/")}`);
    await signUp(page, email);
    await waitSignedIn(page);
    expect(new URL(page.url()).origin).toBe(stack.webUrl);
  });

  it("shows the signed-in user in the admin app on its own port", async () => {
    const admin = await expiring.page.context().newPage();
    await admin.goto(stack.adminUrl ?? "");
    const panel = admin.getByRole("region", { name: "Signed in as Eve Expiring" });
    await panel.waitFor();
    expect(await panel.textContent()).toContain(expiring.email);
    await admin.close();
  });

  it("asks for a recent sign-in before listing devices, and offers one", async () => {
    const page = await freshPage();
    await page.goto(stack.webUrl);
    await signUp(page, uniqueEmail("fay"));
    await waitSignedIn(page);
    // SESSION_FRESH_AGE is 1 s here.
    await page.waitForTimeout(1_500);
    await page.getByRole("link", { name: "Devices" }).click();
    const problem = page.getByRole("alert").filter({ hasText: "Please sign in again to do this" });
    await problem.waitFor();
    await problem.getByRole("button", { name: "Sign in again" }).click();
    await page.waitForURL(`${stack.webUrl}/sign-in?next=%2Fdevices`);
    await page.getByRole("form", { name: "Sign in" }).waitFor();
  });

  it("says 'Your session expired' when the session reaches its maximum age, and signs in again there", {
    timeout: (MAX_AGE_SECONDS + 40) * 1000,
  }, async () => {
    const { page, email } = expiring;
    await waitForAlert(page, "Your session expired", (MAX_AGE_SECONDS + 30) * 1000);
    await signIn(page, email, "Sign in again");
    await waitSignedIn(page);
  });

  it("shows a server whose database is down as down, never as signed out", async () => {
    const { page } = expiring;
    await waitSignedIn(page);
    await stack.stopDatabase();

    // The next check fails: the page says so and keeps the session it knew.
    await page.getByRole("alert").getByText("The server is down right now").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("you are still signed in");
    await waitSignedIn(page);

    // A fresh load cannot tell who is signed in: it says the server is down, not "sign in".
    await page.reload();
    await page.getByRole("heading", { name: "The server is down" }).waitFor();
    expect(await page.getByRole("form", { name: "Sign in" }).count()).toBe(0);
  });
});
