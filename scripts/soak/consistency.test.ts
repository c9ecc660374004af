import { describe, expect, it } from "vitest";
import {
  analyse,
  type CheckResult,
  type ClientView,
  consistencyChecks,
  type DatabaseView,
  type Replay,
} from "./consistency.ts";
import type { RequestRecord, SessionRecord } from "./journal.ts";

const ADA = "ada@example.com";
const GRACE = "grace@example.com";

function request(fields: Partial<RequestRecord> & Pick<RequestRecord, "op">): RequestRecord {
  return { status: 200, start: 0, end: 10, cached: false, user: ADA, ...fields };
}

function session(id: string, user = ADA): SessionRecord {
  return {
    id,
    user,
    token: `token-${id}`,
    cookie: `better-auth.session_token=token-${id}.sig`,
    ip: "198.18.0.1",
    userAgent: "test",
    established: 5,
  };
}

const ENDED = ["b", "g1", "g2"];

/**
 * A small run that is consistent: Ada signs up, signs in on her laptop (a) and phone (b) and
 * revokes the phone from the laptop; the phone learns it with a 401. Grace signs out of her other
 * device (g2) from g1, then signs out of g1. Every operation succeeds at least once.
 */
function consistentRun(): { clients: ClientView; database: DatabaseView; replays: Replay[] } {
  const records: RequestRecord[] = [
    request({ op: "sign-up" }),
    request({ op: "sign-up", user: GRACE }),
    request({ op: "sign-in" }),
    request({ op: "get-session", session: "a" }),
    request({ op: "me", session: "a" }),
    request({ op: "list", session: "a" }),
    request({ op: "revoke", session: "a", target: "b", start: 20, end: 30 }),
    request({ op: "me", session: "b", status: 401, code: "session_revoked", start: 40, end: 50 }),
    request({ op: "revoke-others", user: GRACE, session: "g1", start: 60, end: 70 }),
    request({ op: "sign-out", user: GRACE, session: "g1", start: 80, end: 90 }),
  ];
  const sessions = [session("a"), session("b"), session("g1", GRACE), session("g2", GRACE)];
  return {
    clients: { records, sessions, held: ["a"], anomalies: [] },
    database: {
      userEmails: [ADA, GRACE],
      sessions: [{ id: "a", token: "token-a", previousToken: null }],
      endedInEvents: ENDED,
    },
    replays: ENDED.flatMap((id) =>
      (["/api/me", "/api/sessions"] as const).map((path) => ({ session: id, path, status: 401 })),
    ),
  };
}

function run(change: (input: ReturnType<typeof consistentRun>) => void = () => {}) {
  const input = consistentRun();
  change(input);
  return consistencyChecks(input.clients, analyse(input.clients), input.database, input.replays);
}

const failed = (results: CheckResult[]) =>
  results.filter((result) => !result.passed).map((result) => result.name);

