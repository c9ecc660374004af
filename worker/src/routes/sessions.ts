import { Hono } from "hono";
import * as z from "zod";
import { ApiError } from "../errors";
import {
  requireDatabaseSession,
  requireFreshSession,
  requireSession,
} from "../middleware/require-session";
import { deviceOf } from "../sessions/binding";
import { clearSessionCookies } from "../sessions/cookies";
import { recordEvent } from "../sessions/events";
import { hashToken } from "../sessions/tokens";
import type { AppEnv } from "../types";

const activityQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(100).optional(),
});

/** The signed-in user's own sessions (devices) and session events. */
export const sessions = new Hono<AppEnv>()
  .get("/api/sessions", requireDatabaseSession, requireFreshSession, async (c) => {
    const { session: current } = c.var.session;
    const rows = await c.var.services.prisma.session.findMany({
      where: { userId: current.userId, expiresAt: { gt: new Date() } },
      orderBy: { lastActiveAt: "desc" },
      select: {
        id: true,
        ipAddress: true,
        userAgent: true,
        createdAt: true,
        lastActiveAt: true,
        expiresAt: true,
      },
    });
    return c.json({
      sessions: rows.map(({ userAgent, ...row }) => ({
        ...row,
        ...deviceOf(userAgent),
        current: row.id === current.id,
      })),
    });
  })
  .post("/api/sessions/revoke", requireDatabaseSession, requireFreshSession, async (c) => {
    const parsed = z.object({ sessionId: z.string().min(1).max(100) }).safeParse(c.var.body ?? {});
    if (!parsed.success)
      throw new ApiError(400, "invalid_body", "sessionId is required", { field: "sessionId" });
    const { session: current } = c.var.session;
    const prisma = c.var.services.prisma;
    // Scoped to the signed-in user: another user's session id revokes nothing.
    const [ended] = await prisma.$queryRaw<
      { id: string; token: string; ipAddress: string | null; userAgent: string | null }[]
    >`
      DELETE FROM "session" WHERE "id" = ${parsed.data.sessionId} AND "userId" = ${current.userId}
      RETURNING "id", "token", "ipAddress", "userAgent"`;
    if (!ended) throw new ApiError(404, "session_not_found", "No such session of yours.");
    recordEvent(c.var.services, {
      type: "revoked",
      reason: ended.id === current.id ? "signed out this device" : "revoked from another device",
      sessionId: ended.id,
      userId: current.userId,
      tokenHash: await hashToken(ended.token),
      ipAddress: ended.ipAddress,
      userAgent: ended.userAgent,
      actor: current.id,
    });
    if (ended.id === current.id) clearSessionCookies(c, c.var.services.config);
    return c.json({ revoked: true });
  })
  .get("/api/sessions/activity", requireSession, async (c) => {
    const query = activityQuery.safeParse(c.req.query());
    if (!query.success) {
      const field = String(query.error.issues[0]?.path[0] ?? "query");
      throw new ApiError(400, "invalid_query", `${field} ${query.error.issues[0]?.message}`, {
        field,
      });
    }
    const { limit, cursor } = query.data;
    const rows = await c.var.services.prisma.sessionEvent.findMany({
      where: { userId: c.var.session.user.id },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: limit + 1,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        type: true,
        at: true,
        sessionId: true,
        ipAddress: true,
        userAgent: true,
        reason: true,
      },
    });
    const page = rows.slice(0, limit);
    return c.json({
      events: page,
      nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    });
  });
