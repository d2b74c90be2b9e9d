import { parse } from 'graphql';
import { buildApiSchema } from '../../src/schema';
import { CompiledOperations } from '../../src/core/graphql/jit-executor';

/*
 * graphql-jit compiles every distinct operation into a function: the cache of compiled operations
 * is an LRU of JIT_CACHE_SIZE entries, so a client sending ever new documents cannot make the
 * server keep ever more code.
 */
describe('the compiled-operation cache', () => {
  it('keeps at most its size, dropping the least recently used, and compiles the same text once', async () => {
    const operations = new CompiledOperations(await buildApiSchema(), 2);
    const doc = (n: number) => ({ hash: `h${n}`, document: parse(`query Q${n} { districts(first: ${n}) { totalCount } }`) });
    const [one, two, three] = [doc(1), doc(2), doc(3)];
    operations.get(one.hash, one.document, null);
    operations.get(two.hash, two.document, null);
    operations.get(one.hash, parse(`query Q1 { districts(first: 1) { totalCount } }`), null); // same text parsed again: no new compilation
    expect(operations.compilations).toBe(2);
    operations.get(three.hash, three.document, null); // evicts two, the least recently used
    expect(operations.size).toBe(2);
    operations.get(one.hash, one.document, null);
    expect(operations.compilations).toBe(3);
    operations.get(two.hash, two.document, null);
    expect(operations.compilations).toBe(4);
    for (let n = 4; n < 1_000; n++) operations.get(`h${n}`, parse(`{ districts(first: ${n % 100}) { totalCount } }`), null);
    expect(operations.size).toBe(2);
  });
});
