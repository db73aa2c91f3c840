/**
 * One input per field spec (see form-spec.ts): the forms list their specs and this
 * renders them, so each content type's form stays a list of fields.
 */
import '../i18n/strings-contribute.ts';
import { weekdays } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { FieldErrors, FieldGroup, FieldRow } from './form-fields.tsx';
import { fieldId } from './field-id.ts';
import type { DossierItemDraft, FieldSpec, FieldValue, HoursDraft, ImageDraft, LocationDraft, PriceDraft, RegistrationDraft } from './form-spec.ts';
import { DossierItemsField } from './dossier-items.tsx';
import { ImageFields } from './image-fields.tsx';
import { LocationFields } from './location-fields.tsx';
import { MarkdownField } from './markdown-field.tsx';
import type { CampaignChoice, FieldEnv } from './field-env.ts';

export type { ActorChoice, CampaignChoice, FieldEnv } from './field-env.ts';

/** "3 – 13 oct. 2026": a campaign's days, read in France. */
function campaignDays(campaign: CampaignChoice, locale: string): string {
  const format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return format.formatRange(new Date(`${campaign.startDate}T00:00:00Z`), new Date(`${campaign.endDate}T00:00:00Z`));
}

/** Time zones of France and its overseas territories; another zone already saved stays listed. */
export const TIME_ZONES = ['Europe/Paris', 'America/Cayenne', 'America/Guadeloupe', 'America/Martinique', 'America/Miquelon', 'Indian/Reunion', 'Indian/Mayotte', 'Pacific/Noumea', 'Pacific/Tahiti', 'Pacific/Wallis', 'UTC'];

interface Props {
  spec: FieldSpec;
  value: FieldValue | undefined;
  onChange(value: FieldValue): void;
  env: FieldEnv;
}

const asText = (value: FieldValue | undefined) => (typeof value === 'string' ? value : '');

