import type { GraphQLLimits } from '../../config/config';
import { protectionsPlugin } from './plugin';
import { documentLimitsRule } from './rules';

export * from './analysis';
export * from './http';
export * from './plugin';
export * from './rules';
export * from './subscriptions';

/**
 * Apollo options for the GraphQL protections: the document limits as validation rules, the cost
 * limit and status codes as a plugin, the parser's token limit, and no schema hints ("Did you
 * mean …") in errors when `hideSchemaDetails`. Spread into the GraphQL module options.
 */
export function graphqlProtections(limits: GraphQLLimits & { hideSchemaDetails: boolean }) {
  return {
    validationRules: [documentLimitsRule(limits)],
    plugins: [protectionsPlugin(limits)],
    parseOptions: { maxTokens: limits.maxTokens },
    hideSchemaDetailsFromClientErrors: limits.hideSchemaDetails,
  };
}
