// What a 2xx answer must say: the user the device signed in as, and the session it holds.
import type { Answer } from "./client.ts";
import type { Journal } from "./journal.ts";

/** The session id in a get-session or /api/me answer. */
export function sessionIdOf(body: unknown): string | undefined {
  const id = (body as { session?: { id?: unknown } } | null)?.session?.id;
  return typeof id === "string" ? id : undefined;
}

/** A session mix-up (another user's data, another session) would be the worst bug: look every time. */
export function checkIdentity(
  journal: Journal,
  answer: Answer,
  email: string,
  session: string | undefined,
) {
  const { record, body } = answer;
  const op = record.op;
  if (op === "list") {
    const rows = (body as { sessions?: { id?: unknown; current?: unknown }[] } | null)?.sessions;
    const current = Array.isArray(rows) ? rows.filter((row) => row.current === true) : [];
    if (current.length !== 1 || (session && current[0]?.id !== session)) {
      journal.anomaly({
        op,
        record,
        // No current row at all: the session may have been deleted between check and read.
        raceable: current.length === 0,
        detail: `expected session ${session} as the one current row, got ${JSON.stringify(current)}`,
      });
    }
    return;
  }
  const seen = body as { user?: { email?: unknown }; session?: { id?: unknown } } | null;
  if (seen?.user?.email !== email) {
    journal.anomaly({
      op,
      record,
      detail: `answered for ${String(seen?.user?.email)} instead of ${email}`,
    });
  }
  if (session && seen?.session?.id !== session) {
    journal.anomaly({
      op,
      record,
      detail: `answered with session ${String(seen?.session?.id)} instead of ${session}`,
    });
  }
}
