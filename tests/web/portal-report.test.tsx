// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { ReportRequest } from '@constellation/shared';
import { ApiError, EMPTY_REPORT, oneLine, ReportForm, reportRequest } from '@constellation/web';

afterEach(() => cleanup());

const CONTENT = '0193a000-0000-7000-8000-000000000009';

describe('the report request', () => {
  it('needs a reason from the list', () => {
    expect(reportRequest(CONTENT, EMPTY_REPORT).errors).toEqual([{ field: 'reason', message: 'portalReportReasonRequired' }]);
    expect(reportRequest(CONTENT, { reason: 'boring', details: '' }).errors.map((error) => error.field)).toEqual(['reason']);
    expect(reportRequest(CONTENT, { reason: 'spam', details: '' })).toEqual({ request: { contentId: CONTENT, reason: 'spam' }, errors: [] });
  });

  it('needs details for "other", on one line, within the limit', () => {
    expect(reportRequest(CONTENT, { reason: 'other', details: '  \n ' }).errors).toEqual([{ field: 'details', message: 'portalReportDetailsRequired' }]);
    expect(reportRequest(CONTENT, { reason: 'inaccurate', details: 'x'.repeat(1_001) }).errors).toEqual([{ field: 'details', message: 'portalReportDetailsTooLong' }]);
    expect(reportRequest(CONTENT, { reason: 'inaccurate', details: 'x'.repeat(1_000) }).request?.details).toHaveLength(1_000);
    expect(reportRequest(CONTENT, { reason: 'other', details: ' Wrong date.\r\n\tThe museum is  closed. ' }).request).toEqual({ contentId: CONTENT, reason: 'other', details: 'Wrong date. The museum is closed.' });
    expect(oneLine('a\u0000b')).toBe('a b');
  });
});

describe('the report form', () => {
  function renderForm(onSend: (request: ReportRequest) => Promise<void>) {
    const done: boolean[] = [];
    render(<ReportForm contentId={CONTENT} locale="fr" onSend={onSend} onDone={() => done.push(true)} onCancel={() => undefined} />);
    return done;
  }

  it('shows errors next to their fields and in a summary linking to them, without sending', () => {
    const sent: ReportRequest[] = [];
    renderForm(async (request) => {
      sent.push(request);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    const summary = screen.getByRole('alert');
    const link = screen.getByRole('link', { name: 'Choisissez un motif.' });
    expect(summary.contains(link)).toBe(true);
    const target = document.getElementById((link.getAttribute('href') ?? '').slice(1));
    expect(target?.getAttribute('type')).toBe('radio');
    expect(target?.getAttribute('aria-invalid')).toBe('true');
    const group = screen.getByRole('group', { name: /Motif/ });
    expect(document.getElementById(group.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Choisissez un motif.');
    expect(sent).toEqual([]);

    fireEvent.click(screen.getByLabelText('Autre'));
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    const details = screen.getByLabelText('Précisions');
    expect(details.getAttribute('aria-invalid')).toBe('true');
    const described = (details.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain('Précisez le problème quand le motif est « Autre ».');
    expect(screen.queryByRole('link', { name: 'Choisissez un motif.' })).toBeNull();
    expect(sent).toEqual([]);
  });

  it('sends a valid report once, then says it is done', async () => {
    const sent: ReportRequest[] = [];
    const done = renderForm(async (request) => {
      sent.push(request);
    });
    fireEvent.click(screen.getByLabelText('Doublon'));
    fireEvent.input(screen.getByLabelText('Précisions'), { target: { value: 'Same as\nthe other one' } });
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    await waitFor(() => expect(done).toEqual([true]));
    expect(sent).toEqual([{ contentId: CONTENT, reason: 'duplicate', details: 'Same as the other one' }]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('puts the hub’s field errors next to their field, and other refusals in the summary', async () => {
    renderForm(async () => {
      throw new ApiError(400, 'invalid body', 'validation', 'details', [{ field: 'details', message: 'must be a single line' }]);
    });
    fireEvent.click(screen.getByLabelText('Spam ou publicité'));
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    await screen.findByRole('link', { name: 'must be a single line' });
    expect(screen.getByLabelText('Précisions').getAttribute('aria-invalid')).toBe('true');
    cleanup();
    renderForm(async () => {
      throw new ApiError(429, 'Rate limit exceeded');
    });
    fireEvent.click(screen.getByLabelText('Spam ou publicité'));
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    expect((await screen.findByRole('alert')).textContent).toContain("L'envoi a échoué : Rate limit exceeded");
  });
});
