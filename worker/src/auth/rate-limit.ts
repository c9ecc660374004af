// Rate-limit counters in Postgres, consumed in one atomic statement: every isolate sees the same
// counts, concurrent attempts cannot slip past a stale read, and no interactive transaction holds
// a row lock across round trips (better-auth's own database storage does, and under load its
// transactions time out).
import type { BetterAuthOptions } from "better-auth/minimal";
import type { PrismaClient } from "../generated/prisma/client";

type Storage = NonNullable<NonNullable<BetterAuthOptions["rateLimit"]>["customStorage"]>;
type Row = { count: number; windowStart: bigint };

export function databaseRateLimit(prisma: PrismaClient): Storage {
  return {
    consume: async (key, rule) => {
      const now = Date.now();
      const windowStart = BigInt(now - rule.window * 1000);
      // "lastRequest" holds the start of the key's current window.
      const [row] = await prisma.$queryRaw<Row[]>`
        INSERT INTO "rate_limit" ("id", "key", "count", "lastRequest")
        VALUES (${crypto.randomUUID()}, ${key}, 1, ${BigInt(now)})
        ON CONFLICT ("key") DO UPDATE SET
          "count" = CASE WHEN "rate_limit"."lastRequest" <= ${windowStart} THEN 1 ELSE "rate_limit"."count" + 1 END,
          "lastRequest" = CASE WHEN "rate_limit"."lastRequest" <= ${windowStart} THEN ${BigInt(now)} ELSE "rate_limit"."lastRequest" END
        RETURNING "count", "lastRequest" AS "windowStart"`;
      if (!row || row.count <= rule.max) return { allowed: true, retryAfter: null };
      const retryAfter = Math.max(
        1,
        Math.ceil((Number(row.windowStart) + rule.window * 1000 - now) / 1000),
      );
      return { allowed: false, retryAfter };
    },
  };
}