export function SpecField({ spec, value, onChange, env }: Props) {
  const { locale, errors } = env;
  const label = t(spec.label, {}, locale);
  const hint = spec.hint === undefined ? undefined : t(spec.hint, {}, locale);
  const row = { path: spec.name, label, locale, required: spec.required === true, errors: errors[spec.name], ...(hint === undefined ? {} : { hint }) };
  const onText = (event: Event) => onChange((event.currentTarget as HTMLInputElement).value);
  switch (spec.kind) {
    case 'line':
    case 'url':
    case 'email':
    case 'tel':
    case 'date': {
      // One element for several input types; Preact's types want each literal apart.
      const type = (spec.kind === 'line' ? 'text' : spec.kind) as 'text';
      return <FieldRow {...row}>{(attributes) => <input {...attributes} type={type} name={spec.name} value={asText(value)} maxLength={spec.maxLength} onInput={onText} {...(spec.kind === 'url' ? { inputMode: 'url', placeholder: 'https://' } : {})} />}</FieldRow>;
    }
    case 'list':
      return <FieldRow {...row}>{(attributes) => <input {...attributes} type="text" name={spec.name} value={asText(value)} onInput={onText} />}</FieldRow>;
    case 'text':
      return <FieldRow {...row}>{(attributes) => <textarea {...attributes} name={spec.name} rows={5} value={asText(value)} onInput={onText} />}</FieldRow>;
    case 'markdown':
      return <MarkdownField {...row} value={asText(value)} onChange={onChange} />;
    case 'select':
      return (
        <FieldRow {...row}>
          {(attributes) => (
            <select {...attributes} name={spec.name} value={asText(value) === '' ? (spec.fallback ?? '') : asText(value)} onChange={onText}>
              {spec.fallback === undefined ? <option value="">{t('contribChoose', {}, locale)}</option> : null}
              {spec.vocabulary.values.map((option) => (
                <option key={option} value={option}>
                  {spec.vocabulary.label(option, locale)}
                </option>
              ))}
            </select>
          )}
        </FieldRow>
      );
    case 'actor':
      return (
        <FieldRow {...row}>
          {(attributes) => (
            <select {...attributes} name={spec.name} value={asText(value)} onChange={onText}>
              {spec.required !== true || env.actors.length === 0 ? <option value="">{t('contribChoose', {}, locale)}</option> : null}
              {env.actors.map((actor) => (
                <option key={actor.id} value={actor.id}>
                  {actor.name}
                </option>
              ))}
            </select>
          )}
        </FieldRow>
      );
    case 'campaign': {
      const current = asText(value);
      const today = new Date().toISOString().slice(0, 10);
      // Running and coming campaigns, and the one the event already names even if past.
      const campaigns = (env.campaigns ?? []).filter((campaign) => campaign.endDate >= today || campaign.slug === current);
      if (campaigns.length === 0 && current === '') return null;
      const known = campaigns.some((campaign) => campaign.slug === current);
      return (
        <FieldRow {...row}>
          {(attributes) => (
            <select {...attributes} name={spec.name} value={current} onChange={onText}>
              <option value="">{t('contribCampaignNone', {}, locale)}</option>
              {known || current === '' ? null : <option value={current}>{current}</option>}
              {campaigns.map((campaign) => (
                <option key={campaign.slug} value={campaign.slug}>
                  {t('contribCampaignOption', { name: campaign.name, days: campaignDays(campaign, locale) }, locale)}
                </option>
              ))}
            </select>
          )}
        </FieldRow>
      );
    }
    case 'timezone': {
      const current = asText(value);
      const zones = current === '' || TIME_ZONES.includes(current) ? TIME_ZONES : [current, ...TIME_ZONES];
      return (
        <FieldRow {...row}>
          {(attributes) => (
            <select {...attributes} name={spec.name} value={current} onChange={onText}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          )}
        </FieldRow>
      );
    }
    case 'checkbox':
      return (
        <div class="field field-check">
          <input type="checkbox" id={fieldId(spec.name)} name={spec.name} checked={value === true} onChange={(event) => onChange(event.currentTarget.checked)} aria-invalid={errors[spec.name] === undefined ? undefined : 'true'} />{' '}
          <label for={fieldId(spec.name)}>{label}</label>
          <FieldErrors path={spec.name} errors={errors[spec.name]} />
        </div>
      );
    case 'multi': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <FieldGroup {...row} legend={label} class="check-group">
          <ul class="check-list">
            {spec.vocabulary.values.map((option) => (
              <li key={option}>
                <label class="check">
                  <input
                    type="checkbox"
                    name={spec.name}
                    value={option}
                    checked={chosen.includes(option)}
                    onChange={(event) => onChange(event.currentTarget.checked ? spec.vocabulary.values.filter((item) => item === option || chosen.includes(item)) : chosen.filter((item) => item !== option))}
                  />{' '}
                  {spec.vocabulary.label(option, locale)}
                </label>
              </li>
            ))}
          </ul>
        </FieldGroup>
      );
    }
    case 'location':
      return <LocationFields path={spec.name} legend={label} value={value as LocationDraft} onChange={onChange} env={env} required={spec.required === true} {...(hint === undefined ? {} : { hint })} />;
    case 'image':
      return <ImageFields path={spec.name} legend={label} value={value as ImageDraft} onChange={onChange} env={env} />;
    case 'price':
      return <PriceFields path={spec.name} legend={label} value={value as PriceDraft} onChange={onChange} env={env} />;
    case 'registration':
      return <RegistrationFields path={spec.name} legend={label} value={value as RegistrationDraft} onChange={onChange} env={env} />;
    case 'hours':
      return <HoursFields path={spec.name} legend={label} value={(value as HoursDraft[] | undefined) ?? []} onChange={onChange} env={env} />;
    case 'items':
      return <DossierItemsField path={spec.name} legend={label} value={(value as DossierItemDraft[] | undefined) ?? []} onChange={onChange} env={env} {...(hint === undefined ? {} : { hint })} />;
  }
}

interface GroupProps<Value> {
  path: string;
  legend: string;
  value: Value;
  onChange(value: Value): void;
  env: FieldEnv;
}

function PriceFields({ path, legend, value, onChange, env }: GroupProps<PriceDraft>) {
  const { locale, errors } = env;
  const modes: [PriceDraft['mode'], string][] = [
    ['', t('contribPriceUnknown', {}, locale)],
    ['free', t('contribPriceFree', {}, locale)],
    ['paid', t('contribPricePaid', {}, locale)],
  ];
  return (
    <FieldGroup path={path} legend={legend} locale={locale} errors={errors[path] ?? errors[`${path}.free`]}>
      <div class="radio-row">
        {modes.map(([mode, text]) => (
          <label class="check" key={mode}>
            <input type="radio" name={fieldId(path)} checked={value.mode === mode} onChange={() => onChange({ ...value, mode })} /> {text}
          </label>
        ))}
      </div>
      {value.mode === 'paid' && (
        <FieldRow path={`${path}.amount`} label={t('contribPriceAmount', {}, locale)} hint={t('contribPriceAmountHint', {}, locale)} locale={locale} errors={errors[`${path}.amount`]}>
          {(attributes) => <input {...attributes} type="text" inputMode="decimal" autoComplete="off" maxLength={12} class="input-short" value={value.amount} onInput={(event) => onChange({ ...value, amount: event.currentTarget.value })} />}
        </FieldRow>
      )}
      {value.mode !== '' && (
        <FieldRow path={`${path}.details`} label={t('contribPriceDetails', {}, locale)} locale={locale} errors={errors[`${path}.details`]}>
          {(attributes) => <input {...attributes} type="text" maxLength={500} value={value.details} onInput={(event) => onChange({ ...value, details: event.currentTarget.value })} />}
        </FieldRow>
      )}
    </FieldGroup>
  );
}

