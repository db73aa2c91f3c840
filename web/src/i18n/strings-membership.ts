import { addStrings } from './page-strings.ts';

/** Joining the members' network: the request on the members page, the moderators' answers in the console. */
export const MEMBERSHIP_STRINGS = {
  fr: {
    memberNone: 'Les coordonnées que les membres partagent avec le réseau sont réservées aux membres acceptés. Demandez à rejoindre le réseau : l’équipe de modération vous répond par courriel.',
    memberAsk: 'Demander à rejoindre le réseau',
    memberRequested: 'Votre demande d’adhésion au réseau attend la réponse de l’équipe de modération. Vous recevrez un courriel.',
    consoleTabMemberships: 'Adhésions',
    consoleMembershipsIntro: 'Les comptes qui demandent à rejoindre le réseau des membres. Un membre accepté voit les coordonnées que les autres membres partagent avec le réseau ; la réponse part par courriel (un refus avec sa raison).',
    consoleMembershipsNone: 'Aucune demande d’adhésion en attente.',
    consoleMembershipsAsked: 'Demande du {date}, compte créé le {created}',
    consoleMembershipsApprove: 'Accepter',
    consoleMembershipsRefuse: 'Refuser…',
    consoleMembershipsReason: 'Raison du refus (envoyée au demandeur)',
    consoleMembershipsRefuseSend: 'Refuser la demande',
    consoleMembershipsApproved: '{name} fait désormais partie du réseau des membres.',
    consoleMembershipsRefused: 'Demande de {name} refusée ; la raison lui est envoyée.',
    consoleActionApproveMembership: 'a accepté une adhésion',
    consoleActionRefuseMembership: 'a refusé une adhésion',
  },
  en: {
    memberNone: 'The contact details members share with the network are for accepted members only. Ask to join the network: the moderators answer by e-mail.',
    memberAsk: 'Ask to join the network',
    memberRequested: 'Your request to join the network is waiting for the moderators. You will get an e-mail.',
    consoleTabMemberships: 'Memberships',
    consoleMembershipsIntro: "Accounts asking to join the members' network. An accepted member sees the contact details other members share with the network; the answer goes by e-mail (a refusal with its reason).",
    consoleMembershipsNone: 'No membership request waits.',
    consoleMembershipsAsked: 'Asked on {date}, account created on {created}',
    consoleMembershipsApprove: 'Accept',
    consoleMembershipsRefuse: 'Refuse…',
    consoleMembershipsReason: 'Reason for refusing (sent to the requester)',
    consoleMembershipsRefuseSend: 'Refuse the request',
    consoleMembershipsApproved: "{name} is now in the members' network.",
    consoleMembershipsRefused: "{name}'s request refused; the reason is sent to them.",
    consoleActionApproveMembership: 'accepted a membership',
    consoleActionRefuseMembership: 'refused a membership',
  },
} as const;

// These words arrive with the pages that use them (see page-strings.ts).
addStrings(MEMBERSHIP_STRINGS);
