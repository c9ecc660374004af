import { createAuthClient } from "better-auth/react";

/** The one better-auth client; every app in `web/` signs in, out and lists sessions through it. */
export const authClient = createAuthClient({
  baseURL: import.meta.env.VITE_SERVER_URL,
  // The API lives on another origin: the session cookie is only sent and stored with credentials.
  fetchOptions: { credentials: "include" },
});

export type Session = typeof authClient.$Infer.Session;
