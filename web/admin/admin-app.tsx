import { useId } from "react";
import { Checking } from "../src/app/checking";
import { ServerUnreachable } from "../src/app/server-unreachable";
import { DateTime } from "../src/components/date-time";
import { SignOutButton } from "../src/components/sign-out-button";
import { type EndReason, SessionProvider, useSessionView } from "../src/lib/session";

/**
 * The admin app: another site on a sibling subdomain. It has no sign-in of its own; the session
 * cookie set for the whole domain is enough, and signing out here ends the session everywhere.
 */
export function AdminApp() {
  return (
    <SessionProvider>
      <div className="shell">
        <header className="masthead">
          <h1>Edge Session Admin</h1>
        </header>
        <main>
          <AdminScreen />
        </main>
      </div>
    </SessionProvider>
  );
}

const ENDED: Record<EndReason, string> = {
  revoked: "You were signed out on another device",
  expired: "Your session expired",
};

function AdminScreen() {
  const { view, refetch } = useSessionView();
  switch (view.status) {
    case "checking":
      return <Checking />;
    case "unreachable":
      return <ServerUnreachable problem={view.problem} onRetry={refetch} />;
    case "ended":
      return (
        <NotSignedIn
          title={view.reason ? ENDED[view.reason] : "Your session ended"}
          alert
          message="Sign in again in the app; this page picks the new session up when you come back to it."
        />
      );
    case "signed-out":
      return (
        <NotSignedIn
          title={view.byUser ? "You signed out" : "You are not signed in"}
          message="The admin app uses your sign-in from the app. Sign in there, then come back."
        />
      );
    case "signed-in":
      return <SignedInAdmin />;
  }
}

function SignedInAdmin() {
  const { view } = useSessionView();
  const titleId = useId();
  if (view.status !== "signed-in") return null;
  const { user, session } = view.session;
  return (
    <>
      {view.problem && (
        <p className="notice" role="alert">
          {view.problem.message}; you are still signed in, showing your last known session.
        </p>
      )}
      <section className="card" aria-labelledby={titleId}>
        <h2 id={titleId}>Signed in as {user.name}</h2>
        <p className="muted">No second sign-in: this page read the session shared by every app.</p>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Signed in since</dt>
          <dd>
            <DateTime value={session.createdAt} />
          </dd>
          <dt>Session expires</dt>
          <dd>
            <DateTime value={session.expiresAt} />
          </dd>
        </dl>
        <SignOutButton label="Sign out of both apps" />
      </section>
    </>
  );
}

type NotSignedInProps = { title: string; message: string; alert?: boolean };

function NotSignedIn({ title, message, alert = false }: NotSignedInProps) {
  const titleId = useId();
  const appUrl = import.meta.env.VITE_APP_URL;
  return (
    <section className="card" role={alert ? "alert" : undefined} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <p className="muted">{message}</p>
      {appUrl && (
        <a className="button" href={`${appUrl}/sign-in`}>
          Sign in in the app
        </a>
      )}
    </section>
  );
}
