// What the apps know about the session, as one of a few plain states. better-auth's `useSession()`
// polls and refetches on focus; this adds what the user needs told: a session that was there and
// is gone ended *somewhere else* (revoked or expired), which is not the same as never signed in,
// and a server that does not answer says nothing about being signed in.
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { probeSessionEnd, recentRejection } from "./api";
import { authClient, type Session } from "./auth-client";
import { type AuthFailure, attemptAuth, describeAuthError, errorCode } from "./auth-errors";

/** Why a session ended while the page was open. */
export type EndReason = "revoked" | "expired";

export type SessionView =
  | { status: "checking" }
  /** `problem`: the last refresh failed (server down); the session shown is the last known one. */
  | { status: "signed-in"; session: Session; problem: AuthFailure | null }
  /** No session. `byUser`: the user just signed out on this page, to come back to `returnTo`. */
  | { status: "signed-out"; byUser: boolean; returnTo: string | null }
  /** The session ended elsewhere; `reason` is null while it is being worked out. */
  | { status: "ended"; reason: EndReason | null; user: Session["user"] }
  /** No session known and the server did not answer: not a reason to show "signed out". */
  | { status: "unreachable"; problem: AuthFailure };

type SessionContextValue = {
  view: SessionView;
  /** Checks the session again now. */
  refetch: () => void;
  /**
   * Signs out on purpose: the app then says "you signed out", not "you were signed out".
   * `returnTo`: a page to come back to after signing in again (e.g. for a fresh sign-in).
   */
  signOut: (returnTo?: string) => Promise<AuthFailure | null>;
};

type Ended = { user: Session["user"]; expiresAt: Date; error: unknown; reason: EndReason | null };

// Clocks of browser and server differ a little: an end this close to `expiresAt` is an expiry.
const CLOCK_SLACK_MS = 2_000;

const SessionContext = createContext<SessionContextValue | null>(null);

/** Runs the one session subscription of an app and shares what it knows. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { data, error, isPending, refetch } = authClient.useSession();
  const [known, setKnown] = useState<Session | null>(null);
  const [ended, setEnded] = useState<Ended | null>(null);
  // While a sign-out from this page runs, and after it: where to come back to (null: nowhere).
  const [signingOut, setSigningOut] = useState<{ returnTo: string | null } | null>(null);
  const [signedOutHere, setSignedOutHere] = useState<{ returnTo: string | null } | null>(null);

  // A 401 or an empty answer is the server saying "no session"; anything else is trouble reaching it.
  const serverSaysNoSession = !data && !isPending && (!error || statusOf(error) === 401);

  // Adjusted during render (not in an effect) so no child ever sees "signed out" for one frame
  // and redirects before the app knows the session ended elsewhere.
  if (data && data !== known) {
    setKnown(data);
    if (ended) setEnded(null);
    if (signedOutHere) setSignedOutHere(null);
  } else if (serverSaysNoSession && known) {
    setKnown(null);
    if (signingOut) {
      setSigningOut(null);
      setSignedOutHere(signingOut);
    } else {
      setEnded({
        user: known.user,
        expiresAt: new Date(known.session.expiresAt),
        error,
        reason: null,
      });
    }
  }

  useEffect(() => {
    if (!ended || ended.reason) return;
    let live = true;
    explainEnd(ended).then((reason) => {
      if (live) setEnded((current) => (current === ended ? { ...ended, reason } : current));
    });
    return () => {
      live = false;
    };
  }, [ended]);

  const signOut = async (returnTo?: string) => {
    setSigningOut({ returnTo: returnTo ?? null });
    const failure = await attemptAuth(() => authClient.signOut());
    if (failure) setSigningOut(null);
    return failure;
  };

  let view: SessionView;
  if (data) {
    const problem = error && statusOf(error) !== 401 ? describeAuthError(error) : null;
    view = { status: "signed-in", session: data, problem };
  } else if (ended) view = { status: "ended", reason: ended.reason, user: ended.user };
  else if (isPending) view = { status: "checking" };
  else if (error && statusOf(error) !== 401) {
    view = { status: "unreachable", problem: describeAuthError(error) };
  } else {
    view = {
      status: "signed-out",
      byUser: signedOutHere !== null,
      returnTo: signedOutHere?.returnTo ?? null,
    };
  }

  return (
    <SessionContext.Provider value={{ view, refetch: () => void refetch(), signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

/** The session state of the app; only inside `SessionProvider`. */
export function useSessionView(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSessionView() needs a <SessionProvider> above it");
  return value;
}

/** The signed-in session; only on pages rendered while signed in. */
export function useSignedInSession(): Session {
  const { view } = useSessionView();
  if (view.status !== "signed-in") throw new Error("useSignedInSession() outside a signed-in page");
  return view.session;
}

/**
 * Works out why a session ended: from the server's code when it gave one (on get-session, on an
 * API call just now, or by asking `/api/me` once), else from the clock — a session past its
 * `expiresAt` expired, one that ended before it was ended by someone.
 */
async function explainEnd(ended: Ended): Promise<EndReason> {
  const code = errorCode(ended.error) ?? recentRejection() ?? (await probeSessionEnd());
  if (code === "session_expired") return "expired";
  if (code === "session_revoked") return "revoked";
  return Date.now() >= ended.expiresAt.getTime() - CLOCK_SLACK_MS ? "expired" : "revoked";
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}
