import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { startTestPlatform, TestPlatform } from '@waypoint/testing';

const SCHEMA_FILE = join(__dirname, '..', 'schema.gql');
const HEADER = '# Generated from the code-first resolvers by `npm run schema:print`. Do not edit: commit it with the change that alters it.\n\n';

/** schema.gql is committed so every schema change is reviewed; this test fails when it is stale. */
describe('schema.gql', () => {
  let p: TestPlatform;
  beforeAll(async () => (p = await startTestPlatform({ worker: false })));
  afterAll(() => p?.close());

  it('matches the schema the API serves', () => {
    const printed = HEADER + printSchema(lexicographicSortSchema(p.api.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed).toBe(printed);
  });
});
