import { addStrings } from './page-strings.ts';
import { CONTRIBUTE_ACCOUNT_STRINGS } from './strings-contribute-accounts.ts';
import { CONTRIBUTE_DOSSIER_STRINGS } from './strings-contribute-dossier.ts';
import { CONTRIBUTE_FIELD_STRINGS } from './strings-contribute-fields.ts';
import { CONTRIBUTE_PAGE_STRINGS } from './strings-contribute-pages.ts';
import { CONTRIBUTE_SCHEDULE_STRINGS } from './strings-contribute-schedule.ts';

/**
 * The words of the portal's account and contribute pages (keys prefixed "contrib"), one
 * table made of the files that hold each area's words. The pages import this file, never
 * an area's, so their words stay one table that arrives with them.
 */
export const CONTRIBUTE_STRINGS = {
  fr: { ...CONTRIBUTE_ACCOUNT_STRINGS.fr, ...CONTRIBUTE_FIELD_STRINGS.fr, ...CONTRIBUTE_DOSSIER_STRINGS.fr, ...CONTRIBUTE_SCHEDULE_STRINGS.fr, ...CONTRIBUTE_PAGE_STRINGS.fr },
  en: { ...CONTRIBUTE_ACCOUNT_STRINGS.en, ...CONTRIBUTE_FIELD_STRINGS.en, ...CONTRIBUTE_DOSSIER_STRINGS.en, ...CONTRIBUTE_SCHEDULE_STRINGS.en, ...CONTRIBUTE_PAGE_STRINGS.en },
};

// These words arrive with the pages that use them (see page-strings.ts).
addStrings(CONTRIBUTE_STRINGS);
