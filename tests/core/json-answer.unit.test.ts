import { claimAnswer, encodeJsonAnswer, heldAnswers, holdAnswer } from '../../src/core/http/json-answer';

/** What Apollo itself would send for `value`. */
const apollo = (value: unknown) => Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');

/** A wide answer like Q2's: buildings → households → persons, Chinese names, thousands of rows. */
function wideAnswer(buildings: number, households: number, persons: number) {
  const names = ['张伟', '王芳', '李娜', '刘洋', 'Zoë', '😀'];
  let n = 0;
  return {
    data: {
      node: {
        id: 'Q29tcG91bmQ6MQ',
        name: '幸福小区',
        buildings: {
          nodes: Array.from({ length: buildings }, (_b, b) => ({
            id: `b${b}`,
            name: `${b + 1}号楼`,
            households: {
              nodes: Array.from({ length: households }, (_h, h) => ({
                id: `h${b}.${h}`,
                doorNo: `${h + 1}01室`,
                areaSqm: 88.5 + h,
                persons: {
                  nodes: Array.from({ length: persons }, () => ({
                    id: `p${n}`,
                    name: names[n++ % names.length],
                    gender: n % 2 ? 'MALE' : null,
                    birthYear: 1950 + (n % 60),
                    isPartyMember: n % 3 === 0,
                  })),
                },
              })),
            },
          })),
        },
      },
    },
  };
}

describe("a GraphQL answer encoded in pieces is Apollo's own bytes", () => {
  it.each([
    ['a wide answer of groups', wideAnswer(8, 50, 2)],
    ['one huge building (a list of one)', wideAnswer(1, 600, 3)],
    ['elements larger than a piece', wideAnswer(3, 400, 4)],
    ['an empty list and an empty object', { data: { a: [], b: {}, c: { nodes: [] } } }],
    ['errors beside data', { errors: [{ message: 'nope', path: ['a', 0, 'b'], extensions: { code: 'FORBIDDEN' } }], data: null }],
  ])('%s', (_name, value) => {
    expect(encodeJsonAnswer(value).equals(apollo(value))).toBe(true);
  });

  it('keeps what JSON.stringify does with odd values', () => {
    const inner = Array.from({ length: 3000 }, (_v, i) => (i % 7 === 0 ? undefined : i % 11 === 0 ? () => 1 : { i, s: '引号"\\\n\u2028' }));
    const odd = {
      dropped: undefined,
      fn: () => 1,
      [Symbol('s')]: 1,
      date: new Date(Date.UTC(2026, 11, 3)),
      boxed: new String('盒'),
      nan: Number.NaN,
      inf: -Infinity,
      nullProto: Object.assign(Object.create(null) as object, { b: 1, a: [1, 2] }),
      withToJSON: { toJSON: () => ({ replaced: true }) },
      toNothing: { toJSON: () => undefined },
      listOfNothing: [{ toJSON: () => undefined }, 1, { toJSON: () => undefined }],
      numericKeys: { b: 1, 2: 'two', 1: 'one', a: 0 },
      big: inner,
      nested: [[inner, inner], [], [[[]]]],
      lone: [{ only: Array.from({ length: 5000 }, (_v, i) => `第${i}`) }],
      sparse: [1, , 3], // eslint-disable-line no-sparse-arrays
      // The first element says small, a later one is not.
      skewed: [{ x: 1 }, { x: 2 }, { big: inner }, [inner, inner]],
      skewedLarge: [{ big: inner.slice(0, 2000) }, { big: inner }, [inner, [inner, inner]], undefined],
    };
    expect(encodeJsonAnswer(odd).toString('utf8')).toBe(`${JSON.stringify(odd)}\n`);
  });

  it('gives the same bytes for 300 random answers of every shape and size', () => {
    // A fixed seed: the same shapes every run.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const texts = ['', 'a', '张三', '"quoted"\\', '\u2028\u0007', '😀x', '1号楼2单元'];
    const make = (depth: number): unknown => {
      const pick = random();
      if (depth > 3 || pick < 0.3) {
        const leaves = [null, true, 12.5, -3, texts[Math.floor(random() * texts.length)], undefined];
        return leaves[Math.floor(random() * leaves.length)];
      }
      // Wide lists sometimes, so that answers range from a few bytes to a few hundred KB.
      const width = Math.floor(random() ** 3 * (depth === 1 ? 600 : 12));
      if (pick < 0.65) return Array.from({ length: width }, () => make(depth + 1));
      const record: Record<string, unknown> = {};
      for (let i = 0; i < Math.min(width, 12); i++) record[texts[i % texts.length] + String(i)] = make(depth + 1);
      return record;
    };
    for (let i = 0; i < 300; i++) {
      const value = { data: make(0) };
      expect(encodeJsonAnswer(value).toString('utf8')).toBe(`${JSON.stringify(value)}\n`);
    }
  });

  it('holds an answer under a token until it is claimed once', () => {
    const before = heldAnswers();
    const value = { data: { x: 1 } };
    const token = holdAnswer(value);
    expect(token.startsWith('\u0000')).toBe(true);
    expect(heldAnswers()).toBe(before + 1);
    expect(claimAnswer({ kind: 'complete', string: token })).toEqual({ value });
    expect(claimAnswer({ kind: 'complete', string: token })).toBeUndefined();
    expect(heldAnswers()).toBe(before);
    // A body Apollo wrote itself (JSON text) is left as it is.
    expect(claimAnswer({ kind: 'complete', string: '{"errors":[]}\n' })).toBeUndefined();
  });
});
