import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/** What the lookahead functions read of a resolver's info. */
export type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/**
 * The names (not aliases) of the fields selected at `path` below the field being resolved,
 * through fragments and inline fragments: `[]` gives its direct subfields, `['edges', 'node']`
 * the fields of a connection's nodes (`{ edges { node { id value } } }` gives {id, value}).
 * Every occurrence of each path step counts (aliases, repeated fields, several field nodes).
 * @skip/@include are not evaluated: a conditionally selected field counts as selected, so the
 * answer may hold more names than execution resolves, never fewer.
 */
export function selectedFieldNames(info: SelectionInfo, path: readonly string[] = []): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, depth: number, seen: ReadonlySet<string>): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        if (depth === path.length) names.add(sel.name.value);
        else if (sel.name.value === path[depth]) visit(sel.selectionSet, depth + 1, new Set());
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        visit(sel.selectionSet, depth, seen);
      } else {
        const fragment = info.fragments[sel.name.value];
        if (fragment && !seen.has(sel.name.value)) visit(fragment.selectionSet, depth, new Set(seen).add(sel.name.value));
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, 0, new Set());
  return names;
}

/**
 * True when the field being resolved selects a direct subfield called `name`, directly or
 * through fragments and inline fragments (e.g. whether a connection asks for `totalCount`).
 * @skip/@include are not evaluated: a conditionally selected field counts as selected.
 */
export function selectsField(info: SelectionInfo, name: string): boolean {
  return selectedFieldNames(info).has(name);
}
