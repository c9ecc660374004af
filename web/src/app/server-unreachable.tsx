import { useId } from "react";
import type { AuthFailure } from "../lib/auth-errors";

type ServerUnreachableProps = {
  problem: AuthFailure;
  onRetry: () => void;
};

/**
 * Takes the place of the sign-in forms when the session check fails: a server that is down
 * says nothing about whether the user is signed in.
 */
export function ServerUnreachable({ problem, onRetry }: ServerUnreachableProps) {
  const titleId = useId();
  return (
    <section className="card" role="alert" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {problem.unreachable ? "The server is down" : "Your session could not be checked"}
      </h2>
      <p className="muted">
        {problem.unreachable
          ? `${problem.message}, so your session cannot be checked. You have not been signed out; try again in a moment.`
          : `${problem.message}.`}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </section>
  );
}
