import type { HubConfig } from '../config.ts';
import type { Store } from '../db/client.ts';
import { AccountService } from './accounts.ts';
import { ContentListService } from './content-list.ts';
import { ContentService } from './content.ts';
import { EventListService } from './event-list.ts';
import { MemberService } from './members.ts';
import { ReportService } from './reports.ts';
import { SettingsService } from './settings.ts';
import { CommuneSearch } from './communes.ts';

/** The hub's domain services over one store: what routes, the CLI and the seed use. */
export interface HubServices {
  accounts: AccountService;
  content: ContentService;
  lists: ContentListService;
  events: EventListService;
  members: MemberService;
  reports: ReportService;
  settings: SettingsService;
  communes: CommuneSearch;
}

export function createServices(store: Store, config: HubConfig): HubServices {
  return {
    accounts: new AccountService(store, config.refreshTokenDays),
    content: new ContentService(store, config),
    lists: new ContentListService(store),
    events: new EventListService(store),
    members: new MemberService(store),
    reports: new ReportService(store),
    settings: new SettingsService(store, config),
    communes: new CommuneSearch(config.region),
  };
}
