import type { Locale } from '@constellation/shared';
import type { SiteConfig } from '../api/types.ts';

/** An actor the account may post for, as the forms' selects show it. */
export interface ActorChoice {
  id: string;
  name: string;
}

/** A national campaign a contributor may submit an event to. */
export interface CampaignChoice {
  slug: string;
  name: string;
  startDate: string;
  endDate: string;
}

/** What every field of a form needs besides its own value: the language, the site, the actors, the errors by field. */
export interface FieldEnv {
  locale: Locale;
  config: SiteConfig;
  /** The actors the account acts for, for actor selects. */
  actors: readonly ActorChoice[];
  errors: Record<string, string[]>;
  /** The running and coming campaigns of the hub's region, for the event form. */
  campaigns?: readonly CampaignChoice[];
}
