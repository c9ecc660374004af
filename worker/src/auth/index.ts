import { prismaAdapter } from "better-auth/adapters/prisma";
import { betterAuth } from "better-auth/minimal";
import type { Services } from "../middleware/services";
import { isSecure } from "../sessions/cookies";
import { sessionHooks } from "./hooks";
import { authOptions } from "./options";
import { databaseRateLimit } from "./rate-limit";

/** Builds the better-auth instance for one request from the shared options, env and database. */
export function createAuth(services: Services) {
  const { config } = services;
  const rule = { window: config.RATE_LIMIT_WINDOW, max: config.RATE_LIMIT_MAX };
  return betterAuth({
    ...authOptions,
    secret: config.BETTER_AUTH_SECRET,
    baseURL: config.BETTER_AUTH_URL,
    database: prismaAdapter(services.prisma, { provider: "postgresql" }),
    trustedOrigins: config.TRUSTED_ORIGINS,
    session: {
      ...authOptions.session,
      expiresIn: config.SESSION_EXPIRES_IN,
      updateAge: config.SESSION_UPDATE_AGE,
      freshAge: config.SESSION_FRESH_AGE,
    },
    rateLimit: {
      // On everywhere, dev included (better-auth's default is production only): RATE_LIMIT=off opts out.
      enabled: config.RATE_LIMIT,
      // In the database, so every isolate counts the same attempts.
      customStorage: databaseRateLimit(services.prisma),
      window: config.RATE_LIMIT_WINDOW,
      max: 100,
      customRules: {
        "/sign-in/email": rule,
        "/sign-up/email": rule,
        "/change-password": rule,
        "/request-password-reset": rule,
        "/delete-user": rule,
        // Everything else is read-mostly or needs a session already: no counter write per request.
        "/*": false,
      },
    },
    databaseHooks: sessionHooks(services),
    advanced: {
      ...authOptions.advanced,
      // Secure (and the __Secure- prefix) whenever the API is served over HTTPS.
      useSecureCookies: isSecure(config),
      // Shared by every app under COOKIE_DOMAIN; off on localhost, where browsers reject Domain=localhost.
      crossSubDomainCookies: config.COOKIE_DOMAIN
        ? { enabled: true, domain: config.COOKIE_DOMAIN }
        : undefined,
      backgroundTasks: { handler: (promise) => services.defer(promise) },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
