import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, DocumentNode, FragmentDefinitionNode, Kind, Lexer, parse, print, Source, TokenKind, validate, visit } from 'graphql';
import { loadConfig } from '../../config/config';
import { documentCounts, fragmentsOf, operationDepth } from './analysis';
import { costLimitRule, costOf, documentLimitsRule } from './rules';

const root = join(__dirname, '../../../../..');
const schema = buildSchema(readFileSync(join(root, 'schema.gql'), 'utf8'));
const defaults = loadConfig({ DATABASE_URL: 'postgres://localhost/x', REDIS_URL: 'redis://localhost:6379' }).graphql;
const cost = (q: string, variables?: Record<string, unknown>) => costOf(schema, parse(q), variables);
const depth = (q: string) => {
  const doc = parse(q);
  return operationDepth(doc.definitions[0] as never, fragmentsOf(doc));
};

describe('query cost', () => {
  it('counts 1 per field; __typename is free', () => {
    expect(cost('{ me { id fullName __typename } }')).toBe(3);
  });

  it('multiplies a connection by its page size, and not its edges again; a plain list by the default page size', () => {
    // employees: 1 + 10 × (totalCount 1 + edges (1 + node (1 + id 1 + reports (1 + 20 × id 1))))
    expect(cost('{ employees(first: 10) { totalCount edges { node { id reports { id } } } } }')).toBe(1 + 10 * (1 + 1 + 1 + 1 + 21));
  });

  it('reads the page size from a variable, the variable default, or the argument default, and caps it at the largest page', () => {
    const q = 'query($n: Int = 7) { employees(first: $n) { totalCount } }';
    expect(cost(q, { n: 5 })).toBe(6);
    expect(cost(q)).toBe(8);
    expect(cost('{ employees { totalCount } }')).toBe(21);
    expect(cost('{ employees(first: 100000) { totalCount } }')).toBe(101);
  });

  it('leaves out what @skip / @include leave out', () => {
    expect(cost('query($s: Boolean!) { me { id reports @skip(if: $s) { id } } }', { s: true })).toBe(2);
    expect(cost('query($s: Boolean!) { me { id reports @skip(if: $s) { id } } }', { s: false })).toBe(23);
  });

  it('measures fragments once: a fan-out of 2^30 spreads is measured at once and priced accordingly', () => {
    const n = 30;
    const fragments = Array.from({ length: n }, (_, i) => `fragment F${i} on Employee { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const q = `{ me { ...F0 } }\n${fragments}\nfragment F${n} on Employee { id }`;
    const started = Date.now();
    expect(cost(q)).toBe(1 + 2 ** n);
    expect(depth(q)).toBe(1);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('survives fragment cycles and unknown fragments (graphql-js reports them)', () => {
    const cyclic = '{ me { ...A } } fragment A on Employee { manager { ...A } id }';
    expect(cost(cyclic)).toBeGreaterThan(0);
    expect(depth(cyclic)).toBeGreaterThan(0);
    expect(cost('{ me { ...Missing } }')).toBe(1);
    const direct = parse('{ ...B } fragment B on Query { ...B }');
    expect(() => validate(schema, direct, [documentLimitsRule(defaults), costLimitRule(defaults.maxCost)])).not.toThrow();
  });

  it('counts depth as graphql-depth-limit did', () => {
    expect(depth('{ me { id } }')).toBe(1);
    expect(depth('{ me { manager { id } } }')).toBe(2);
    expect(depth('{ me { __typename } }')).toBe(0);
  });

  it('counts aliases, directives, operations and fragments as written', () => {
    const doc = parse('query A { a: me { id } b: me { id @include(if: true) } } query B { me { ...F } } fragment F on Employee { id }');
    expect(documentCounts(doc)).toEqual({ operations: 2, fragments: 1, aliases: 2, directives: 1 });
  });

  it('refuses through validation rules with codes that name the limit', () => {
    const errors = validate(schema, parse('{ a: me { id } b: me { id } c: me { id } }'), [
      documentLimitsRule({ ...defaults, maxAliases: 2 }),
      costLimitRule(5),
    ]);
    expect(errors.map((e) => [e.extensions.code, e.extensions.limit])).toEqual([
      ['TOO_MANY_ALIASES', 2],
      ['QUERY_TOO_COMPLEX', 5],
    ]);
    expect(errors[1].message).toMatch(/costs 6, above the limit of 5/);
  });
});

describe('the web client against the default limits', () => {
  const dir = join(root, 'apps/web/src/graphql');
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
  const docs = files.map((f) => parse(readFileSync(join(dir, f), 'utf8')));
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of docs) for (const def of d.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

  // Each operation as Apollo Client sends it: the operation and the fragments it uses.
  const operations = docs.flatMap((d) =>
    d.definitions.flatMap((def) => {
      if (def.kind !== Kind.OPERATION_DEFINITION) return [];
      const used = new Set<string>();
      const collect = (node: FragmentDefinitionNode | typeof def) =>
        visit(node, {
          FragmentSpread(s) {
            if (used.has(s.name.value)) return;
            used.add(s.name.value);
            collect(fragments.get(s.name.value)!);
          },
        });
      collect(def);
      const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [def, ...[...used].map((n) => fragments.get(n)!)] };
      const text = print(document);
      const lexer = new Lexer(new Source(text));
      let tokens = 0;
      while (lexer.advance().kind !== TokenKind.EOF) tokens++;
      return [{ name: def.name?.value ?? '(anonymous)', document, text, tokens, cost: costOf(schema, document) }];
    }),
  );

  it('has operations to check', () => expect(operations.length).toBeGreaterThan(50));

  it('every operation passes every limit with room to spare (figures in the README)', () => {
    const heaviest = [...operations].sort((a, b) => b.cost - a.cost).slice(0, 5);
    process.stdout.write(`Heaviest web operations (cost): ${heaviest.map((o) => `${o.name} ${o.cost}`).join(', ')}\n`);
    for (const op of operations) {
      const errors = validate(schema, op.document, [documentLimitsRule(defaults), costLimitRule(defaults.maxCost)]);
      expect({ name: op.name, errors: errors.map((e) => e.message) }).toEqual({ name: op.name, errors: [] });
      expect(op.cost * 2).toBeLessThanOrEqual(defaults.maxCost);
      expect(Buffer.byteLength(op.text) * 8).toBeLessThanOrEqual(defaults.maxDocumentBytes);
      expect(op.tokens * 8).toBeLessThanOrEqual(defaults.maxTokens);
    }
  });
});
