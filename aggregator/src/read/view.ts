/** A hub shown in national answers (an approved one). */
export interface ShownHub {
  name: string;
  baseUrl: string;
}

/** What the reads of one request see: the hubs shown, and the store's state they reflect. */
export interface ReadView {
  hubs: ReadonlyMap<string, ShownHub>;
  shown: ReadonlySet<string>;
  /** The national seq the index and every read of the request reflect. */
  seq: number;
}
