import { ArgsType, Field, Int, registerEnumType } from 'type-graphql';
import { BadUserInputError } from '../errors/errors';
import { decodeCursor } from './cursor';

export const MAX_PAGE_SIZE = 100;

/** Which rows a list shows: archived rows leave default lists but can be listed on request. */
export enum ArchivedFilter {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
  ALL = 'ALL',
}
registerEnumType(ArchivedFilter, {
  name: 'ArchivedFilter',
  description: 'ACTIVE (default): not archived. ARCHIVED: only archived. ALL: both.',
  valuesConfig: {
    ACTIVE: { description: 'Rows not archived (the default).' },
    ARCHIVED: { description: 'Archived rows only.' },
    ALL: { description: 'Archived and not archived rows.' },
  },
});

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Rows after \`after\`, at most ${MAX_PAGE_SIZE}. Without first or last, the first ${MAX_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "A cursor (`endCursor` or an edge's `cursor`): the page starts after that row." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Rows before \`before\`, at most ${MAX_PAGE_SIZE}.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "A cursor (`startCursor` or an edge's `cursor`): the page ends before that row." })
  before?: string | null;
}

@ArgsType()
export class ArchivablePageArgs extends PageArgs {
  @Field(() => ArchivedFilter, {
    defaultValue: ArchivedFilter.ACTIVE,
    description: 'Which rows to list: not archived (default), archived, or both.',
  })
  archived: ArchivedFilter = ArchivedFilter.ACTIVE;
}

/** A validated page request: `limit` rows after/before a primary key, in ascending or descending order. */
export interface PageRequest {
  limit: number;
  afterPk?: number;
  beforePk?: number;
  backward: boolean;
  /** A stable string for loader keys: equal requests share one batch. */
  key: string;
}

function size(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`${name} must be between 0 and ${MAX_PAGE_SIZE}`, { argument: name });
  }
  return value;
}

export function pageRequest(args: PageArgs, maxKey?: number): PageRequest {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw new BadUserInputError('Give first or last, not both', { argument: 'first' });
  const afterPk = after != null ? decodeCursor(after, 'after', maxKey) : undefined;
  const beforePk = before != null ? decodeCursor(before, 'before', maxKey) : undefined;
  const backward = last != null;
  const limit = backward ? size(last, 'last') : first != null ? size(first, 'first') : MAX_PAGE_SIZE;
  return { limit, afterPk, beforePk, backward, key: `${backward ? 'L' : 'F'}${limit}:${afterPk ?? ''}:${beforePk ?? ''}` };
}
