import Type, { type Static } from 'typebox';
import { contactVisibilities, disciplines, regions, vocabularySchema } from '../vocab/index.ts';
import { Contact } from './common.ts';
import { LIMITS } from './limits.ts';
import { DateTime, Id, Line, RequiredLine, SetOf, Text } from './primitives.ts';

/**
 * A member's profile in the professional network. It is shown to logged-in members
 * only and is never federated: there is no anonymous or federated shape of it.
 */
const memberContent = {
  displayName: RequiredLine(100),
  headline: Type.Optional(Line(LIMITS.summary)),
  bio: Type.Optional(Text(2_000)),
  skills: Type.Optional(Type.Array(RequiredLine(LIMITS.skill), { maxItems: LIMITS.skills, uniqueItems: true })),
  disciplines: Type.Optional(SetOf(vocabularySchema(disciplines), LIMITS.disciplines)),
  region: Type.Optional(vocabularySchema(regions)),
  /** What the member chooses to show other members; the account's login email is separate and never shown. */
  contact: Type.Optional(Contact),
};

export const MemberProfileInput = Type.Object(
  {
    ...memberContent,
    /** Whether the profile appears in the members' directory at all. */
    listed: Type.Optional(Type.Boolean()),
    /** Who may read `contact`; absent means nobody (contact details are private by default). */
    contactVisibility: Type.Optional(vocabularySchema(contactVisibilities)),
  },
  { additionalProperties: false },
);
export type MemberProfileInput = Static<typeof MemberProfileInput>;

/** A directory entry as another logged-in member sees it: `contact` only when its owner let this reader see it. */
export const MemberProfileView = Type.Object(
  { userId: Id, ...memberContent, updatedAt: DateTime },
  { additionalProperties: false },
);
export type MemberProfileView = Static<typeof MemberProfileView>;

/** My own profile as I edit it: the directory entry plus whether it is listed. */
export const OwnProfileView = Type.Object(
  { userId: Id, ...memberContent, listed: Type.Boolean(), contactVisibility: vocabularySchema(contactVisibilities), updatedAt: DateTime },
  { additionalProperties: false },
);
export type OwnProfileView = Static<typeof OwnProfileView>;
