import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { randomSecret } from './secrets.ts';

// A real hash to verify against when the email is unknown, so timing does not reveal which emails exist.
let decoyHash: Promise<string> | undefined;

/** Finds the user an email and password belong to; `organisation` (a slug) picks one when the email is in several. */
export async function authenticate(
  db: Kysely<Schema>,
  input: { email: string; password: string; organisation?: string },
): Promise<{ orgId: string; userId: string } | null> {
  let query = db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.org_id', 'users.org_id')
    .select(['users.org_id', 'users.user_id', 'users.password_hash'])
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', input.email.toLowerCase()));
  if (input.organisation) query = query.where('organisations.slug', '=', input.organisation);
  const candidates = await query.limit(5).execute();
  if (candidates.length === 0) {
    decoyHash ??= hashPassword(randomSecret());
    await verifyPassword(await decoyHash, input.password);
    return null;
  }
  for (const candidate of candidates) {
    if (await verifyPassword(candidate.password_hash, input.password)) {
      return { orgId: candidate.org_id, userId: candidate.user_id };
    }
  }
  return null;
}
