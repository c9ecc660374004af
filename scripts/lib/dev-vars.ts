// .dev.vars holds local secrets for `wrangler dev`; it is created once and never overwritten.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { ROOT } from "./processes.ts";

/** .dev.vars, or DEV_VARS_FILE (tests use their own so they never touch a developer's). */
export const DEV_VARS = process.env.DEV_VARS_FILE ?? `${ROOT}.dev.vars`;
const EXAMPLE = `${ROOT}.dev.vars.example`;

/** Creates .dev.vars from the example with a fresh secret when it is missing; returns true if created. */
export function ensureDevVars(): boolean {
  if (existsSync(DEV_VARS)) return false;
  // 32 random bytes: the secret signs session cookies, so it must be unguessable.
  const secret = randomBytes(32).toString("base64url");
  const text = readFileSync(EXAMPLE, "utf8").replace(
    /^BETTER_AUTH_SECRET=.*$/m,
    `BETTER_AUTH_SECRET=${secret}`,
  );
  writeFileSync(DEV_VARS, text, { mode: 0o600, flag: "wx" });
  return true;
}

/** Parses a dotenv-style file: KEY=value lines, # comments, optional quotes. */
export function readDevVars(path = DEV_VARS): Record<string, string> {
  if (!existsSync(path)) return {};
  const vars: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match?.[1]) continue;
    vars[match[1]] = (match[2] ?? "").replace(/^(["'])(.*)\1$/, "$2");
  }
  return vars;
}
