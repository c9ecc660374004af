import { useActionState, useId, useState } from "react";
import { RelativeTime } from "../../components/date-time";
import { FormError } from "../../components/form-error";
import { SubmitButton } from "../../components/submit-button";
import { apiPost, type DeviceSession } from "../../lib/api";
import { authClient } from "../../lib/auth-client";
import {
  type AuthFailure,
  attemptAuth,
  describeAuthError,
  FRESH_SIGN_IN_CODES,
} from "../../lib/auth-errors";
import { useSessionView } from "../../lib/session";
import { useApiData } from "../../lib/use-api";
import { describeDevice } from "../../lib/user-agent";

/** "Your devices": every active session, this one marked; end one, or all the others. */
export function DevicesPage() {
  const { data, failure, loading, reload } = useApiData<{ sessions: DeviceSession[] }>(
    "/api/sessions",
  );
  const titleId = useId();
  // What the last action did: said here, because the device it was about leaves the list.
  const [done, setDone] = useState<string | null>(null);
  const sessions = data?.sessions ?? [];
  const others = sessions.filter((session) => !session.current).length;
  const changed = (message: string) => {
    setDone(message);
    reload();
  };
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Your devices</h2>
      <p className="muted">
        Every browser signed in to your account. Sign out any you do not recognise, then change your
        password.
      </p>
      {!data && loading && (
        <p className="status" role="status">
          <span className="spinner" aria-hidden="true" /> Loading your devices…
        </p>
      )}
      {failure && <ActionFailure failure={failure} />}
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {data && (
        <ul className="devices">
          {sessions.map((session) => (
            <Device key={session.id} session={session} onChanged={changed} />
          ))}
        </ul>
      )}
      {data && others > 0 && <RevokeOthers count={others} onChanged={changed} />}
    </section>
  );
}

type OnChanged = (message: string) => void;

function Device({ session, onChanged }: { session: DeviceSession; onChanged: OnChanged }) {
  const nameId = useId();
  const name = describeDevice(session.browser, session.os);
  return (
    <li className="device" aria-labelledby={nameId}>
      <p className="device-name">
        <strong id={nameId}>{name}</strong>
        {session.current && <span className="badge">This device</span>}
      </p>
      <dl className="facts compact">
        <dt>IP address</dt>
        <dd>{session.ipAddress ?? "unknown"}</dd>
        <dt>Last active</dt>
        <dd>
          <RelativeTime value={session.lastActiveAt} />
        </dd>
        <dt>Signed in</dt>
        <dd>
          <RelativeTime value={session.createdAt} />
        </dd>
      </dl>
      {!session.current && (
        <RevokeOne
          sessionId={session.id}
          describedBy={nameId}
          onRevoked={() => onChanged(`${name} was signed out.`)}
        />
      )}
    </li>
  );
}

type RevokeOneProps = { sessionId: string; describedBy: string; onRevoked: () => void };

function RevokeOne({ sessionId, describedBy, onRevoked }: RevokeOneProps) {
  const [failure, action] = useActionState(async () => {
    try {
      await apiPost<{ revoked: boolean }>("/api/sessions/revoke", { sessionId });
    } catch (error) {
      return describeAuthError(error);
    }
    onRevoked();
    return null;
  }, null);
  return (
    <form className="actions" action={action}>
      {failure && <ActionFailure failure={failure} />}
      <SubmitButton pendingLabel="Signing out…" secondary describedBy={describedBy}>
        Sign out
      </SubmitButton>
    </form>
  );
}

function RevokeOthers({ count, onChanged }: { count: number; onChanged: OnChanged }) {
  const [failure, action] = useActionState(async () => {
    const failed = await attemptAuth(() => authClient.revokeOtherSessions());
    if (!failed) onChanged("Every other device was signed out.");
    return failed;
  }, null);
  return (
    <form className="actions" action={action}>
      {failure && <ActionFailure failure={failure} />}
      <p className="muted">
        {count === 1 ? "1 other device is" : `${count} other devices are`} signed in.
      </p>
      <SubmitButton pendingLabel="Signing out other devices…">
        Sign out all other devices
      </SubmitButton>
    </form>
  );
}

/** An action's failure; when the server wants a recent sign-in, the way to get one. */
function ActionFailure({ failure }: { failure: AuthFailure }) {
  const { signOut } = useSessionView();
  if (!failure.code || !FRESH_SIGN_IN_CODES.has(failure.code)) {
    return <FormError failure={failure} />;
  }
  return (
    <div className="form-error" role="alert">
      <p>{failure.message}.</p>
      <button
        type="button"
        className="button secondary"
        onClick={() => void signOut(window.location.pathname)}
      >
        Sign in again
      </button>
    </div>
  );
}
