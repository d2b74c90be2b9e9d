import { defineEvent } from '../../core/events';
import type { Community } from './community.entity';
import type { CreateCommunityInput } from './community.inputs';

/** A community is being created (inside its mutation): modules above add what belongs with it. */
export const CommunityCreated = defineEvent<{ community: Community; input: CreateCommunityInput }>('geography.community-created');
