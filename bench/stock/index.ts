// The stock setup, for comparison only (never deployed): better-auth's defaults (no cookie cache, no
// product middleware) on the product's Prisma schema through @prisma/adapter-pg, with the Prisma
// client and the auth instance built per request as better-auth's and Prisma's Workers guides do.
import { PrismaPg } from "@prisma/adapter-pg";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { Hono } from "hono";
import { PrismaClient } from "../../worker/src/generated/prisma/client";

type Bindings = {
  DATABASE_URL: string;
  BETTER_AUTH_SECRET: string;
  BETTER_AUTH_URL: string;
  TRUSTED_ORIGINS: string;
};

/** A Prisma client and auth instance for one request (a Worker cannot reuse another request's socket). */
function createAuth(env: Bindings) {
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: env.DATABASE_URL }),
  });
  const auth = betterAuth({
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    secret: env.BETTER_AUTH_SECRET,
    baseURL: env.BETTER_AUTH_URL,
    trustedOrigins: env.TRUSTED_ORIGINS.split(","),
    emailAndPassword: { enabled: true },
    // The one departure from the defaults: the benchmark sends every request from one address, and the
    // product runs with its limit off too (RATE_LIMIT=off), so neither answers 429.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
  });
  return { prisma, auth };
}

const app = new Hono<{ Bindings: Bindings }>();

// The floor: no auth, no database.
app.get("/api/ping", (c) => c.json({ ok: true }));

app.on(["GET", "POST"], "/api/auth/*", async (c) => {
  const { prisma, auth } = createAuth(c.env);
  try {
    return await auth.handler(c.req.raw);
  } finally {
    // Closing after the response keeps connections from piling up on the server.
    c.executionCtx.waitUntil(prisma.$disconnect());
  }
});

// The equivalent of the product's protected route.
app.get("/api/me", async (c) => {
  const { prisma, auth } = createAuth(c.env);
  try {
    const session = await auth.api.getSession({ headers: c.req.raw.headers });
    if (!session) return c.json({ error: "unauthenticated" }, 401);
    const { user } = session;
    return c.json({
      user: { id: user.id, name: user.name, email: user.email },
      session: {
        id: session.session.id,
        createdAt: session.session.createdAt,
        expiresAt: session.session.expiresAt,
      },
    });
  } finally {
    c.executionCtx.waitUntil(prisma.$disconnect());
  }
});

export default app;
