/** A secret the server shows only once (a new API token, a webhook's signing secret), ready to copy. */
export function ShownOnceSecret(props: { id: string; label: string; value: string }) {
  return (
    <div className="card" role="status">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        readOnly
        value={props.value}
        className="secret"
        onFocus={(e) => e.target.select()}
      />
    </div>
  );
}
