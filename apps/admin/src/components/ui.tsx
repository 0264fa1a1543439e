import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { ApiError } from '../api/session.ts';

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error, onRetry }: { error: ApiError | null; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      <strong>{error.message}</strong> <code>{error.code}</code>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="card">
      <header className="card-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

/**
 * A decision that needs a reason: the button opens a small form whose reason
 * is required; Escape cancels.
 */
export function ReasonAction({
  label,
  onSubmit,
  pending,
  tone = 'normal',
  reasonRequired = true,
  reasonLabel = 'Reason',
}: {
  label: string;
  onSubmit: (reason: string) => Promise<unknown>;
  pending?: boolean;
  tone?: 'normal' | 'danger' | 'primary';
  reasonRequired?: boolean;
  reasonLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const id = useId();
  if (!open) {
    return (
      <button type="button" className={tone} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reasonRequired && !reason.trim()) return;
    await onSubmit(reason.trim());
    setOpen(false);
    setReason('');
  };
  return (
    <form
      className="reason-form"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      <label htmlFor={id}>
        {reasonLabel} for “{label}”{reasonRequired ? ' (required)' : ' (optional)'}
      </label>
      <textarea
        id={id}
        // biome-ignore lint/a11y/noAutofocus: the form opens on purpose; focus goes where typing happens
        autoFocus
        required={reasonRequired}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        rows={2}
      />
      <div className="row">
        <button type="submit" className={tone} disabled={pending || (reasonRequired && !reason.trim())}>
          Confirm {label.toLowerCase()}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function Pager({
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  page,
}: {
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  page: number;
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" onClick={onPrevious} disabled={!hasPrevious}>
        ← Previous
      </button>
      <span aria-live="polite">Page {page}</span>
      <button type="button" onClick={onNext} disabled={!hasNext}>
        Next →
      </button>
    </nav>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status.toLowerCase()}`}>{status.replaceAll('_', ' ')}</span>;
}
