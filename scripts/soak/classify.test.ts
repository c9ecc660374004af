import { describe, expect, it } from "vitest";
import { classify, endingsOf } from "./classify.ts";
import type { RequestRecord, SessionRecord } from "./journal.ts";

const USER = "ada@example.com";

function request(fields: Partial<RequestRecord> & Pick<RequestRecord, "op">): RequestRecord {
  return { status: 200, start: 0, end: 10, cached: false, user: USER, ...fields };
}

function session(id: string, established: number): SessionRecord {
  return {
    id,
    user: USER,
    token: `token-${id}`,
    cookie: `better-auth.session_token=token-${id}.sig`,
    ip: "198.18.0.1",
    userAgent: "test",
    established,
  };
}

const revokeB = request({ op: "revoke", session: "a", target: "b", start: 100, end: 200 });

describe("session endings", () => {
  it("come from successful revokes and sign-outs only", () => {
    const endings = endingsOf(
      [
        revokeB,
        request({ op: "sign-out", session: "c", start: 300, end: 350 }),
        request({ op: "revoke", session: "a", target: "d", status: 401 }),
      ],
      [],
    );
    expect([...endings.keys()].sort()).toEqual(["b", "c"]);
    expect(endings.get("b")?.[0]).toMatchObject({ kind: "revoked", certain: true, end: 200 });
  });

  it("count a session as surely ended by revoke-other-sessions only if it existed when that began", () => {
    const endings = endingsOf(
      [request({ op: "revoke-others", session: "a", start: 100, end: 200 })],
      [session("a", 10), session("old", 50), session("during", 150), session("after", 250)],
    );
    expect(endings.get("a")).toBeUndefined();
    expect(endings.get("old")?.[0]?.certain).toBe(true);
    expect(endings.get("during")?.[0]?.certain).toBe(false);
    expect(endings.get("after")).toBeUndefined();
  });

  it("of revoke-other-sessions leave other users' sessions alone", () => {
    const endings = endingsOf(
      [request({ op: "revoke-others", session: "a", start: 100, end: 200 })],
      [{ ...session("x", 10), user: "grace@example.com" }],
    );
    expect(endings.size).toBe(0);
  });
});

describe("the verdict on an answer", () => {
  const endings = endingsOf([revokeB], []);

  it("is a fault for any 5xx and for no answer at all", () => {
    expect(classify(request({ op: "me", status: 503 }), endings).kind).toBe("unexpected");
    expect(classify(request({ op: "sign-in", status: 0 }), endings).kind).toBe("unexpected");
  });

  it("explains a 401 on a session another device had ended before the request", () => {
    const verdict = classify(
      request({ op: "list", status: 401, session: "b", start: 250, end: 260 }),
      endings,
    );
    expect(verdict).toEqual({
      kind: "expected",
      reason: "session ended earlier by a revoke from another device; this device learns it now",
    });
  });

  it("explains a 401 that raced with the revoke as a race, not as an earlier end", () => {
    const verdict = classify(
      request({ op: "me", status: 401, session: "b", start: 150, end: 220 }),
      endings,
    );
    expect(verdict).toEqual({
      kind: "expected",
      reason: "raced with a revoke from another device",
    });
  });

  it("explains a 401 on sign-out of a session that was already ended", () => {
    const verdict = classify(
      request({ op: "sign-out", status: 401, session: "b", start: 250, end: 260 }),
      endings,
    );
    expect(verdict.kind).toBe("expected");
  });

  it("does not explain a 401 with a revoke that began after the answer came", () => {
    const verdict = classify(
      request({ op: "me", status: 401, session: "b", start: 10, end: 90 }),
      endings,
    );
    expect(verdict).toEqual({ kind: "unexpected", reason: "unexplained 401" });
  });

  it("does not explain a 401 on a session nothing ended", () => {
    const verdict = classify(request({ op: "me", status: 401, session: "z" }), endings);
    expect(verdict.kind).toBe("unexpected");
  });

  it("accepts a 200 from the cache cookie for an ended session, by design", () => {
    const verdict = classify(
      request({ op: "me", session: "b", start: 250, end: 260, cached: true, cacheIssuedAt: 150 }),
      endings,
    );
    expect(verdict).toMatchObject({ kind: "expected", lagMs: 50 });
  });

  it("is a fault when the cache cookie that answered was issued after the session ended", () => {
    const verdict = classify(
      request({ op: "me", session: "b", start: 250, end: 260, cached: true, cacheIssuedAt: 210 }),
      endings,
    );
    expect(verdict).toEqual({
      kind: "unexpected",
      reason: "a cache cookie issued after the session ended answered for it",
    });
  });

  it("is a fault when an ended session is accepted without a cache cookie", () => {
    const verdict = classify(request({ op: "me", session: "b", start: 250, end: 260 }), endings);
    expect(verdict).toEqual({
      kind: "unexpected",
      reason: "accepted a session ended by a revoke from another device",
    });
  });

  it("is a fault when a route that always reads the database accepts an ended session", () => {
    const verdict = classify(
      request({ op: "list", session: "b", start: 250, end: 260, cached: true }),
      endings,
    );
    expect(verdict.kind).toBe("unexpected");
  });

  it("lets a request that raced with the revoke succeed", () => {
    const verdict = classify(request({ op: "list", session: "b", start: 150, end: 220 }), endings);
    expect(verdict.kind).toBe("ok");
  });

  it("expects the failures sent on purpose, and only with their status", () => {
    expect(
      classify(request({ op: "sign-in", status: 401, intent: "wrong-password" }), endings).kind,
    ).toBe("expected");
    expect(
      classify(request({ op: "sign-up", status: 422, intent: "email-taken" }), endings).kind,
    ).toBe("expected");
    expect(
      classify(request({ op: "sign-up", status: 422, intent: "sign-up-race" }), endings).kind,
    ).toBe("expected");
    expect(
      classify(request({ op: "sign-up", status: 400, intent: "email-taken" }), endings).kind,
    ).toBe("unexpected");
    expect(classify(request({ op: "sign-in", status: 401 }), endings).kind).toBe("unexpected");
  });

  it("explains a 404 from revoke when its target had already ended", () => {
    const late = request({ op: "revoke", status: 404, session: "a", target: "b", start: 300 });
    late.end = 310;
    expect(classify(late, endings).kind).toBe("expected");
    const unknown = request({ op: "revoke", status: 404, session: "a", target: "q" });
    expect(classify(unknown, endings).kind).toBe("unexpected");
  });
});
