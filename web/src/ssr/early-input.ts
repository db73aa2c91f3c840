/**
 * What a person typed into a server-rendered page before the browser hydrated it.
 *
 * Hydration adopts the markup as it is, so the fields keep what was typed (or autofilled by
 * the browser), but the components' state starts from the defaults: a form would then send
 * empty fields, or refuse its own valid input. Noted before hydration and replayed after it
 * as the events the fields' handlers listen to, that input reaches the state.
 */
import { hydrate, type ComponentChild } from 'preact';

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** Hydrates `root` with `app`, keeping what was typed into the rendered markup before it. */
export function hydrateKeepingInput(app: ComponentChild, root: Element): void {
  const typed = changedFields(root);
  hydrate(app, root);
  replayInput(typed);
}

/** The fields under `root` whose value or checked state differs from what the server rendered. */
export function changedFields(root: ParentNode): Field[] {
  const changed: Field[] = [];
  for (const field of root.querySelectorAll<Field>('input, textarea, select')) {
    if (field instanceof HTMLSelectElement) {
      if ([...field.options].some((option) => option.selected !== option.defaultSelected)) changed.push(field);
    } else if (field instanceof HTMLInputElement && field.type === 'checkbox') {
      if (field.checked !== field.defaultChecked) changed.push(field);
    } else if (field instanceof HTMLInputElement && field.type === 'radio') {
      // Only the radio chosen: a browser tells the one that became checked, not the one it left.
      if (field.checked && !field.defaultChecked) changed.push(field);
    } else if (field.value !== field.defaultValue) {
      changed.push(field);
    }
  }
  return changed;
}

/**
 * Sends each field's handlers the event a person's input would have sent: `change` for
 * boxes, radios and lists, `input` then `change` for text (handlers listen to either).
 */
export function replayInput(fields: readonly Field[]): void {
  for (const field of fields) {
    if (!field.isConnected) continue;
    const boxOrList = field instanceof HTMLSelectElement || (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio'));
    if (!boxOrList) field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
  }
}
