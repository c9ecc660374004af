import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./chromium.ts";

const WEB_URL = inject("WEB_URL");
const PASSWORD = "correct horse battery";
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function signUp(page: Page, email: string) {
  const form = page.getByRole("form", { name: "Create an account" });
  await form.getByLabel("Name").fill("Ada Lovelace");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(PASSWORD);
  await form.getByRole("button", { name: "Sign up" }).click();
}

describe("signing in from the web app", () => {
  it("signs up, shows the session, survives a reload and signs out", async () => {
    const page = await browser.context.newPage();
    const email = `ada-${randomUUID()}@example.com`;
    await page.goto(WEB_URL);
    await signUp(page, email);

    const signedIn = page.getByRole("region", { name: "Signed in" });
    await signedIn.waitFor();
    expect(await signedIn.textContent()).toContain(email);
    expect(await signedIn.textContent()).toMatch(/Session expires/);

    await page.reload();
    await signedIn.waitFor();
    expect(await signedIn.textContent()).toContain(email);

    await signedIn.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("form", { name: "Sign in" }).waitFor();
    await page.reload();
    await page.getByRole("form", { name: "Sign in" }).waitFor();
    expect(await page.getByRole("region", { name: "Signed in" }).count()).toBe(0);
    await page.close();
  });

  it("shows a wrong password and a taken email next to the form", async () => {
    const page = await browser.context.newPage();
    const email = `grace-${randomUUID()}@example.com`;
    await page.goto(WEB_URL);
    await signUp(page, email);
    const signedIn = page.getByRole("region", { name: "Signed in" });
    await signedIn.getByRole("button", { name: "Sign out" }).click();

    const signIn = page.getByRole("form", { name: "Sign in" });
    await signIn.getByLabel("Email").fill(email);
    await signIn.getByLabel("Password").fill("not the password");
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await signIn.getByText("Wrong email or password").waitFor();

    await signUp(page, email);
    await page
      .getByRole("form", { name: "Create an account" })
      .getByText("That email is already registered")
      .waitFor();
    await page.close();
  });
});
