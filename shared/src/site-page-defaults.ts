import type { SitePageSlug } from './schema/site-page.ts';

/**
 * What the default texts say about the site, read from its settings when a page is asked
 * for: a hub gives its region; the national site gives none.
 */
export interface PageSite {
  name: string;
  baseUrl: string;
  regionName?: string;
}

type Lang = 'fr' | 'en';

/**
 * A site's pages (a hub's or the national site's) before its operator writes them. They are honest placeholders: they say
 * what the law asks each page to hold and mark every fact only the operator knows with
 * "[à compléter : ...]", so a hub never publishes made-up legal details.
 */
export function defaultSitePage(slug: SitePageSlug, lang: Lang, site: PageSite): { title: string; body: string } {
  return (lang === 'fr' ? fr : en)[slug](site);
}

const fr: Record<SitePageSlug, (site: PageSite) => { title: string; body: string }> = {
  about: (site) => site.regionName === undefined ? frNationalAbout(site) : ({
    title: `À propos de ${site.name}`,
    body: `${site.name} est le réseau de la culture scientifique de la région ${site.regionName}\u00a0: l’agenda, la carte, le magazine et l’annuaire des acteurs qui font vivre les sciences près de chez vous (musées, laboratoires, universités, associations, médiathèques).

Les acteurs de la région y publient leurs événements, articles, lieux à visiter, projets de sciences participatives et annonces\u202f; une équipe de modération les relit avant publication. Les contenus publics sont aussi repris sur la carte nationale.

## Qui anime ce site

[à compléter\u00a0: le nom de la structure qui anime le site, sa mission, comment la joindre]

## Participer

Créez un compte pour proposer vos contenus et rejoindre le réseau des membres.`,
  }),
  legal: (site) => ({
    title: 'Mentions légales',
    body: `## Éditeur du site

${site.name} (${site.baseUrl}) est édité par\u00a0:

- [à compléter\u00a0: nom ou raison sociale de l’éditeur, forme juridique]
- [à compléter\u00a0: adresse du siège]
- [à compléter\u00a0: téléphone et adresse électronique de contact]
- [à compléter\u00a0: numéro SIRET ou RNA, et capital social s’il s’agit d’une société]

## Directeur ou directrice de la publication

[à compléter\u00a0: nom et fonction]

## Hébergement

[à compléter\u00a0: nom, adresse et téléphone de l’hébergeur]

## Contenus publiés par les acteurs

Les événements, articles et autres contenus sont publiés sous la responsabilité des acteurs qui les proposent, après modération. Pour signaler un contenu, utilisez le lien «\u00a0Signaler\u00a0» présent sur chaque page.

## Propriété intellectuelle

Sauf mention contraire, les textes et images appartiennent à leurs auteurs\u202f; les crédits figurent sous chaque image.`,
  }),
  privacy: (site) => ({
    title: 'Données personnelles',
    body: `Cette page explique quelles données personnelles ${site.name} traite, pourquoi, et comment exercer vos droits (règlement général sur la protection des données, RGPD).

## Responsable du traitement

[à compléter\u00a0: nom de la structure responsable, adresse, contact du ou de la délégué·e à la protection des données]

## Données traitées et finalités

- **Compte**\u00a0: adresse électronique, nom affiché, mot de passe (conservé haché, jamais en clair), langue des messages, date de votre consentement. Pour gérer votre compte et vous écrire (confirmation d’adresse, mot de passe oublié, décisions de modération que vous avez choisi de recevoir).
- **Profil de membre** (facultatif)\u00a0: ce que vous y écrivez. Vos coordonnées (e-mail, téléphone, site) ne sont visibles que des personnes que vous choisissez\u202f; par défaut, de personne.
- **Contenus proposés**\u00a0: publiés au nom de l’acteur pour lequel vous agissez, après modération.
- **Sessions**\u00a0: le navigateur utilisé et la date de connexion, pour que vous puissiez fermer une session que vous ne reconnaissez pas.

Base légale\u00a0: l’exécution du service que vous demandez en créant un compte, et votre consentement pour les messages facultatifs.

## Durées de conservation

[à compléter\u00a0: par exemple, compte conservé jusqu’à sa suppression ou après trois ans d’inactivité\u202f; messages envoyés conservés 30 jours]

## Destinataires

Vos données ne sont ni vendues ni cédées. Seuls les contenus publics (jamais vos coordonnées ni votre adresse) sont repris par la carte nationale. [à compléter\u00a0: l’hébergeur et le prestataire d’envoi de messages, s’il y en a un]

## Cookies

Le site ne dépose qu’un cookie nécessaire à la connexion (session) et garde votre choix de langue dans votre navigateur. Aucun cookie de mesure d’audience ni de publicité.

## Vos droits

Depuis la page «\u00a0Mon compte\u00a0», vous pouvez télécharger toutes vos données (format JSON), les corriger et supprimer votre compte. Pour tout autre droit (accès, opposition, limitation)\u00a0: [à compléter\u00a0: adresse de contact].

Vous pouvez adresser une réclamation à la CNIL (www.cnil.fr).`,
  }),
  accessibility: (site) => ({
    title: 'Déclaration d’accessibilité',
    body: `[à compléter\u00a0: nom de la structure] s’engage à rendre son site internet accessible conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.

Cette déclaration d’accessibilité s’applique à ${site.name} (${site.baseUrl}).

## État de conformité

${site.name} est **non conforme** avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1\u00a0: le site n’a pas encore fait l’objet d’un audit de conformité. [à compléter après audit\u00a0: «\u00a0partiellement conforme\u00a0» ou «\u00a0totalement conforme\u00a0», le taux de critères respectés, la date et l’auteur de l’audit]

## Contenus non accessibles

[à compléter après audit\u00a0: les non-conformités, les dérogations pour charge disproportionnée, les contenus non soumis à l’obligation]

## Établissement de cette déclaration

Cette déclaration a été établie le [à compléter\u00a0: date].

Technologies utilisées\u00a0: HTML, CSS, JavaScript, WAI-ARIA.

## Retour d’information et contact

Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez le responsable du site pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme\u00a0: [à compléter\u00a0: adresse électronique, formulaire ou téléphone].

## Voies de recours

Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou à une fonctionnalité du site, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au Défenseur des droits\u00a0:

- écrire un message au Défenseur des droits (formulaire en ligne sur www.defenseurdesdroits.fr)\u202f;
- contacter le délégué du Défenseur des droits dans votre région\u202f;
- envoyer un courrier par la poste (gratuit, ne pas mettre de timbre)\u00a0: Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.`,
  }),
};

