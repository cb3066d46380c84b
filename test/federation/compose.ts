/**
 * Composition helpers for the federation tests: compose subgraphs with @apollo/composition and
 * split the hints into those known to be harmless and those that point to real mistakes.
 */
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';

type CompositionHint = NonNullable<ReturnType<typeof composeServices>['hints']>[number];

/** A subgraph to compose: its name, SDL and routing URL. */
export interface SubgraphDef {
  name: string;
  sdl: string;
  url: string;
}

/**
 * Hints that are expected and harmless, with the reason. Every other hint fails the tests:
 * it points to a real mistake (a type or argument that differs between subgraphs, an entity
 * not declared as such everywhere, a field or enum value one subgraph lacks, ...).
 */
export const HARMLESS_HINTS: Readonly<Record<string, string>> = {
  INCONSISTENT_DESCRIPTION: 'Landports documents its fields; the small test subgraphs describe shared fields differently or not at all',
};

/** The result of a successful composition. */
export interface Composed {
  supergraphSdl: string;
  /** Hints not in HARMLESS_HINTS, as "CODE: message". */
  realHints: string[];
  /** Every hint, as "CODE: message". */
  hints: string[];
}

/** Runs @apollo/composition over the subgraphs. */
function composeDefs(subgraphs: SubgraphDef[]) {
  return composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
}

/** Composes the subgraphs; throws with every error message when composition fails. */
export function compose(subgraphs: SubgraphDef[]): Composed {
  const result = composeDefs(subgraphs);
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('\n')}`);
  const text = (h: CompositionHint) => `${h.definition.code}: ${h.message}`;
  return {
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map(text),
    realHints: result.hints.filter((h) => !(h.definition.code in HARMLESS_HINTS)).map(text),
  };
}

/** The error codes of a failed composition (empty when it succeeds). */
export function compositionErrors(subgraphs: SubgraphDef[]): string[] {
  const result = composeDefs(subgraphs);
  return (result.errors ?? []).map((e) => String(e.extensions?.code));
}
