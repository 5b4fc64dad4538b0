import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Caller, Role } from '../tenancy/caller';

export const PUBLIC_KEY = 'waypoint:public';
export const ROLES_KEY = 'waypoint:roles';

/** No token needed (development sign-in, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** The caller needs at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export function requestOf(context: ExecutionContext): { headers: Record<string, string | string[] | undefined>; caller?: Caller } {
  if (context.getType<string>() === 'graphql') {
    const ctx = GqlExecutionContext.create(context).getContext();
    return ctx.req ?? ctx.extra?.request ?? ctx;
  }
  return context.switchToHttp().getRequest();
}

/** The signed-in caller (organization, employee, roles). */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = requestOf(context).caller;
  if (!caller) throw new Error('CurrentUser used on a public operation');
  return caller;
});
