import { useActionState } from "react";
import { useSessionView } from "../lib/session";
import { FormError } from "./form-error";
import { SubmitButton } from "./submit-button";

/** Ends this session on the server; every app sharing the cookie notices at its next check. */
export function SignOutButton({ label = "Sign out" }: { label?: string }) {
  const { signOut } = useSessionView();
  const [failure, action] = useActionState(() => signOut(), null);
  return (
    <form className="actions" action={action}>
      <FormError failure={failure} />
      <SubmitButton pendingLabel="Signing out…">{label}</SubmitButton>
    </form>
  );
}
