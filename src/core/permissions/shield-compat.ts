import util from 'node:util';

/*
 * graphql-shield 7.6.5, its last release, calls `util.isUndefined` when it evaluates `chain` and
 * `race` rules; Node 23 removed that long-deprecated function, so on Node 24 every chained rule
 * threw (an internal error, never a wrong answer). Giving the function back keeps the library's
 * behaviour on every Node version the project supports. Remove when graphql-shield is replaced.
 */
const legacy = util as unknown as { isUndefined?: (value: unknown) => boolean };
legacy.isUndefined ??= (value: unknown): boolean => value === undefined;
