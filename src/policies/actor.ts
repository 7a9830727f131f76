import type { Role } from '../db/schema.ts';

/**
 * Who is asking: a signed-in user or an API token, always inside one organisation. `unitPath` is
 * the materialised path of the unit the actor is scoped to, or null for the whole organisation.
 */
export interface Actor {
  orgId: string;
  kind: 'user' | 'token';
  userId: string | null;
  tokenId: string | null;
  role: Role;
  unitId: string | null;
  unitPath: string | null;
}
