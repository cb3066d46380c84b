import { ValidationError, validateOrReject, ValidatorOptions } from 'class-validator';
import { getNamedType, GraphQLResolveInfo, isInputObjectType } from 'graphql';
import { isDeepStrictEqual } from 'node:util';
import { BadInputError } from '../errors';

/** class-validator options of every argument and input (type-graphql's own defaults, made explicit). */
export const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };

/** How many distinct valid argument values are remembered (per process) before the memory is cleared. */
export const VALID_ARGS_REMEMBERED = 2000;

/**
 * The `validateFn` of the schema: validates an argument object (an `@Args` class or an input
 * class, after type-graphql turned it into an instance) with class-validator, exactly as
 * type-graphql's `validate` option would, and remembers the values that passed.
 *
 * Validation is a pure function of the class and the value, and a list resolves the same field
 * with the same arguments once per item (`ports { yearToDate(year: 2024, throughMonth: 6) }` asks
 * it 64 times): the first call validates, the others find the value remembered. Failures are never
 * remembered; they throw a BadInputError (BAD_USER_INPUT) naming the first argument that failed
 * (a dotted path into an input object, `filter.period`) and why, in class-validator's words.
 * @param value the argument's value (scalars and null are not validated, as in type-graphql)
 * @param type the argument's class (its name keys the memory)
 */
export function createArgumentValidator(
  options: ValidatorOptions = VALIDATOR_OPTIONS,
  remembered = VALID_ARGS_REMEMBERED,
): (value: unknown, type: unknown, resolverData?: { info?: GraphQLResolveInfo; args?: Record<string, unknown> }) => Promise<void> {
  let valid = new Set<string>();
  const check = (item: unknown): Promise<void> | undefined => {
    if (item === null || typeof item !== 'object') return undefined;
    const key = `${(item as object).constructor?.name}:${JSON.stringify(item)}`;
    if (valid.has(key)) return undefined;
    return validateOrReject(item as object, options).then(() => {
      if (valid.size >= remembered) valid = new Set();
      valid.add(key);
    });
  };
  return async (value, type, resolverData?: { info?: GraphQLResolveInfo; args?: Record<string, unknown> }) => {
    try {
      if (Array.isArray(value)) await Promise.all(value.map(check));
      else await check(value);
    } catch (err) {
      throw badInputOf(err as ValidationError[], inputArgumentName(type, resolverData?.info, value, resolverData?.args));
    }
  };
}

/** Each failed property of class-validator's errors, by dotted path (`filter.period`), with its messages. */
function failuresOf(errors: readonly ValidationError[], prefix = ''): { argument: string; reasons: string[] }[] {
  return errors.flatMap((e) => {
    const argument = `${prefix}${e.property}`;
    const own = e.constraints ? [{ argument, reasons: Object.values(e.constraints) }] : [];
    return [...own, ...failuresOf(e.children ?? [], `${argument}.`)];
  });
}

/**
 * The BadInputError of failed argument validation: named after the first failed argument (its
 * value and the rest of the arguments are not echoed), every failure listed in
 * `extensions.invalid` as `{ argument, reasons }`.
 */
function badInputOf(errors: ValidationError[], argument: string | null): BadInputError {
  const failures = failuresOf(Array.isArray(errors) ? errors : [], argument ? `${argument}.` : '');
  if (failures.length === 0) return new BadInputError('(arguments)', 'invalid');
  const error = new BadInputError(failures[0].argument, failures.map((f, i) => (i === 0 ? '' : `argument "${f.argument}": `) + f.reasons.join('; ')).join('; '));
  (error.extensions as Record<string, unknown>).invalid = failures;
  return error;
}

/**
 * The name of the field argument that holds a value of input class `type` (`filter` for a
 * FigureFilter), so that a failure inside it is named `filter.from`; null for an `@ArgsType`
 * class (whose properties are the arguments themselves) or when it cannot be told. Where several
 * arguments have that class (`share(part:, whole:)`), the one whose value equals `value` in JSON
 * (the first such when both do).
 */
function inputArgumentName(type: unknown, info: GraphQLResolveInfo | undefined, value?: unknown, values?: Record<string, unknown>): string | null {
  if (!info || typeof type !== 'function') return null;
  const args = info.parentType.getFields()[info.fieldName]?.args ?? [];
  const inputs = args.filter((a) => isInputObjectType(getNamedType(a.type)));
  // Input classes are named in the schema after their class (an @ArgsType class names no type).
  const named = inputs.filter((a) => getNamedType(a.type).name === type.name);
  if (named.length === 1) return named[0].name;
  if (values === undefined) return null;
  const json = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as unknown;
  const mine = json(value);
  return named.find((a) => isDeepStrictEqual(json(values[a.name]), mine))?.name ?? null;
}
