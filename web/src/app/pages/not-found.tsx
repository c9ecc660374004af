import { useId } from "react";
import { Link } from "../../lib/router";

export function NotFoundPage() {
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Page not found</h2>
      <p className="muted">
        There is nothing at this address. <Link to="/">Go to your session</Link>.
      </p>
    </section>
  );
}
