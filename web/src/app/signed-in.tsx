import { useActionState, useId } from "react";
import { DateTime } from "../components/date-time";
import { FormError } from "../components/form-error";
import { SubmitButton } from "../components/submit-button";
import { authClient, type Session } from "../lib/auth-client";
import { attemptAuth } from "../lib/auth-errors";

/** The signed-in user and the current session; the session token is never shown. */
export function SignedIn({ session }: { session: Session }) {
  const { user, session: current } = session;
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Signed in</h2>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Session created</dt>
        <dd>
          <DateTime value={current.createdAt} />
        </dd>
        <dt>Session expires</dt>
        <dd>
          <DateTime value={current.expiresAt} />
        </dd>
      </dl>
      <SignOutButton />
    </section>
  );
}

function SignOutButton() {
  const [failure, action] = useActionState(() => attemptAuth(() => authClient.signOut()), null);
  return (
    <form className="actions" action={action}>
      <FormError failure={failure} />
      <SubmitButton pendingLabel="Signing out…">Sign out</SubmitButton>
    </form>
  );
}
