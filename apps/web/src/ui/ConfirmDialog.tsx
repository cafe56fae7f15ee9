import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";

interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ComponentChildren;
  readonly confirmLabel: string;
  readonly busyLabel: string;
  readonly cancelLabel: string;
  /** The confirmed action is running: neither button nor Escape does anything meanwhile. */
  readonly busy: boolean;
  readonly error?: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * A modal question before something that cannot be undone: an `alertdialog` named by its title and
 * described by its text, focus on the safe choice, Escape cancels, and focus goes back where it
 * was when it closes. The native <dialog> keeps focus inside and the page behind inert.
 */
export function ConfirmDialog({ title, children, confirmLabel, busyLabel, cancelLabel, busy, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();

  useEffect(() => {
    const element = dialog.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element !== null && !element.open) {
      if (typeof element.showModal === "function") element.showModal();
      else element.setAttribute("open", "");
    }
    cancel.current?.focus();
    return () => {
      if (element?.open === true) element.close();
      before?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        // Escape: the dialog closes only through onCancel (and not while the action runs).
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={textId}>{children}</div>
      {error !== undefined && (
        <p class="error" role="alert" data-testid="dialog-error">
          {error}
        </p>
      )}
      <div class="dialog-actions">
        <button ref={cancel} type="button" class="secondary" disabled={busy} onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" class="danger" disabled={busy} onClick={onConfirm}>
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
