import { fields } from '../../core/permissions/fields';
import { allow, type PermissionPart } from '../../core/permissions/rules';

/** Reached only through a Figures answer (READ_AGGREGATES checked there); small cells are withheld in the arithmetic. */
export const careFiguresRules: PermissionPart = {
  Figures: fields(allow, 'care', 'volunteers'),
  FiguresRow: fields(allow, 'care', 'volunteers'),
  CareFigures: fields(allow, 'specialHouseholds', 'linkedHouseholds', 'coverage', 'activeLinks', 'months'),
  CareFiguresMonth: fields(allow, 'month', 'visits', 'solved', 'passedOn'),
  VolunteerFigures: fields(allow, 'months'),
  VolunteerFiguresMonth: fields(allow, 'month', 'minutes', 'activeVolunteers', 'teams'),
  VolunteerTeamMinutes: fields(allow, 'name', 'minutes'),
};
