import { Hono } from "hono";
import { requireSession } from "../middleware/require-session";
import type { AppEnv } from "../types";

/** The protected example route: who is signed in, and the session's public fields. */
export const me = new Hono<AppEnv>().get("/api/me", requireSession, (c) => {
  const { user, session } = c.var.session;
  return c.json({
    user: { id: user.id, name: user.name, email: user.email },
    session: { id: session.id, createdAt: session.createdAt, expiresAt: session.expiresAt },
  });
});
