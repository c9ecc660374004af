import { useActionState, useId } from "react";
import { Field } from "../components/field";
import { FormError } from "../components/form-error";
import { SubmitButton } from "../components/submit-button";
import { authClient } from "../lib/auth-client";
import { type AuthFailure, attemptAuth, fieldError } from "../lib/auth-errors";
import { textField } from "../lib/form-data";

type SignInState = {
  failure: AuthFailure | null;
  /** Kept so a failed attempt does not make the user type the email again. */
  email: string;
};

async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = textField(form, "email");
  const password = textField(form, "password");
  const failure = await attemptAuth(() => authClient.signIn.email({ email, password }));
  return { failure, email };
}

type SignInFormProps = {
  /** The form's heading and accessible name, e.g. "Sign in again". */
  title?: string;
  /** Filled in when the app knows who is signing in (after a session ended). */
  email?: string;
};

/** Email and password sign-in; on success `useSession()` picks up the new session. */
export function SignInForm({ title = "Sign in", email = "" }: SignInFormProps) {
  const [state, action] = useActionState(signIn, { failure: null, email });
  const titleId = useId();
  return (
    <form className="card" action={action} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.email}
        error={fieldError(state.failure, "email")}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fieldError(state.failure, "password")}
      />
      <FormError failure={state.failure} />
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
