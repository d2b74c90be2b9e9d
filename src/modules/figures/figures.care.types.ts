import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../core/graphql/scalars';
import { FigureCountType, FigureRatioType } from './figures.types';

@ObjectType('CareFiguresMonth', { simpleResolvers: true, description: 'Care visits of one month of the period.' })
export class CareFiguresMonthType {
  @Field(() => DateScalar, { description: 'The first day of the month.' })
  month!: string;

  @Field(() => FigureCountType, { description: 'Visits and help recorded (withheld with the households visited).' })
  visits!: FigureCountType;

  @Field(() => FigureCountType, { description: 'Problems solved (withheld with the households they were solved for).' })
  solved!: FigureCountType;

  @Field(() => FigureCountType, { description: 'Problems passed on to the community or another body.' })
  passedOn!: FigureCountType;
}

@ObjectType('CareFigures', {
  simpleResolvers: true,
  description: 'Care links ("147"): special-group households and their coverage now, visits per month of the period.',
})
export class CareFiguresType {
  @Field(() => FigureCountType, { description: 'Households carrying a special-group tag (now).' })
  specialHouseholds!: FigureCountType;

  @Field(() => FigureCountType, { description: 'Of those, households with an active care link (now).' })
  linkedHouseholds!: FigureCountType;

  @Field(() => FigureRatioType, { description: 'Linked ÷ special-group households (确保…特殊群体都有党员联户).' })
  coverage!: FigureRatioType;

  @Field(() => FigureCountType, { description: 'Active care links (now).' })
  activeLinks!: FigureCountType;

  @Field(() => [CareFiguresMonthType], { description: 'One entry per month of the period.' })
  months!: CareFiguresMonthType[];
}

@ObjectType('VolunteerTeamMinutes', { simpleResolvers: true, description: 'A volunteer team’s minutes in one month.' })
export class VolunteerTeamMinutesType {
  @Field({ description: 'The team’s name.' })
  name!: string;

  @Field(() => FigureCountType, { description: 'Minutes served (the ledger’s sum; withheld with the volunteers behind them).' })
  minutes!: FigureCountType;
}

@ObjectType('VolunteerFiguresMonth', { simpleResolvers: true, description: 'Volunteering in one month of the period.' })
export class VolunteerFiguresMonthType {
  @Field(() => DateScalar, { description: 'The first day of the month.' })
  month!: string;

  @Field(() => FigureCountType, { description: 'Minutes served in all (withheld with the volunteers behind them).' })
  minutes!: FigureCountType;

  @Field(() => FigureCountType, { description: 'Active volunteers: persons with minutes served that month (after corrections).' })
  activeVolunteers!: FigureCountType;

  @Field(() => [VolunteerTeamMinutesType], { description: 'Minutes per team with any hours that month.' })
  teams!: VolunteerTeamMinutesType[];
}

@ObjectType('VolunteerFigures', { simpleResolvers: true, description: 'Volunteer hours per team and month, and active volunteers.' })
export class VolunteerFiguresType {
  @Field(() => [VolunteerFiguresMonthType], { description: 'One entry per month of the period.' })
  months!: VolunteerFiguresMonthType[];
}
