import { ValidationError, ValidationPipe } from '@nestjs/common';
import { badInput } from '../errors/app-error';

function firstProblem(errors: ValidationError[], prefix = ''): { field: string; message: string } {
  const e = errors[0];
  const field = prefix ? `${prefix}.${e.property}` : e.property;
  if (e.constraints) return { field, message: Object.values(e.constraints)[0] };
  return firstProblem(e.children ?? [], field);
}

/** class-validator on every input; the first problem becomes a BAD_USER_INPUT error naming the field. */
export const validationPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: false,
  exceptionFactory: (errors) => {
    const { field, message } = firstProblem(errors);
    return badInput(`Invalid ${field}: ${message}`, field);
  },
});