const en: Record<SitePageSlug, (site: PageSite) => { title: string; body: string }> = {
  about: (site) => site.regionName === undefined ? enNationalAbout(site) : ({
    title: `About ${site.name}`,
    body: `${site.name} is the science-culture network of the ${site.regionName} region: the agenda, the map, the magazine and the directory of the people who bring science near you (museums, labs, universities, associations, libraries).

The region's actors post their events, articles, places to visit, participatory-science projects and announcements here; a moderation team reviews them before they are published. Public content also appears on the national map.

## Who runs this site

[to fill in: the organisation that runs the site, its mission, how to reach it]

## Take part

Create an account to submit your content and join the members' network.`,
  }),
  legal: (site) => ({
    title: 'Legal notice',
    body: `## Publisher

${site.name} (${site.baseUrl}) is published by:

- [to fill in: the publisher's name or company name, legal form]
- [to fill in: registered address]
- [to fill in: contact phone and e-mail]
- [to fill in: SIRET or RNA number, and share capital for a company]

## Director of publication

[to fill in: name and position]

## Hosting

[to fill in: the host's name, address and phone number]

## Content posted by actors

Events, articles and other content are published under the responsibility of the actors who submit them, after moderation. To report content, use the "Report" link on each page.

## Intellectual property

Unless stated otherwise, texts and pictures belong to their authors; credits are given under each picture.`,
  }),
  privacy: (site) => ({
    title: 'Privacy policy',
    body: `This page explains which personal data ${site.name} processes, why, and how to exercise your rights (General Data Protection Regulation, GDPR).

## Controller

[to fill in: the organisation responsible, its address, the contact of its data protection officer]

## Data and purposes

- **Account**: e-mail address, display name, password (stored hashed, never in clear), language of messages, date of your consent. To run your account and write to you (address confirmation, forgotten password, moderation decisions you chose to receive).
- **Member profile** (optional): what you write in it. Your contact details (e-mail, phone, website) are shown only to the people you choose; by default, nobody.
- **Submitted content**: published under the actor you act for, after moderation.
- **Sessions**: the browser used and when you logged in, so you can close a session you do not recognise.

Legal basis: performing the service you ask for by creating an account, and your consent for optional messages.

## Retention

[to fill in: for instance, accounts kept until deleted or after three years without use; sent messages kept 30 days]

## Recipients

Your data is neither sold nor transferred. Only public content (never your contact details or address) is shown on the national map. [to fill in: the host and the mail provider, if any]

## Cookies

The site sets only the cookie needed to stay logged in (session) and keeps your language choice in your browser. No audience-measurement or advertising cookies.

## Your rights

From the "My account" page you can download all your data (JSON), correct it and delete your account. For any other right (access, objection, restriction): [to fill in: contact address].

You may lodge a complaint with the CNIL (www.cnil.fr).`,
  }),
  accessibility: (site) => ({
    title: 'Accessibility statement',
    body: `[to fill in: organisation name] is committed to making its website accessible, in accordance with article 47 of French law no. 2005-102 of 11 February 2005.

This accessibility statement applies to ${site.name} (${site.baseUrl}).

## Compliance status

${site.name} is **not compliant** with the French accessibility framework (RGAA) version 4.1: the site has not been audited yet. [to fill in after an audit: "partially compliant" or "fully compliant", the share of criteria met, the date and author of the audit]

## Non-accessible content

[to fill in after an audit: non-compliances, exemptions for disproportionate burden, content outside the obligation]

## Preparation of this statement

This statement was prepared on [to fill in: date].

Technologies used: HTML, CSS, JavaScript, WAI-ARIA.

## Feedback and contact

If you cannot access some content or service, contact the site's team to be directed to an accessible alternative or to get the content in another form: [to fill in: e-mail, form or phone].

## Recourse

If you report an accessibility defect that prevents you from accessing content or a feature of the site and get no answer from us, you may send a complaint or a referral to the Défenseur des droits (the French rights ombudsman):

- write to the Défenseur des droits (online form at www.defenseurdesdroits.fr);
- contact the Défenseur des droits delegate in your region;
- send a letter by post (free, no stamp needed): Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.`,
  }),
};

/** The national site's about page: it gathers the hubs' public content, nobody posts on it. */
function frNationalAbout(site: PageSite): { title: string; body: string } {
  return {
    title: `À propos de ${site.name}`,
    body: `${site.name} rassemble sur une carte et un agenda nationaux les événements publics des plateformes régionales de culture scientifique\u00a0: chaque plateforme publie ses contenus, relus par sa propre équipe de modération, et ce site les reprend en temps réel.

Pour proposer un événement, rendez-vous sur la plateforme de votre région (page «\u00a0Plateformes\u00a0»).

## Qui anime ce site

[à compléter\u00a0: le nom de la structure qui anime le site national, sa mission, comment la joindre]`,
  };
}

function enNationalAbout(site: PageSite): { title: string; body: string } {
  return {
    title: `About ${site.name}`,
    body: `${site.name} gathers on a national map and agenda the public events of the regional science-culture platforms: each platform publishes its own content, reviewed by its own moderators, and this site shows it in real time.

To submit an event, go to your region's platform (the "Hubs" page).

## Who runs this site

[to fill in: the organisation that runs the national site, its mission, how to reach it]`,
  };
}