function RegistrationFields({ path, legend, value, onChange, env }: GroupProps<RegistrationDraft>) {
  const { locale, errors } = env;
  const set = (key: 'url' | 'email' | 'phone') => (event: Event) => onChange({ ...value, [key]: (event.currentTarget as HTMLInputElement).value });
  const types: Record<string, string> = { url: 'url', email: 'email', phone: 'tel' };
  const labels = { url: 'contribRegistrationUrl', email: 'contribRegistrationEmail', phone: 'contribRegistrationPhone' } as const;
  return (
    <FieldGroup path={path} legend={legend} locale={locale} errors={errors[path]}>
      <div class="field field-check">
        <input type="checkbox" id={fieldId(`${path}.required`)} checked={value.required} onChange={(event) => onChange({ ...value, required: event.currentTarget.checked })} />{' '}
        <label for={fieldId(`${path}.required`)}>{t('contribRegistrationRequired', {}, locale)}</label>
      </div>
      {(['url', 'email', 'phone'] as const).map((key) => (
        <FieldRow key={key} path={`${path}.${key}`} label={t(labels[key], {}, locale)} locale={locale} errors={errors[`${path}.${key}`]}>
          {(attributes) => <input {...attributes} type={types[key] as 'text'} value={value[key]} onInput={set(key)} />}
        </FieldRow>
      ))}
    </FieldGroup>
  );
}

function HoursFields({ path, legend, value, onChange, env }: GroupProps<HoursDraft[]>) {
  const { locale, errors } = env;
  const update = (index: number, patch: Partial<HoursDraft>) => onChange(value.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <FieldGroup path={path} legend={legend} locale={locale} errors={errors[path]}>
      {value.map((row, index) => (
        <FieldGroup key={index} path={`${path}.${index}`} legend={t('contribHoursRow', { n: index + 1 }, locale)} locale={locale} errors={errors[`${path}.${index}`]} class="row-group">
          <FieldGroup path={`${path}.${index}.days`} legend={t('contribHoursDays', {}, locale)} locale={locale} errors={errors[`${path}.${index}.days`]} class="check-group">
            <ul class="check-list inline">
              {weekdays.values.map((day) => (
                <li key={day}>
                  <label class="check">
                    <input type="checkbox" checked={row.days.includes(day)} onChange={(event) => update(index, { days: event.currentTarget.checked ? weekdays.values.filter((item) => item === day || row.days.includes(item)) : row.days.filter((item) => item !== day) })} /> {weekdays.label(day, locale)}
                  </label>
                </li>
              ))}
            </ul>
          </FieldGroup>
          <div class="inline-fields">
            <FieldRow path={`${path}.${index}.opens`} label={t('contribHoursOpens', {}, locale)} locale={locale} errors={errors[`${path}.${index}.opens`]}>
              {(attributes) => <input {...attributes} type="time" value={row.opens} onInput={(event) => update(index, { opens: event.currentTarget.value })} />}
            </FieldRow>
            <FieldRow path={`${path}.${index}.closes`} label={t('contribHoursCloses', {}, locale)} locale={locale} errors={errors[`${path}.${index}.closes`]}>
              {(attributes) => <input {...attributes} type="time" value={row.closes} onInput={(event) => update(index, { closes: event.currentTarget.value })} />}
            </FieldRow>
          </div>
          <button type="button" onClick={() => onChange(value.filter((_, at) => at !== index))}>
            {t('contribHoursRemove', { n: index + 1 }, locale)}
          </button>
        </FieldGroup>
      ))}
      <button type="button" onClick={() => onChange([...value, { days: [], opens: '', closes: '' }])}>
        {t('contribHoursAdd', {}, locale)}
      </button>
    </FieldGroup>
  );
}
