import '../i18n/strings-portal.ts';
import {
  accessibilityFlags,
  actorKinds,
  announcementKinds,
  audiences,
  disciplines,
  geographicScopes,
  involvementLevels,
  participationTypes,
  placeKinds,
  regions,
  resourceKinds,
  type ActorPublic,
  type Locale,
  type Location,
} from '@constellation/shared';
import type { ComponentChildren } from 'preact';
import { Markdown } from '../components/markdown.tsx';
import { t } from '../i18n/locale.ts';
import { safeHttpUrl } from '../pages/event-page.tsx';
import { Picture } from '../components/picture.tsx';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { imageOf, markdownOf, summaryOf, titleOf, type TypedItem } from './content-item.ts';
import { formatLocalDate } from './opening-hours.ts';
import { OpeningHoursTable } from './opening-hours-table.tsx';
import { TYPE_NAMES } from './section-titles.ts';

type Fact = [term: string, value: ComponentChildren];

/** "Muséum, 6 rue Marcel Proust, 45000 Orléans": the parts it has, in postal order. */
export function locationText(location: Location | undefined): string | undefined {
  if (location === undefined) return undefined;
  const town = [location.postalCode, location.commune].filter((part) => part !== undefined && part !== '').join(' ');
  const parts = [location.name, location.address, town].filter((part): part is string => part !== undefined && part !== '');
  return parts.length === 0 ? undefined : parts.join(', ');
}

