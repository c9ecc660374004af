// `npm run db:deploy`: applies the committed migrations to the production database (DATABASE_URL).
// `prisma migrate deploy` where Prisma's schema engine can be had; where it cannot be downloaded
// (offline, blocked), the project's own migrator, which keeps the same `_prisma_migrations` records.
import { spawn } from "node:child_process";
import { applyMigrations } from "./db/migrate.ts";
import { ROOT, toolEnv } from "./lib/processes.ts";

/** Prisma could not fetch its schema-engine binary: the case for the fallback, and only this one. */
export const ENGINE_UNAVAILABLE =
  /request to \S*schema-engine\S* failed|binaries\.prisma\.sh|could not (download|find) the schema engine/i;

/** Why the URL cannot be used, or undefined; never echoes it (it carries the password). */
export function databaseUrlProblem(value: string | undefined): string | undefined {
  if (!value) {
    return "DATABASE_URL is not set: export the production connection string (Neon dashboard → Connect), e.g. DATABASE_URL='postgresql://…' npm run db:deploy";
  }
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^postgres(ql)?:$/.test(url.protocol) || !url.hostname || url.pathname.length <= 1) {
    return "DATABASE_URL is malformed: expected postgresql://user:password@host/database";
  }
  return undefined;
}

/** Runs `prisma migrate deploy`, echoing its output; resolves with the exit code and the output. */
function prismaMigrateDeploy(
  databaseUrl: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("prisma", ["migrate", "deploy"], {
      cwd: ROOT,
      env: toolEnv({
        DATABASE_URL: databaseUrl,
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

export async function dbDeploy(databaseUrl: string | undefined): Promise<void> {
  const problem = databaseUrlProblem(databaseUrl);
  if (problem || !databaseUrl) throw new Error(problem);
  const host = new URL(databaseUrl).host;
  console.log(`Applying migrations to ${host} with prisma migrate deploy…`);
  const prisma = await prismaMigrateDeploy(databaseUrl);
  if (prisma.code === 0) return;
  if (!ENGINE_UNAVAILABLE.test(prisma.output)) {
    throw new Error("prisma migrate deploy failed (see above); nothing was retried.");
  }
  console.log(
    "\nPrisma's schema engine could not be downloaded here: applying the committed migrations with " +
      "scripts/db/migrate.ts instead (same _prisma_migrations records and advisory lock).",
  );
  const applied = await applyMigrations(databaseUrl).catch((error: NodeJS.ErrnoException) => {
    if (error.code && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(error.code)) {
      throw new Error(`cannot reach the database at ${host} (${error.code})`);
    }
    throw error;
  });
  console.log(
    applied.length > 0
      ? `Applied ${applied.length} migration(s) to ${host}: ${applied.join(", ")}`
      : `${host}: already up to date`,
  );
}

if (import.meta.main) {
  dbDeploy(process.env.DATABASE_URL).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`db:deploy failed: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
