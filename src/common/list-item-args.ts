import { FieldNode, GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema, isObjectType } from 'graphql';

/** How arguments are validated: the schema's `validateFn` (src/common/validation.ts createArgumentValidator). */
export type ArgumentValidator = (value: unknown, type: unknown, resolverData?: { info?: GraphQLResolveInfo }) => Promise<void>;

/**
 * A field resolved once per item of a list, with an `@ArgsType` class of scalar and enum fields
 * (no input objects): the class, and the resolver method to call with (item, args instance, context).
 */
export interface ListItemField<A extends object> {
  argsClass: new () => A;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolve: (root: any, args: A, context: any) => unknown;
}

/** Fields by name, whatever their args classes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ListItemFields = Record<string, ListItemField<any>>;

/** A {@link ListItemField}, its args class and method typed together. */
export function listItemField<A extends object>(argsClass: new () => A, resolve: ListItemField<A>['resolve']): ListItemField<A> {
  return { argsClass, resolve };
}

/**
 * Makes each named field of `typeName` convert and validate its arguments once per request and
 * field node, then call its resolver method directly, for fields that a list resolves once per
 * item with the same arguments (`ports { yearToDate(year: 2024, throughMonth: 6) }` asks it 64
 * times).
 *
 * type-graphql's own resolver of such a field rebuilds the `@Args` instance and validates it
 * (asynchronously) on every call, then calls the method. That cost about 0.5 ms of CPU in a
 * 64-port list (in process, A/B measured, 2026-11-29), about a fifth of the whole operation.
 *
 * Here the instance is built as type-graphql builds a flat one (`new ArgsClass()`, then the
 * argument values graphql-js coerced, defaults included), and validated by the same `validate`
 * that type-graphql is given, with the same errors. An argument's value depends only on its field
 * node and the operation's variables, so the result is remembered per (variables object, field
 * node): every item of the list shares one instance (resolvers never modify it), and a failure is
 * the same error for every item, as before. Memory lasts as long as the request's variables
 * object (a WeakMap).
 *
 * Schema building is unchanged (the SDL and descriptions still come from the decorators); only
 * the `resolve` function of each named field is replaced, before the resolvers map is read.
 * @throws Error when the type or a field is missing, or has no resolver to replace.
 */
export function resolveArgsOncePerRequest(
  schema: GraphQLSchema, typeName: string, fields: ListItemFields, validate: ArgumentValidator,
): void {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`resolveArgsOncePerRequest: ${typeName} is not an object type of the schema`);
  for (const [name, spec] of Object.entries(fields)) {
    const field = type.getFields()[name];
    if (!field?.resolve) throw new Error(`resolveArgsOncePerRequest: ${typeName}.${name} is not a resolved field of the schema`);
    const parsed = new WeakMap<object, WeakMap<FieldNode, Promise<object>>>();
    const resolve: GraphQLFieldResolver<unknown, unknown> = (root, args, context, info) => {
      let byNode = parsed.get(info.variableValues);
      if (byNode === undefined) {
        byNode = new WeakMap();
        parsed.set(info.variableValues, byNode);
      }
      let instance = byNode.get(info.fieldNodes[0]);
      if (instance === undefined) {
        const built = Object.assign(new spec.argsClass(), args);
        instance = validate(built, spec.argsClass, { info }).then(() => built);
        byNode.set(info.fieldNodes[0], instance);
      }
      return instance.then((a) => spec.resolve(root, a, context));
    };
    field.resolve = resolve;
  }
}
