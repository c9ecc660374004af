import { createAuthClient } from "better-auth/react";

/** How often a signed-in page asks whether its session still exists (seconds). */
export const SESSION_REFETCH_SECONDS = refetchSeconds(import.meta.env.VITE_SESSION_REFETCH_SECONDS);

/** The one better-auth client; every app in `web/` signs in, out and lists sessions through it. */
export const authClient = createAuthClient({
  baseURL: import.meta.env.VITE_SERVER_URL,
  // The API lives on another origin: the session cookie is only sent and stored with credentials.
  fetchOptions: {
    credentials: "include",
    // Session checks ask the database (not the API's cache cookie), so a session revoked on
    // another device is noticed within the refetch interval. One query per tab per interval.
    onRequest(context) {
      const url = new URL(context.url);
      if (url.pathname.endsWith("/get-session")) url.searchParams.set("disableCookieCache", "true");
      return { ...context, url };
    },
  },
  sessionOptions: {
    // A session ended elsewhere (revoked, expired, signed out in the other app) is noticed within
    // this interval, and an active session is refreshed without the user doing anything.
    refetchInterval: SESSION_REFETCH_SECONDS,
    // Coming back to the tab checks at once (better-auth rate-limits this to one call per 5 s).
    refetchOnWindowFocus: true,
  },
});

export type Session = typeof authClient.$Infer.Session;

function refetchSeconds(value: string | undefined): number {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 30;
}
