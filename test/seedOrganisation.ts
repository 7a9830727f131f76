import { randomUUID } from 'node:crypto';
import type { Database } from '../src/db/database.ts';
import { transaction } from '../src/db/database.ts';
import { createUser } from '../src/identity/users.ts';
import { relationshipSurveyTemplate } from '../src/surveys/library/index.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * A small organisation for access tests: two regions (X with team X1, and Y), one account and one
 * response in X1 and in Y, and a user per role. Emails carry a random tag so several organisations
 * can live in one database.
 */
export async function seedOrganisation(database: Database, label: string) {
  const tag = randomUUID().slice(0, 8);
  const orgId = randomUUID();
  const ids = {
    orgId,
    regionX: randomUUID(),
    teamX1: randomUUID(),
    regionY: randomUUID(),
    accountX: randomUUID(),
    accountY: randomUUID(),
    surveyId: randomUUID(),
    responseX: randomUUID(),
    responseY: randomUUID(),
  };
  const emails = {
    owner: `owner-${tag}@${label}.test`,
    analyst: `analyst-${tag}@${label}.test`,
    managerX: `manager-x-${tag}@${label}.test`,
    managerY: `manager-y-${tag}@${label}.test`,
    viewer: `viewer-${tag}@${label}.test`,
  };
  await transaction(database, async (trx) => {
    await trx
      .insertInto('organisations')
      .values({ org_id: orgId, name: `Org ${label}`, slug: `${label}-${tag}`, signing_key: 'k' })
      .execute();
    await trx
      .insertInto('org_units')
      .values([
        {
          org_id: orgId,
          unit_id: ids.regionX,
          parent_id: null,
          name: 'Region X',
          kind: 'region',
          path: `/${ids.regionX}/`,
        },
        {
          org_id: orgId,
          unit_id: ids.regionY,
          parent_id: null,
          name: 'Region Y',
          kind: 'region',
          path: `/${ids.regionY}/`,
        },
      ])
      .execute();
    await trx
      .insertInto('org_units')
      .values({
        org_id: orgId,
        unit_id: ids.teamX1,
        parent_id: ids.regionX,
        name: 'Team X1',
        kind: 'team',
        path: `/${ids.regionX}/${ids.teamX1}/`,
      })
      .execute();
    await trx
      .insertInto('accounts')
      .values([
        {
          org_id: orgId,
          account_id: ids.accountX,
          name: `Account X ${label}`,
          unit_id: ids.teamX1,
          tier: 'key',
        },
        {
          org_id: orgId,
          account_id: ids.accountY,
          name: `Account Y ${label}`,
          unit_id: ids.regionY,
          tier: 'standard',
        },
      ])
      .execute();
    await trx
      .insertInto('surveys')
      .values({
        org_id: orgId,
        survey_id: ids.surveyId,
        slug: `survey-${tag}`,
        name: `Survey ${label}`,
        kind: 'relationship',
        status: 'open',
        current_version: 1,
      })
      .execute();
    await trx
      .insertInto('survey_versions')
      .values({
        org_id: orgId,
        survey_id: ids.surveyId,
        version: 1,
        definition: JSON.stringify(relationshipSurveyTemplate()),
      })
      .execute();
    await trx
      .insertInto('responses')
      .values([
        {
          org_id: orgId,
          response_id: ids.responseX,
          survey_id: ids.surveyId,
          survey_version: 1,
          account_id: ids.accountX,
          unit_id: ids.teamX1,
          nps: 9,
          answers: '{}',
          hidden: '{}',
        },
        {
          org_id: orgId,
          response_id: ids.responseY,
          survey_id: ids.surveyId,
          survey_version: 1,
          account_id: ids.accountY,
          unit_id: ids.regionY,
          nps: 3,
          answers: '{}',
          hidden: '{}',
        },
      ])
      .execute();
    const make = (email: string, role: 'owner' | 'analyst' | 'manager' | 'viewer', unitId: string | null) =>
      createUser(trx, { orgId, email, name: email, password: TEST_PASSWORD, role, unitId });
    await make(emails.owner, 'owner', null);
    await make(emails.analyst, 'analyst', null);
    await make(emails.managerX, 'manager', ids.regionX);
    await make(emails.managerY, 'manager', ids.regionY);
    await make(emails.viewer, 'viewer', ids.teamX1);
  });
  return { ...ids, emails };
}
