import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateScalar, DateTimeScalar } from '../../core/graphql/scalars';
import { RatingFlag, ServiceProvider } from './services.enums';

@ObjectType('PropertyCompany', {
  implements: Node,
  simpleResolvers: true,
  description: '物业公司: a property company serving compounds of the community.',
})
export class PropertyCompanyType extends NodeFields {
  @Field()
  name!: string;
}

@ObjectType('ServiceList', { implements: Node, simpleResolvers: true, description: "服务清单: a compound's services for one month." })
export class ServiceListType extends NodeFields {
  @Field(() => DateScalar, { description: 'The first day of the month.' })
  month!: string;

  @Field(() => ServiceProvider)
  provider!: ServiceProvider;

  @Field()
  publishedBy!: string;
}

@ObjectType('ServiceItem', { implements: Node, simpleResolvers: true, description: 'One service of a monthly list.' })
export class ServiceItemType extends NodeFields {
  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  schedule!: string | null;
}

@ObjectType('ServiceObjection', {
  implements: Node,
  simpleResolvers: true,
  description: "A resident's objection to a service item, and the provider's answer.",
})
export class ServiceObjectionType extends NodeFields {
  @Field()
  text!: string;

  @Field(() => String, { nullable: true })
  answer!: string | null;

  @Field(() => String, { nullable: true })
  answeredBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  answeredAt!: string | null;
}

@ObjectType('ServiceEvaluation', {
  implements: Node,
  simpleResolvers: true,
  description: "季度评议: a household's score for an item, or the service overall, in a quarter.",
})
export class ServiceEvaluationType extends NodeFields {
  @Field(() => DateScalar, { description: 'The first day of the quarter.' })
  quarter!: string;

  @Field(() => Int, { description: '1 (poor) to 5 (excellent).' })
  score!: number;

  @Field(() => String, { nullable: true })
  comment!: string | null;
}

@ObjectType('PropertyCompanyRating', {
  simpleResolvers: true,
  description: "A compound's service in one quarter: score, flag, rank in the community.",
})
export class PropertyCompanyRatingType {
  @Field(() => DateScalar, { description: 'The first day of the quarter.' })
  quarter!: string;

  @Field(() => ServiceProvider, { description: "The provider of the quarter's last service list." })
  provider!: ServiceProvider;

  @Field(() => Int)
  evaluations!: number;

  @Field(() => Int, { description: 'Households that took part.' })
  households!: number;

  @Field(() => Float, { nullable: true, description: 'Average rating, 1 to 5; null without evaluations.' })
  averageScore!: number | null;

  @Field(() => Int)
  objections!: number;

  @Field(() => Int, { description: "Objections not answered by the quarter's end." })
  unansweredObjections!: number;

  @Field(() => Float, {
    nullable: true,
    description: '0–100: 20 × average, −2 per objection, −3 per unanswered one; null without evaluations.',
  })
  score!: number | null;

  @Field(() => RatingFlag)
  flag!: RatingFlag;

  @Field(() => Int, { nullable: true, description: 'Rank among the rated compounds of the community (1 = best).' })
  rank!: number | null;
}
