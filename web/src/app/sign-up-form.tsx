import { useActionState, useId } from "react";
import { Field } from "../components/field";
import { FormError } from "../components/form-error";
import { SubmitButton } from "../components/submit-button";
import { authClient } from "../lib/auth-client";
import { type AuthFailure, attemptAuth, fieldError } from "../lib/auth-errors";
import { textField } from "../lib/form-data";

type SignUpState = {
  failure: AuthFailure | null;
  /** Kept so a failed attempt does not make the user type them again. */
  name: string;
  email: string;
};

async function signUp(_previous: SignUpState, form: FormData): Promise<SignUpState> {
  const name = textField(form, "name").trim();
  const email = textField(form, "email");
  const password = textField(form, "password");
  const failure = await attemptAuth(() => authClient.signUp.email({ name, email, password }));
  return { failure, name, email };
}

/** Creates an account; the server signs the new user in, and `useSession()` picks that up. */
export function SignUpForm() {
  const [state, action] = useActionState(signUp, { failure: null, name: "", email: "" });
  const titleId = useId();
  return (
    <form className="card" action={action} aria-labelledby={titleId}>
      <h2 id={titleId}>Create an account</h2>
      <Field
        label="Name"
        name="name"
        autoComplete="name"
        required
        defaultValue={state.name}
        error={fieldError(state.failure, "name")}
      />
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
        autoComplete="new-password"
        required
        error={fieldError(state.failure, "password")}
      />
      <FormError failure={state.failure} />
      <SubmitButton pendingLabel="Creating account…">Sign up</SubmitButton>
    </form>
  );
}
