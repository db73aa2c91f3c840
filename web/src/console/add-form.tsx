/**
 * The console's forms that add an entry to the list under them: their fields on one row,
 * then the primary button, disabled while the addition is under way.
 */
import type { ComponentChildren } from 'preact';

export function AddForm({ extraClass, busy, submitLabel, onSubmit, children }: { extraClass?: string; busy: boolean; submitLabel: string; onSubmit: () => void; children: ComponentChildren }) {
  return (
    <form
      class={extraClass === undefined ? 'console-filters' : `console-filters ${extraClass}`}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <button type="submit" class="console-primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

/** A required one-line text field with its label. */
export function TextField({ inputId, label, maxLength, placeholder, value, onInput }: { inputId: string; label: string; maxLength: number; placeholder: string; value: string; onInput: (value: string) => void }) {
  return (
    <div class="console-field">
      <label for={inputId}>{label}</label>
      <input id={inputId} type="text" required maxLength={maxLength} placeholder={placeholder} value={value} onInput={(event) => onInput(event.currentTarget.value)} />
    </div>
  );
}
