import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { badInput } from '../errors/app-error';

function firstProblem(errors: ValidationError[], prefix = ''): { field: string; message: string } {
  const e = errors[0];
  const field = prefix ? `${prefix}.${e.property}` : e.property;
  if (e.constraints) return { field, message: Object.values(e.constraints)[0] };
  return firstProblem(e.children ?? [], field);
}

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * The path of the first string holding a NUL character, in argument values (plain objects and
 * arrays as GraphQL coerces them). PostgreSQL text cannot store NUL: unchecked, it reached the
 * database as an internal error.
 */
export function findNulCharacter(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = findNulCharacter(value[i], `${path}[${i}]`, depth + 1);
      if (at) return at;
    }
    return null;
  }
  if (!isPlain(value)) return null;
  for (const [key, v] of Object.entries(value)) {
    const at = findNulCharacter(v, path ? `${path}.${key}` : key, depth + 1);
    if (at) return at;
  }
  return null;
}

/** GraphQL parameter kinds (@nestjs/graphql's GqlParamtype): only ARGS come from the client. */
const GQL_ARGS = 3;
const fromClient = (metadata: ArgumentMetadata) => {
  const type = metadata.type as ArgumentMetadata['type'] | number;
  return typeof type === 'number' ? type === GQL_ARGS : type !== 'custom';
};

/**
 * Validates what the client sent: GraphQL arguments and HTTP body, query and route parameters.
 * Everything else (a field resolver's `@Parent()`, the context, info) is the server's own data:
 * left as it is, which also spares a class-transformer copy per resolved field.
 */
class InputValidationPipe extends ValidationPipe {
  protected toValidate(metadata: ArgumentMetadata): boolean {
    if (!fromClient(metadata)) return false;
    return super.toValidate(metadata);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (fromClient(metadata)) {
      const at = findNulCharacter(value, metadata.data ?? '');
      if (at) throw badInput(`Invalid ${at}: text must not contain NUL characters`, at);
    }
    return super.transform(value, metadata);
  }
}

/**
 * class-validator on every input; the first problem becomes a BAD_USER_INPUT error naming the
 * field. Text holding NUL characters is refused first, wherever it is.
 */
export const validationPipe = new InputValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: false,
  exceptionFactory: (errors) => {
    const { field, message } = firstProblem(errors);
    return badInput(`Invalid ${field}: ${message}`, field);
  },
});
