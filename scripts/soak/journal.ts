// What the clients did, as they saw it: every request with its outcome and timing, every session
// they learned the id of, and anything odd in an answer. The checks compare this with the database.

export const OPERATIONS = [
  "sign-up",
  "sign-in",
  "get-session",
  "me",
  "list",
  "revoke",
  "revoke-others",
  "sign-out",
] as const;

export type Operation = (typeof OPERATIONS)[number];

export const ROUTES: Record<Operation, { method: "GET" | "POST"; path: string }> = {
  "sign-up": { method: "POST", path: "/api/auth/sign-up/email" },
  "sign-in": { method: "POST", path: "/api/auth/sign-in/email" },
  "get-session": { method: "GET", path: "/api/auth/get-session" },
  me: { method: "GET", path: "/api/me" },
  list: { method: "GET", path: "/api/sessions" },
  revoke: { method: "POST", path: "/api/sessions/revoke" },
  "revoke-others": { method: "POST", path: "/api/auth/revoke-other-sessions" },
  "sign-out": { method: "POST", path: "/api/auth/sign-out" },
};

export const routeOf = (op: Operation) => `${ROUTES[op].method} ${ROUTES[op].path}`;

/** Requests sent to fail on purpose, so that their 4xx is expected. */
export type Intent = "wrong-password" | "email-taken" | "sign-up-race";

export type RequestRecord = {
  op: Operation;
  /** HTTP status; 0 when no answer came (timeout, refused connection). */
  status: number;
  /** The error code in the JSON body (`error.code`, or better-auth's `code`), or the network error. */
  code?: string;
  /** When it was sent and when its answer was read, in ms on one monotonic clock. */
  start: number;
  end: number;
  /** The account the device acts for. */
  user?: string;
  /** The id of the session whose cookie the request carried, when the client knew it. */
  session?: string;
  /** For a revoke: the session it asked to end. */
  target?: string;
  /** True when the request carried a cache cookie that had not expired. */
  cached: boolean;
  /** When the request whose answer set that cache cookie was sent. */
  cacheIssuedAt?: number;
  intent?: Intent;
};

/** A session the clients got (sign-up or sign-in) and learned the id of (get-session). */
export type SessionRecord = {
  id: string;
  user: string;
  token: string;
  /** `better-auth.session_token=<value>`, as the device sent it: what a replay sends. */
  cookie: string;
  ip: string;
  userAgent: string;
  /** When the sign-in's answer arrived: the session existed in the database by then. */
  established: number;
};

/**
 * Something wrong in a 2xx answer. `raceable`: a race with the end of the request's own session
 * explains it (a device list read just after a revoke deleted the session it was checked with).
 */
export type Anomaly = { op: Operation; detail: string; record?: RequestRecord; raceable?: boolean };

export class Journal {
  readonly records: RequestRecord[] = [];
  readonly sessions: SessionRecord[] = [];
  /** Session ids the devices still hold when the load ends. */
  readonly held: string[] = [];
  readonly anomalies: Anomaly[] = [];

  add(record: RequestRecord) {
    this.records.push(record);
    return record;
  }

  addSession(session: SessionRecord) {
    this.sessions.push(session);
  }

  hold(sessionId: string) {
    this.held.push(sessionId);
  }

  anomaly(anomaly: Anomaly) {
    this.anomalies.push(anomaly);
  }
}
