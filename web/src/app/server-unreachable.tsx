import { useId } from "react";
import { describeAuthError } from "../lib/auth-errors";

type ServerUnreachableProps = {
  error: unknown;
  onRetry: () => void;
};

/**
 * Takes the place of the sign-in forms when the session check fails: a server that is down
 * says nothing about whether the user is signed in.
 */
export function ServerUnreachable({ error, onRetry }: ServerUnreachableProps) {
  const failure = describeAuthError(error);
  const titleId = useId();
  return (
    <section className="card" role="alert" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {failure.unreachable ? "The server is unreachable" : "Your session could not be checked"}
      </h2>
      <p className="muted">
        {failure.unreachable
          ? "Your session cannot be checked until it answers. Try again in a moment."
          : `${failure.message}.`}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </section>
  );
}
