import { Redirect, safeNextPath, signInPath, useLocation } from "../lib/router";
import { SessionProvider, useSessionView } from "../lib/session";
import { Checking } from "./checking";
import { ServerUnreachable } from "./server-unreachable";
import { SessionEnded } from "./session-ended";
import { SignedInLayout } from "./signed-in-layout";
import { SignedOut } from "./signed-out";

/** The web app: one screen per session state; pages only while signed in. */
export function App() {
  return (
    <SessionProvider>
      <div className="shell">
        <header className="masthead">
          <h1>Edge Session</h1>
        </header>
        <main>
          <SessionScreen />
        </main>
      </div>
    </SessionProvider>
  );
}

function SessionScreen() {
  const { view, refetch } = useSessionView();
  const location = useLocation();
  switch (view.status) {
    case "checking":
      return <Checking />;
    case "unreachable":
      return <ServerUnreachable problem={view.problem} onRetry={refetch} />;
    case "ended":
      // Stay on the page: signing in again right here continues where the user was.
      return <SessionEnded reason={view.reason} email={view.user.email} />;
    case "signed-out":
      if (location.pathname !== "/sign-in") {
        // Every page needs a session: sign in first, then come back here.
        const next = view.byUser ? (view.returnTo ?? "/") : location.href;
        return <Redirect to={signInPath(next)} />;
      }
      return <SignedOut signedOutHere={view.byUser} />;
    case "signed-in":
      if (location.pathname === "/sign-in") {
        return <Redirect to={safeNextPath(location.search.get("next"))} />;
      }
      return <SignedInLayout problem={view.problem} onRetry={refetch} />;
  }
}
