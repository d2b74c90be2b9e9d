/*
 * Text that is not well-formed Unicode: a lone UTF-16 surrogate, which JSON can carry ("\ud800") and
 * JavaScript strings can hold, but no UTF-8 text can. PostgreSQL refuses it wherever it lands (a
 * jsonb audit entry, a text column), so it surfaced as an internal error after the mutation had run
 * its checks; it is the client's mistake, and said so before anything runs. GraphQL string literals
 * cannot hold one (graphql-js refuses the escape), so only variables are looked at.
 */

// With the u flag a lone surrogate is a code point of its own, in the category Cs; a pair is one
// astral code point, outside it.
const LONE_SURROGATE = /\p{Cs}/u;

/** The path of the first string in `value` holding a lone surrogate (e.g. "$input.name"), or undefined. */
export function malformedTextAt(value: unknown, path = '$'): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = malformedTextAt(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = malformedTextAt(item, path === '$' ? `$${key}` : `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}
