import { accessibilityFlags } from './accessibility.ts';
import { audiences } from './audiences.ts';
import { disciplines } from './disciplines.ts';

/**
 * Multi-valued facets as bit masks over the vocabulary's order, so "any of these
 * disciplines" is one AND on an integer. Hubs and the aggregator index events with the
 * same masks; the order of a vocabulary is therefore part of the contract (append only).
 */
export function maskOf(values: readonly string[] | undefined, vocabulary: readonly string[]): number {
  let mask = 0;
  for (const value of values ?? []) {
    const bit = vocabulary.indexOf(value);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask;
}

export const masks = {
  audiences: (values?: readonly string[]) => maskOf(values, audiences.values),
  disciplines: (values?: readonly string[]) => maskOf(values, disciplines.values),
  accessibility: (values?: readonly string[]) => maskOf(values, accessibilityFlags.values),
};
