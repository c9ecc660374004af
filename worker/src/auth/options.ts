// The better-auth options that do not depend on env: one place for the runtime and any CLI.
import type { BetterAuthOptions } from "better-auth/minimal";

export const authOptions = {
  appName: "edge-session",
  basePath: "/api/auth",
  emailAndPassword: {
    enabled: true,
    // Long passphrases are welcome; the cap bounds the cost of hashing hostile input.
    minPasswordLength: 8,
    maxPasswordLength: 128,
    // A reset means the password may be known to someone else: end every session (ASVS 7.4.3).
    revokeSessionsOnPasswordReset: true,
  },
  session: {
    // The product's session check (worker/src/sessions/check.ts) slides, caps and rotates
    // sessions; better-auth's own refresh would slide past the absolute lifetime.
    disableSessionRefresh: true,
    // The product's signed cache cookie replaces better-auth's.
    cookieCache: { enabled: false },
    additionalFields: {
      // Set from Cloudflare's request.cf at sign-in, for the binding policy; never shown.
      asn: { type: "number", required: false, input: false, returned: false },
      country: { type: "string", required: false, input: false, returned: false },
    },
  },
  user: {
    // Deleting the account ends its sessions (rows cascade; ASVS 7.4.2).
    deleteUser: { enabled: true },
  },
  advanced: {
    // One query for user and accounts at sign-in (with Prisma's relationJoins: a lateral join).
    database: { joins: true },
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
