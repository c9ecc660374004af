// Many users with one real password hash, written straight into a Worker's database: sign-in is
// measured for a typical user (a session or two), not for one user signing in thousands of times
// and hitting the per-user session limit on every request.
import pg from "pg";

/** More users than sign-ins in a run: each signs in about once, as most sign-ins are. */
export const SEEDED_USERS = 5_000;

/** The email of the n-th seeded user (0-based), round-robin over `count`. */
export function seededEmail(n: number, count: number): string {
  return `signer-${(n % count) + 1}@bench.example.com`;
}

/**
 * Copies the template user's credential (a password hash the Worker itself wrote at sign-up) to
 * `count` new users, so each signs in with the same password.
 */
export async function seedUsers(databaseUrl: string, templateEmail: string, count: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "user" ("id", "name", "email", "emailVerified", "createdAt", "updatedAt")
       SELECT 'bench-signer-' || n, 'Bench Signer', 'signer-' || n || '@bench.example.com', false, now(), now()
       FROM generate_series(1, $1::int) AS n`,
      [count],
    );
    const { rowCount } = await client.query(
      `INSERT INTO "account" ("id", "accountId", "providerId", "userId", "password", "createdAt", "updatedAt")
       SELECT 'bench-account-' || n, 'bench-signer-' || n, 'credential', 'bench-signer-' || n, a."password", now(), now()
       FROM generate_series(1, $1::int) AS n
       CROSS JOIN (SELECT "password" FROM "account" JOIN "user" u ON u."id" = "account"."userId"
                   WHERE u."email" = $2 AND "providerId" = 'credential') AS a`,
      [count, templateEmail],
    );
    if (rowCount !== count) throw new Error(`no credential account for ${templateEmail} to copy`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