describe("the consistency checks", () => {
  it("all pass when the database and the API agree with what the clients did", () => {
    const results = run();
    expect(failed(results)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(12);
  });

  it("treat Ada's laptop session as live and the others as ended", () => {
    const { clients } = consistentRun();
    const analysis = analyse(clients);
    expect(analysis.live).toEqual(["a"]);
    expect(analysis.ended.map((ended) => ended.id).sort()).toEqual(ENDED);
  });

  it("fail on a 5xx and on a request with no answer", () => {
    const results = run(({ clients }) => {
      (clients.records as RequestRecord[]).push(
        request({ op: "me", status: 500, session: "a" }),
        request({ op: "list", status: 0, session: "a" }),
      );
    });
    expect(failed(results)).toEqual(["no 5xx responses", "every request got an HTTP answer"]);
  });

  it("fail on a 4xx nothing the clients did explains", () => {
    const results = run(({ clients }) => {
      (clients.records as RequestRecord[]).push(request({ op: "me", status: 401, session: "a" }));
    });
    expect(failed(results)).toEqual(["every 4xx is explained by what the clients did"]);
  });

  it("fail when a revoked session is still accepted by a route that reads the database", () => {
    const results = run(({ clients }) => {
      (clients.records as RequestRecord[]).push(
        request({ op: "list", session: "b", start: 100, end: 110 }),
      );
    });
    expect(failed(results)).toEqual([
      "no ended session was accepted after its end was confirmed (outside the cache-cookie window)",
    ]);
  });

  it("fail when a user is missing, duplicated, or was never signed up", () => {
    const withUsers = (emails: string[]) =>
      run(({ database }) => {
        database.userEmails = emails;
      });
    expect(failed(withUsers([GRACE]))).toEqual(["every user signed up exists exactly once"]);
    expect(failed(withUsers([ADA, ADA, GRACE]))).toEqual([
      "every user signed up exists exactly once",
    ]);
    expect(failed(withUsers([ADA, GRACE, "ghost@example.com"]))).toEqual([
      "no user exists that the clients did not create",
    ]);
  });

  it("fail when two sign-ups of one email both succeed", () => {
    const results = run(({ clients }) => {
      (clients.records as RequestRecord[]).push(request({ op: "sign-up" }));
    });
    expect(failed(results)).toEqual(["every user signed up exists exactly once"]);
  });

  it("allow a user whose sign-up got no answer (it may or may not exist)", () => {
    const results = run(({ clients, database }) => {
      (clients.records as RequestRecord[]).push(
        request({ op: "sign-up", status: 0, user: "maybe@example.com" }),
      );
      database.userEmails = [ADA, GRACE, "maybe@example.com"];
    });
    expect(failed(results)).toEqual(["every request got an HTTP answer"]);
  });

  it("fail when an ended session is still in the table, by id or by token", () => {
    const byId = run(({ database }) => {
      database.sessions = [
        ...database.sessions,
        { id: "b", token: "rotated", previousToken: null },
      ];
    });
    const byToken = run(({ database }) => {
      database.sessions = [
        ...database.sessions,
        { id: "other", token: "new", previousToken: "token-g1" },
      ];
    });
    const name = 'every revoked or signed-out session is gone from "session" (by id and by token)';
    expect(failed(byId)).toEqual([name]);
    expect(failed(byToken)).toEqual([name]);
  });

  it("fail when a replay of an ended session is not refused, or was never made", () => {
    const accepted = run(({ replays }) => {
      const replay = replays.find((item) => item.session === "b" && item.path === "/api/sessions");
      if (replay) replay.status = 200;
    });
    expect(failed(accepted)).toEqual([
      "a replay of every ended session's cookie gets 401 from GET /api/sessions (no cache cookie)",
    ]);
    const missing = run((input) => {
      input.replays = input.replays.filter((item) => item.path !== "/api/me");
    });
    expect(failed(missing)).toEqual([
      "a replay of every ended session's cookie gets 401 from GET /api/me (no cache cookie)",
    ]);
  });

  it("fail when a session the clients still hold has vanished", () => {
    const results = run(({ clients, database }) => {
      clients.held = ["a", "d"];
      clients.sessions = [...clients.sessions, session("d")];
      database.sessions = [];
    });
    expect(failed(results)).toEqual([
      "every session the clients still hold exists (no session lost)",
    ]);
  });

  it("fail when an ended session left no event, or an answer named the wrong user", () => {
    const noEvent = run(({ database }) => {
      database.endedInEvents = ["b", "g1"];
    });
    expect(failed(noEvent)).toEqual([
      'every ended session has an ending event in "session_event" (audit trail)',
    ]);
    const mixUp = run(({ clients }) => {
      clients.anomalies = [{ op: "me", detail: "answered for grace@example.com" }];
    });
    expect(failed(mixUp)).toEqual(["every answer named the right user and session"]);
  });

  it("accept a device list without the current session only while that session was being ended", () => {
    const listWithoutCurrent = (session: string) =>
      run(({ clients }) => {
        const record = request({ op: "list", session, start: 25, end: 35 });
        (clients.records as RequestRecord[]).push(record);
        clients.anomalies = [{ op: "list", detail: "no current row", record, raceable: true }];
      });
    expect(failed(listWithoutCurrent("b"))).toEqual([]);
    expect(failed(listWithoutCurrent("a"))).toEqual([
      "every answer named the right user and session",
    ]);
  });

  it("fail when an operation never succeeded: a load that did not run proves nothing", () => {
    const results = run(({ clients }) => {
      clients.records = clients.records.filter((record) => record.op !== "revoke");
      clients.held = [];
    });
    expect(failed(results)).toContain(
      "every operation succeeded at least once (the load exercised them all)",
    );
  });
});
