// `npm run db:migrate`: applies the committed migrations to DATABASE_URL, or to the embedded
// dev database when DATABASE_URL is unset.
import { startDevPostgres } from "./db/local.ts";
import { applyMigrations } from "./db/migrate.ts";

async function main() {
  const external = process.env.DATABASE_URL;
  const local = external ? undefined : await startDevPostgres();
  const url = external ?? local?.databaseUrl ?? "";
  try {
    const applied = await applyMigrations(url);
    const where = external ? new URL(url).host : "the embedded dev database";
    console.log(
      applied.length > 0
        ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}`
        : `${where}: already up to date`,
    );
  } finally {
    await local?.stop();
  }
}

main().catch((error) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
