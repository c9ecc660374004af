import { authClient } from "../lib/auth-client";
import { describeAuthError } from "../lib/auth-errors";
import { ServerUnreachable } from "./server-unreachable";
import { SignedIn } from "./signed-in";
import { SignedOut } from "./signed-out";

/** The web app: one screen per session state. */
export function App() {
  return (
    <div className="shell">
      <header className="masthead">
        <h1>Edge Session</h1>
      </header>
      <main>
        <SessionScreen />
      </main>
    </div>
  );
}

function SessionScreen() {
  const { data, error, isPending, refetch } = authClient.useSession();
  const retry = () => void refetch();

  if (isPending) {
    return (
      <p className="status" role="status">
        <span className="spinner" aria-hidden="true" /> Checking your session…
      </p>
    );
  }
  if (data) {
    return (
      <>
        {error && <StaleNotice error={error} onRetry={retry} />}
        <SignedIn session={data} />
      </>
    );
  }
  // A 401 is the server saying "no session"; any other failure says nothing about signed-in-ness.
  if (error && error.status !== 401) return <ServerUnreachable error={error} onRetry={retry} />;
  return <SignedOut />;
}

type StaleNoticeProps = {
  error: unknown;
  onRetry: () => void;
};

/** A refresh failed while signed in: keep showing the last known session, and say so. */
function StaleNotice({ error, onRetry }: StaleNoticeProps) {
  return (
    <div className="notice" role="alert">
      <p>{describeAuthError(error).message}; showing your last known session.</p>
      <button type="button" className="button secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
