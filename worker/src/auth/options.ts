// The better-auth options that do not depend on env: one place for the runtime and any CLI.
import type { BetterAuthOptions } from "better-auth/minimal";

/** Seconds in a day. */
const DAY = 60 * 60 * 24;

export const authOptions = {
  appName: "edge-session",
  basePath: "/api/auth",
  emailAndPassword: {
    enabled: true,
    // Long passphrases are welcome; the cap bounds the cost of hashing hostile input.
    minPasswordLength: 8,
    maxPasswordLength: 128,
  },
  session: {
    // Sliding expiry: a session idle for 7 days ends; use pushes expiry forward at most once a day.
    expiresIn: 7 * DAY,
    updateAge: DAY,
  },
  advanced: {
    ipAddress: {
      // Cloudflare sets cf-connecting-ip and overwrites any client value; X-Forwarded-For is spoofable.
      ipAddressHeaders: ["cf-connecting-ip"],
    },
  },
  // Errors that are not API errors (a lost database, a bug) reach the Worker's one error handler,
  // which answers 503 for an outage instead of better-auth's bare 500.
  onAPIError: { throw: true },
  telemetry: { enabled: false },
} satisfies BetterAuthOptions;
