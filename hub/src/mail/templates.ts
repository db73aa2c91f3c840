import type { ReportReason } from '@constellation/shared';
import { escapeHtml } from '@constellation/shared/server';

/** The languages a mail can be written in; an account's `locale` picks one. */
export type MailLang = 'fr' | 'en';

/** What every mail says about where it comes from. */
export interface MailSite {
  name: string;
  baseUrl: string;
  /** The operator's accent ("#rrggbb", AA against white, checked on save): buttons and links. */
  accentColor?: string;
  /** The operator's logo, shown above the site's name. */
  logoUrl?: string;
  /** The hub's partners, their logos in the footer (https links only), as on every page of the portal. */
  partners?: readonly { name: string; url: string; logoUrl: string }[];
}

/** The partners' logos under the footer, each a link to its https site, its name as the alt text. */
function partnersHtml(partners: NonNullable<MailSite['partners']>): string {
  const shown = partners.filter((partner) => /^https:\/\//i.test(partner.url) && /^https?:\/\//i.test(partner.logoUrl));
  if (shown.length === 0) return '';
  const logos = shown.map((partner) => `<a href="${escapeHtml(partner.url)}" style="display:inline-block;margin:0 12px 8px 0"><img src="${escapeHtml(partner.logoUrl)}" alt="${escapeHtml(partner.name)}" height="32" style="height:32px;width:auto;border:0"></a>`);
  return `<p style="max-width:560px;margin:12px auto 0">${logos.join('')}</p>`;
}

/** The mails' blue when the operator chose no accent. */
const DEFAULT_ACCENT = '#0b5cad';

/**
 * Every mail the hub sends, with what it needs. Required mails (the address, the
 * password) carry no unsubscribe link; notifications do.
 */
export type MailMessage =
  | { kind: 'confirm-email'; link: string; displayName: string }
  | { kind: 'password-reset'; link: string; displayName: string; minutes: number }
  | { kind: 'change-email'; link: string; displayName: string; newEmail: string }
  | { kind: 'email-changed'; displayName: string; newEmail: string }
  | { kind: 'content-pending'; title: string; typeLabel: string; author: string; link: string }
  | { kind: 'pending-digest'; count: number; titles: string[]; link: string }
  | { kind: 'content-decision'; title: string; published: boolean; reason?: string; link: string }
  | { kind: 'membership-approved'; displayName: string; link: string }
  | { kind: 'membership-refused'; displayName: string; reason: string; link: string }
  | { kind: 'content-reported'; actorName: string; title: string; typeLabel: string; reason: ReportReason; link: string; actorItself: boolean }
  | { kind: 'report-closed'; actorName: string; title: string; resolution: string; link: string }
  | { kind: 'follows-digest'; count: number; events: DigestEvent[]; manageLink?: string }
  | { kind: 'follow-confirm'; labels: string[]; link: string; hours: number };

/** One event of the weekly digest of what an account follows. */
export interface DigestEvent {
  title: string;
  /** Its first start, an ISO instant, said in `timeZone`. */
  start: string;
  timeZone: string;
  /** Place name and commune, empty online. */
  where: string;
  link: string;
}

const when = (event: DigestEvent, lang: MailLang) =>
  new Date(event.start).toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: event.timeZone });
const digestLine = (event: DigestEvent, lang: MailLang) => `– ${event.title} (${when(event, lang)}${event.where === '' ? '' : `, ${event.where}`})${lang === 'en' ? ':' : ' :'} ${event.link}`;

export type MailKind = MailMessage['kind'];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Body {
  subject: string;
  /** Paragraphs, plain text. */
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Said after the action (expiry, "not you?"). */
  after?: string[];
}

type Writer<K extends MailKind> = (message: Extract<MailMessage, { kind: K }>, site: MailSite) => Body;
type Writers = { [K in MailKind]: Writer<K> };

