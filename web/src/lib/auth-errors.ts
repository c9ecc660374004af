/** The part of a better-auth client error the UI reads (`{ data, error }` from any call). */
export type AuthErrorLike = {
  code?: string | undefined;
  message?: string | undefined;
  status?: number | undefined;
};

/** A field of the auth forms that an error can point at. */
export type AuthField =
  | "name"
  | "email"
  | "password"
  | "currentPassword"
  | "newPassword"
  | "confirmPassword";

/** What the UI shows for a failed call: a sentence, and the field it is about if there is one. */
export type AuthFailure = {
  message: string;
  field?: AuthField;
  /** The server's machine-readable code, when it sent one. */
  code?: string;
  /** The server could not be reached: never a reason to treat the user as signed out. */
  unreachable: boolean;
};

const UNREACHABLE = "The server is unreachable right now";
const DOWN = "The server is down right now";

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
  INVALID_PASSWORD: { message: "That is not your current password", field: "currentPassword" },
  INVALID_ORIGIN: { message: "The server does not trust this site's address" },
  MISSING_OR_NULL_ORIGIN: { message: "The server does not trust this site's address" },
  // Listing or ending sessions needs a recent sign-in (the product's code, then better-auth's).
  fresh_session_required: { message: "Please sign in again to do this" },
  SESSION_NOT_FRESH: { message: "Please sign in again to do this" },
  session_revoked: { message: "You were signed out on another device" },
  session_expired: { message: "Your session expired" },
  unauthenticated: { message: "You are not signed in" },
  invalid_token: { message: "You are not signed in" },
};

/** Codes that mean "sign in again, then retry": the session is valid but not recent enough. */
export const FRESH_SIGN_IN_CODES = new Set(["fresh_session_required", "SESSION_NOT_FRESH"]);

/**
 * Turns whatever a better-auth call produced — an `error` object, or an exception thrown by
 * `fetch` when the server is down — into what the user should read.
 */
export function describeAuthError(
  error: unknown,
  /** Points an error about one field at another, e.g. `password` at a form's `newPassword`. */
  fieldMap: Partial<Record<AuthField, AuthField>> = {},
): AuthFailure {
  if (!isAuthErrorLike(error)) {
    const unreachable = isNetworkFailure(error);
    return { message: unreachable ? UNREACHABLE : "Something went wrong", unreachable };
  }
  const status = error.status ?? 0;
  // A 5xx comes from the Worker failing (e.g. its database is down) or a proxy in front of it:
  // the session may well be fine.
  if (status === 0) return { message: UNREACHABLE, unreachable: true };
  if (status >= 500) {
    const code = errorCode(error);
    return { message: DOWN, ...(code && { code }), unreachable: true };
  }
  if (status === 429) return { message: "Too many attempts, try again later", unreachable: false };
  const code = errorCode(error);
  const known = code ? CODE_MESSAGES[code] : undefined;
  if (known) {
    const field = known.field && (fieldMap[known.field] ?? known.field);
    return { message: known.message, ...(field && { field }), code, unreachable: false };
  }
  return {
    message: error.message || `Request failed (${status})`,
    ...(code && { code }),
    unreachable: false,
  };
}

/** Runs a better-auth call and returns its failure in the UI's terms, or null when it succeeded. */
export async function attemptAuth(
  call: () => Promise<{ error: unknown }>,
  fieldMap?: Partial<Record<AuthField, AuthField>>,
): Promise<AuthFailure | null> {
  try {
    const { error } = await call();
    return error ? describeAuthError(error, fieldMap) : null;
  } catch (thrown) {
    // better-fetch does not catch network failures: a down server rejects instead of returning.
    return describeAuthError(thrown, fieldMap);
  }
}

/**
 * The machine-readable code of an error: better-auth puts it at the top (`{ code }`), the
 * product's routes nest it (`{ error: { code } }`), and better-fetch copies the body into the error.
 */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, error: nested } = error as { code?: unknown; error?: { code?: unknown } };
  if (typeof code === "string" && code) return code;
  const inner = typeof nested === "object" && nested !== null ? nested.code : undefined;
  return typeof inner === "string" && inner ? inner : undefined;
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
