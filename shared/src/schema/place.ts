import Type, { type Static } from 'typebox';
import { audiences, disciplines, placeKinds, vocabularySchema } from '../vocab/index.ts';
import { Accessibility, Image, Location, OpeningHours, Price, serverFields } from './common.ts';
import { LIMITS } from './limits.ts';
import { withRules } from './refine.ts';
import { Email, HttpUrl, Id, Line, Phone, RequiredLine, SetOf, Text } from './primitives.ts';

/** A place to visit ("À visiter"): museums, labs open to the public, gardens, planetariums. */
const placeContent = {
  actorId: Type.Optional(Id),
  name: RequiredLine(LIMITS.name),
  kind: vocabularySchema(placeKinds),
  summary: Type.Optional(Line(LIMITS.summary)),
  description: Type.Optional(Text(LIMITS.description)),
  location: Location,
  openingHours: Type.Optional(Type.Array(OpeningHours, { maxItems: LIMITS.openingHours })),
  /** What structured hours cannot say: "closed on public holidays", "by appointment". */
  openingNotes: Type.Optional(Line(LIMITS.note)),
  accessibility: Type.Optional(Accessibility),
  price: Type.Optional(Price),
  audiences: Type.Optional(SetOf(vocabularySchema(audiences), audiences.values.length)),
  disciplines: Type.Optional(SetOf(vocabularySchema(disciplines), LIMITS.disciplines)),
  website: Type.Optional(HttpUrl),
  phone: Type.Optional(Phone),
  image: Type.Optional(Image),
};

/** A place to visit is always on the map, so unlike an event's place it needs coordinates. */
function placeRules(place: { location: { lat?: number | undefined } }) {
  return place.location.lat === undefined ? [{ path: '/location/lat', message: 'is required for a place to visit (with lon)' }] : [];
}

export const PlaceInput = withRules(
  Type.Object({ ...placeContent, email: Type.Optional(Email) }, { additionalProperties: false }),
  placeRules,
);
export type PlaceInput = Static<typeof PlaceInput>;

export const PlacePublic = withRules(Type.Object({ ...serverFields, ...placeContent }, { additionalProperties: false }), placeRules);
export type PlacePublic = Static<typeof PlacePublic>;
