// Reads what the consistency checks compare with the clients' journal, straight from Postgres.
import pg from "pg";
import type { DatabaseView } from "./consistency.ts";

// The events that mean a session ended (see worker/src/sessions/events.ts).
const ENDING_EVENTS = ["revoked", "signed_out", "evicted", "expired", "reuse_detected"];

export type EventCount = { type: string; count: number };

/** The rows behind the checks, for these session ids and tokens; plus event counts by type. */
export async function readDatabase(
  url: string,
  ask: { sessionIds: string[]; tokens: string[] },
): Promise<DatabaseView & { events: EventCount[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const users = await client.query<{ email: string }>(`SELECT email FROM "user"`);
    const sessions = await client.query<{
      id: string;
      token: string;
      previousToken: string | null;
    }>(
      `SELECT id, token, "previousToken" FROM "session"
       WHERE id = ANY($1::text[]) OR token = ANY($2::text[]) OR "previousToken" = ANY($2::text[])`,
      [ask.sessionIds, ask.tokens],
    );
    const ended = await client.query<{ sessionId: string }>(
      `SELECT DISTINCT "sessionId" FROM "session_event"
       WHERE "sessionId" = ANY($1::text[]) AND type = ANY($2::text[])`,
      [ask.sessionIds, ENDING_EVENTS],
    );
    const events = await client.query<{ type: string; count: string }>(
      `SELECT type, count(*) AS count FROM "session_event" GROUP BY type ORDER BY type`,
    );
    return {
      userEmails: users.rows.map((row) => row.email),
      sessions: sessions.rows,
      endedInEvents: ended.rows.map((row) => row.sessionId),
      events: events.rows.map((row) => ({ type: row.type, count: Number(row.count) })),
    };
  } finally {
    await client.end();
  }
}
