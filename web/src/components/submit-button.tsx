import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

type SubmitButtonProps = {
  children: ReactNode;
  /** Label while the enclosing form's action runs, e.g. "Signing in…". */
  pendingLabel: string;
  /** The quieter style, for actions beside a list item. */
  secondary?: boolean;
  /** Id of the element that says what the button acts on (e.g. which device). */
  describedBy?: string;
};

/** Submits the enclosing `<form action>`; disabled while it runs so a request is never sent twice. */
export function SubmitButton({
  children,
  pendingLabel,
  secondary = false,
  describedBy,
}: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      className={secondary ? "button secondary" : "button"}
      disabled={pending}
      aria-busy={pending}
      aria-describedby={describedBy}
    >
      {pending && <span className="spinner" aria-hidden="true" />}
      {pending ? pendingLabel : children}
    </button>
  );
}
