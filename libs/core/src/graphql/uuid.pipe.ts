import { PipeTransform } from '@nestjs/common';
import { badInput } from '../errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An ID argument must be a UUID; anything else is BAD_USER_INPUT naming the argument (not a database error). */
export const uuidPipe = (name: string): PipeTransform<unknown, string> => ({
  transform(value: unknown): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw badInput(`${name} must be an id (UUID)`, name);
    return value;
  },
});
