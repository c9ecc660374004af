import { SignInForm } from "./sign-in-form";
import { SignUpForm } from "./sign-up-form";

/** Shown only once the server has answered that there is no session. */
export function SignedOut({ signedOutHere }: { signedOutHere: boolean }) {
  return (
    <>
      {signedOutHere && (
        <p className="notice" role="status">
          You signed out.
        </p>
      )}
      <div className="auth-forms">
        <SignUpForm />
        <SignInForm />
      </div>
    </>
  );
}
