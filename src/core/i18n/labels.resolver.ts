import { Arg, Ctx, Field, FieldResolver, Info, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../context';
import { UserError } from '../validation/user-error';
import { enumLabelsOf, type EnumLabelsRow } from './enum-labels';
import type { Locale } from './locale';
import { userErrorMessage } from './user-error-messages';

/** The GraphQL enum of languages; values are upper case like every enum of the schema. */
export enum LocaleValue {
  EN = 'en',
  ZH = 'zh',
}

registerEnumType(LocaleValue, {
  name: 'Locale',
  description: 'A language the API answers in (messages, pages, labels).',
  valuesConfig: { EN: { description: 'English.' }, ZH: { description: 'Simplified Chinese (简体中文).' } },
});

@ObjectType({ description: 'One enum value and how to show it to a person.', simpleResolvers: true })
export class EnumValueLabel {
  @Field({ description: 'The value as the API sends and takes it, e.g. `IN_PROGRESS`.' })
  value!: string;

  @Field({ description: 'What to show for it in the requested language, e.g. 办理中.' })
  label!: string;
}

@ObjectType({ description: "An enum of the schema with its values' labels.", simpleResolvers: true })
export class EnumLabels {
  @Field({ description: 'The enum type, e.g. `IssueStatus`.' })
  name!: string;

  @Field(() => [EnumValueLabel], { description: 'Every value of the enum, in schema order, with its label.' })
  values!: EnumValueLabel[];
}

@Resolver()
export class EnumLabelsResolver {
  @Query(() => [EnumLabels], {
    description:
      'Labels for the values of the schema\'s enums, so frontends need not translate them: Chinese by default, English ("In progress") on request. Needs no login.',
  })
  enumLabels(
    @Arg('locale', () => LocaleValue, { defaultValue: LocaleValue.ZH, description: 'The language of the labels (Chinese unless asked).' })
    locale: Locale,
    @Arg('names', () => [String], { nullable: true, description: 'Only these enums (by type name); all when absent.' })
    names: string[] | null,
    @Info() info: GraphQLResolveInfo,
  ): EnumLabelsRow[] {
    return enumLabelsOf(info.schema, locale, names);
  }
}

/**
 * A userError's message in the caller's language: services write English; a caller who asked for
 * Chinese (Accept-Language) reads the code's Chinese message. Translating here, where the answer is
 * shaped, covers every payload whichever way it was built.
 */
@Resolver(() => UserError)
export class UserErrorMessageResolver {
  @FieldResolver(() => String)
  message(@Root() error: UserError, @Ctx() ctx: RequestContext): string {
    return userErrorMessage(ctx.locale ?? 'en', error.code, error.message);
  }
}
