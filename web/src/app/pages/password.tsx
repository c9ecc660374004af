import { useActionState, useId } from "react";
import { Field } from "../../components/field";
import { FormError } from "../../components/form-error";
import { SubmitButton } from "../../components/submit-button";
import { authClient } from "../../lib/auth-client";
import { type AuthFailure, attemptAuth, fieldError } from "../../lib/auth-errors";
import { textField } from "../../lib/form-data";

type PasswordState = {
  failure: AuthFailure | null;
  /** What the last successful change did, for the confirmation. */
  done: { signedOutOthers: boolean } | null;
  /** Kept so a failed attempt does not untick the box. */
  revokeOthers: boolean;
};

async function changePassword(_previous: PasswordState, form: FormData): Promise<PasswordState> {
  const currentPassword = textField(form, "currentPassword");
  const newPassword = textField(form, "newPassword");
  const revokeOthers = form.get("revokeOtherSessions") === "on";
  if (newPassword !== textField(form, "confirmPassword")) {
    const failure: AuthFailure = {
      message: "The two new passwords differ",
      field: "confirmPassword",
      unreachable: false,
    };
    return { failure, done: null, revokeOthers };
  }
  const failure = await attemptAuth(
    () =>
      authClient.changePassword({
        currentPassword,
        newPassword,
        revokeOtherSessions: revokeOthers,
      }),
    // better-auth's length errors are about the new password here.
    { password: "newPassword" },
  );
  return { failure, done: failure ? null : { signedOutOthers: revokeOthers }, revokeOthers };
}

/** Change password; signing out every other device is on by default (a stolen password's sessions end). */
export function PasswordPage() {
  const [state, action] = useActionState(changePassword, {
    failure: null,
    done: null,
    revokeOthers: true,
  });
  const titleId = useId();
  const checkboxId = useId();
  return (
    <form className="card" action={action} aria-labelledby={titleId}>
      <h2 id={titleId}>Change password</h2>
      {state.done && (
        <p className="notice" role="status">
          Your password was changed
          {state.done.signedOutOthers ? " and every other device was signed out." : "."}
        </p>
      )}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={fieldError(state.failure, "currentPassword")}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        minLength={8}
        required
        error={fieldError(state.failure, "newPassword")}
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={fieldError(state.failure, "confirmPassword")}
      />
      <div className="checkbox">
        <input
          id={checkboxId}
          type="checkbox"
          name="revokeOtherSessions"
          defaultChecked={state.revokeOthers}
          // A new key when the kept value changes: defaultChecked only applies on mount.
          key={String(state.revokeOthers)}
        />
        <label htmlFor={checkboxId}>Sign out other devices</label>
      </div>
      <FormError failure={state.failure} />
      <SubmitButton pendingLabel="Changing password…">Change password</SubmitButton>
    </form>
  );
}
