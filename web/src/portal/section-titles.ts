import '../i18n/strings-portal.ts';
import type { PortalKey } from '../i18n/strings-portal.ts';
import type { DirectoryType } from '../state/url-state.ts';

/** Each directory's heading and one-line introduction. */
export const SECTION_TITLES: Readonly<Record<DirectoryType, PortalKey>> = {
  article: 'portalTitleArticle',
  actor: 'portalTitleActor',
  place: 'portalTitlePlace',
  project: 'portalTitleProject',
  announcement: 'portalTitleAnnouncement',
  dossier: 'portalTitleDossier',
  resource: 'portalTitleResource',
};

export const SECTION_INTROS: Readonly<Record<DirectoryType, PortalKey>> = {
  article: 'portalIntroArticle',
  actor: 'portalIntroActor',
  place: 'portalIntroPlace',
  project: 'portalIntroProject',
  announcement: 'portalIntroAnnouncement',
  dossier: 'portalIntroDossier',
  resource: 'portalIntroResource',
};

/** What a content type is called on its own (a dossier's entries say what each one is). */
export const TYPE_NAMES: Readonly<Record<DirectoryType | 'event', PortalKey>> = {
  event: 'portalTypeEvent',
  article: 'portalTypeArticle',
  actor: 'portalTypeActor',
  place: 'portalTypePlace',
  project: 'portalTypeProject',
  announcement: 'portalTypeAnnouncement',
  dossier: 'portalTypeDossier',
  resource: 'portalTypeResource',
};
