import { SignInForm } from "./sign-in-form";
import { SignUpForm } from "./sign-up-form";

/** Shown only once the server has answered that there is no session. */
export function SignedOut() {
  return (
    <div className="auth-forms">
      <SignUpForm />
      <SignInForm />
    </div>
  );
}