const fr: Writers = {
  'confirm-email': (m, site) => ({
    subject: `Confirmez votre adresse sur ${site.name}`,
    paragraphs: [`Bonjour ${m.displayName},`, `Vous venez de créer un compte sur ${site.name}. Confirmez votre adresse pour pouvoir proposer des contenus.`],
    action: { label: 'Confirmer mon adresse', url: m.link },
    after: ['Ce lien est valable 48 heures. Si vous n’avez pas créé ce compte, ignorez ce message.'],
  }),
  'password-reset': (m, site) => ({
    subject: `Nouveau mot de passe sur ${site.name}`,
    paragraphs: [`Bonjour ${m.displayName},`, 'Quelqu’un (vous, sans doute) a demandé à changer le mot de passe de votre compte.'],
    action: { label: 'Choisir un nouveau mot de passe', url: m.link },
    after: [`Ce lien ne sert qu’une fois et expire dans ${m.minutes} minutes. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.`],
  }),
  'change-email': (m, site) => ({
    subject: `Confirmez votre nouvelle adresse sur ${site.name}`,
    paragraphs: [`Bonjour ${m.displayName},`, `Vous avez demandé que ${m.newEmail} devienne l’adresse de votre compte.`],
    action: { label: 'Confirmer cette adresse', url: m.link },
    after: ['Ce lien est valable 48 heures. Tant qu’il n’est pas suivi, l’ancienne adresse reste celle du compte.'],
  }),
  'email-changed': (m, site) => ({
    subject: `L’adresse de votre compte ${site.name} a changé`,
    paragraphs: [`Bonjour ${m.displayName},`, `L’adresse de votre compte est désormais ${m.newEmail}. Si ce n’est pas vous, écrivez à l’équipe du site sans attendre.`],
  }),
  'content-pending': (m, site) => ({
    subject: `À modérer sur ${site.name} : ${m.title}`,
    paragraphs: [`${m.author} propose un contenu (${m.typeLabel}) : « ${m.title} ».`, 'Il attend votre décision dans la file de modération.'],
    action: { label: 'Ouvrir la file de modération', url: m.link },
  }),
  'pending-digest': (m, site) => ({
    subject: `${m.count} contenu${m.count > 1 ? 's' : ''} à modérer sur ${site.name}`,
    paragraphs: [`${m.count} contenu${m.count > 1 ? 's attendent' : ' attend'} votre décision :`, ...m.titles.map((title) => `– ${title}`)],
    action: { label: 'Ouvrir la file de modération', url: m.link },
  }),
  'content-decision': (m, site) => ({
    subject: m.published ? `Publié sur ${site.name} : ${m.title}` : `Non publié sur ${site.name} : ${m.title}`,
    paragraphs: m.published
      ? [`Votre contenu « ${m.title} » est publié.`]
      : [`Votre contenu « ${m.title} » n’a pas été publié.`, `Raison donnée par l’équipe de modération : ${m.reason ?? '(aucune)'}`, 'Vous pouvez le modifier et le proposer à nouveau.'],
    action: { label: m.published ? 'Voir le contenu' : 'Voir mes contenus', url: m.link },
  }),
  'membership-approved': (m, site) => ({
    subject: `Bienvenue dans le réseau des membres de ${site.name}`,
    paragraphs: [`Bonjour ${m.displayName},`, 'Votre demande d’adhésion au réseau des membres est acceptée : vous voyez désormais les profils des autres membres.'],
    action: { label: 'Voir les membres', url: m.link },
  }),
  'membership-refused': (m, site) => ({
    subject: `Votre demande d’adhésion au réseau des membres de ${site.name}`,
    paragraphs: [`Bonjour ${m.displayName},`, 'Votre demande d’adhésion au réseau des membres n’a pas été acceptée.', `Raison donnée par l’équipe de modération : ${m.reason}`, 'Vous pourrez la renouveler depuis la page des membres.'],
    action: { label: 'Page des membres', url: m.link },
  }),
  'content-reported': (m, site) => ({
    subject: `Signalement sur ${site.name} : ${m.title}`,
    paragraphs: [
      m.actorItself ? `La fiche de l’acteur « ${m.actorName} » a été signalée à l’équipe de modération.` : `Un contenu de ${m.actorName} (${m.typeLabel}) a été signalé à l’équipe de modération : « ${m.title} ».`,
      `Motif : ${REPORT_REASONS.fr[m.reason]}.`,
      'Vous recevez ce message parce que vous êtes membre de cet acteur. L’équipe de modération va examiner le signalement ; vous pouvez d’ici là vérifier le contenu et le corriger si besoin.',
    ],
    action: { label: 'Voir le contenu', url: m.link },
  }),
  'report-closed': (m, site) => ({
    subject: `Signalement traité sur ${site.name} : ${m.title}`,
    paragraphs: [`Le signalement du contenu « ${m.title} » de ${m.actorName} est traité.`, `Réponse de l’équipe de modération : ${m.resolution}`],
    action: { label: 'Voir le contenu', url: m.link },
  }),
  'follows-digest': (m, site) => ({
    subject: `${m.count} nouvel${m.count > 1 ? 's' : ''} événement${m.count > 1 ? 's' : ''} de ce que vous suivez sur ${site.name}`,
    paragraphs: [`Cette semaine, ${m.count > 1 ? `${m.count} nouveaux événements correspondent` : 'un nouvel événement correspond'} à ce que vous suivez :`, ...m.events.map((event) => digestLine(event, 'fr'))],
    ...(m.manageLink === undefined ? {} : { action: { label: 'Gérer mes abonnements', url: m.manageLink } }),
  }),
  'follow-confirm': (m, site) => ({
    subject: `Confirmez votre abonnement sur ${site.name}`,
    paragraphs: [`Quelqu’un (vous, sans doute) a demandé à recevoir chaque semaine par courriel les nouveaux événements de ${site.name} pour :`, ...m.labels.map((label) => `– ${label}`)],
    action: { label: 'Confirmer l’abonnement', url: m.link },
    after: [`Ce lien ne sert qu’une fois et expire dans ${m.hours} heures. Sans confirmation, rien n’est envoyé et votre adresse est effacée. Si vous n’avez rien demandé, ignorez ce message.`],
  }),
};

