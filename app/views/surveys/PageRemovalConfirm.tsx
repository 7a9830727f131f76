import { useEffect, useRef } from 'react';

/**
 * Asks before a change that takes a page with it (the page's last question is removed or moved
 * away): the question, a button that does it and one that keeps things as they are. The first
 * button takes the focus when the question appears; Escape keeps things as they are.
 */
export function PageRemovalConfirm(props: {
  message: string;
  confirmLabel: string | null;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <fieldset
      className="confirm-panel"
      data-testid="page-removal"
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onCancel();
      }}
    >
      <legend>{props.message}</legend>
      <div className="question-actions">
        {props.confirmLabel && (
          <button ref={first} type="button" className="small danger secondary" onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        )}
        <button
          ref={props.confirmLabel ? undefined : first}
          type="button"
          className="small secondary"
          onClick={props.onCancel}
        >
          {props.cancelLabel}
        </button>
      </div>
    </fieldset>
  );
}
