import { fields } from '../../core/permissions/fields';
import { allow, type PermissionPart } from '../../core/permissions/rules';

/** Reached only through a Figures answer (READ_AGGREGATES checked there); counts of places, nothing personal. */
export const stationFiguresRules: PermissionPart = {
  Figures: fields(allow, 'stations'),
  FiguresRow: fields(allow, 'stations'),
  StationFigures: fields(allow, 'stations', 'meetingStandard', 'openSeconds', 'staffedSeconds', 'staffedShare'),
};
