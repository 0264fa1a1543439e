import { readFileSync } from 'node:fs';
import { printClientSchema } from '@mm/graphql-kit';
import { buildClientSchema, buildSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composedSchemaText, SCHEMA_FILE } from '../../scripts/print-schema.ts';
import { type Stack, startStack } from '../harness/index.ts';

const committed = readFileSync(SCHEMA_FILE, 'utf8');

describe('schema/schema.graphql', () => {
  // CI's drift check: fails whenever a *.schema.graphql changes without `npm run schema:print`.
  it('is what the code composes (run `npm run schema:print` and commit when this fails)', () => {
    expect(composedSchemaText()).toBe(committed);
  });

  describe('against the running gateway', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack();
    });
    afterAll(() => stack.close());

    it('is exactly the schema the gateway serves (introspected, compared the same way)', async () => {
      const res = await stack.gql<IntrospectionQuery>(getIntrospectionQuery({ descriptions: true }));
      expect(res.errors).toBeUndefined();
      const served = printClientSchema(buildClientSchema(res.data!));
      expect(served).toBe(printClientSchema(buildSchema(committed)));
      expect(served).toContain('type Booking');
    });
  });
});
