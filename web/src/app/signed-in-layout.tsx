import type { AuthFailure } from "../lib/auth-errors";
import { Link, useLocation } from "../lib/router";
import { ActivityPage } from "./pages/activity";
import { DevicesPage } from "./pages/devices";
import { NotFoundPage } from "./pages/not-found";
import { OverviewPage } from "./pages/overview";
import { PasswordPage } from "./pages/password";

const PAGES = [
  { path: "/", label: "Session", Page: OverviewPage },
  { path: "/devices", label: "Devices", Page: DevicesPage },
  { path: "/activity", label: "Activity", Page: ActivityPage },
  { path: "/password", label: "Password", Page: PasswordPage },
] as const;

type SignedInLayoutProps = {
  /** The last session refresh failed: the page shows the last known session and says so. */
  problem: AuthFailure | null;
  onRetry: () => void;
};

/** Navigation and the current page; only rendered with a session. */
export function SignedInLayout({ problem, onRetry }: SignedInLayoutProps) {
  const { pathname } = useLocation();
  const Page = PAGES.find((page) => page.path === pathname)?.Page ?? NotFoundPage;
  return (
    <>
      <nav className="tabs" aria-label="Account">
        {PAGES.map((page) => (
          <Link key={page.path} to={page.path}>
            {page.label}
          </Link>
        ))}
      </nav>
      {problem && <StaleNotice problem={problem} onRetry={onRetry} />}
      <Page />
    </>
  );
}

/** A refresh failed while signed in: keep showing the last known session, and say so. */
function StaleNotice({ problem, onRetry }: { problem: AuthFailure; onRetry: () => void }) {
  return (
    <div className="notice" role="alert">
      <p>{problem.message}; you are still signed in, showing your last known session.</p>
      <button type="button" className="button secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
