/** While the first session check runs: no form flashes before the app knows who is there. */
export function Checking() {
  return (
    <p className="status" role="status">
      <span className="spinner" aria-hidden="true" /> Checking your session…
    </p>
  );
}
