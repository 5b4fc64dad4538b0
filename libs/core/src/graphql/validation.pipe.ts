import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { badInput } from '../errors/app-error';

function firstProblem(errors: ValidationError[], prefix = ''): { field: string; message: string } {
  const e = errors[0];
  const field = prefix ? `${prefix}.${e.property}` : e.property;
  if (e.constraints) return { field, message: Object.values(e.constraints)[0] };
  return firstProblem(e.children ?? [], field);
}

/** GraphQL parameter kinds (@nestjs/graphql's GqlParamtype): only ARGS come from the client. */
const GQL_ARGS = 3;

/**
 * Validates what the client sent: GraphQL arguments and HTTP body, query and route parameters.
 * Everything else (a field resolver's `@Parent()`, the context, info) is the server's own data:
 * left as it is, which also spares a class-transformer copy per resolved field.
 */
class InputValidationPipe extends ValidationPipe {
  protected toValidate(metadata: ArgumentMetadata): boolean {
    const type = metadata.type as ArgumentMetadata['type'] | number;
    if (typeof type === 'number' && type !== GQL_ARGS) return false;
    return super.toValidate(metadata);
  }
}

/** class-validator on every input; the first problem becomes a BAD_USER_INPUT error naming the field. */
export const validationPipe = new InputValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: false,
  exceptionFactory: (errors) => {
    const { field, message } = firstProblem(errors);
    return badInput(`Invalid ${field}: ${message}`, field);
  },
});
