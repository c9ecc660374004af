/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Absolute URL of the API Worker; `vite.config.ts` refuses to start without it. */
  readonly VITE_SERVER_URL: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
