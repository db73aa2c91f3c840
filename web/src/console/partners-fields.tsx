/**
 * The hub's partners in the settings form: each with its name, its https link and its logo,
 * uploaded at once through the hub's image pipeline (POST /api/v1/media) and previewed with
 * the partner's name as its alternative text. Partners are kept in the order shown here,
 * moved with buttons (a keyboard moves them as well as a mouse), and removed one by one.
 */
import '../i18n/strings-console.ts';
import type { Locale, UploadedImage } from '@constellation/shared';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { describedBy, Field, type FieldError } from './console-form.tsx';
import type { PartnerDraft } from './console-api.ts';

export type PartnerPart = 'name' | 'url' | 'logoUrl';

export const partnerInputId = (index: number, part: PartnerPart) => `settings-partners-${index}-${part}`;

const PART_LABELS = { name: 'consolePartnerName', url: 'consolePartnerUrl', logoUrl: 'consolePartnerLogo' } as const;

/** An API issue about a partner ("partners.1.url") as an error on that partner's input. */
export function partnerError(apiField: string, message: string, locale: Locale): FieldError | undefined {
  const match = /partners[./](\d+)(?:[./](name|url|logoUrl))?/.exec(apiField);
  if (match === null) return undefined;
  const index = Number(match[1]);
  const part = (match[2] ?? 'name') as PartnerPart;
  return { inputId: partnerInputId(index, part), label: t('consolePartnerField', { n: index + 1, field: t(PART_LABELS[part], {}, locale) }, locale), message };
}

let drafts = 0;
export function newPartnerDraft(values: Partial<Omit<PartnerDraft, 'key'>> = {}): PartnerDraft {
  drafts += 1;
  return { key: `partner-${drafts}`, name: '', url: '', logoUrl: '', ...values };
}

export function PartnersFields({ partners, errors, locale, onChange }: { partners: readonly PartnerDraft[]; errors: readonly FieldError[]; locale: Locale; onChange: (partners: PartnerDraft[]) => void }) {
  const session = useSession();
  const [uploads, setUploads] = useState<Record<string, { state: 'sending' } | { state: 'refused'; message: string }>>({});
  const [moved, setMoved] = useState('');
  const errorsOf = (id: string) => errors.filter((error) => error.inputId === id).map((error) => error.message);
  const update = (index: number, values: Partial<PartnerDraft>) => onChange(partners.map((partner, at) => (at === index ? { ...partner, ...values } : partner)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...partners];
    const [partner] = next.splice(index, 1);
    if (partner === undefined) return;
    next.splice(index + by, 0, partner);
    onChange(next);
    setMoved(t('consolePartnerMoved', { name: partner.name === '' ? t('consolePartnerUnnamed', {}, locale) : partner.name, position: index + by + 1, count: next.length }, locale));
    // The button pressed may have gone (first or last place): keep the focus on the partner's own moves.
    requestAnimationFrame(() => document.getElementById(`${partner.key}-${by < 0 ? 'up' : 'down'}`)?.focus());
  };

  async function upload(index: number, key: string, file: File) {
    setUploads((all) => ({ ...all, [key]: { state: 'sending' } }));
    try {
      const uploaded = await session.request<UploadedImage>('POST', '/api/v1/media', { file });
      update(index, { logoUrl: uploaded.url });
      setUploads((all) => {
        const { [key]: _done, ...rest } = all;
        return rest;
      });
    } catch (error) {
      setUploads((all) => ({ ...all, [key]: { state: 'refused', message: error instanceof ApiError ? error.message : t('consolePartnerUploadFailed', {}, locale) } }));
    }
  }

  return (
    <fieldset class="console-partners">
      <legend>{t('consolePartners', {}, locale)}</legend>
      <p class="console-hint">{t('consolePartnersHint', {}, locale)}</p>
      {partners.length === 0 ? <p class="empty">{t('consolePartnersNone', {}, locale)}</p> : null}
      <ol class="partner-list">
        {partners.map((partner, index) => {
          const label = partner.name === '' ? t('consolePartnerNumber', { n: index + 1 }, locale) : partner.name;
          const state = uploads[partner.key];
          const logoId = partnerInputId(index, 'logoUrl');
          const logoErrors = [...errorsOf(logoId), ...(state?.state === 'refused' ? [state.message] : [])];
          return (
            <li key={partner.key} class="partner-item">
              <fieldset>
                <legend>{t('consolePartnerNumber', { n: index + 1 }, locale)}</legend>
                <Field inputId={partnerInputId(index, 'name')} label={t('consolePartnerName', {}, locale)} required errors={errorsOf(partnerInputId(index, 'name'))} locale={locale}>
                  <input id={partnerInputId(index, 'name')} type="text" maxLength={200} value={partner.name} onInput={(event) => update(index, { name: event.currentTarget.value })} {...describedBy(partnerInputId(index, 'name'), false, errorsOf(partnerInputId(index, 'name')))} />
                </Field>
                <Field inputId={partnerInputId(index, 'url')} label={t('consolePartnerUrl', {}, locale)} required hint={t('consolePartnerUrlHint', {}, locale)} errors={errorsOf(partnerInputId(index, 'url'))} locale={locale}>
                  <input id={partnerInputId(index, 'url')} type="url" inputMode="url" placeholder="https://" value={partner.url} onInput={(event) => update(index, { url: event.currentTarget.value })} {...describedBy(partnerInputId(index, 'url'), true, errorsOf(partnerInputId(index, 'url')))} />
                </Field>
                <Field inputId={logoId} label={t('consolePartnerLogo', {}, locale)} required hint={t('consolePartnerLogoHint', {}, locale)} errors={logoErrors} locale={locale}>
                  <div class="partner-logo">
                    {partner.logoUrl === '' ? null : <img src={partner.logoUrl} alt={partner.name} />}
                    <input
                      id={logoId}
                      type="file"
                      accept="image/jpeg,image/png,image/webp,image/avif"
                      onChange={(event) => {
                        const file = event.currentTarget.files?.[0];
                        if (file !== undefined) void upload(index, partner.key, file);
                      }}
                      {...describedBy(logoId, true, logoErrors)}
                    />
                    {state?.state === 'sending' ? <span role="status">{t('consolePartnerSending', {}, locale)}</span> : null}
                  </div>
                </Field>
                <div class="console-actions">
                  <button type="button" id={`${partner.key}-up`} disabled={index === 0} onClick={() => move(index, -1)}>
                    {t('consolePartnerUp', { name: label }, locale)}
                  </button>
                  <button type="button" id={`${partner.key}-down`} disabled={index === partners.length - 1} onClick={() => move(index, 1)}>
                    {t('consolePartnerDown', { name: label }, locale)}
                  </button>
                  <button type="button" onClick={() => onChange(partners.filter((_, at) => at !== index))}>
                    {t('consolePartnerRemove', { name: label }, locale)}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <p class="visually-hidden" aria-live="polite">
        {moved}
      </p>
      <button type="button" onClick={() => onChange([...partners, newPartnerDraft()])}>
        {t('consolePartnerAdd', {}, locale)}
      </button>
    </fieldset>
  );
}
