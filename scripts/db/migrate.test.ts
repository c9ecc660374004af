import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "./migrate.ts";
import { type RunningPostgres, startPostgres } from "./postgres.ts";

let server: RunningPostgres;
const dataDir = mkdtempSync(join(tmpdir(), "edge-session-migrate-"));

beforeAll(async () => {
  server = await startPostgres({ dataDir, persistent: false });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("the offline migrator", () => {
  it("applies every committed migration once and records it as prisma migrate deploy does", async () => {
    await server.createDatabase("fresh");
    const url = server.url("fresh");
    const names = readMigrations().map((migration) => migration.name);
    expect(await applyMigrations(url)).toEqual(names);
    expect(await applyMigrations(url)).toEqual([]);

    const rows = await query<{ migration_name: string; checksum: string; finished: boolean }>(
      url,
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    expect(rows.every((row) => row.finished)).toBe(true);
    const first = readMigrations()[0];
    expect(rows[0]?.checksum).toBe(
      createHash("sha256")
        .update(first?.sql ?? "")
        .digest("hex"),
    );
    const tables = await query<{ tablename: string }>(
      url,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    expect(tables.map((row) => row.tablename)).toEqual(
      expect.arrayContaining(["user", "session", "account", "verification"]),
    );
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    await server.createDatabase("broken");
    const url = server.url("broken");
    const dir = mkdtempSync(join(tmpdir(), "edge-session-migrations-"));
    try {
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      const bad = join(dir, "99999999999999_broken");
      cpSync(join(dir, readMigrations(dir)[0]?.name ?? ""), bad, { recursive: true });
      writeFileSync(
        join(bad, "migration.sql"),
        'CREATE TABLE "half_done" ("id" TEXT);\nSELECT no_such_function();\n',
      );
      await expect(applyMigrations(url, dir)).rejects.toThrow(/99999999999999_broken failed/);
      const leftovers = await query(url, "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
      expect(leftovers).toHaveLength(0);
      const recorded = await query(
        url,
        `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99999999999999_broken'`,
      );
      expect(recorded).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
