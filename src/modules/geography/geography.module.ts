import { Capability } from '../../core/auth/capabilities';
import { defineModule } from '../../core/module';
import { Community } from './community.entity';
import { CommunityResolver } from './community.resolver';
import { District } from './district.entity';
import { DistrictResolver, StreetResolver } from './district.resolver';
import { geographyRules } from './geography.rules';
import { Street } from './street.entity';

/** Districts, streets and communities (the tenants): the map everything else sits on. */
export const geographyModule = defineModule({
  name: 'geography',
  entities: [District, Street, Community],
  resolvers: [DistrictResolver, StreetResolver, CommunityResolver],
  permissions: geographyRules,
  archiving: {
    types: [
      { type: 'District', entity: District, table: 'district', capability: Capability.WRITE_ORGANIZATION },
      { type: 'Street', entity: Street, table: 'street', capability: Capability.WRITE_ORGANIZATION },
      { type: 'Community', entity: Community, table: 'community', capability: Capability.WRITE_ORGANIZATION },
    ],
    children: [
      { of: 'District', table: 'street', column: 'district_id', label: 'streets' },
      { of: 'Street', table: 'community', column: 'street_id', label: 'communities' },
    ],
    parents: [
      { of: 'Street', table: 'district', column: 'district_id', label: 'district' },
      { of: 'Community', table: 'street', column: 'street_id', label: 'street' },
    ],
  },
});
