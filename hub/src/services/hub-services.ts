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
import { MediaService } from '../media/media-service.ts';

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
  media: MediaService;
}

export function createServices(store: Store, config: HubConfig): HubServices {
  const media = new MediaService(store, { dataDir: config.dataDir, baseUrl: config.baseUrl, limits: { maxBytes: config.mediaMaxBytes, maxPixels: config.mediaMaxPixels } });
  return {
    accounts: new AccountService(store, config.refreshTokenDays),
    content: new ContentService(store, config, (data) => media.resolveImages(data)),
    lists: new ContentListService(store),
    events: new EventListService(store),
    members: new MemberService(store),
    reports: new ReportService(store),
    settings: new SettingsService(store, config),
    communes: new CommuneSearch(config.region),
    media,
  };
}
