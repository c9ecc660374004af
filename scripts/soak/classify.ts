// Why each answer came: from the client's own timeline, decide whether an answer is normal,
// expected (a 401 because another device had ended the session, a deliberate wrong password, …) or
// a fault (a 5xx, an unexplained 4xx, an ended session that was still accepted). Pure functions.
import type { Operation, RequestRecord, SessionRecord } from "./journal.ts";

export type EndingKind = "revoked" | "signed-out" | "revoked-others";

/**
 * A request that ended a session, from its sending to its answer. `certain`: the session was
 * surely ended by it; revoke-other-sessions cannot be sure of a session that was still being
 * created while it ran (it ends the sessions it lists).
 */
export type Ending = {
  session: string;
  kind: EndingKind;
  start: number;
  end: number;
  certain: boolean;
};

export type Verdict =
  | { kind: "ok" }
  /** `lagMs`: for a cache answer after the end, how long after the end it came. */
  | { kind: "expected"; reason: string; lagMs?: number }
  | { kind: "unexpected"; reason: string };

/** Operations whose 2xx means the server accepted the session (sign-out answers 2xx to anyone). */
const AUTHENTICATED: ReadonlySet<Operation> = new Set([
  "get-session",
  "me",
  "list",
  "revoke",
  "revoke-others",
]);

/**
 * Operations that check the session first, so an ended one is refused with 401: the authenticated
 * ones, and sign-out (the Worker vets the session of every non-public better-auth endpoint).
 */
const SESSION_CHECKED: ReadonlySet<Operation> = new Set([...AUTHENTICATED, "sign-out"]);

/** Operations the signed cache cookie may answer without the database. */
const CACHE_SERVED: ReadonlySet<Operation> = new Set(["get-session", "me"]);

const ENDED_BY: Record<EndingKind, string> = {
  revoked: "a revoke from another device",
  "signed-out": "a sign-out in another tab",
  "revoked-others": "sign-out of other devices",
};

const ok = (status: number) => status >= 200 && status < 300;

/** Every session ending the successful requests caused, by session id, earliest first. */
export function endingsOf(
  records: readonly RequestRecord[],
  sessions: readonly SessionRecord[],
): Map<string, Ending[]> {
  const endings = new Map<string, Ending[]>();
  const add = (session: string, kind: EndingKind, record: RequestRecord, certain: boolean) => {
    const list = endings.get(session) ?? [];
    list.push({ session, kind, start: record.start, end: record.end, certain });
    endings.set(session, list);
  };
  for (const record of records) {
    if (!ok(record.status)) continue;
    if (record.op === "revoke" && record.target) add(record.target, "revoked", record, true);
    if (record.op === "sign-out" && record.session) add(record.session, "signed-out", record, true);
    if (record.op === "revoke-others" && record.session) {
      for (const other of sessions) {
        if (other.user !== record.user || other.id === record.session) continue;
        // Established before it started: listed and deleted. During it: perhaps.
        if (other.established < record.start) add(other.id, "revoked-others", record, true);
        else if (other.established <= record.end) add(other.id, "revoked-others", record, false);
      }
    }
  }
  for (const list of endings.values()) list.sort((a, b) => a.start - b.start);
  return endings;
}

/** The verdict on one answer, given every session ending the clients caused. */
export function classify(record: RequestRecord, endings: ReadonlyMap<string, Ending[]>): Verdict {
  const { status, op } = record;
  if (status === 0) return { kind: "unexpected", reason: "no HTTP answer" };
  if (status >= 500) return { kind: "unexpected", reason: "server error" };
  const ended = record.session ? (endings.get(record.session) ?? []) : [];

  if (ok(status)) {
    if (!AUTHENTICATED.has(op)) return { kind: "ok" };
    // Ended (for sure) before this request was sent: the server had committed it by then.
    const before = ended.find((ending) => ending.certain && ending.end < record.start);
    if (!before) return { kind: "ok" };
    if (CACHE_SERVED.has(op) && record.cached) {
      // By design only with a cache cookie from a request sent before the end was confirmed: one
      // issued later means the server vouched for the session after it had ended.
      if (record.cacheIssuedAt === undefined || record.cacheIssuedAt >= before.end) {
        return {
          kind: "unexpected",
          reason: `a cache cookie issued after the session ended answered for it`,
        };
      }
      return {
        kind: "expected",
        reason:
          "the cache cookie answered for an ended session (by design, ≤ SESSION_CACHE_SECONDS)",
        lagMs: record.start - before.end,
      };
    }
    return { kind: "unexpected", reason: `accepted a session ended by ${ENDED_BY[before.kind]}` };
  }

  if (status === 401 && op === "sign-in" && record.intent === "wrong-password") {
    return { kind: "expected", reason: "wrong password, sent on purpose" };
  }
  if (status === 422 && op === "sign-up" && record.intent === "email-taken") {
    return { kind: "expected", reason: "email already registered, sent on purpose" };
  }
  if (status === 422 && op === "sign-up" && record.intent === "sign-up-race") {
    return { kind: "expected", reason: "lost a race to sign up the same email" };
  }
  if (status === 401 && SESSION_CHECKED.has(op)) {
    // The first ending that had begun before this answer came explains it.
    const ending = ended.find((candidate) => candidate.start < record.end);
    if (ending && ending.end <= record.start) {
      return {
        kind: "expected",
        reason: `session ended earlier by ${ENDED_BY[ending.kind]}; this device learns it now`,
      };
    }
    if (ending) return { kind: "expected", reason: `raced with ${ENDED_BY[ending.kind]}` };
  }
  if (status === 404 && op === "revoke" && record.target) {
    const gone = (endings.get(record.target) ?? []).some((ending) => ending.start < record.end);
    if (gone) return { kind: "expected", reason: "the session to revoke had already ended" };
  }
  return { kind: "unexpected", reason: `unexplained ${status}` };
}
