import { useId } from "react";
import { DateTime, RelativeTime } from "../../components/date-time";
import { SignOutButton } from "../../components/sign-out-button";
import { SESSION_REFETCH_SECONDS } from "../../lib/auth-client";
import { useSignedInSession } from "../../lib/session";
import { describeUserAgent } from "../../lib/user-agent";

/** The session panel: who is signed in, since when, until when, on which device. */
export function OverviewPage() {
  const { user, session } = useSignedInSession();
  const titleId = useId();
  const adminUrl = import.meta.env.VITE_ADMIN_URL;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Signed in</h2>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Signed in since</dt>
        <dd>
          <DateTime value={session.createdAt} /> (<RelativeTime value={session.createdAt} />)
        </dd>
        <dt>Session expires</dt>
        <dd>
          <DateTime value={session.expiresAt} /> unless renewed by use
        </dd>
        <dt>This device</dt>
        <dd>
          {describeUserAgent(session.userAgent)}
          {session.ipAddress && `, ${session.ipAddress}`}
        </dd>
      </dl>
      <p className="muted">
        Your session is checked every {SESSION_REFETCH_SECONDS} seconds and whenever you come back
        to this tab; if it ends on another device, this page tells you.
        {adminUrl && (
          <>
            {" "}
            The <a href={adminUrl}>admin app</a> shares this sign-in.
          </>
        )}
      </p>
      <SignOutButton />
    </section>
  );
}
