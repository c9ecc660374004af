// better-auth's database hooks: where its session writes meet the product's policies and events.
import type { BetterAuthOptions } from "better-auth/minimal";
import type { Services } from "../middleware/services";
import { logEvent, recordEvent, type SessionEventType } from "../sessions/events";
import { hashToken } from "../sessions/tokens";

type SessionRow = {
  id: string;
  token: string;
  userId: string;
  ipAddress?: string | null;
  userAgent?: string | null;
};
type HookContext = { path?: string; request?: Request } | null;

/** Which event a session deletion is, from the endpoint that caused it. */
function endingOf(path: string | undefined): { type: SessionEventType; reason: string } {
  switch (path) {
    case "/sign-out":
      return { type: "signed_out", reason: "signed out" };
    case "/change-password":
      return { type: "revoked", reason: "password changed" };
    case "/reset-password":
      return { type: "revoked", reason: "password reset" };
    case "/delete-user":
      return { type: "revoked", reason: "account deleted" };
    case "/revoke-other-sessions":
      return { type: "revoked", reason: "signed out of other devices" };
    default:
      return { type: "revoked", reason: path ? `revoked through ${path}` : "revoked" };
  }
}

export function sessionHooks(services: Services): NonNullable<BetterAuthOptions["databaseHooks"]> {
  const { config } = services;
  return {
    session: {
      create: {
        before: async (session, context: HookContext) => {
          const cf = context?.request?.cf as { asn?: unknown; country?: unknown } | undefined;
          // The absolute lifetime caps even the first expiry (ASVS 7.3.2).
          const cap = Date.now() + config.SESSION_MAX_AGE * 1000;
          const expiresAt = new Date(Math.min(new Date(session.expiresAt).getTime(), cap));
          return {
            data: {
              ...session,
              expiresAt,
              asn: typeof cf?.asn === "number" ? cf.asn : null,
              country: typeof cf?.country === "string" ? cf.country : null,
            },
          };
        },
        after: async (session) => {
          const row = session as SessionRow;
          logEvent({ type: "created", sessionId: row.id, userId: row.userId, actor: "user" });
          // After the response (one statement): the "created" event, and the cap enforced.
          services.defer(createdAndCapped(services, row));
        },
      },
      delete: {
        after: async (session, context: HookContext) => {
          const row = session as SessionRow;
          const { type, reason } = endingOf(context?.path);
          recordEvent(services, {
            type,
            reason,
            sessionId: row.id,
            userId: type === "revoked" && context?.path === "/delete-user" ? null : row.userId,
            tokenHash: await hashToken(row.token),
            ipAddress: row.ipAddress,
            userAgent: row.userAgent,
            actor: "user",
          });
        },
      },
    },
  };
}

/**
 * Records the new session and keeps at most SESSION_LIMIT sessions per user, the least recently
 * active going first, with an event for each: one round trip, run after the response.
 */
async function createdAndCapped(services: Services, created: SessionRow) {
  const limit = services.config.SESSION_LIMIT;
  const reason = `more than ${limit} sessions: the least recently active one was ended`;
  const evicted = await services.prisma.$queryRaw<{ sessionId: string }[]>`
    WITH evicted AS (
      DELETE FROM "session" WHERE "id" IN (
        SELECT "id" FROM "session" WHERE "userId" = ${created.userId} AND "id" <> ${created.id}
        ORDER BY "lastActiveAt" DESC, "createdAt" DESC OFFSET ${limit - 1}
      ) RETURNING "id", "token", "ipAddress", "userAgent"
    ), created AS (
      INSERT INTO "session_event" ("id", "type", "sessionId", "userId", "ipAddress", "userAgent", "actor")
      VALUES (${crypto.randomUUID()}, 'created', ${created.id}, ${created.userId},
              ${created.ipAddress ?? null}, ${created.userAgent ?? null}, 'user')
    )
    INSERT INTO "session_event" ("id", "type", "sessionId", "userId", "tokenHash", "ipAddress", "userAgent", "reason", "actor")
    SELECT gen_random_uuid()::text, 'evicted', "id", ${created.userId},
           encode(sha256(convert_to("token", 'UTF8')), 'hex'), "ipAddress", "userAgent", ${reason}, ${created.id}
    FROM evicted
    RETURNING "sessionId"`;
  for (const row of evicted) {
    logEvent({
      type: "evicted",
      sessionId: row.sessionId,
      userId: created.userId,
      reason,
      actor: created.id,
    });
  }
}
