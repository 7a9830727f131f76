import type { Kysely, Transaction } from 'kysely';
import type { Role, Schema } from '../db/schema.ts';
import { hashPassword } from './passwords.ts';

/** Creates a user with their membership; the caller supplies the transaction. */
export async function createUser(
  trx: Kysely<Schema> | Transaction<Schema>,
  input: {
    orgId: string;
    email: string;
    name: string;
    password: string;
    role: Role;
    unitId: string | null;
    locale?: string;
  },
): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  const user = await trx
    .insertInto('users')
    .values({
      org_id: input.orgId,
      email: input.email,
      name: input.name,
      password_hash: passwordHash,
      locale: input.locale ?? 'en',
    })
    .returning('user_id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('memberships')
    .values({ org_id: input.orgId, user_id: user.user_id, role: input.role, unit_id: input.unitId })
    .execute();
  return user.user_id;
}
