/**
 * The national console's "Doublons" tab (`/admin/doublons`): the groups the cross-hub
 * duplicate finder made, each event side by side (title, hub, dates, place, a link to its
 * page), and per copy the two decisions: confirm (the same event: it leaves the list) or
 * split (different events: the copy is shown on its own and never matched again).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { dateTime } from '../console/format.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import type { AdminSession } from './admin-session.ts';

/** One event of a group (aggregator/src/admin/duplicate-review.ts). */
export interface DuplicateItem {
  hub: string;
  hubName: string;
  id: string;
  title: string;
  start: string;
  end: string;
  place: string | null;
  url: string | null;
}

export interface DuplicateCopy extends DuplicateItem {
  verdict: 'pending' | 'confirmed' | 'split';
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface DuplicateGroup {
  listed: DuplicateItem;
  copies: DuplicateCopy[];
}

type Status = 'pending' | 'confirmed' | 'split';
interface Answer {
  items: DuplicateGroup[];
  counts: Record<Status, number>;
}

const STATUSES: { status: Status; label: StringKey; empty: StringKey }[] = [
  { status: 'pending', label: 'dupStatusPending', empty: 'dupEmptyPending' },
  { status: 'confirmed', label: 'dupStatusConfirmed', empty: 'dupEmptyConfirmed' },
  { status: 'split', label: 'dupStatusSplit', empty: 'dupEmptySplit' },
];

/** "18 sept. 2027, 10:00 – 18:00", in the reader's zone and words. */
function dates(item: DuplicateItem, locale: Locale): string {
  const start = new Date(item.start);
  const end = new Date(item.end);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).formatRange(start, end);
  } catch {
    return `${dateTime(item.start, locale)} – ${dateTime(item.end, locale)}`;
  }
}

function EventCard({ item, role, locale }: { item: DuplicateItem; role: string; locale: Locale }) {
  return (
    <div class="dup-card">
      <p class="dup-role">{role}</p>
      <p class="dup-title">{item.title}</p>
      <dl class="national-facts dup-facts">
        <dt>{t('dupHub', {}, locale)}</dt>
        <dd>{item.hubName}</dd>
        <dt>{t('dupDates', {}, locale)}</dt>
        <dd>{dates(item, locale)}</dd>
        <dt>{t('dupPlace', {}, locale)}</dt>
        <dd>{item.place ?? t('dupNoPlace', {}, locale)}</dd>
      </dl>
      {item.url === null ? null : (
        <p class="dup-link">
          <a href={item.url}>{t('dupOpen', { hub: item.hubName }, locale)}</a>
        </p>
      )}
    </div>
  );
}

function verdictLine(copy: DuplicateCopy, locale: Locale): string {
  if (copy.verdict === 'pending' || copy.decidedAt === null) return t('dupVerdictPending', {}, locale);
  return t(copy.verdict === 'confirmed' ? 'dupVerdictConfirmed' : 'dupVerdictSplit', { who: copy.decidedBy ?? '', when: dateTime(copy.decidedAt, locale) }, locale);
}

