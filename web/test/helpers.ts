// What the browser tests do again and again, written once: the way a person would do it.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";

/** The cookie domain of the subdomain stack, and the untrusted site the tests attack it from. */
export const DOMAIN = "example.test";
export const EVIL_HOST = "evil.test";

export const PASSWORD = "correct horse battery";

/** A fresh address per test: every test starts from its own account. */
export function uniqueEmail(name: string): string {
  return `${name}-${randomUUID().slice(0, 8)}@example.com`;
}

/** Fills in "Create an account" and submits it. */
export async function signUp(page: Page, email: string, name = "Ada Lovelace") {
  const form = page.getByRole("form", { name: "Create an account" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(PASSWORD);
  await form.getByRole("button", { name: "Sign up" }).click();
}

/** Fills in a sign-in form ("Sign in", or "Sign in again" after a session ended) and submits it. */
export async function signIn(page: Page, email: string, title = "Sign in", password = PASSWORD) {
  const form = page.getByRole("form", { name: title });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
}

/** Waits for the session panel of the web app. */
export async function waitSignedIn(page: Page) {
  await page.getByRole("region", { name: "Signed in" }).waitFor();
}

/** Waits for an alert with this heading, e.g. "You were signed out on another device". */
export async function waitForAlert(page: Page, heading: string, timeout = 20_000) {
  await page.getByRole("alert").getByRole("heading", { name: heading }).waitFor({ timeout });
}
