// Types for bin/demo-campaign.js (plain JavaScript, like the rest of the demo).
export interface DemoCampaign {
  slug: string;
  name: string;
  startDate: string;
  endDate: string;
  description: string;
  regions: string[];
}
export const SEED_DAY_FILE: string;
export function demoCampaign(hubs: readonly { region: string }[], seededAt?: number): DemoCampaign;
export function demoSeedTime(dataDir: string, hubIds: readonly string[], now?: number): number;
export function readCampaignsAgain(hubUrl: string, admin: { email: string; password: string }): Promise<string | undefined>;
export function ensureDemoCampaign(nationalUrl: string, hubs: readonly { region: string }[], seededAt: number, admin: { email: string; password: string }): Promise<void>;
