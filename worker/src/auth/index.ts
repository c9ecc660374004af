import { prismaAdapter } from "better-auth/adapters/prisma";
import { betterAuth } from "better-auth/minimal";
import type { Config } from "../env";
import type { PrismaClient } from "../generated/prisma/client";
import { authOptions } from "./options";

type AuthDeps = {
  config: Config;
  prisma: PrismaClient;
  /** Keeps background work (session refresh writes, cleanup) alive after the response. */
  waitUntil: (promise: Promise<unknown>) => void;
};

/** Builds the better-auth instance for one request from the shared options, env and database. */
export function createAuth({ config, prisma, waitUntil }: AuthDeps) {
  const secure = config.BETTER_AUTH_URL.startsWith("https:");
  return betterAuth({
    ...authOptions,
    secret: config.BETTER_AUTH_SECRET,
    baseURL: config.BETTER_AUTH_URL,
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    trustedOrigins: config.TRUSTED_ORIGINS,
    advanced: {
      ...authOptions.advanced,
      // Secure (and the __Secure- prefix) whenever the API is served over HTTPS.
      useSecureCookies: secure,
      // Shared by every app under COOKIE_DOMAIN; off on localhost, where browsers reject Domain=localhost.
      crossSubDomainCookies: config.COOKIE_DOMAIN
        ? { enabled: true, domain: config.COOKIE_DOMAIN }
        : undefined,
      backgroundTasks: { handler: waitUntil },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
