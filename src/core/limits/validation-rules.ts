import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/*
 * Limits checked by validation, before the request touches the database. Apollo validates a
 * document once and caches it, so these cost nothing on the requests that repeat it.
 *
 * Depth, aliases and directives are graphql-armor's rules; they count through fragment spreads
 * with one count per fragment, so a fragment that doubles at every level is counted in linear
 * time, never expanded. What armor lacks is added here in the same way: the number of fields the
 * operation selects once its fragments are expanded (the size every later stage works on), and
 * at most one `login` per operation.
 */

export interface ValidationLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxFields: number;
}

/** The limit an error names, for clients and tests: `extensions.limit`. */
export type LimitName = 'depth' | 'aliases' | 'directives' | 'fields' | 'cost' | 'login';

function limitError(limit: LimitName, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { limit, ...extra } });
}

/** armor's callbacks report to the validation context; its message says the limit and what was found. */
function armorReporter(limit: LimitName, maximum: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? Number.NaN);
    context?.reportError(
      limitError(limit, error.message.replace(/^Syntax Error: /, ''), { maximum, ...(Number.isFinite(found) ? { found } : {}) }),
    );
  };
}

/**
 * Counts something over an operation's selections with fragments expanded, one computation per
 * fragment (memoized; a cycle counts nothing and is refused by NoFragmentCyclesRule).
 */
function expandedCount(
  context: ValidationContext,
  perSelectionSet: (set: SelectionSetNode, recurse: (set: SelectionSetNode) => number, spread: (name: string) => number) => number,
) {
  const memo = new Map<string, number>();
  const spread = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    memo.set(name, 0);
    const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
    const count = fragment ? recurse(fragment.selectionSet) : 0;
    memo.set(name, count);
    return count;
  };
  const recurse = (set: SelectionSetNode): number => perSelectionSet(set, recurse, spread);
  return recurse;
}

/** Fields selected once fragments are expanded (`{ ...F ...F }` counts F twice): bounds what execution planning expands. */
export function maxFieldsRule(maximum: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const count = expandedCount(context, (set, recurse, spread) => {
      let n = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          // The introspection query is large and the same for everybody; it is priced flat.
          if (s.name.value === '__schema' || s.name.value === '__type') n += 1;
          else n += 1 + (s.selectionSet ? recurse(s.selectionSet) : 0);
        } else if (s.kind === Kind.INLINE_FRAGMENT) n += recurse(s.selectionSet);
        else n += spread(s.name.value);
      }
      return n;
    });
    return {
      OperationDefinition(operation) {
        const found = count(operation.selectionSet);
        if (found > maximum) {
          context.reportError(
            limitError('fields', `Field limit of ${maximum} exceeded, found ${found} once fragments are expanded.`, { maximum, found }),
          );
        }
      },
    };
  };
}

/** `login` at most once per operation, however it is aliased or spread: each sign-in is a request of its own. */
export const oneLoginRule: ValidationRule = (context: ValidationContext): ASTVisitor => {
  const count = expandedCount(context, (set, recurse, spread) => {
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n += s.name.value === 'login' ? 1 : 0;
      else if (s.kind === Kind.INLINE_FRAGMENT) n += recurse(s.selectionSet);
      else n += spread(s.name.value);
    }
    return n;
  });
  return {
    OperationDefinition(operation) {
      if (operation.operation !== 'mutation') return;
      const found = count(operation.selectionSet);
      if (found > 1)
        context.reportError(
          limitError('login', `login may appear once per request, found ${found}; sign in with one request per login.`, {
            maximum: 1,
            found,
          }),
        );
    },
  };
};

/** Every limit checked by validation, for Apollo's `validationRules`. */
export function limitValidationRules(limits: ValidationLimits): ValidationRule[] {
  const armor = (limit: LimitName, n: number) => ({
    n,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [armorReporter(limit, n)],
  });
  return [
    maxDepthRule({ ...armor('depth', limits.maxDepth), flattenFragments: true, ignoreIntrospection: true }),
    // armor leaves aliases of __typename out by default; the fragment bomb is made of exactly those.
    maxAliasesRule({ ...armor('aliases', limits.maxAliases), allowList: [] }),
    maxDirectivesRule(armor('directives', limits.maxDirectives)),
    maxFieldsRule(limits.maxFields),
    oneLoginRule,
  ];
}
