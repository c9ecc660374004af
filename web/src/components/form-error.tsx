import type { AuthFailure } from "../lib/auth-errors";

/** The failure of a form's last submission, unless a field already shows it. */
export function FormError({ failure }: { failure: AuthFailure | null }) {
  if (!failure || failure.field) return null;
  return (
    <p className="form-error" role="alert">
      {failure.message}
    </p>
  );
}
