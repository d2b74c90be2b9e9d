import { Args, ArgsType, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../context';
import { toPage } from '../../core/data/loaders';
import { related } from '../../core/graphql/relations';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { decodeGlobalId, pkOf, toGlobalId } from '../../core/ids/global-id';
import { ConnectionType } from '../../core/pagination/connection';
import { PageArgs, pageRequest } from '../../core/pagination/page-args';
import { ServiceAccountSpec, UserSpec } from '../identity/identity.loaders';
import { ServiceAccountType, UserType } from '../identity/identity.types';
import {
  MAX_ENTRY_KEY,
  personalReadsCount,
  personalReadsPage,
  type PersonalDataReadRow,
  type PersonalReadsFilter,
} from './personal-reads.loaders';

export enum PersonalDataReaderKind {
  USER = 'user',
  SERVICE = 'service',
}

registerEnumType(PersonalDataReaderKind, {
  name: 'PersonalDataReaderKind',
  description: 'Which kind of principal was shown a personal value plain.',
  valuesConfig: {
    USER: { description: 'A user (a person signed in): `reader` names them.' },
    SERVICE: { description: 'A service account (an integration script, by one of its API keys): `readerServiceAccount` names it.' },
  },
});

@ObjectType('PersonalDataRead', {
  simpleResolvers: true,
  description:
    'One personal-data value shown plain to a user other than its owner or to a service account: who, whose, which field, when (PIPL).',
})
export class PersonalDataReadType {
  @Field(() => DateTimeScalar, { description: 'When it was shown (the request’s transaction).' })
  readAt!: string;

  @Field(() => PersonalDataReaderKind, { description: 'Whether a user or a service account read it.' })
  readerKind!: PersonalDataReaderKind;

  @Field({ description: 'Login of the reader, or `service:<name>` for a service account.' })
  readerLabel!: string;

  @Field({ description: 'The kind of object the value belongs to, e.g. Household or Person.' })
  subjectType!: string;

  @Field({ description: 'The field shown, e.g. vulnerabilityTags or phone.' })
  field!: string;

  @Field({ description: 'Whose data it is: person or household.' })
  dataOf!: string;

  @Field({ description: 'The request, as in the x-request-id header and the server log.' })
  requestId!: string;
}

export const PersonalDataReadConnection = ConnectionType<PersonalDataReadRow>(PersonalDataReadType, 'PersonalDataRead');

@ArgsType()
class PersonalDataReadsArgs extends PageArgs {
  @Field(() => ID, { description: 'The community whose read log to list.' })
  communityId!: string;

  @Field(() => ID, { nullable: true, description: 'Only reads of this object (a household or a person).' })
  subjectId?: string | null;
}

@Resolver(() => PersonalDataReadType)
export class PersonalDataReadResolver {
  @Query(() => PersonalDataReadConnection, {
    description: "The community's personal-data read log, oldest first (use last: n for the newest).",
  })
  personalDataReads(@Args() args: PersonalDataReadsArgs, @Ctx() ctx: RequestContext) {
    const page = pageRequest(args, MAX_ENTRY_KEY);
    const filter: PersonalReadsFilter = { communityId: pkOf(args.communityId, 'Community', 'communityId') ?? 0 };
    if (args.subjectId) {
      const decoded = decodeGlobalId(args.subjectId);
      filter.subject = { type: decoded?.type ?? '', id: decoded?.pk ?? 0 };
    }
    return new PersonalDataReadConnection(
      async () => toPage(await personalReadsPage(ctx, page, filter), page),
      () => personalReadsCount(ctx, filter),
    );
  }

  @FieldResolver(() => ID, { description: 'The global ID of the object whose value was shown.' })
  subjectId(@Root() read: PersonalDataReadRow): string {
    return toGlobalId(read.subjectType, read.subjectId);
  }

  @FieldResolver(() => UserType, { nullable: true, description: 'The user who was shown the value (null when a service account read it).' })
  reader(@Root() read: PersonalDataReadRow, @Ctx() ctx: RequestContext) {
    return related(ctx, UserSpec, read.readerUserId);
  }

  @FieldResolver(() => ServiceAccountType, {
    nullable: true,
    description: 'The service account that was shown the value (null when a user read it).',
  })
  readerServiceAccount(@Root() read: PersonalDataReadRow, @Ctx() ctx: RequestContext) {
    return related(ctx, ServiceAccountSpec, read.readerServiceAccountId);
  }
}
