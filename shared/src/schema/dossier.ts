import Type, { type Static } from 'typebox';
import { contentTypes, disciplines, vocabularySchema } from '../vocab/index.ts';
import { Image, serverFields } from './common.ts';
import { LIMITS } from './limits.ts';
import { withRules } from './refine.ts';
import { Id, Line, RequiredLine, SetOf, Text } from './primitives.ts';

/** One entry of a dossier: a reference to content of the same hub, with an optional editor's note. */
export const DossierItem = Type.Object(
  {
    type: vocabularySchema(contentTypes),
    id: Id,
    note: Type.Optional(Line(LIMITS.note)),
  },
  { additionalProperties: false },
);
export type DossierItem = Static<typeof DossierItem>;

/** A curated, ordered collection of events, articles, places, projects and more. */
const dossierContent = {
  /** The actor curating it; absent when the hub's editors curate it. */
  actorId: Type.Optional(Id),
  title: RequiredLine(LIMITS.title),
  summary: Type.Optional(Line(LIMITS.summary)),
  /** The editor's introduction, in Markdown. */
  description: Type.Optional(Text(LIMITS.description)),
  image: Type.Optional(Image),
  disciplines: Type.Optional(SetOf(vocabularySchema(disciplines), LIMITS.disciplines)),
  items: Type.Array(DossierItem, { maxItems: LIMITS.dossierItems }),
};

function dossierRules(dossier: { items: DossierItem[] }) {
  const seen = new Set<string>();
  for (const [index, item] of dossier.items.entries()) {
    const key = `${item.type}:${item.id}`;
    if (seen.has(key)) return [{ path: `/items/${index}`, message: 'lists the same content twice' }];
    seen.add(key);
  }
  return [];
}

export const DossierInput = withRules(Type.Object(dossierContent, { additionalProperties: false }), dossierRules);
export type DossierInput = Static<typeof DossierInput>;

export const DossierPublic = withRules(Type.Object({ ...serverFields, ...dossierContent }, { additionalProperties: false }), dossierRules);
export type DossierPublic = Static<typeof DossierPublic>;