function ExternalLink({ href, children }: { href: string | undefined; children: ComponentChildren }) {
  const safe = safeHttpUrl(href);
  return safe === undefined ? null : (
    <a href={safe} rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}

function labels<Value extends string>(values: readonly Value[] | undefined, label: (value: Value) => string): string | undefined {
  return values === undefined || values.length === 0 ? undefined : values.map(label).join(', ');
}

/** The facts of an item as term/value pairs, per type; empty values are left out. */
function factsOf(entry: TypedItem, locale: Locale): Fact[] {
  const date = (day: string | undefined) => (day === undefined ? undefined : formatLocalDate(day, locale));
  const subjects = labels(entry.item.disciplines, (value) => disciplines.label(value, locale));
  const facts: [string, ComponentChildren | undefined][] = [];
  switch (entry.type) {
    case 'article':
      facts.push([t('portalDisciplines', {}, locale), subjects], [t('portalKeywords', {}, locale), entry.item.keywords?.join(', ')]);
      break;
    case 'actor': {
      const item = entry.item;
      facts.push(
        [t('portalKind', {}, locale), actorKinds.label(item.kind, locale) + (item.verified ? ` · ${t('portalVerified', {}, locale)}` : '')],
        [t('portalWhere', {}, locale), locationText(item.location)],
        [t('portalDisciplines', {}, locale), subjects],
        [t('portalWebsite', {}, locale), <ExternalLink href={item.website}>{item.website}</ExternalLink>],
        [t('portalPhone', {}, locale), item.phone],
      );
      break;
    }
    case 'place': {
      const item = entry.item;
      const price = item.price === undefined ? undefined : [item.price.free ? t('portalFree', {}, locale) : '', item.price.details ?? ''].filter((part) => part !== '').join(' — ');
      facts.push(
        [t('portalKind', {}, locale), placeKinds.label(item.kind, locale)],
        [t('portalWhere', {}, locale), locationText(item.location)],
        [t('portalAccessibility', {}, locale), labels(item.accessibility, (value) => accessibilityFlags.label(value, locale))],
        [t('portalPrice', {}, locale), price === '' ? undefined : price],
        [t('portalAudiences', {}, locale), labels(item.audiences, (value) => audiences.label(value, locale))],
        [t('portalDisciplines', {}, locale), subjects],
        [t('portalWebsite', {}, locale), <ExternalLink href={item.website}>{item.website}</ExternalLink>],
        [t('portalPhone', {}, locale), item.phone],
      );
      break;
    }
    case 'project': {
      const item = entry.item;
      const from = date(item.startDate);
      const to = date(item.endDate);
      const period = from !== undefined && to !== undefined ? t('portalFromTo', { from, to }, locale) : from !== undefined ? t('portalSince', { from }, locale) : to !== undefined ? t('portalUntil', { to }, locale) : undefined;
      facts.push(
        [t('portalParticipation', {}, locale), participationTypes.label(item.participationType, locale)],
        [t('portalInvolvement', {}, locale), involvementLevels.label(item.involvement, locale)],
        [t('portalAudiences', {}, locale), labels(item.audiences, (value) => audiences.label(value, locale))],
        [t('portalThemes', {}, locale), subjects],
        [t('portalScope', {}, locale), geographicScopes.label(item.scope, locale)],
        [t('portalRegions', {}, locale), labels(item.regions, (value) => regions.label(value, locale))],
        [t('portalWhere', {}, locale), locationText(item.location)],
        [t('portalPeriod', {}, locale), period],
        [t('portalKeywords', {}, locale), item.keywords?.join(', ')],
      );
      break;
    }
    case 'announcement': {
      const item = entry.item;
      facts.push(
        [t('portalKind', {}, locale), announcementKinds.label(item.kind, locale)],
        [t('portalDeadlineTerm', {}, locale), date(item.deadline)],
        [t('portalWhere', {}, locale), locationText(item.location)],
        [t('portalDisciplines', {}, locale), subjects],
      );
      break;
    }
    case 'dossier':
      facts.push([t('portalDisciplines', {}, locale), subjects]);
      break;
    case 'resource': {
      const item = entry.item;
      facts.push(
        [t('portalKind', {}, locale), resourceKinds.label(item.kind, locale)],
        [t('portalPublication', {}, locale), date(item.publishedOn)],
        [t('portalAudiences', {}, locale), labels(item.audiences, (value) => audiences.label(value, locale))],
        [t('portalDisciplines', {}, locale), subjects],
        [t('portalLanguages', {}, locale), item.languages?.join(', ')],
        [t('portalKeywords', {}, locale), item.keywords?.join(', ')],
      );
      break;
    }
  }
  return facts.filter((fact): fact is Fact => fact[1] !== undefined && fact[1] !== null && fact[1] !== '');
}

/** The one link that matters most for some types: take part, apply, open the resource. */
function CallToAction({ entry, locale }: { entry: TypedItem; locale: Locale }) {
  const [href, label] =
    entry.type === 'project' ? [entry.item.website, t('portalProjectSite', {}, locale)] : entry.type === 'announcement' ? [entry.item.applyUrl, t('portalApply', {}, locale)] : entry.type === 'resource' ? [entry.item.link, t('portalOpenResource', {}, locale)] : [undefined, ''];
  const safe = safeHttpUrl(href);
  if (safe === undefined) return null;
  return (
    <p class="portal-cta">
      <a class="portal-cta-link" href={safe} rel="noopener noreferrer nofollow">
        {label}
      </a>
    </p>
  );
}

export interface ContentViewProps {
  entry: TypedItem;
  locale: Locale;
  /** The actor it belongs to, once loaded. */
  actor?: ActorPublic;
  /** Sections that load on their own (a dossier's items, an actor's activity). */
  children?: ComponentChildren;
  /** Below everything: the report button. */
  footer?: ComponentChildren;
}

/**
 * A published item's page body: everything contributed is rendered as text, and its long
 * text through <Markdown/> (no HTML is ever parsed).
 */
export function ContentView({ entry, locale, actor, children, footer }: ContentViewProps) {
  const router = useRouter();
  const title = titleOf(entry);
  const summary = summaryOf(entry);
  const image = imageOf(entry);
  const markdown = markdownOf(entry);
  const facts = factsOf(entry, locale);
  const eventId = entry.type === 'article' ? entry.item.eventId : undefined;
  return (
    <article class={`portal-content portal-content-${entry.type}`}>
      <p class="event-kind">{t(TYPE_NAMES[entry.type], {}, locale)}</p>
      <h1 class="page-title">{title}</h1>
      {entry.type === 'article' ? (
        <p class="portal-dateline">
          <time dateTime={entry.item.publishedAt}>{t('portalPublishedOn', { date: formatLocalDate(entry.item.publishedAt.slice(0, 10), locale) }, locale)}</time>
        </p>
      ) : null}
      {summary === undefined ? null : <p class="summary">{summary}</p>}
      {image === undefined ? null : (
        <figure class="portal-figure">
          <Picture class="portal-image" image={image} sizes="(min-width: 50rem) 48rem, 100vw" />
          {image.credit === undefined ? null : <figcaption>{t('portalImageCredit', { credit: image.credit }, locale)}</figcaption>}
        </figure>
      )}
      {actor === undefined ? null : (
        <p class="portal-by">
          {t('portalBy', {}, locale)}{' '}
          <a href={viewHref({ name: 'content', type: 'actor', slug: actor.slug })} onClick={followLink(router)}>
            {actor.name}
          </a>
        </p>
      )}
      <CallToAction entry={entry} locale={locale} />
      {facts.length === 0 ? null : (
        <dl class="facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {entry.type === 'place' && ((entry.item.openingHours?.length ?? 0) > 0 || entry.item.openingNotes !== undefined) ? (
        <section aria-labelledby="portal-hours-title">
          <h2 id="portal-hours-title">{t('portalOpeningHours', {}, locale)}</h2>
          {entry.item.openingHours === undefined || entry.item.openingHours.length === 0 ? null : <OpeningHoursTable hours={entry.item.openingHours} locale={locale} />}
          {entry.item.openingNotes === undefined ? null : <p class="hint">{entry.item.openingNotes}</p>}
        </section>
      ) : null}
      {markdown === undefined || markdown.trim() === '' ? null : <Markdown source={markdown} class="markdown portal-body" />}
      {eventId === undefined ? null : (
        <p>
          <a href={viewHref({ name: 'event', hub: entry.item.hub, id: eventId })} onClick={followLink(router)}>
            {t('portalRelatedEvent', {}, locale)}
          </a>
        </p>
      )}
      {children}
      {footer}
    </article>
  );
}
