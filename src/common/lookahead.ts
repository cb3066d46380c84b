import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * True when the field being resolved selects a direct subfield called `name`, directly or
 * through fragments and inline fragments (e.g. whether a connection asks for `totalCount`).
 * @skip/@include are not evaluated: a conditionally selected field counts as selected.
 */
export function selectsField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined, seen: ReadonlySet<string>): boolean =>
    set?.selections.some((sel) => {
      if (sel.kind === Kind.FIELD) return sel.name.value === name;
      if (sel.kind === Kind.INLINE_FRAGMENT) return visit(sel.selectionSet, seen);
      const fragment = info.fragments[sel.name.value];
      return !!fragment && !seen.has(sel.name.value) && visit(fragment.selectionSet, new Set(seen).add(sel.name.value));
    }) ?? false;
  return info.fieldNodes.some((node) => visit(node.selectionSet, new Set()));
}
