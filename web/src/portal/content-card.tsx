import '../i18n/strings-portal.ts';
import {
  accessibilityFlags,
  actorKinds,
  announcementKinds,
  audiences,
  contentTypes,
  disciplines,
  involvementLevels,
  participationTypes,
  placeKinds,
  resourceKinds,
  type Locale,
} from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { imageOf, summaryOf, titleOf, type TypedItem } from './content-item.ts';
import { formatLocalDate } from './opening-hours.ts';
import { Picture } from '../components/picture.tsx';

const MAX_TAGS = 3;

/** The few facts that tell items of a directory apart at a glance, as short tags. */
export function cardFacts(entry: TypedItem, locale: Locale): string[] {
  const some = <Value extends string>(values: readonly Value[] | undefined, label: (value: Value) => string) => (values ?? []).slice(0, MAX_TAGS).map(label);
  const subjects = (values: Parameters<typeof disciplines.label>[0][] | undefined) => some(values, (value) => disciplines.label(value, locale));
  switch (entry.type) {
    case 'article':
      return [t('portalPublishedOn', { date: formatLocalDate(entry.item.publishedAt.slice(0, 10), locale) }, locale), ...subjects(entry.item.disciplines)];
    case 'actor':
      return [actorKinds.label(entry.item.kind, locale), ...(entry.item.verified ? [t('portalVerified', {}, locale)] : []), ...(entry.item.location?.commune === undefined ? [] : [entry.item.location.commune]), ...subjects(entry.item.disciplines)];
    case 'place':
      return [
        placeKinds.label(entry.item.kind, locale),
        ...(entry.item.location.commune === undefined ? [] : [entry.item.location.commune]),
        ...(entry.item.price?.free === true ? [t('portalFree', {}, locale)] : []),
        ...some(entry.item.accessibility, (value) => accessibilityFlags.label(value, locale)),
      ];
    case 'project':
      return [
        participationTypes.label(entry.item.participationType, locale),
        involvementLevels.label(entry.item.involvement, locale),
        ...(entry.item.location?.commune === undefined ? [] : [entry.item.location.commune]),
        ...some(entry.item.audiences, (value) => audiences.label(value, locale)),
        ...subjects(entry.item.disciplines),
      ];
    case 'announcement':
      return [
        announcementKinds.label(entry.item.kind, locale),
        ...(entry.item.deadline === undefined ? [] : [t('portalDeadline', { date: formatLocalDate(entry.item.deadline, locale) }, locale)]),
        ...(entry.item.location?.commune === undefined ? [] : [entry.item.location.commune]),
      ];
    case 'dossier':
      return [entry.item.items.length === 1 ? t('portalItemsCountOne', {}, locale) : t('portalItemsCount', { count: entry.item.items.length }, locale), ...subjects(entry.item.disciplines)];
    case 'resource':
      return [resourceKinds.label(entry.item.kind, locale), ...(entry.item.publishedOn === undefined ? [] : [formatLocalDate(entry.item.publishedOn, locale)]), ...subjects(entry.item.disciplines)];
  }
}

/**
 * One item of a directory: its picture, its title as a link to its page, its summary and
 * key facts. Everything here is contributed text, rendered as text.
 */
/**
 * The national site's cards: the item lives on its hub, so its title links to its page there,
 * the hub is named, and no picture is shown (a citizen's browser never asks a hub for one
 * from the national site).
 */
export interface Elsewhere {
  hubName(hub: string): string;
}

export function ContentCard({ entry, locale, level = 2, kind = false, elsewhere }: { entry: TypedItem; locale: Locale; level?: 2 | 3; kind?: boolean; elsewhere?: Elsewhere | undefined }) {
  const router = useRouter();
  const Heading = level === 2 ? 'h2' : 'h3';
  const image = elsewhere === undefined ? imageOf(entry) : undefined;
  const summary = summaryOf(entry);
  const href = elsewhere === undefined ? viewHref({ name: 'content', type: entry.type, slug: entry.item.slug }) : entry.item.url;
  const facts = elsewhere === undefined ? cardFacts(entry, locale) : [...cardFacts(entry, locale), t('fromHub', { hub: elsewhere.hubName(entry.item.hub) }, locale)];
  return (
    <article class={`portal-card portal-card-${entry.type}`}>
      {image === undefined ? null : <Picture class="portal-card-image" image={image} sizes="(min-width: 60rem) 22rem, 100vw" />}
      <div class="portal-card-body">
        {kind ? <p class="portal-card-kind">{contentTypes.label(entry.type, locale)}</p> : null}
        <Heading class="portal-card-title">
          <a href={href} {...(elsewhere === undefined ? { onClick: followLink(router) } : {})}>
            {titleOf(entry)}
          </a>
        </Heading>
        {summary === undefined ? null : <p class="portal-card-summary">{summary}</p>}
        <p class="portal-card-facts">
          {facts.map((fact, index) => (
            <span class="tag" key={index}>
              {fact}
            </span>
          ))}
        </p>
      </div>
    </article>
  );
}

/** Cards in a list (a list of articles is announced with its count by screen readers). */
export function CardList({ entries, locale, level = 2, label, elsewhere }: { entries: readonly TypedItem[]; locale: Locale; level?: 2 | 3; label?: string; elsewhere?: Elsewhere }) {
  return (
    <ul class="portal-cards" aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.item.id}>
          <ContentCard entry={entry} locale={locale} level={level} elsewhere={elsewhere} />
        </li>
      ))}
    </ul>
  );
}
