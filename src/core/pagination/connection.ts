import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { encodeCursor } from './cursor';

export interface Page<R> {
  rows: R[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'Where a page sits in its list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'More rows follow this page: ask again with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field({ description: 'Rows come before this page: ask again with `before: startCursor` and `last`.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first row of this page; null for an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'The cursor of the last row of this page; null for an empty page.' })
  endCursor!: string | null;
}

/**
 * A Relay connection whose rows and count are loaded only when a client selects them: asking for
 * `totalCount` alone costs one (batched) count, asking for nodes alone no count.
 */
export class ConnectionBase<R extends { pk: number }> {
  private loaded?: Promise<Page<R>>;

  constructor(
    private readonly loadPage: () => Promise<Page<R>>,
    protected readonly counter: () => Promise<number>,
  ) {}

  protected get page(): Promise<Page<R>> {
    this.loaded ??= this.loadPage();
    return this.loaded;
  }

  protected edgesOf(): Promise<Array<{ cursor: string; node: R }>> {
    return this.page.then((p) => p.rows.map((node) => ({ cursor: encodeCursor(node.pk), node })));
  }

  protected nodesOf(): Promise<R[]> {
    return this.page.then((p) => p.rows);
  }

  protected pageInfoOf(): Promise<PageInfo> {
    return this.page.then((p) => ({
      hasNextPage: p.hasNextPage,
      hasPreviousPage: p.hasPreviousPage,
      startCursor: p.rows.length ? encodeCursor(p.rows[0].pk) : null,
      endCursor: p.rows.length ? encodeCursor(p.rows[p.rows.length - 1].pk) : null,
    }));
  }
}

export type ConnectionClass<R extends { pk: number }> = new (
  page: () => Promise<Page<R>>,
  counter: () => Promise<number>,
) => ConnectionBase<R>;

/** Declares `<Name>Connection` and `<Name>Edge` for a node type. */
export function ConnectionType<R extends { pk: number }>(node: ClassType, name: string): ConnectionClass<R> {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${name} in a list, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque; pass as `after` or `before` to continue from here.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name} itself.` })
    node!: R;
  }

  @ObjectType(`${name}Connection`, {
    description: `A page of ${name} rows (Relay cursor connection): nodes or edges, pageInfo, totalCount.`,
  })
  class Connection extends ConnectionBase<R> {
    @Field(() => [Edge], { description: 'The rows of this page with their cursors.' })
    edges(): Promise<Array<{ cursor: string; node: R }>> {
      return this.edgesOf();
    }

    @Field(() => [node], { description: 'The nodes of the edges, for clients that need no cursors.' })
    nodes(): Promise<R[]> {
      return this.nodesOf();
    }

    @Field(() => PageInfo, { description: 'Whether rows come before or after this page, and its cursors.' })
    pageInfo(): Promise<PageInfo> {
      return this.pageInfoOf();
    }

    @Field(() => Int, { description: 'All rows of this list under its filter, not only this page.' })
    totalCount(): Promise<number> {
      return this.counter();
    }
  }
  Object.defineProperty(Connection, 'name', { value: `${name}Connection` });
  return Connection;
}
