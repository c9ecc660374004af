import { useId, useState } from "react";
import { DateTime } from "../../components/date-time";
import { FormError } from "../../components/form-error";
import { type ActivityEvent, apiFetch, type ActivityPage as Page } from "../../lib/api";
import { type AuthFailure, describeAuthError } from "../../lib/auth-errors";
import { useSignedInSession } from "../../lib/session";
import { useApiData } from "../../lib/use-api";
import { describeUserAgent } from "../../lib/user-agent";

const PAGE_SIZE = 20;

/** What each event means to the person whose account it is. */
const LABELS: Record<string, string> = {
  created: "Signed in",
  refreshed: "Session renewed",
  rotated: "Session token replaced",
  reuse_detected: "A stolen session token was used; that session was ended",
  binding_changed: "Session used from a different device or network",
  expired: "Session expired",
  revoked: "Session revoked",
  signed_out: "Signed out",
  evicted: "Signed out: too many devices",
};

/** The activity timeline: the newest session events first, older ones on request. */
export function ActivityPage() {
  const { session } = useSignedInSession();
  const first = useApiData<Page>(`/api/sessions/activity?limit=${PAGE_SIZE}`);
  const [older, setOlder] = useState<{ events: ActivityEvent[]; cursor: string | null }>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreFailure, setMoreFailure] = useState<AuthFailure | null>(null);
  const titleId = useId();

  // Newer pages replace the first page as it refreshes; older pages stay appended below it.
  const events = [...(first.data?.events ?? []), ...(older?.events ?? [])].filter(
    (event, index, all) => all.findIndex((other) => other.id === event.id) === index,
  );
  const cursor = older ? older.cursor : (first.data?.nextCursor ?? null);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreFailure(null);
    try {
      const page = await apiFetch<Page>(
        `/api/sessions/activity?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(cursor)}`,
      );
      setOlder({ events: [...(older?.events ?? []), ...page.events], cursor: page.nextCursor });
    } catch (error) {
      setMoreFailure(describeAuthError(error));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Activity</h2>
      <p className="muted">Sign-ins, renewals and sign-outs of your sessions, newest first.</p>
      {!first.data && first.loading && (
        <p className="status" role="status">
          <span className="spinner" aria-hidden="true" /> Loading your activity…
        </p>
      )}
      {first.failure && <FormError failure={first.failure} />}
      {first.data && events.length === 0 && <p className="muted">No activity yet.</p>}
      {events.length > 0 && (
        <ol className="timeline">
          {events.map((event) => (
            <Event key={event.id} event={event} current={event.sessionId === session.id} />
          ))}
        </ol>
      )}
      {moreFailure && <FormError failure={moreFailure} />}
      {cursor && (
        <button
          type="button"
          className="button secondary"
          onClick={() => void loadMore()}
          disabled={loadingMore}
          aria-busy={loadingMore}
        >
          {loadingMore && <span className="spinner" aria-hidden="true" />}
          {loadingMore ? "Loading…" : "Show older activity"}
        </button>
      )}
    </section>
  );
}

function Event({ event, current }: { event: ActivityEvent; current: boolean }) {
  return (
    <li className="event" data-type={event.type}>
      <p className="event-title">
        <strong>{LABELS[event.type] ?? event.type}</strong>
        {current && <span className="badge">This session</span>}
      </p>
      <p className="muted">
        <DateTime value={event.at} />
        {" · "}
        {describeUserAgent(event.userAgent)}
        {event.ipAddress && ` · ${event.ipAddress}`}
        {event.reason && ` · ${event.reason.replaceAll("_", " ")}`}
      </p>
    </li>
  );
}
