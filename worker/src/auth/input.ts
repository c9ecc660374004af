// Input rules for better-auth's endpoints, checked before anything reaches the database:
// format and length, and no unknown fields (which could otherwise set columns a client must not).
import * as z from "zod";

// RFC 5321: a path of at most 256 octets leaves 254 for the address; the local part is at most 64.
const email = z
  .email({ error: "must be a valid email address" })
  .max(254, "must be at most 254 characters")
  .refine(
    (value) => (value.split("@")[0] ?? "").length <= 64,
    "local part must be at most 64 characters",
  );

const password = z
  .string({ error: "is required" })
  .min(1, "is required")
  .max(128, "must be at most 128 characters");
const newPassword = password.min(8, "must be at least 8 characters");
const callbackURL = z.string().max(2048).optional();

const name = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(100, "must be at most 100 characters");

const schemas: Record<string, z.ZodType> = {
  "/api/auth/sign-up/email": z.strictObject({
    name: z
      .string({ error: "is required" })
      .trim()
      .min(1, "is required")
      .max(100, "must be at most 100 characters"),
    email,
    password: newPassword,
    image: z.url().max(2048).optional(),
    callbackURL,
    rememberMe: z.boolean().optional(),
  }),
  "/api/auth/sign-in/email": z.strictObject({
    email,
    password,
    callbackURL,
    rememberMe: z.boolean().optional(),
  }),
  "/api/auth/update-user": z.strictObject({
    name: name.optional(),
    image: z.url().max(2048).nullable().optional(),
  }),
  "/api/auth/change-password": z.strictObject({
    currentPassword: password,
    newPassword,
    revokeOtherSessions: z.boolean().optional(),
  }),
};

export type InputProblem = { field: string; message: string };

/** Validates a body for a known auth path; returns the first problem, or null when it is fine. */
export function checkAuthInput(path: string, body: unknown): InputProblem | null {
  const schema = schemas[path];
  if (!schema) return null;
  const result = schema.safeParse(body);
  if (result.success) return null;
  const issue = result.error.issues[0];
  if (!issue) return null;
  if (issue.code === "unrecognized_keys") {
    return { field: issue.keys[0] ?? "body", message: "is not an accepted field" };
  }
  return { field: issue.path.join(".") || "body", message: issue.message };
}
