import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { t } from '@/utils/model/i18n';

/**
 * A confirmation as a modal dialog (the platform's own `<dialog>`: focus moves into it and stays,
 * Escape cancels). Cancel has the focus, so Enter does not confirm by accident.
 */
export function Confirm({
  title,
  confirm,
  onConfirm,
  onCancel,
  children,
}: {
  title: string;
  confirm: string;
  onConfirm(): void;
  onCancel(): void;
  children?: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h3 id={titleId}>{title}</h3>
      {children}
      <div class="row">
        <button type="button" class="danger" onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" autoFocus onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}
