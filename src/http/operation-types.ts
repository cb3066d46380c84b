import { GraphQLError, ValidationRule } from 'graphql';

/**
 * Validation rule refusing an operation of a kind the schema has no root type for (Landports has
 * no Subscription type). graphql-js 16 validates none of this, and its executor then throws
 * "Schema is not configured to execute subscription operation", which reached clients as an
 * internal error; refused here, it is a 400 GRAPHQL_VALIDATION_FAILED before anything runs.
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`This API has no ${node.operation} operations (only queries and mutations)`, { nodes: node }));
    }
  },
});
