/** The national stream's filter names: a subset of its list's (text search, accessibility and near are not among them). */
export const STREAM_PARAMS = ['from', 'to', 'bbox', 'discipline', 'audience', 'format', 'free', 'online', 'region', 'hub'] as const;

/** A hub's stream takes every filter of its event list, with the list's meaning. */
export const HUB_STREAM_PARAMS = ['from', 'to', 'bbox', 'near', 'radius', 'q', 'discipline', 'audience', 'format', 'accessibility', 'free', 'online', 'actor', 'campaign'] as const;
