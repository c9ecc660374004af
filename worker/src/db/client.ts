// The one database seam: the only module that knows which driver adapter talks to Postgres.
import { PrismaNeon } from "@prisma/adapter-neon";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Config } from "../env";
import { PrismaClient } from "../generated/prisma/client";

/** A Prisma client bound to one request, and how to let it go. */
export type Database = {
  prisma: PrismaClient;
  dispose: () => Promise<void>;
};

// A dead database must fail the request quickly (503), not hang it.
const CONNECT_TIMEOUT_MS = 5_000;

/** Builds a Prisma client for one request over the driver the config selects. */
export function createDatabase(config: Pick<Config, "DATABASE_URL" | "dbDriver">): Database {
  const adapter =
    config.dbDriver === "neon"
      ? new PrismaNeon({ connectionString: config.DATABASE_URL })
      : new PrismaPg({
          connectionString: config.DATABASE_URL,
          connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
          // One request needs one connection; a Worker cannot share it with the next request.
          max: 1,
        });
  const prisma = new PrismaClient({ adapter });
  return { prisma, dispose: () => prisma.$disconnect() };
}
