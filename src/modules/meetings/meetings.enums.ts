import { registerEnumType } from 'type-graphql';
import { ScheduleKind } from './recurrence';

export { ScheduleKind };

registerEnumType(ScheduleKind, {
  name: 'ScheduleKind',
  description: 'The kinds of meeting schedule the articles name, with their recurrence rules.',
  valuesConfig: {
    THIRDS: { description: '逢三说事: the 3rd, 13th and 23rd of every month.' },
    FRIDAY_OFFICE_HOUR: { description: '坐班: the one-stop office hour every Friday.' },
    QUARTERLY_JOINT: { description: '季度联席会: the 15th of the first month of each quarter.' },
    CUSTOM: { description: 'Branch and group meetings, assemblies: an RRULE the schedule gives.' },
  },
});