/** A report's reason as the actor's members read it (the reporter's own words stay with the moderators). */
const REPORT_REASONS: Record<MailLang, Record<ReportReason, string>> = {
  fr: { spam: 'indésirable (spam)', inaccurate: 'informations inexactes', offensive: 'contenu choquant', illegal: 'contenu illégal', duplicate: 'doublon', other: 'autre raison' },
  en: { spam: 'unwanted (spam)', inaccurate: 'inaccurate information', offensive: 'offensive content', illegal: 'illegal content', duplicate: 'duplicate', other: 'another reason' },
};

const en: Writers = {
  'confirm-email': (m, site) => ({
    subject: `Confirm your address on ${site.name}`,
    paragraphs: [`Hello ${m.displayName},`, `You have just created an account on ${site.name}. Confirm your address to be able to submit content.`],
    action: { label: 'Confirm my address', url: m.link },
    after: ['This link is valid for 48 hours. If you did not create this account, ignore this message.'],
  }),
  'password-reset': (m, site) => ({
    subject: `New password on ${site.name}`,
    paragraphs: [`Hello ${m.displayName},`, 'Someone (you, probably) asked to change the password of your account.'],
    action: { label: 'Choose a new password', url: m.link },
    after: [`This link works once and expires in ${m.minutes} minutes. If you asked for nothing, ignore this message: your password stays as it is.`],
  }),
  'change-email': (m, site) => ({
    subject: `Confirm your new address on ${site.name}`,
    paragraphs: [`Hello ${m.displayName},`, `You asked for ${m.newEmail} to become your account's address.`],
    action: { label: 'Confirm this address', url: m.link },
    after: ['This link is valid for 48 hours. Until it is followed, the old address stays the account\'s.'],
  }),
  'email-changed': (m, site) => ({
    subject: `The address of your ${site.name} account has changed`,
    paragraphs: [`Hello ${m.displayName},`, `Your account's address is now ${m.newEmail}. If this was not you, write to the site's team at once.`],
  }),
  'content-pending': (m, site) => ({
    subject: `To moderate on ${site.name}: ${m.title}`,
    paragraphs: [`${m.author} submitted content (${m.typeLabel}): "${m.title}".`, 'It waits for your decision in the moderation queue.'],
    action: { label: 'Open the moderation queue', url: m.link },
  }),
  'pending-digest': (m, site) => ({
    subject: `${m.count} item${m.count > 1 ? 's' : ''} to moderate on ${site.name}`,
    paragraphs: [`${m.count} item${m.count > 1 ? 's wait' : ' waits'} for your decision:`, ...m.titles.map((title) => `- ${title}`)],
    action: { label: 'Open the moderation queue', url: m.link },
  }),
  'content-decision': (m, site) => ({
    subject: m.published ? `Published on ${site.name}: ${m.title}` : `Not published on ${site.name}: ${m.title}`,
    paragraphs: m.published
      ? [`Your content "${m.title}" is published.`]
      : [`Your content "${m.title}" was not published.`, `The moderators' reason: ${m.reason ?? '(none)'}`, 'You can edit it and submit it again.'],
    action: { label: m.published ? 'See the content' : 'See my content', url: m.link },
  }),
  'membership-approved': (m, site) => ({
    subject: `Welcome to the members' network of ${site.name}`,
    paragraphs: [`Hello ${m.displayName},`, 'Your request to join the members\' network is approved: you now see the other members\' profiles.'],
    action: { label: 'See the members', url: m.link },
  }),
  'membership-refused': (m, site) => ({
    subject: `Your request to join the members' network of ${site.name}`,
    paragraphs: [`Hello ${m.displayName},`, 'Your request to join the members\' network was not accepted.', `The moderators' reason: ${m.reason}`, 'You can ask again from the members page.'],
    action: { label: 'Members page', url: m.link },
  }),
  'content-reported': (m, site) => ({
    subject: `Report on ${site.name}: ${m.title}`,
    paragraphs: [
      m.actorItself ? `The page of the actor "${m.actorName}" was reported to the moderators.` : `Content of ${m.actorName} (${m.typeLabel}) was reported to the moderators: "${m.title}".`,
      `Reason: ${REPORT_REASONS.en[m.reason]}.`,
      'You get this mail as a member of this actor. The moderators will look into the report; meanwhile you can check the content and correct it if need be.',
    ],
    action: { label: 'See the content', url: m.link },
  }),
  'report-closed': (m, site) => ({
    subject: `Report closed on ${site.name}: ${m.title}`,
    paragraphs: [`The report on "${m.title}" of ${m.actorName} is closed.`, `The moderators' answer: ${m.resolution}`],
    action: { label: 'See the content', url: m.link },
  }),
  'follows-digest': (m, site) => ({
    subject: `${m.count} new event${m.count > 1 ? 's' : ''} of what you follow on ${site.name}`,
    paragraphs: [`This week, ${m.count > 1 ? `${m.count} new events match` : 'one new event matches'} what you follow:`, ...m.events.map((event) => digestLine(event, 'en'))],
    ...(m.manageLink === undefined ? {} : { action: { label: 'Manage what I follow', url: m.manageLink } }),
  }),
  'follow-confirm': (m, site) => ({
    subject: `Confirm your subscription on ${site.name}`,
    paragraphs: [`Someone (you, probably) asked to get by mail, once a week, the new events of ${site.name} for:`, ...m.labels.map((label) => `– ${label}`)],
    action: { label: 'Confirm the subscription', url: m.link },
    after: [`This link works once and expires in ${m.hours} hours. Unconfirmed, nothing is sent and your address is erased. If you asked for nothing, ignore this message.`],
  }),
};

