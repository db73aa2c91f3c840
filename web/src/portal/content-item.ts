/**
 * The published content of each directory, as the hub serves it (the shared contract's
 * `<Type>Public`), and the few things every card and page asks of any of them.
 */
import type { Image, PublicContent } from '@constellation/shared';
import { safeHttpUrl } from '../pages/event-page.tsx';
import type { DirectoryType } from '../state/url-state.ts';

export type DirectoryItem<T extends DirectoryType = DirectoryType> = PublicContent[T];

/** A published item with the type it was fetched as: lets a switch narrow its fields. */
export type TypedItem = { [T in DirectoryType]: { type: T; item: PublicContent[T] } }[DirectoryType];

export function typed<T extends DirectoryType>(type: T, item: PublicContent[T]): TypedItem {
  return { type, item } as TypedItem;
}

/** Actors and places have a name, the rest a title. */
export function titleOf(entry: TypedItem): string {
  return entry.type === 'actor' || entry.type === 'place' ? entry.item.name : entry.item.title;
}

export function summaryOf(entry: TypedItem): string | undefined {
  return entry.item.summary;
}

/** The picture that stands for it: an actor's logo, the others' image (announcements have none); only http(s) URLs. */
export function imageOf(entry: TypedItem): (Image & { url: string }) | undefined {
  const image = entry.type === 'actor' ? entry.item.logo : entry.type === 'announcement' ? undefined : entry.item.image;
  const url = safeHttpUrl(image?.url);
  return image === undefined || url === undefined ? undefined : { ...image, url };
}

/** The actor it belongs to, if any (an actor belongs to nobody). */
export function actorIdOf(entry: TypedItem): string | undefined {
  return entry.type === 'actor' ? undefined : entry.item.actorId;
}

/** Its long text in Markdown: an article's body, the others' description. */
export function markdownOf(entry: TypedItem): string | undefined {
  return entry.type === 'article' ? entry.item.body : entry.item.description;
}
