/** The part of a better-auth client error the UI reads (`{ data, error }` from any call). */
export type AuthErrorLike = {
  code?: string | undefined;
  message?: string | undefined;
  status?: number | undefined;
};

/** A field of the auth forms that an error can point at. */
export type AuthField = "name" | "email" | "password";

/** What the UI shows for a failed call: a sentence, and the field it is about if there is one. */
export type AuthFailure = {
  message: string;
  field?: AuthField;
  /** The server could not be reached: never a reason to treat the user as signed out. */
  unreachable: boolean;
};

const UNREACHABLE = "The server is unreachable right now";

const CODE_MESSAGES: Record<string, { message: string; field?: AuthField }> = {
  USER_ALREADY_EXISTS: { message: "That email is already registered", field: "email" },
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: {
    message: "That email is already registered",
    field: "email",
  },
  INVALID_EMAIL_OR_PASSWORD: { message: "Wrong email or password" },
  INVALID_EMAIL: { message: "Enter a valid email address", field: "email" },
  PASSWORD_TOO_SHORT: { message: "That password is too short", field: "password" },
  PASSWORD_TOO_LONG: { message: "That password is too long", field: "password" },
  INVALID_ORIGIN: { message: "The server does not trust this site's address" },
  MISSING_OR_NULL_ORIGIN: { message: "The server does not trust this site's address" },
};

/**
 * Turns whatever a better-auth call produced — an `error` object, or an exception thrown by
 * `fetch` when the server is down — into what the user should read.
 */
export function describeAuthError(error: unknown): AuthFailure {
  if (!isAuthErrorLike(error)) {
    const unreachable = isNetworkFailure(error);
    return { message: unreachable ? UNREACHABLE : "Something went wrong", unreachable };
  }
  const status = error.status ?? 0;
  // A 5xx comes from the Worker failing or a proxy in front of it: the session may well be fine.
  if (status === 0 || status >= 500) return { message: UNREACHABLE, unreachable: true };
  if (status === 429) return { message: "Too many attempts, try again later", unreachable: false };
  const known = error.code ? CODE_MESSAGES[error.code] : undefined;
  if (known) return { ...known, unreachable: false };
  return { message: error.message || `Request failed (${status})`, unreachable: false };
}

/** Runs a better-auth call and returns its failure in the UI's terms, or null when it succeeded. */
export async function attemptAuth(
  call: () => Promise<{ error: unknown }>,
): Promise<AuthFailure | null> {
  try {
    const { error } = await call();
    return error ? describeAuthError(error) : null;
  } catch (thrown) {
    // better-fetch does not catch network failures: a down server rejects instead of returning.
    return describeAuthError(thrown);
  }
}

/** The message for one field, when the last failure is about that field. */
export function fieldError(failure: AuthFailure | null, field: AuthField): string | undefined {
  return failure?.field === field ? failure.message : undefined;
}

function isAuthErrorLike(error: unknown): error is AuthErrorLike {
  return typeof error === "object" && error !== null && "status" in error;
}

/** `fetch` rejects with a TypeError when the host is down, the connection drops or CORS fails. */
function isNetworkFailure(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    (error instanceof DOMException &&
      (error.name === "AbortError" || error.name === "TimeoutError"))
  );
}
