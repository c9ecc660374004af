import { useId } from "react";
import type { EndReason } from "../lib/session";
import { SignInForm } from "./sign-in-form";

const HEADINGS: Record<EndReason, string> = {
  revoked: "You were signed out on another device",
  expired: "Your session expired",
};

const EXPLANATIONS: Record<EndReason, string> = {
  revoked:
    "Your session was ended somewhere else: signed out in another app, or removed from the devices list.",
  expired: "You were inactive for too long, or the session reached its maximum age.",
};

type SessionEndedProps = {
  /** Null while the app asks the server why. */
  reason: EndReason | null;
  email: string;
};

/** Says plainly that the session ended and why, and offers to sign in again right here. */
export function SessionEnded({ reason, email }: SessionEndedProps) {
  const titleId = useId();
  return (
    <div className="stack">
      <section className="card ended" role="alert" aria-labelledby={titleId}>
        <h2 id={titleId}>{reason ? HEADINGS[reason] : "Your session ended"}</h2>
        <p className="muted">
          {reason && `${EXPLANATIONS[reason]} `}Sign in again to continue where you were.
        </p>
      </section>
      <SignInForm title="Sign in again" email={email} />
    </div>
  );
}
