import Type, { type Static } from 'typebox';
import { audiences, disciplines, geographicScopes, involvementLevels, participationTypes, regions, vocabularySchema } from '../vocab/index.ts';
import { Image, Location, outOfOrder, serverFields } from './common.ts';
import { LIMITS } from './limits.ts';
import { withRules } from './refine.ts';
import { HttpUrl, Id, Keyword, Line, LocalDate, RequiredLine, SetOf, Text } from './primitives.ts';

/** A participatory-science project; the directory links out to the project's own site. */
const projectContent = {
  actorId: Id,
  title: RequiredLine(LIMITS.title),
  summary: Type.Optional(Line(LIMITS.summary)),
  description: Type.Optional(Text(LIMITS.description)),
  /** The project's themes. */
  disciplines: Type.Optional(SetOf(vocabularySchema(disciplines), LIMITS.disciplines)),
  participationType: vocabularySchema(participationTypes),
  involvement: vocabularySchema(involvementLevels),
  audiences: Type.Optional(SetOf(vocabularySchema(audiences), audiences.values.length)),
  scope: vocabularySchema(geographicScopes),
  regions: Type.Optional(SetOf(vocabularySchema(regions), regions.values.length)),
  location: Type.Optional(Location),
  website: HttpUrl,
  startDate: Type.Optional(LocalDate),
  endDate: Type.Optional(LocalDate),
  keywords: Type.Optional(Type.Array(Keyword, { maxItems: LIMITS.keywords })),
  image: Type.Optional(Image),
};

function projectRules(project: { startDate?: string | undefined; endDate?: string | undefined }) {
  return outOfOrder(project.startDate, project.endDate) ? [{ path: '/endDate', message: 'must not be before startDate' }] : [];
}

export const ProjectInput = withRules(Type.Object(projectContent, { additionalProperties: false }), projectRules);
export type ProjectInput = Static<typeof ProjectInput>;

export const ProjectPublic = withRules(Type.Object({ ...serverFields, ...projectContent }, { additionalProperties: false }), projectRules);
export type ProjectPublic = Static<typeof ProjectPublic>;
