// @vitest-environment happy-dom
import { useState } from 'preact/hooks';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { hydrateKeepingInput } from '@constellation/web';

/** A form like the portal's: controlled fields, and a submit that sends the state. */
function SignupLike({ onSend }: { onSend: (sent: { name: string; consent: boolean; kind: string; when: string }) => void }) {
  const [name, setName] = useState('');
  const [consent, setConsent] = useState(false);
  const [kind, setKind] = useState('a');
  const [when, setWhen] = useState('once');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSend({ name, consent, kind, when });
      }}
    >
      <input name="name" value={name} onInput={(event) => setName(event.currentTarget.value)} />
      <input type="checkbox" name="consent" checked={consent} onChange={(event) => setConsent(event.currentTarget.checked)} />
      <select name="kind" value={kind} onChange={(event) => setKind(event.currentTarget.value)}>
        <option value="a">A</option>
        <option value="b">B</option>
      </select>
      <input type="radio" name="when" value="once" checked={when === 'once'} onChange={() => setWhen('once')} />
      <input type="radio" name="when" value="weekly" checked={when === 'weekly'} onChange={() => setWhen('weekly')} />
      <button type="submit">send</button>
    </form>
  );
}

/** The element `selector` finds under `root`; the test fails here if the form lost it. */
function one<T extends Element>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (found === null) throw new Error(`no ${selector}`);
  return found;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a server-rendered form typed into before the page hydrates', () => {
  it('sends what was typed, ticked and chosen, not the empty defaults', async () => {
    const sent: Parameters<Parameters<typeof SignupLike>[0]['onSend']>[0][] = [];
    const root = document.createElement('div');
    root.innerHTML = renderToString(<SignupLike onSend={() => undefined} />);
    document.body.append(root);
    // A person (or the browser's autofill) fills the markup while the code still loads.
    one<HTMLInputElement>(root, 'input[name="name"]').value = 'Camille Étoile';
    one<HTMLInputElement>(root, 'input[name="consent"]').checked = true;
    one<HTMLSelectElement>(root, 'select').value = 'b';
    one<HTMLInputElement>(root, 'input[value="weekly"]').checked = true;

    hydrateKeepingInput(<SignupLike onSend={(value) => sent.push(value)} />, root);
    await new Promise((resolve) => setTimeout(resolve, 0));
    one<HTMLFormElement>(root, 'form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));

    expect(sent).toEqual([{ name: 'Camille Étoile', consent: true, kind: 'b', when: 'weekly' }]);
    // And the fields still show it after the state re-rendered them.
    expect(one<HTMLInputElement>(root, 'input[name="name"]').value).toBe('Camille Étoile');
    expect(one<HTMLInputElement>(root, 'input[value="weekly"]').checked).toBe(true);
  });
});