const FOOTER = {
  fr: { sentBy: (name: string) => `Message envoyé par ${name}`, unsubscribe: 'Ne plus recevoir ces messages', colon: ' : ' },
  en: { sentBy: (name: string) => `Message sent by ${name}`, unsubscribe: 'Stop receiving these messages', colon: ': ' },
};

/**
 * Renders a mail as text and HTML in one language. Everything that comes from people
 * (titles, names, reasons) is escaped in the HTML part; links are the hub's own.
 */
export function renderMail(message: MailMessage, lang: MailLang, site: MailSite, unsubscribeUrl?: string): RenderedMail {
  const writers = lang === 'en' ? en : fr;
  const body = (writers[message.kind] as Writer<MailKind>)(message as never, site);
  const footer = FOOTER[lang];
  const textParts = [...body.paragraphs];
  if (body.action !== undefined) textParts.push(`${body.action.label}${footer.colon}${body.action.url}`);
  textParts.push(...(body.after ?? []));
  textParts.push('--', `${footer.sentBy(site.name)} – ${site.baseUrl}`);
  if (unsubscribeUrl !== undefined) textParts.push(`${footer.unsubscribe}${footer.colon}${unsubscribeUrl}`);

  const paragraph = (text: string) => `<p style="margin:0 0 1em">${escapeHtml(text)}</p>`;
  // Only a plain #rrggbb reaches a style attribute (the settings schema allows nothing else).
  const accent = site.accentColor !== undefined && /^#[0-9a-f]{6}$/i.test(site.accentColor) ? site.accentColor : DEFAULT_ACCENT;
  const logo = site.logoUrl === undefined || !/^https?:\/\//i.test(site.logoUrl) ? '' : `<img src="${escapeHtml(site.logoUrl)}" alt="" height="48" style="display:block;height:48px;width:auto;margin:0 0 8px;border:0">`;
  const html = [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(body.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1b1f24;font-size:16px;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">',
    `<p style="margin:0 0 16px;font-weight:bold;font-size:18px"><a href="${escapeHtml(site.baseUrl)}" style="color:#1b1f24;text-decoration:none">${logo}${escapeHtml(site.name)}</a></p>`,
    ...body.paragraphs.map(paragraph),
    body.action === undefined
      ? ''
      : `<p style="margin:24px 0"><a href="${escapeHtml(body.action.url)}" style="background:${accent};color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(body.action.label)}</a></p><p style="margin:0 0 1em;font-size:13px;color:#555;word-break:break-all">${escapeHtml(body.action.url)}</p>`,
    ...(body.after ?? []).map(paragraph),
    '</div>',
    `<p style="max-width:560px;margin:16px auto 0;font-size:13px;color:#555">${escapeHtml(footer.sentBy(site.name))} – <a href="${escapeHtml(site.baseUrl)}" style="color:${accent}">${escapeHtml(site.baseUrl)}</a>`,
    unsubscribeUrl === undefined ? '' : `<br><a href="${escapeHtml(unsubscribeUrl)}" style="color:${accent}">${escapeHtml(footer.unsubscribe)}</a>`,
    '</p>',
    partnersHtml(site.partners ?? []),
    '</body></html>',
  ].join('');
  return { subject: body.subject, text: `${textParts.join('\n\n')}\n`, html };
}