function Group({ group, split, session, locale, announce, changed }: { group: DuplicateGroup; split: boolean; session: AdminSession; locale: Locale; announce: (text: string) => void; changed: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const headingId = `dup-${group.listed.hub}-${group.listed.id}`;

  const decide = async (copy: DuplicateCopy, verdict: 'confirm' | 'split') => {
    setBusy(true);
    setError('');
    try {
      const answer = await session.request<{ copyListedUnder: { hub: string; id: string } | null }>('POST', `/api/v1/admin/duplicates/${verdict}`, {
        body: { listed: { hub: group.listed.hub, id: group.listed.id }, copy: { hub: copy.hub, id: copy.id } },
      });
      const words = { title: copy.title, hub: copy.hubName };
      announce(verdict === 'confirm' ? t('dupConfirmed', words, locale) : t(answer.copyListedUnder === null ? 'dupSplitDone' : 'dupSplitUnder', words, locale));
      changed();
    } catch (failed) {
      if (failed instanceof ApiError && failed.status === 409) {
        announce(t('dupChanged', {}, locale));
        changed();
      } else setError(t('nationalFailed', { message: failed instanceof Error ? failed.message : String(failed) }, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="dup-group" aria-labelledby={headingId}>
      <h3 id={headingId} class="console-item-title">
        {group.listed.title}
      </h3>
      <div class="dup-side">
        {/* Once split, both are shown on the map: each is named by its hub only. */}
        <EventCard item={group.listed} role={split ? t('dupOnHub', { hub: group.listed.hubName }, locale) : t('dupListed', {}, locale)} locale={locale} />
        {group.copies.map((copy) => (
          // The copy's buttons sit in a group named for it: a screen reader says which copy they decide on.
          <div class="dup-copy" key={`${copy.hub}/${copy.id}`} role="group" aria-label={t('dupCopyGroup', { hub: copy.hubName, title: copy.title }, locale)}>
            <EventCard item={copy} role={t(split ? 'dupOnHub' : 'dupCopy', { hub: copy.hubName }, locale)} locale={locale} />
            <p class={`dup-verdict dup-verdict-${copy.verdict}`}>{verdictLine(copy, locale)}</p>
            {copy.verdict === 'split' ? null : (
              <div class="console-actions">
                {copy.verdict === 'confirmed' ? null : (
                  <button type="button" class="console-primary" disabled={busy} onClick={() => void decide(copy, 'confirm')}>
                    {t('dupConfirm', {}, locale)}
                  </button>
                )}
                <button type="button" disabled={busy} onClick={() => void decide(copy, 'split')}>
                  {t('dupSplit', {}, locale)}
                </button>
              </div>
            )}
          </div>
        ))}
      </div>
      {error === '' ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

export function NationalDuplicates({ session, locale, announce }: { session: AdminSession; locale: Locale; announce: (text: string) => void }) {
  const [status, setStatus] = useState<Status>('pending');
  const [answer, setAnswer] = useState<Answer | undefined>(undefined);
  const [error, setError] = useState('');
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    session
      .request<Answer>('GET', '/api/v1/admin/duplicates', { query: { status, limit: '100' }, signal: controller.signal })
      .then((value) => {
        setAnswer(value);
        setError('');
      })
      .catch((failed: unknown) => {
        if (!controller.signal.aborted) setError(t('loadError', { message: failed instanceof Error ? failed.message : String(failed) }, locale));
      });
    return () => controller.abort();
  }, [status, version]);

  const current = STATUSES.find((entry) => entry.status === status) ?? STATUSES[0];
  return (
    <section class="national-duplicates" aria-labelledby="dup-list-heading">
      <p>{t('dupIntro', {}, locale)}</p>
      <div class="dup-filter" role="group" aria-label={t('dupFilter', {}, locale)}>
        {STATUSES.map((entry) => (
          <button type="button" key={entry.status} aria-pressed={entry.status === status} onClick={() => setStatus(entry.status)}>
            {t(entry.label, { count: new Intl.NumberFormat(locale).format(answer?.counts[entry.status] ?? 0) }, locale)}
          </button>
        ))}
      </div>
      <h2 id="dup-list-heading" class="console-section-title">
        {t(current?.label ?? 'dupStatusPending', { count: new Intl.NumberFormat(locale).format(answer?.counts[status] ?? 0) }, locale)}
      </h2>
      {error === '' ? null : (
        <p class="error" role="alert">
          {error}{' '}
          <button type="button" onClick={() => setVersion((count) => count + 1)}>
            {t('retry', {}, locale)}
          </button>
        </p>
      )}
      {answer === undefined && error === '' ? <p role="status">{t('loading', {}, locale)}</p> : null}
      {answer !== undefined && answer.items.length === 0 ? <p>{t(current?.empty ?? 'dupEmptyPending', {}, locale)}</p> : null}
      {answer !== undefined && answer.items.length > 0 ? (
        <ul class="dup-groups">
          {answer.items.map((group) => (
            <Group key={`${group.listed.hub}/${group.listed.id}/${group.copies.map((copy) => copy.id).join(',')}`} group={group} split={status === 'split'} session={session} locale={locale} announce={announce} changed={() => setVersion((count) => count + 1)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
