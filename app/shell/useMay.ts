import type { Role } from '../../src/db/schema.ts';
import { type Action, may } from '../../src/policies/abilities.ts';
import { useProgramme } from './programme.tsx';

/**
 * Whether the signed-in user's role grants an action, by the server's own table of abilities. It
 * only hides what the API would refuse (the API checks again); false while the session is unknown.
 */
export function useMay(): (action: Action) => boolean {
  const { me } = useProgramme();
  return (action) => (me ? may({ role: me.role as Role } as Parameters<typeof may>[0], action) : false);
}
