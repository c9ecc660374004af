// The consistency checks: what the clients did against what the database holds and what the API
// answers afterwards. Pure: the database rows and replay answers come in as data.
import { classify, type Ending, endingsOf, type Verdict } from "./classify.ts";
import {
  type Anomaly,
  OPERATIONS,
  type RequestRecord,
  routeOf,
  type SessionRecord,
} from "./journal.ts";

export type CheckResult = { name: string; passed: boolean; detail: string; examples: string[] };

/** What the clients did. */
export type ClientView = {
  records: readonly RequestRecord[];
  sessions: readonly SessionRecord[];
  held: readonly string[];
  anomalies: readonly Anomaly[];
};

/** The rows the checks need, read after the load. */
export type DatabaseView = {
  /** Every row of "user": its email. */
  userEmails: readonly string[];
  /** Rows of "session" whose id, token or previous token is one the clients asked about. */
  sessions: readonly { id: string; token: string; previousToken: string | null }[];
  /** Session ids that have an ending event (revoked, signed_out, …) in "session_event". */
  endedInEvents: readonly string[];
};

/** One replay of an ended session's token cookie (cache cookie stripped). */
export type Replay = { session: string; path: "/api/me" | "/api/sessions"; status: number };

export type Analysis = {
  verdicts: Verdict[];
  endings: Map<string, Ending[]>;
  /** Sessions surely ended by the clients: they must be gone and refused. */
  ended: SessionRecord[];
  /** Sessions the clients still hold that nothing ended: they must still exist. */
  live: string[];
};

const EXAMPLES = 5;

/** Classifies every answer and works out which sessions are ended and which are live. */
export function analyse(clients: ClientView): Analysis {
  const endings = endingsOf(clients.records, clients.sessions);
  const verdicts = clients.records.map((record) => classify(record, endings));
  const ended = clients.sessions.filter((session) =>
    (endings.get(session.id) ?? []).some((ending) => ending.certain),
  );
  const live = [...new Set(clients.held)].filter((id) => !endings.has(id));
  return { verdicts, endings, ended, live };
}

function check(name: string, failures: string[], detail: string): CheckResult {
  return {
    name,
    passed: failures.length === 0,
    detail: failures.length === 0 ? detail : `${failures.length} failed; ${detail}`,
    examples: failures.slice(0, EXAMPLES),
  };
}

const describe = (record: RequestRecord) =>
  `${routeOf(record.op)} → ${record.status || "no answer"}${record.code ? ` ${record.code}` : ""}` +
  (record.session ? ` (session ${record.session})` : "");

