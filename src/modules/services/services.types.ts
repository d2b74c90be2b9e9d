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
  @Field({ description: 'Its registered name.' })
  name!: string;
}

@ObjectType('ServiceList', { implements: Node, simpleResolvers: true, description: "服务清单: a compound's services for one month." })
export class ServiceListType extends NodeFields {
  @Field(() => DateScalar, { description: 'The first day of the month.' })
  month!: string;

  @Field(() => ServiceProvider, { description: 'Who provides them.' })
  provider!: ServiceProvider;

  @Field({ description: 'Who published the list.' })
  publishedBy!: string;
}

@ObjectType('ServiceItem', { implements: Node, simpleResolvers: true, description: 'One service of a monthly list.' })
export class ServiceItemType extends NodeFields {
  @Field({ description: 'Its short name.' })
  title!: string;

  @Field(() => String, { description: 'What the service covers.', nullable: true })
  description!: string | null;

  @Field(() => String, { description: 'When it is provided.', nullable: true })
  schedule!: string | null;
}

@ObjectType('ServiceObjection', {
  implements: Node,
  simpleResolvers: true,
  description: "A resident's objection to a service item, and the provider's answer.",
})
export class ServiceObjectionType extends NodeFields {
  @Field({ description: 'The objection.' })
  text!: string;

  @Field(() => String, { description: 'The answer; null until answered.', nullable: true })
  answer!: string | null;

  @Field(() => String, { description: 'Who answered.', nullable: true })
  answeredBy!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was answered.', nullable: true })
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

  @Field(() => String, { description: "The household's comment.", nullable: true })
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

  @Field(() => Int, { description: 'Household evaluations in the quarter.' })
  evaluations!: number;

  @Field(() => Int, { description: 'Households that took part.' })
  households!: number;

  @Field(() => Float, { nullable: true, description: 'Average rating, 1 to 5; null without evaluations.' })
  averageScore!: number | null;

  @Field(() => Int, { description: 'Objections raised in the quarter.' })
  objections!: number;

  @Field(() => Int, { description: "Objections not answered by the quarter's end." })
  unansweredObjections!: number;

  @Field(() => Float, {
    nullable: true,
    description: '0–100: 20 × average, −2 per objection, −3 per unanswered one; null without evaluations.',
  })
  score!: number | null;

  @Field(() => RatingFlag, { description: 'Red, yellow or none.' })
  flag!: RatingFlag;

  @Field(() => Int, { nullable: true, description: 'Rank among the rated compounds of the community (1 = best).' })
  rank!: number | null;
}
