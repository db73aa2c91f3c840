import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import type { CampaignChoice } from './field-env.ts';

/** GET /api/v1/events/:id/campaign-label: the coordinator's answer, for those who may edit the event. */
export interface CampaignAnswerView {
  campaign: string;
  state: 'submitted' | 'labelled' | 'refused';
  reason: string | null;
}

/** The sentence an organiser reads about their event's campaign label, in their language. */
export function campaignAnswerText(answer: CampaignAnswerView, campaignName: string, locale: Locale): string {
  if (answer.state === 'labelled') return t('contribLabelLabelled', { campaign: campaignName }, locale);
  if (answer.state === 'refused') return t('contribLabelRefused', { campaign: campaignName, reason: answer.reason ?? '' }, locale);
  return t('contribLabelSubmitted', { campaign: campaignName }, locale);
}

/**
 * On the organiser's own event: what the region's coordinator decided on its campaign label
 * (awaiting, labelled, refused and why), apart from moderation. Nothing when the event is not
 * submitted to a campaign (the hub answers 404) or is still a draft.
 */
export function CampaignAnswer({ eventId, version, campaigns, locale }: { eventId: string; version: string; campaigns: readonly CampaignChoice[]; locale: Locale }) {
  const session = useSession();
  const [answer, setAnswer] = useState<CampaignAnswerView | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    session.request<CampaignAnswerView>('GET', `/api/v1/events/${encodeURIComponent(eventId)}/campaign-label`, { signal: controller.signal }).then(
      (body) => {
        if (!controller.signal.aborted) setAnswer(body);
      },
      () => {
        if (!controller.signal.aborted) setAnswer(undefined);
      },
    );
    return () => controller.abort();
  }, [eventId, version]);
  if (answer === undefined) return null;
  const name = campaigns.find((campaign) => campaign.slug === answer.campaign)?.name ?? answer.campaign;
  return (
    <p class={answer.state === 'refused' ? 'error campaign-answer' : 'notice campaign-answer'} data-testid="campaign-answer" data-state={answer.state}>
      {campaignAnswerText(answer, name, locale)}
    </p>
  );
}
