// The scenarios, in the order they run and are reported. Each one prepares its request for one
// Worker (fresh cookies from a sign-in right before it runs) or says why it does not apply.
import { browserHeaders, PASSWORD, signIn } from "./accounts.ts";
import { SEEDED_USERS, seededEmail } from "./seed.ts";
import type { RunningWorker } from "./workers.ts";

export type ScenarioId =
  | "floor"
  | "session-cache"
  | "session-db"
  | "protected"
  | "sign-in"
  | "sign-up"
  | "list-sessions";

/** The request a scenario sends, over and over. */
export type RequestSpec = {
  method: "GET" | "POST" | "OPTIONS";
  path: string;
  headers: Record<string, string>;
  /** A fresh body for each request (sign-up needs a new email every time). */
  body?: () => string;
  /** True when a 2xx response is really the answer asked for: get-session answers 200 `null`. */
  verify?: (body: string) => boolean;
};

export type Prepared = { spec: RequestSpec; notes: string[] } | { skip: string };

/** The users each Worker's scenarios sign in as (created once per run). */
export type Users = {
  /** Reads its session (get-session, /api/me). */
  reader: string;
  /** Lists its sessions. */
  lister: string;
  /** How many seeded users sign-in goes through, round-robin (see seed.ts). */
  signers: number;
};

export type Scenario = {
  id: ScenarioId;
  label: string;
  /** What each request is, for the results page. */
  sends: string;
  prepare: (worker: RunningWorker, users: Users) => Promise<Prepared>;
};

const hasSession = (body: string) => body.includes('"session"') && body.includes('"user"');

async function floor(worker: RunningWorker): Promise<Prepared> {
  const ping = await fetch(`${worker.url}/api/ping`, { signal: AbortSignal.timeout(30_000) });
  await ping.arrayBuffer();
  if (ping.ok) return { spec: { method: "GET", path: "/api/ping", headers: {} }, notes: [] };
  // Fallback while the product has no GET /api/ping: its CORS preflight is answered by middleware
  // alone, with no auth and no database.
  return {
    spec: {
      method: "OPTIONS",
      path: "/api/ping",
      headers: { origin: worker.origin, "access-control-request-method": "GET" },
    },
    notes: [`${worker.name} has no GET /api/ping (${ping.status}): measured its CORS preflight`],
  };
}

async function getSession(worker: RunningWorker, users: Users, cache: boolean): Promise<Prepared> {
  if (cache && worker.name === "stock") return { skip: "the stock setup has no cookie cache" };
  const cookies = await signIn(worker, users.reader);
  const notes =
    cache && !cookies.hasCache
      ? [`${worker.name} set no session_data cookie at sign-in: no cookie cache to serve from`]
      : [];
  return {
    spec: {
      method: "GET",
      path: "/api/auth/get-session",
      headers: browserHeaders(worker, cache ? cookies.all : cookies.tokenOnly),
      verify: hasSession,
    },
    notes,
  };
}

export const SCENARIOS: Scenario[] = [
  {
    id: "floor",
    label: "floor (no auth, no DB)",
    sends:
      "`GET /api/ping` → `{ ok: true }` (the product's route; the stock Worker has the same one)",
    prepare: floor,
  },
  {
    id: "session-cache",
    label: "get-session, cookie cache",
    sends:
      "`GET /api/auth/get-session` with the cookies a browser holds after signing in and asking for the session once (the product's token and cache cookies)",
    prepare: (worker, users) => getSession(worker, users, true),
  },
  {
    id: "session-db",
    label: "get-session, database",
    sends:
      "`GET /api/auth/get-session` with the session token cookie only, so the session must be read",
    prepare: (worker, users) => getSession(worker, users, false),
  },
  {
    id: "protected",
    label: "protected route /api/me",
    sends:
      "`GET /api/me` with the browser's cookies (stock: a route calling `auth.api.getSession`)",
    prepare: async (worker, users) => {
      const cookies = await signIn(worker, users.reader);
      return {
        spec: { method: "GET", path: "/api/me", headers: browserHeaders(worker, cookies.all) },
        notes: [],
      };
    },
  },
  {
    id: "sign-in",
    label: "sign-in",
    sends: `\`POST /api/auth/sign-in/email\`, round-robin over ${SEEDED_USERS.toLocaleString("en-US")} seeded users (about one sign-in each)`,
    prepare: async (worker, users) => {
      let count = 0;
      return {
        spec: {
          method: "POST",
          path: "/api/auth/sign-in/email",
          headers: browserHeaders(worker),
          body: () =>
            JSON.stringify({ email: seededEmail(count++, users.signers), password: PASSWORD }),
        },
        notes: [],
      };
    },
  },
  {
    id: "sign-up",
    label: "sign-up",
    sends: "`POST /api/auth/sign-up/email` with a new email each time",
    prepare: async (worker) => {
      let count = 0;
      return {
        spec: {
          method: "POST",
          path: "/api/auth/sign-up/email",
          headers: browserHeaders(worker),
          body: () =>
            JSON.stringify({
              email: `signup-${++count}@bench.example.com`,
              password: PASSWORD,
              name: "Bench Sign-up",
            }),
        },
        notes: [],
      };
    },
  },
  {
    id: "list-sessions",
    label: "list sessions",
    sends:
      "`GET /api/auth/list-sessions` (better-auth's endpoint, on both) with the browser's cookies, for a user with three sessions",
    prepare: async (worker, users) => {
      // Three sessions to list: the sign-up's and two sign-ins.
      await signIn(worker, users.lister);
      const cookies = await signIn(worker, users.lister);
      return {
        spec: {
          method: "GET",
          path: "/api/auth/list-sessions",
          headers: browserHeaders(worker, cookies.all),
          verify: (body) => body.startsWith("["),
        },
        notes: [],
      };
    },
  },
];
