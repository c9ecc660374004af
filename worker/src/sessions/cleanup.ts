// Scheduled cleanup (a Cron Trigger): expired sessions, verifications and rate-limit counters are
// deleted in bounded batches, so one run never holds long locks or outlives its time budget.
import type { Services } from "../middleware/services";
import { recordEvent } from "./events";
import { hashToken } from "./tokens";

const BATCH = 500;
const MAX_BATCHES = 20;

export type CleanupResult = { sessions: number; verifications: number; rateLimits: number };

export async function cleanup(services: Services, now = new Date()): Promise<CleanupResult> {
  const { prisma, config } = services;
  const lifetimeStart = new Date(now.getTime() - config.SESSION_MAX_AGE * 1000);
  const result: CleanupResult = { sessions: 0, verifications: 0, rateLimits: 0 };
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const ended = await prisma.$queryRaw<
      {
        id: string;
        userId: string;
        token: string;
        ipAddress: string | null;
        userAgent: string | null;
      }[]
    >`
      DELETE FROM "session" WHERE "id" IN (
        SELECT "id" FROM "session" WHERE "expiresAt" <= ${now} OR "createdAt" <= ${lifetimeStart} LIMIT ${BATCH}
      ) RETURNING "id", "userId", "token", "ipAddress", "userAgent"`;
    for (const row of ended) {
      recordEvent(services, {
        type: "expired",
        reason: "removed by the scheduled cleanup",
        sessionId: row.id,
        userId: row.userId,
        tokenHash: await hashToken(row.token),
        ipAddress: row.ipAddress,
        userAgent: row.userAgent,
        actor: "system",
      });
    }
    result.sessions += ended.length;
    if (ended.length < BATCH) break;
  }
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const count = await prisma.$executeRaw`
      DELETE FROM "verification" WHERE "id" IN (
        SELECT "id" FROM "verification" WHERE "expiresAt" <= ${now} LIMIT ${BATCH})`;
    result.verifications += count;
    if (count < BATCH) break;
  }
  // A counter whose window has passed counts nothing any more.
  const staleBefore = BigInt(now.getTime() - config.RATE_LIMIT_WINDOW * 1000);
  result.rateLimits =
    await prisma.$executeRaw`DELETE FROM "rate_limit" WHERE "lastRequest" < ${staleBefore}`;
  console.log(JSON.stringify({ level: "info", msg: "cleanup", ...result }));
  return result;
}