/** Runs every check; the order is the order they are printed in. */
export function consistencyChecks(
  clients: ClientView,
  analysis: Analysis,
  database: DatabaseView,
  replays: readonly Replay[],
): CheckResult[] {
  const { records } = clients;
  const { verdicts, ended, live } = analysis;
  const results: CheckResult[] = [];

  const unused = OPERATIONS.filter(
    (op) =>
      !records.some((record) => record.op === op && record.status >= 200 && record.status < 300),
  );
  results.push(
    check(
      "every operation succeeded at least once (the load exercised them all)",
      unused.map((op) => `${routeOf(op)}: no 2xx`),
      `${OPERATIONS.length} operations`,
    ),
  );

  const serverErrors = records.filter((record) => record.status >= 500);
  results.push(check("no 5xx responses", serverErrors.map(describe), `${records.length} requests`));

  const unanswered = records.filter((record) => record.status === 0);
  results.push(
    check(
      "every request got an HTTP answer",
      unanswered.map(describe),
      `${records.length} requests`,
    ),
  );

  const unexplained = records.filter(
    (record, index) =>
      record.status >= 400 && record.status < 500 && verdicts[index]?.kind === "unexpected",
  );
  const clientErrors = records.filter((record) => record.status >= 400 && record.status < 500);
  results.push(
    check(
      "every 4xx is explained by what the clients did",
      unexplained.map(describe),
      `${clientErrors.length} 4xx`,
    ),
  );

  const accepted = records.filter(
    (record, index) =>
      record.status < 300 && record.status >= 200 && verdicts[index]?.kind === "unexpected",
  );
  results.push(
    check(
      "no ended session was accepted after its end was confirmed (outside the cache-cookie window)",
      accepted.map(describe),
      `${ended.length} ended sessions`,
    ),
  );

  const raced = (anomaly: Anomaly) => {
    const record = anomaly.record;
    if (!anomaly.raceable || !record?.session) return false;
    return (analysis.endings.get(record.session) ?? []).some((ending) => ending.start < record.end);
  };
  const explained = clients.anomalies.filter(raced);
  results.push(
    check(
      "every answer named the right user and session",
      clients.anomalies
        .filter((anomaly) => !raced(anomaly))
        .map((anomaly) => `${routeOf(anomaly.op)}: ${anomaly.detail}`),
      explained.length === 0
        ? "get-session, /api/me, /api/sessions"
        : `${explained.length} device lists without the current session, read while that session was being ended (expected)`,
    ),
  );

  // Users: a 2xx sign-up created one; a sign-up with no answer or a 5xx may have.
  const created = new Map<string, number>();
  const maybe = new Set<string>();
  for (const record of records) {
    if (record.op !== "sign-up" || !record.user) continue;
    if (record.status >= 200 && record.status < 300)
      created.set(record.user, (created.get(record.user) ?? 0) + 1);
    else if (record.status === 0 || record.status >= 500) maybe.add(record.user);
  }
  const rows = new Map<string, number>();
  for (const email of database.userEmails) rows.set(email, (rows.get(email) ?? 0) + 1);
  const userFailures: string[] = [];
  for (const [email, signUps] of created) {
    if (signUps > 1) userFailures.push(`${email}: ${signUps} sign-ups answered 2xx`);
    const found = rows.get(email) ?? 0;
    if (found !== 1) userFailures.push(`${email}: ${found} rows in "user"`);
  }
  results.push(
    check(
      "every user signed up exists exactly once",
      userFailures,
      `${created.size} users created, ${database.userEmails.length} rows in "user"`,
    ),
  );
  const extra = [...rows.keys()].filter((email) => !created.has(email) && !maybe.has(email));
  results.push(
    check(
      "no user exists that the clients did not create",
      extra.map((email) => `${email} (${rows.get(email)} rows)`),
      `${maybe.size} sign-ups with no answer`,
    ),
  );

  const byId = new Set(database.sessions.map((row) => row.id));
  const byToken = new Set(
    database.sessions.flatMap((row) => [row.token, row.previousToken ?? ""]).filter(Boolean),
  );
  results.push(
    check(
      'every revoked or signed-out session is gone from "session" (by id and by token)',
      ended
        .filter((session) => byId.has(session.id) || byToken.has(session.token))
        .map((session) => `session ${session.id} of ${session.user} is still there`),
      `${ended.length} sessions ended`,
    ),
  );

  for (const path of ["/api/me", "/api/sessions"] as const) {
    const answers = new Map(
      replays.filter((replay) => replay.path === path).map((replay) => [replay.session, replay]),
    );
    const failures = ended.flatMap((session) => {
      const replay = answers.get(session.id);
      if (!replay) return [`session ${session.id}: not replayed`];
      return replay.status === 401
        ? []
        : [`session ${session.id}: ${replay.status || "no answer"}`];
    });
    results.push(
      check(
        `a replay of every ended session's cookie gets 401 from GET ${path} (no cache cookie)`,
        failures,
        `${ended.length} replays`,
      ),
    );
  }

  results.push(
    check(
      "every session the clients still hold exists (no session lost)",
      live.filter((id) => !byId.has(id)).map((id) => `session ${id} is missing`),
      `${live.length} live sessions`,
    ),
  );

  const withEvent = new Set(database.endedInEvents);
  results.push(
    check(
      'every ended session has an ending event in "session_event" (audit trail)',
      ended
        .filter((session) => !withEvent.has(session.id))
        .map((session) => `session ${session.id}: no event`),
      `${ended.length} sessions ended`,
    ),
  );
  return results;
}
