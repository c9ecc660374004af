/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Absolute URL of the API Worker; `vite.config.ts` refuses to start without it. */
  readonly VITE_SERVER_URL: string;
  /** The web app's URL (the admin app links to it for signing in). */
  readonly VITE_APP_URL?: string;
  /** The admin app's URL (the web app links to it). */
  readonly VITE_ADMIN_URL?: string;
  /** Seconds between session checks; default 30. Tests shorten it. */
  readonly VITE_SESSION_REFETCH_SECONDS?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
