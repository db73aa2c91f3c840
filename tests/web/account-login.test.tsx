// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { signal } from '@preact/signals';
import { ApiError, createRouter, LoginPage, RouterContext, SessionContext, SignupPage, type Account, type Session } from '@constellation/web';

afterEach(() => cleanup());

function session(login: () => Promise<Account>, register: () => Promise<Account> = login): Session {
  return {
    account: signal<Account | null | undefined>(null),
    restore: async () => {},
    login,
    register,
    logout: async () => {},
    reload: async () => {},
    can: () => false,
    request: async () => {
      throw new ApiError(404, 'not found');
    },
  };
}

function renderWith(value: Session, page: preact.ComponentChildren) {
  return render(
    <RouterContext.Provider value={createRouter(window)}>
      <SessionContext.Provider value={value}>{page}</SessionContext.Provider>
    </RouterContext.Provider>,
  );
}

describe('the login form', () => {
  it('says clearly when the hub refuses more attempts (429)', async () => {
    renderWith(session(() => Promise.reject(new ApiError(429, 'Too Many Requests', 'rate_limited'))), <LoginPage params={{}} locale="fr" />);
    fireEvent.input(screen.getByLabelText(/Adresse e-mail/), { target: { value: 'a@example.org' } });
    fireEvent.input(screen.getByLabelText(/Mot de passe/), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Trop de tentatives/);
  });

  it('puts the API’s field errors next to their inputs', async () => {
    renderWith(session(() => Promise.reject(new ApiError(400, 'email must be an email address', 'validation_failed', 'email', [{ field: 'email', message: 'email must be an email address' }]))), <LoginPage params={{}} locale="fr" />);
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await screen.findByRole('alert');
    const email = screen.getByLabelText(/Adresse e-mail/);
    expect(email.getAttribute('aria-invalid')).toBe('true');
    // Beside its label, the reason alone, in the reader's language.
    expect(document.getElementById(email.getAttribute('aria-describedby') ?? '')?.textContent).toBe('doit être une adresse e-mail valide');
    expect(screen.getByLabelText(/Mot de passe/).getAttribute('aria-invalid')).toBeNull();
  });
});

describe('the sign-up form', () => {
  it('refuses a short password before asking the hub, with the rule as the field’s hint', async () => {
    let asked = 0;
    renderWith(
      session(async () => {
        asked += 1;
        throw new ApiError(500, 'unexpected');
      }),
      <SignupPage locale="fr" />,
    );
    const password = screen.getByLabelText(/Mot de passe/);
    expect(document.getElementById((password.getAttribute('aria-describedby') ?? '').split(' ')[0] ?? '')?.textContent).toBe('Au moins 8 caractères.');
    fireEvent.input(password, { target: { value: 'court' } });
    fireEvent.click(screen.getByRole('button', { name: 'Créer mon compte' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/au moins 8 caractères/);
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(asked).toBe(0);
  });
});
