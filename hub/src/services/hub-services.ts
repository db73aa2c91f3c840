import { CampaignLabelService } from '../campaigns/campaign-labels.ts';
import type { HubConfig } from '../config.ts';
import type { Store } from '../db/client.ts';
import { AccountService } from './accounts.ts';
import { ContentListService } from './content-list.ts';
import { ContentService } from './content.ts';
import { EventListService } from './event-list.ts';
import { MemberService } from './members.ts';
import { ReportService } from './reports.ts';
import { SettingsService } from './settings.ts';
import { StatsService } from './stats.ts';
import { CommuneSearch } from './communes.ts';
import { MediaService } from '../media/media-service.ts';
import { AccountFlows } from './account-flows.ts';
import { Mailer } from '../mail/mailer.ts';
import { UnsubscribeLinks } from '../mail/unsubscribe.ts';
import { SitePagesService } from './site-pages.ts';
import { HomePageService } from './home-page.ts';
import { ModerationNotices } from '../mail/moderation-notices.ts';
import { ReportNotices } from '../mail/report-notices.ts';
import { EmailFollowService } from './email-follows.ts';
import { FollowService } from './follows.ts';
import { MembershipService } from './memberships.ts';

/** The hub's domain services over one store: what routes, the CLI and the seed use. */
export interface HubServices {
  accounts: AccountService;
  content: ContentService;
  lists: ContentListService;
  events: EventListService;
  members: MemberService;
  reports: ReportService;
  settings: SettingsService;
  stats: StatsService;
  communes: CommuneSearch;
  media: MediaService;
  mailer: Mailer;
  flows: AccountFlows;
  /** Campaign labels and the national campaigns read from the aggregator. */
  campaigns: CampaignLabelService;
  pages: SitePagesService;
  /** The home page the operator arranges (featured content, banner). */
  home: HomePageService;
  notices: ModerationNotices;
  follows: FollowService;
  /** Follows by e-mail alone (double opt-in), for people without an account. */
  emailFollows: EmailFollowService;
  memberships: MembershipService;
}

export function createServices(store: Store, config: HubConfig): HubServices {
  const media = new MediaService(store, { dataDir: config.dataDir, baseUrl: config.baseUrl, limits: { maxBytes: config.mediaMaxBytes, maxPixels: config.mediaMaxPixels } });
  const accounts = new AccountService(store, config.refreshTokenDays);
  const settings = new SettingsService(store, config);
  const mailer = new Mailer(store, () => {
    const { name, accentColor, logoUrl, partners } = settings.current();
    return { name, baseUrl: config.baseUrl, ...(accentColor === undefined ? {} : { accentColor }), ...(logoUrl === undefined ? {} : { logoUrl }), ...(partners.length === 0 ? {} : { partners }) };
  }, new UnsubscribeLinks(config.jwtSecret, config.baseUrl));
  const content = new ContentService(store, config, (data) => media.resolveImages(data));
  const communes = new CommuneSearch(config.region);
  const follows = new FollowService(store, communes, mailer, config);
  return {
    accounts,
    content,
    lists: new ContentListService(store),
    events: new EventListService(store),
    members: new MemberService(store),
    reports: new ReportService(store, new ReportNotices(store, mailer, config)),
    settings,
    stats: new StatsService(store),
    communes,
    media,
    mailer,
    flows: new AccountFlows(store, accounts, mailer, config.baseUrl),
    campaigns: new CampaignLabelService(store, content),
    pages: new SitePagesService(store, config, settings),
    home: new HomePageService(store, config),
    notices: new ModerationNotices(store, mailer, config),
    follows,
    emailFollows: new EmailFollowService(store, follows, mailer, config),
    memberships: new MembershipService(store, mailer, config.baseUrl),
  };
}
