import { addStrings } from './page-strings.ts';

/**
 * Fediverse sources: an organisation's own, on its management page, and the servers the
 * operator allows in the console (keys prefixed "fedi").
 */
export const FEDIVERSE_STRINGS = {
  fr: {
    fediTitle: 'Sources du fédivers',
    fediIntro: 'Votre organisation publie déjà sur Mobilizon, Gancio ou un autre serveur du fédivers ? Suivez ce compte : ses nouveaux événements, leurs changements et leurs annulations arriveront ici au nom de votre organisation, avec un lien vers l’original.',
    fediNotVerified: 'Seules les organisations vérifiées par l’équipe du site suivent elles-mêmes une source. Demandez-lui de vérifier votre organisation, ou d’ajouter la source pour vous.',
    fediServers: 'Serveurs autorisés par l’équipe du site : {list}.',
    fediNoServers: 'L’équipe du site n’a encore autorisé aucun serveur : demandez-lui d’ajouter celui de votre groupe.',
    fediActor: 'Compte à suivre (@nom@serveur ou adresse)',
    fediFollow: 'Suivre',
    fediFollowing: 'Envoi de la demande…',
    fediFollowed: '{name} est suivi ; la source apparaît acceptée dès sa réponse.',
    fediEmpty: 'Aucune source suivie pour cette organisation.',
    fediAccepted: 'Suivi accepté',
    fediPending: 'En attente de réponse',
    fediNoEvents: 'Aucun événement reçu',
    fediOneEvent: '1 événement reçu',
    fediEvents: '{count} événements reçus',
    fediUnfollow: 'Ne plus suivre',
    fediUnfollowed: '{name} n’est plus suivi ; ses événements déjà reçus restent.',
    fediFailed: 'Échec : {message}',
    consoleServersHeading: 'Serveurs ouverts aux organisations vérifiées',
    consoleServersHint: 'Une organisation vérifiée peut suivre elle-même un compte de ces serveurs depuis sa page de gestion (un nom couvre aussi ses sous-domaines). Vous pouvez suivre n’importe quel serveur ci-dessus.',
    consoleServersHost: 'Serveur (par exemple mobilizon.fr)',
    consoleServersAdd: 'Autoriser',
    consoleServersAdded: '{host} est autorisé.',
    consoleServersEmpty: 'Aucun serveur autorisé : seules les sources ajoutées ci-dessus sont suivies.',
    consoleServersRemove: 'Retirer',
    consoleServersRemoved: '{host} n’est plus autorisé ; les sources déjà suivies restent.',
    consoleServersSince: 'autorisé le {date}',
  },
  en: {
    fediTitle: 'Fediverse sources',
    fediIntro: 'Does your organisation already publish on Mobilizon, Gancio or another fediverse server? Follow that account: its new events, their changes and cancellations will arrive here in your organisation’s name, linked to the original.',
    fediNotVerified: 'Only organisations verified by the site’s team follow a source themselves. Ask them to verify your organisation, or to add the source for you.',
    fediServers: 'Servers the site’s team allows: {list}.',
    fediNoServers: 'The site’s team has not allowed any server yet: ask them to add your group’s.',
    fediActor: 'Account to follow (@name@server or address)',
    fediFollow: 'Follow',
    fediFollowing: 'Sending the request…',
    fediFollowed: '{name} is followed; the source shows as accepted once it answers.',
    fediEmpty: 'No source followed for this organisation.',
    fediAccepted: 'Follow accepted',
    fediPending: 'Waiting for an answer',
    fediNoEvents: 'No event received',
    fediOneEvent: '1 event received',
    fediEvents: '{count} events received',
    fediUnfollow: 'Unfollow',
    fediUnfollowed: '{name} is no longer followed; the events it brought stay.',
    fediFailed: 'Failed: {message}',
    consoleServersHeading: 'Servers open to verified organisations',
    consoleServersHint: 'A verified organisation can follow an account on these servers itself, from its management page (a name also covers its subdomains). You can follow any server above.',
    consoleServersHost: 'Server (for example mobilizon.fr)',
    consoleServersAdd: 'Allow',
    consoleServersAdded: '{host} is allowed.',
    consoleServersEmpty: 'No server allowed: only the sources added above are followed.',
    consoleServersRemove: 'Remove',
    consoleServersRemoved: '{host} is no longer allowed; sources already followed stay.',
    consoleServersSince: 'allowed on {date}',
  },
} as const;

// These words arrive with the pages that use them (see page-strings.ts).
addStrings(FEDIVERSE_STRINGS);
