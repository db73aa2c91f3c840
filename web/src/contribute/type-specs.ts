/**
 * Each content type's form, as sections of fields (read with shared/src/schema/<type>.ts:
 * required there is required here). The event form adds its schedule to these.
 */
import '../i18n/strings-contribute.ts';
import {
  accessibilityFlags,
  actorKinds,
  announcementKinds,
  attendanceModes,
  audiences,
  disciplines,
  eventFormats,
  eventStatuses,
  geographicScopes,
  involvementLevels,
  participationTypes,
  placeKinds,
  regions,
  resourceKinds,
  type ContentType,
} from '@constellation/shared';
import type { StringKey } from '../i18n/strings.ts';
import type { FieldSpec } from './form-spec.ts';

export interface FormSection {
  title: StringKey;
  fields: FieldSpec[];
  /** The event form puts its schedule after this section. */
  schedule?: boolean;
}

const actor: FieldSpec = { kind: 'actor', name: 'actorId', label: 'contribFieldActor', required: true };
const title: FieldSpec = { kind: 'line', name: 'title', label: 'contribFieldTitle', required: true, maxLength: 200 };
const summary: FieldSpec = { kind: 'line', name: 'summary', label: 'contribFieldSummary', hint: 'contribHintSummary', maxLength: 500 };
const description: FieldSpec = { kind: 'markdown', name: 'description', label: 'contribFieldDescription', hint: 'contribHintMarkdown' };
const disciplineField: FieldSpec = { kind: 'multi', name: 'disciplines', label: 'contribFieldDisciplines', vocabulary: disciplines };
const audienceField: FieldSpec = { kind: 'multi', name: 'audiences', label: 'contribFieldAudiences', vocabulary: audiences };
const keywords: FieldSpec = { kind: 'list', name: 'keywords', label: 'contribFieldKeywords', hint: 'contribHintList' };
const image: FieldSpec = { kind: 'image', name: 'image', label: 'contribFieldImage' };
const website: FieldSpec = { kind: 'url', name: 'website', label: 'contribFieldWebsite' };
const phone: FieldSpec = { kind: 'tel', name: 'phone', label: 'contribFieldPhone' };
const location: FieldSpec = { kind: 'location', name: 'location', label: 'contribFieldLocation' };
const accessibility: FieldSpec = { kind: 'multi', name: 'accessibility', label: 'contribFieldAccessibility', vocabulary: accessibilityFlags };
const price: FieldSpec = { kind: 'price', name: 'price', label: 'contribFieldPrice' };

export const EVENT_SECTIONS: FormSection[] = [
  { title: 'contribSectionAbout', fields: [actor, title, summary, description, { kind: 'select', name: 'format', label: 'contribFieldFormat', required: true, vocabulary: eventFormats }, disciplineField, audienceField, { kind: 'campaign', name: 'campaign', label: 'contribFieldCampaign', hint: 'contribHintCampaign' }] },
  { title: 'contribSectionWhen', fields: [{ kind: 'timezone', name: 'timeZone', label: 'contribFieldTimeZone', required: true }], schedule: true },
  {
    title: 'contribSectionWhere',
    fields: [
      { kind: 'select', name: 'attendanceMode', label: 'contribFieldAttendance', required: true, vocabulary: attendanceModes },
      { kind: 'url', name: 'onlineUrl', label: 'contribFieldOnlineUrl' },
      { kind: 'location', name: 'place', label: 'contribFieldPlace' },
    ],
  },
  {
    title: 'contribSectionPractical',
    fields: [
      price,
      { kind: 'registration', name: 'registration', label: 'contribFieldRegistration' },
      accessibility,
      { kind: 'list', name: 'languages', label: 'contribFieldLanguages', hint: 'contribHintLanguages' },
      keywords,
      { kind: 'select', name: 'eventStatus', label: 'contribFieldEventStatus', vocabulary: eventStatuses },
      { kind: 'email', name: 'contactEmail', label: 'contribFieldContactEmail', hint: 'contribHintContactEmail' },
    ],
  },
  { title: 'contribSectionImage', fields: [image] },
];

export const ACTOR_SECTIONS: FormSection[] = [
  {
    title: 'contribSectionAbout',
    fields: [
      { kind: 'line', name: 'name', label: 'contribFieldName', required: true, maxLength: 200 },
      { kind: 'select', name: 'kind', label: 'contribFieldKind', required: true, vocabulary: actorKinds },
      summary,
      description,
      disciplineField,
      website,
      phone,
      { kind: 'email', name: 'email', label: 'contribFieldActorEmail', hint: 'contribHintContactEmail' },
    ],
  },
  { title: 'contribSectionWhere', fields: [location] },
  { title: 'contribSectionImage', fields: [{ kind: 'image', name: 'logo', label: 'contribFieldLogo' }] },
];

export const ARTICLE_SECTIONS: FormSection[] = [
  { title: 'contribSectionAbout', fields: [actor, title, summary, { kind: 'markdown', name: 'body', label: 'contribFieldBody', required: true, hint: 'contribHintMarkdown' }, disciplineField, keywords] },
  { title: 'contribSectionImage', fields: [image] },
];

