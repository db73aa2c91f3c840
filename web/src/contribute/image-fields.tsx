/**
 * A content's picture in the forms: drop a file or pick one (it is uploaded at once and
 * previewed), or give the address of an image online; then the alternative text, which
 * an uploaded image must have, and an optional credit.
 */
import '../i18n/strings-contribute.ts';
import type { UploadedImage } from '@constellation/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { FieldGroup, FieldRow } from './form-fields.tsx';
import type { FieldEnv } from './field-env.ts';
import type { ImageDraft } from './form-spec.ts';

const ACCEPT = 'image/jpeg,image/png,image/webp,image/avif,image/heic,image/heif';

type Upload = { state: 'idle' } | { state: 'sending'; name: string } | { state: 'done'; name: string } | { state: 'refused'; message: string };

interface Props {
  path: string;
  legend: string;
  value: ImageDraft;
  onChange(value: ImageDraft): void;
  env: FieldEnv;
}

/** The hub's refusal in the reader's words: in French by its code, else as the hub said it. */
function refusalText(error: unknown, locale: FieldEnv['locale']): string {
  if (!(error instanceof ApiError)) return t('contribImageUploadFailed', {}, locale);
  // The hub names what the file really was, in English: English readers get it whole.
  if (locale === 'en' && error.status < 500) return error.message;
  switch (error.code) {
    case 'unsupported_image':
      return t('contribImageUnsupported', {}, locale);
    case 'corrupt_image':
      return t('contribImageCorrupt', {}, locale);
    case 'too_many_pixels':
      return t('contribImageTooManyPixels', {}, locale);
    case 'payload_too_large':
      return t('contribImageTooLarge', {}, locale);
    default:
      return error.message;
  }
}

export function ImageFields({ path, legend, value, onChange, env }: Props) {
  const { locale, errors } = env;
  const session = useSession();
  const [upload, setUpload] = useState<Upload>({ state: 'idle' });
  const [preview, setPreview] = useState<string | undefined>(undefined);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(value);
  latest.current = value;

  // A local preview lives until the next one (or until the form goes away).
  useEffect(() => () => {
    if (preview !== undefined) URL.revokeObjectURL(preview);
  }, [preview]);

  const set = (key: keyof ImageDraft) => (event: Event) => onChange({ ...value, [key]: (event.currentTarget as HTMLInputElement).value });

  async function send(file: File) {
    setPreview(URL.createObjectURL(file));
    setUpload({ state: 'sending', name: file.name });
    try {
      const uploaded = await session.request<UploadedImage>('POST', '/api/v1/media', { file });
      onChange({ ...latest.current, url: uploaded.url });
      setUpload({ state: 'done', name: file.name });
    } catch (error) {
      setPreview(undefined);
      setUpload({ state: 'refused', message: refusalText(error, locale) });
    }
  }

  const onPick = (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file !== undefined) void send(file);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer?.files[0];
    if (file !== undefined) void send(file);
  };
  const remove = () => {
    setPreview(undefined);
    setUpload({ state: 'idle' });
    if (input.current !== null) input.current.value = '';
    onChange({ ...value, url: '' });
  };

  const shown = preview ?? (value.url === '' ? undefined : value.url);
  const fileId = `${path}-file`;
  return (
    <FieldGroup path={path} legend={legend} locale={locale} errors={errors[path]}>
      <div
        class={`image-drop${dragging ? ' image-drop-active' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        {shown === undefined ? null : <img class="image-drop-preview" src={shown} alt="" />}
        <div class="image-drop-text">
          <p class="image-drop-lead">{t('contribImageDrop', {}, locale)}</p>
          <label class="image-drop-pick" for={fileId}>
            {t(shown === undefined ? 'contribImagePick' : 'contribImageReplace', {}, locale)}
          </label>
          <input ref={input} id={fileId} class="visually-hidden" type="file" accept={ACCEPT} onChange={onPick} />
          <p class="field-hint">{t('contribImageRules', {}, locale)}</p>
          <p class={`image-drop-status${upload.state === 'refused' ? ' image-drop-refused' : ''}`} role="status" aria-live="polite">
            {upload.state === 'sending' ? t('contribImageSending', { name: upload.name }, locale) : upload.state === 'done' ? t('contribImageSent', { name: upload.name }, locale) : upload.state === 'refused' ? upload.message : ''}
          </p>
          {shown === undefined ? null : (
            <button type="button" class="link-button" onClick={remove}>
              {t('contribImageRemove', {}, locale)}
            </button>
          )}
        </div>
      </div>
      <FieldRow path={`${path}.url`} label={t('contribImageUrl', {}, locale)} locale={locale} errors={errors[`${path}.url`]}>
        {(attributes) => <input {...attributes} type="url" inputMode="url" placeholder="https://" value={value.url} onInput={set('url')} />}
      </FieldRow>
      <FieldRow path={`${path}.alt`} label={t('contribImageAlt', {}, locale)} required={value.url.trim() !== ''} hint={t('contribImageAltHint', {}, locale)} locale={locale} errors={errors[`${path}.alt`]}>
        {(attributes) => <input {...attributes} type="text" maxLength={300} value={value.alt} onInput={set('alt')} {...(value.url.trim() === '' ? {} : { required: true })} />}
      </FieldRow>
      <FieldRow path={`${path}.credit`} label={t('contribImageCredit', {}, locale)} locale={locale} errors={errors[`${path}.credit`]}>
        {(attributes) => <input {...attributes} type="text" maxLength={200} value={value.credit} onInput={set('credit')} />}
      </FieldRow>
    </FieldGroup>
  );
}
