import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "./api";
import { SESSION_REFETCH_SECONDS } from "./auth-client";
import { type AuthFailure, describeAuthError } from "./auth-errors";

type ApiData<T> = {
  data: T | undefined;
  /** The last load failed; `data` still holds what the one before it returned. */
  failure: AuthFailure | null;
  loading: boolean;
  reload: () => void;
};

/**
 * Loads an API route and keeps it current: again when the tab comes back into view and on the
 * session refetch interval, so a list reflects what other devices did.
 */
export function useApiData<T>(path: string): ApiData<T> {
  const [state, setState] = useState<Omit<ApiData<T>, "reload">>({
    data: undefined,
    failure: null,
    loading: true,
  });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((value) => value + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the reload trigger.
  useEffect(() => {
    let live = true;
    setState((current) => ({ ...current, loading: true }));
    apiFetch<T>(path).then(
      (data) => live && setState({ data, failure: null, loading: false }),
      (error: unknown) =>
        live &&
        setState((current) => ({ ...current, failure: describeAuthError(error), loading: false })),
    );
    return () => {
      live = false;
    };
  }, [path, version]);

  useEffect(() => {
    const onVisible = () => document.visibilityState === "visible" && reload();
    document.addEventListener("visibilitychange", onVisible);
    const timer = setInterval(reload, SESSION_REFETCH_SECONDS * 1000);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      clearInterval(timer);
    };
  }, [reload]);

  return { ...state, reload };
}
