/** Lookahead (src/common/lookahead.ts) and the page columns it decides (figure-connection.resolver.ts), on parsed documents. */
import 'reflect-metadata';
import { FieldNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { selectedFieldNames, SelectionInfo, selectsField } from '../../src/common/lookahead';
import { pageColumnsFor } from '../../src/observations/figure-connection.resolver';

/** The info of the operation's first root field, as graphql-js would give its resolver. */
function infoOf(document: string): SelectionInfo {
  const doc = parse(document);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments };
}

const sorted = (s: Set<string>) => [...s].sort();

describe('selectedFieldNames', () => {
  test('direct subfields, and the fields at a path', () => {
    const info = infoOf('{ c { totalCount edges { cursor node { id value } } } }');
    expect(sorted(selectedFieldNames(info))).toEqual(['edges', 'totalCount']);
    expect(sorted(selectedFieldNames(info, ['edges']))).toEqual(['cursor', 'node']);
    expect(sorted(selectedFieldNames(info, ['edges', 'node']))).toEqual(['id', 'value']);
    expect(sorted(selectedFieldNames(info, ['pageInfo']))).toEqual([]);
  });

  test('names, not aliases, along the path and at its end', () => {
    expect(sorted(selectedFieldNames(infoOf('{ c { e: edges { n: node { x: id y: id } } } }'), ['edges', 'node']))).toEqual(['id']);
  });

  test('through fragments, nested fragments and inline fragments, and every occurrence of a step', () => {
    const info = infoOf(`{ c { ...F edges { node { value } } } }
      fragment F on C { edges { node { ...G period { start } } } }
      fragment G on Figure { ... on Figure { source { id } } }`);
    expect(sorted(selectedFieldNames(info, ['edges', 'node']))).toEqual(['period', 'source', 'value']);
  });

  test('a field under @include(if: false) or @skip still counts (never fewer names than execution resolves)', () => {
    const info = infoOf('{ c { edges { node { id ... on Figure @include(if: false) { note } recordedAt @skip(if: true) } } } }');
    expect(sorted(selectedFieldNames(info, ['edges', 'node']))).toEqual(['id', 'note', 'recordedAt']);
  });

  test('selectsField is the same reading of the direct subfields', () => {
    const info = infoOf('{ c { ... on C { totalCount } } }');
    expect(selectsField(info, 'totalCount')).toBe(true);
    expect(selectsField(info, 'edges')).toBe(false);
  });
});

describe('pageColumnsFor', () => {
  test.each([
    ['{ c { edges { node { id measureCode partnerCode flow unit value period { start end } } } } }', 'core'],
    ['{ c { totalCount pageInfo { endCursor } edges { cursor } } }', 'core'],
    ['{ c { edges { node { __typename subjectCode measure { name } subject { name } partner { name } } } } }', 'core'],
    ['{ c { edges { node { id source { publisher } } } } }', 'all'],
    ['{ c { edges { node { id recordedAt } } } }', 'all'],
    ['{ c { edges { node { value yoyGrowthPct } } } }', 'all'],
    ['{ c { edges { node { ...N } } } } fragment N on Figure { id status }', 'all'],
    ['{ c { edges { node { id note @skip(if: true) } } } }', 'all'],
  ])('%s reads %s columns', (document, columns) => {
    expect(pageColumnsFor(infoOf(document))).toBe(columns);
  });
});
