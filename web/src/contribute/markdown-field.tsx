import '../i18n/strings-contribute.ts';
import { useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { Markdown } from '../components/markdown.tsx';
import { t } from '../i18n/locale.ts';
import { fieldId } from './field-id.ts';
import { FieldRow } from './form-fields.tsx';

interface Props {
  path: string;
  label: string;
  locale: Locale;
  required: boolean;
  hint?: string;
  errors?: readonly string[] | undefined;
  value: string;
  onChange(value: string): void;
}

/**
 * A Markdown textarea with a preview rendered by <Markdown/>: the same safe renderer the
 * published page uses (no HTML is ever injected), so the preview is what readers will see.
 */
export function MarkdownField({ value, onChange, ...row }: Props) {
  const [preview, setPreview] = useState(false);
  const previewId = `${fieldId(row.path)}-preview`;
  return (
    <div class="markdown-field">
      <FieldRow {...row}>{(attributes) => <textarea {...attributes} name={row.path} rows={8} value={value} onInput={(event) => onChange(event.currentTarget.value)} />}</FieldRow>
      <button type="button" class="link-button" aria-expanded={preview} aria-controls={previewId} onClick={() => setPreview(!preview)}>
        {t(preview ? 'contribPreviewHide' : 'contribPreviewShow', {}, row.locale)}
      </button>
      <section id={previewId} class="markdown-preview" hidden={!preview} aria-label={t('contribPreviewOf', { label: row.label }, row.locale)}>
        {preview && (value.trim() === '' ? <p class="empty">{t('contribPreviewEmpty', {}, row.locale)}</p> : <Markdown source={value} />)}
      </section>
    </div>
  );
}
