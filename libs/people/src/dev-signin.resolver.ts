import { Inject } from '@nestjs/common';
import { Args, Context, Field, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, forbidden, GraphQLContext, InjectSystemDataSource, notFound, Public, Role, TenantContext, TokenService } from '@waypoint/core';
import { DataSource } from 'typeorm';
import { Employee } from './employee.entity';

@ObjectType()
export class SignInPayload {
  @Field() token: string;
  @Field(() => Employee) employee: Employee;
}

@ObjectType()
export class DevUser {
  @Field() email: string;
  @Field() fullName: string;
  @Field() title: string;
  @Field({ description: 'ORG_ADMIN, HR_ADMIN, MANAGER or EMPLOYEE: what to try this account as' }) persona: string;
}

/**
 * Development-only sign-in: mints a token for a seeded user by email. Refused unless
 * DEV_SIGNIN_ENABLED=true, which configuration refuses in production. A named system use of the
 * admin connection (libs/core/README.md, Tenancy): the caller has no organization yet, and an
 * organization is named by its slug.
 */
@Resolver()
export class DevSignInResolver {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    @InjectSystemDataSource() private readonly system: DataSource,
    private readonly tokens: TokenService,
  ) {}

  private assertEnabled(): void {
    if (!this.config.devSignInEnabled) throw forbidden('Development sign-in is disabled (DEV_SIGNIN_ENABLED is not true)');
  }

  @Public()
  @Mutation(() => SignInPayload, { description: 'Development only: sign in as a seeded user' })
  async devSignIn(
    @Args('email') email: string,
    @Args('organization', { defaultValue: 'demo', description: 'Organization slug' }) organization: string,
    @Context() ctx: GraphQLContext,
  ): Promise<SignInPayload> {
    this.assertEnabled();
    const [found]: { id: string; organization_id: string }[] = await this.system.query(
      `SELECT e.id, e.organization_id FROM employee e JOIN organization o ON o.id = e.organization_id
        WHERE o.slug = $1 AND e.email = $2 AND e.active`,
      [organization, email.toLowerCase().trim()],
    );
    if (!found) throw notFound('Active employee with that email');
    // From here on the request acts for the user who just signed in: the employee is read, and
    // its fields resolve, under row-level security bound to their organization.
    TenantContext.bind(found.organization_id);
    const employee = await this.db.getRepository(Employee).findOneBy({ id: found.id, organizationId: found.organization_id });
    if (!employee) throw notFound('Active employee with that email');
    const claims = { employeeId: employee.id, organizationId: employee.organizationId, roles: employee.roles };
    const token = await this.tokens.sign(claims);
    ctx.req.caller = claims;
    return { token, employee };
  }

  @Public()
  @Query(() => [DevUser], { description: 'Development only: demo accounts to sign in as, one or more per persona' })
  async devUsers(@Args('organization', { defaultValue: 'demo' }) organization: string): Promise<DevUser[]> {
    this.assertEnabled();
    const rows: { email: string; full_name: string; title: string; roles: Role[]; reports: number }[] = await this.system.query(
      `SELECT e.email, e.full_name, e.title, e.roles,
              (SELECT count(*)::int FROM employee r WHERE r.manager_id = e.id AND r.active) AS reports
         FROM employee e JOIN organization o ON o.id = e.organization_id
        WHERE o.slug = $1 AND e.active
        ORDER BY (e.roles @> '{ORG_ADMIN}') DESC, (e.roles @> '{HR_ADMIN}') DESC, e.created_at, e.email
        LIMIT 200`,
      [organization],
    );
    const persona = (r: (typeof rows)[number]) =>
      r.roles.includes(Role.ORG_ADMIN) ? 'ORG_ADMIN' : r.roles.includes(Role.HR_ADMIN) ? 'HR_ADMIN' : r.reports > 0 ? 'MANAGER' : 'EMPLOYEE';
    const picked = new Map<string, number>();
    const out: DevUser[] = [];
    for (const r of rows) {
      const p = persona(r);
      if ((picked.get(p) ?? 0) >= 3) continue;
      picked.set(p, (picked.get(p) ?? 0) + 1);
      out.push({ email: r.email, fullName: r.full_name, title: r.title, persona: p });
    }
    return out;
  }
}
