import { defineModule } from '../../core/module';
import { FiguresCareResolver, FiguresRowCareResolver } from './figures.care.resolver';
import { pageDocuments, reportDocuments } from './figures.documents';
import { careFiguresRules } from './figures.care.rules';
import { CommunityFiguresResolver, DistrictFiguresResolver, FiguresResolver, StreetFiguresResolver } from './figures.resolver';
import { FiguresIssuesResolver, FiguresRowIssuesResolver } from './figures.issues.resolver';
import { figuresRules } from './figures.rules';
import { FiguresRowStationsResolver, FiguresStationsResolver } from './figures.stations.resolver';
import { stationFiguresRules } from './figures.stations.rules';

/** Figures for district, street and community offices: counts kept by roll-ups, small cells withheld above communities. */
export const figuresModule = defineModule({
  name: 'figures',
  resolvers: [
    DistrictFiguresResolver,
    StreetFiguresResolver,
    CommunityFiguresResolver,
    FiguresResolver,
    FiguresCareResolver,
    FiguresRowCareResolver,
    FiguresIssuesResolver,
    FiguresRowIssuesResolver,
    FiguresStationsResolver,
    FiguresRowStationsResolver,
  ],
  // Figures are counts for offices, read to plan and report: a second behind is fine (reports, spreadsheets and the printable page read them too).
  staleReads: ['District.figures', 'Street.figures', 'Community.figures'],
  permissions: {
    ...figuresRules,
    ...careFiguresRules,
    ...stationFiguresRules,
    Figures: { ...figuresRules.Figures, ...careFiguresRules.Figures, ...stationFiguresRules.Figures },
    FiguresRow: { ...figuresRules.FiguresRow, ...careFiguresRules.FiguresRow, ...stationFiguresRules.FiguresRow },
  },
  documents: [reportDocuments, pageDocuments],
});
