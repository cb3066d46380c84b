import { validateOrReject, ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

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
 * remembered; they throw type-graphql's ArgumentValidationError (mapped to BAD_USER_INPUT naming
 * the argument by src/errors.ts), as type-graphql's own path does.
 * @param value the argument's value (scalars and null are not validated, as in type-graphql)
 * @param type the argument's class (its name keys the memory)
 */
export function createArgumentValidator(options: ValidatorOptions = VALIDATOR_OPTIONS, remembered = VALID_ARGS_REMEMBERED): (value: unknown, type: unknown) => Promise<void> {
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
  return async (value) => {
    try {
      if (Array.isArray(value)) await Promise.all(value.map(check));
      else await check(value);
    } catch (err) {
      throw new ArgumentValidationError(err as ConstructorParameters<typeof ArgumentValidationError>[0]);
    }
  };
}