export const PLACE_SECTIONS: FormSection[] = [
  {
    title: 'contribSectionAbout',
    fields: [
      { ...actor, required: false },
      { kind: 'line', name: 'name', label: 'contribFieldName', required: true, maxLength: 200 },
      { kind: 'select', name: 'kind', label: 'contribFieldKind', required: true, vocabulary: placeKinds },
      summary,
      description,
      disciplineField,
      audienceField,
    ],
  },
  { title: 'contribSectionWhere', fields: [{ ...location, required: true, hint: 'contribHintPlaceCoordinates' }] },
  {
    title: 'contribSectionPractical',
    fields: [
      { kind: 'hours', name: 'openingHours', label: 'contribFieldOpeningHours' },
      { kind: 'line', name: 'openingNotes', label: 'contribFieldOpeningNotes', hint: 'contribHintOpeningNotes' },
      accessibility,
      price,
      website,
      phone,
      { kind: 'email', name: 'email', label: 'contribFieldActorEmail', hint: 'contribHintContactEmail' },
    ],
  },
  { title: 'contribSectionImage', fields: [image] },
];

export const PROJECT_SECTIONS: FormSection[] = [
  {
    title: 'contribSectionAbout',
    fields: [
      actor,
      title,
      summary,
      description,
      { kind: 'url', name: 'website', label: 'contribFieldWebsite', required: true },
      { kind: 'select', name: 'participationType', label: 'contribFieldParticipation', required: true, vocabulary: participationTypes },
      { kind: 'select', name: 'involvement', label: 'contribFieldInvolvement', required: true, vocabulary: involvementLevels },
      disciplineField,
      audienceField,
      keywords,
    ],
  },
  {
    title: 'contribSectionWhere',
    fields: [
      { kind: 'select', name: 'scope', label: 'contribFieldScope', required: true, vocabulary: geographicScopes },
      { kind: 'multi', name: 'regions', label: 'contribFieldRegions', vocabulary: regions },
      location,
    ],
  },
  {
    title: 'contribSectionWhen',
    fields: [
      { kind: 'date', name: 'startDate', label: 'contribFieldStartDate' },
      { kind: 'date', name: 'endDate', label: 'contribFieldEndDate' },
    ],
  },
  { title: 'contribSectionImage', fields: [image] },
];

export const ANNOUNCEMENT_SECTIONS: FormSection[] = [
  {
    title: 'contribSectionAbout',
    fields: [
      actor,
      { kind: 'select', name: 'kind', label: 'contribFieldKind', required: true, vocabulary: announcementKinds },
      title,
      summary,
      description,
      { kind: 'date', name: 'deadline', label: 'contribFieldDeadline', hint: 'contribHintDeadline' },
      { kind: 'url', name: 'applyUrl', label: 'contribFieldApplyUrl' },
      { kind: 'email', name: 'contactEmail', label: 'contribFieldContactEmail', hint: 'contribHintContactEmail' },
      disciplineField,
    ],
  },
  { title: 'contribSectionWhere', fields: [location] },
];

export const RESOURCE_SECTIONS: FormSection[] = [
  {
    title: 'contribSectionAbout',
    fields: [
      { ...actor, required: false },
      { kind: 'select', name: 'kind', label: 'contribFieldKind', required: true, vocabulary: resourceKinds },
      title,
      { kind: 'url', name: 'link', label: 'contribFieldLink', required: true },
      summary,
      description,
      disciplineField,
      audienceField,
      { kind: 'list', name: 'languages', label: 'contribFieldLanguages', hint: 'contribHintLanguages' },
      keywords,
      { kind: 'date', name: 'publishedOn', label: 'contribFieldPublishedOn' },
    ],
  },
  { title: 'contribSectionImage', fields: [image] },
];

export const DOSSIER_SECTIONS: FormSection[] = [
  { title: 'contribSectionAbout', fields: [{ ...actor, required: false }, title, summary, { ...description, label: 'contribFieldIntroduction' }, disciplineField] },
  { title: 'contribSectionItems', fields: [{ kind: 'items', name: 'items', label: 'contribFieldItems', hint: 'contribHintItems' }] },
  { title: 'contribSectionImage', fields: [image] },
];

/** The types with a form here; the others are written elsewhere (or not yet). */
export const FORM_SECTIONS: Partial<Record<ContentType, FormSection[]>> = {
  event: EVENT_SECTIONS,
  actor: ACTOR_SECTIONS,
  article: ARTICLE_SECTIONS,
  place: PLACE_SECTIONS,
  project: PROJECT_SECTIONS,
  announcement: ANNOUNCEMENT_SECTIONS,
  resource: RESOURCE_SECTIONS,
  dossier: DOSSIER_SECTIONS,
};

export function sectionFields(sections: readonly FormSection[]): FieldSpec[] {
  return sections.flatMap((section) => section.fields);
}
