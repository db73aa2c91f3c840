/*
 * The map index's dictionaries (map-index.ts): hubs, actors, campaigns and umbrella events
 * by small integers, which is what the columns hold. They only grow.
 */
export class IndexDictionaries {
  readonly hubIds: string[] = [];
  protected readonly hubIndexes = new Map<string, number>();
  protected readonly actors = new Map<string, number>();
  protected readonly campaigns = new Map<string, number>();
  protected readonly parents = new Map<string, number>();
  private parentIds: string[] = [];

  hubIndex(hub: string): number | undefined {
    return this.hubIndexes.get(hub);
  }

  actorIndex(actorId: string): number | undefined {
    return this.actors.get(actorId);
  }

  campaignIndex(campaign: string): number | undefined {
    return this.campaigns.get(campaign);
  }

  /** The dictionary index of an umbrella event's id, if any event names it as its parent. */
  parentIndex(parent: string): number | undefined {
    return this.parents.get(parent);
  }

  /** The umbrella event's id behind a dictionary index (the other way round from parentIndex). */
  parentId(index: number): string | undefined {
    // The dictionary only grows: rebuild the reverse array when it has (umbrellas are few).
    if (this.parentIds.length !== this.parents.size) {
      this.parentIds = [];
      for (const [id, at] of this.parents) this.parentIds[at - 1] = id;
    }
    return this.parentIds[index - 1];
  }

  protected internHub(hub: string): number {
    let index = this.hubIndexes.get(hub);
    if (index === undefined) {
      index = this.hubIds.length;
      this.hubIds.push(hub);
      this.hubIndexes.set(hub, index);
    }
    return index;
  }

  protected intern(map: Map<string, number>, value: string): number {
    let index = map.get(value);
    if (index === undefined) map.set(value, (index = map.size + 1));
    return index;
  }
}
