import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { signedInAs } from '../../test/requests.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { testApp } from '../../test/testApp.ts';
import type { Database } from '../db/database.ts';

type Seeded = Awaited<ReturnType<typeof seedOrganisation>>;

describeEachEngine('hierarchy', (database) => {
  let app: FastifyInstance;
  let org: Seeded;
  let as: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    app = await testApp(database());
    org = await seedOrganisation(database(), 'h');
    as = await signedInAs(app, {
      owner: org.emails.owner,
      managerX: org.emails.managerX,
      managerY: org.emails.managerY,
      viewer: org.emails.viewer,
      analyst: org.emails.analyst,
    });
  });
  afterAll(() => app?.close());

  const units = async (db: Database) =>
    db.db
      .selectFrom('org_units')
      .select(['unit_id', 'parent_id', 'name', 'kind', 'path'])
      .where('org_id', '=', org.orgId)
      .execute();
  const create = async (who: string, name: string, parentId: string | null, expected = 201) => {
    const response = await as(who, 'POST', '/api/v1/units', { name, parentId });
    expect(response.statusCode, response.body).toBe(expected);
    return response.json() as { unitId: string; parentId: string | null; name: string; kind: string };
  };

  it('creates units only inside the actor’s subtree, and only with the ability', async () => {
    const a = await create('owner', 'Alpha', org.regionX);
    const b = await create('managerX', 'Beta', org.teamX1);
    expect(b.parentId).toBe(org.teamX1);
    await create('managerX', 'Nope', org.regionY, 404);
    await create('managerX', 'Top', null, 403);
    await create('viewer', 'Nope', org.teamX1, 403);
    await create('analyst', 'Nope', org.teamX1, 403);
    await create('owner', 'alpha', org.regionX, 409);
    const rows = await units(database());
    const beta = rows.find((u) => u.unit_id === b.unitId)!;
    expect(beta.path).toBe(`/${org.regionX}/${org.teamX1}/${b.unitId}/`);
    expect(rows.find((u) => u.unit_id === a.unitId)!.path).toBe(`/${org.regionX}/${a.unitId}/`);
  });

  it('renames within scope, refusing a sibling’s name and other subtrees', async () => {
    const unit = await create('owner', 'Gamma', org.regionX);
    const renamed = await as('managerX', 'PATCH', `/api/v1/units/${unit.unitId}`, {
      name: 'Gamma Prime',
      kind: 'department',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Gamma Prime', kind: 'department' });
    expect((await as('managerY', 'PATCH', `/api/v1/units/${unit.unitId}`, { name: 'Mine' })).statusCode).toBe(
      404,
    );
    expect(
      (await as('managerX', 'PATCH', `/api/v1/units/${unit.unitId}`, { name: 'TEAM X1' })).statusCode,
    ).toBe(409);
  });

  it('moves a unit with its whole subtree, refusing cycles and moves out of scope', async () => {
    const a = await create('owner', 'Mover', org.regionX);
    const b = await create('owner', 'Mover child', a.unitId);
    const c = await create('owner', 'Mover grandchild', b.unitId);
    const cycle = await as('owner', 'POST', `/api/v1/units/${a.unitId}/move`, { parentId: c.unitId });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().errors[0].field).toBe('body.parentId');
    expect(
      (await as('owner', 'POST', `/api/v1/units/${a.unitId}/move`, { parentId: a.unitId })).statusCode,
    ).toBe(409);
    // The manager of X cannot push a unit into Y, nor move their own unit.
    expect(
      (await as('managerX', 'POST', `/api/v1/units/${a.unitId}/move`, { parentId: org.regionY })).statusCode,
    ).toBe(404);
    expect(
      (await as('managerX', 'POST', `/api/v1/units/${org.regionX}/move`, { parentId: org.regionY }))
        .statusCode,
    ).toBe(403);
    const moved = await as('owner', 'POST', `/api/v1/units/${a.unitId}/move`, { parentId: org.regionY });
    expect(moved.statusCode, moved.body).toBe(200);
    const rows = await units(database());
    const path = (id: string) => rows.find((u) => u.unit_id === id)!.path;
    expect(path(a.unitId)).toBe(`/${org.regionY}/${a.unitId}/`);
    expect(path(b.unitId)).toBe(`/${org.regionY}/${a.unitId}/${b.unitId}/`);
    expect(path(c.unitId)).toBe(`/${org.regionY}/${a.unitId}/${b.unitId}/${c.unitId}/`);
    // Scope follows the move: Y's manager now sees the subtree and X's manager does not.
    const seenByY = (await as('managerY', 'GET', '/api/v1/units'))
      .json()
      .units.map((u: { unitId: string }) => u.unitId);
    expect(seenByY).toEqual(expect.arrayContaining([a.unitId, b.unitId, c.unitId]));
    const seenByX = (await as('managerX', 'GET', '/api/v1/units'))
      .json()
      .units.map((u: { unitId: string }) => u.unitId);
    expect(seenByX).not.toContain(c.unitId);
    // Back to the top (organisation-wide roles only).
    expect(
      (await as('managerY', 'POST', `/api/v1/units/${a.unitId}/move`, { parentId: null })).statusCode,
    ).toBe(403);
    expect((await as('owner', 'POST', `/api/v1/units/${a.unitId}/move`, { parentId: null })).statusCode).toBe(
      200,
    );
    expect((await units(database())).find((u) => u.unit_id === c.unitId)!.path).toBe(
      `/${a.unitId}/${b.unitId}/${c.unitId}/`,
    );
  });

  it('refuses to delete a unit that still holds something, unless told where it goes', async () => {
    const parent = await create('owner', 'Doomed', org.regionX);
    const child = await create('owner', 'Doomed child', parent.unitId);
    await database()
      .db.insertInto('accounts')
      .values({ org_id: org.orgId, name: 'Held account', unit_id: parent.unitId })
      .execute();
    const refused = await as('managerX', 'DELETE', `/api/v1/units/${parent.unitId}`);
    expect(refused.statusCode).toBe(409);
    expect(
      refused
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['accounts', 'children']);
    expect(
      (await as('managerX', 'DELETE', `/api/v1/units/${parent.unitId}?reassignTo=${org.regionY}`)).statusCode,
    ).toBe(404);
    expect(
      (await as('managerX', 'DELETE', `/api/v1/units/${parent.unitId}?reassignTo=${child.unitId}`))
        .statusCode,
    ).toBe(409);
    const done = await as('managerX', 'DELETE', `/api/v1/units/${parent.unitId}?reassignTo=${org.teamX1}`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().reassigned).toMatchObject({ children: 1, accounts: 1 });
    const rows = await units(database());
    expect(rows.find((u) => u.unit_id === parent.unitId)).toBeUndefined();
    expect(rows.find((u) => u.unit_id === child.unitId)!.path).toBe(
      `/${org.regionX}/${org.teamX1}/${child.unitId}/`,
    );
    const account = await database()
      .db.selectFrom('accounts')
      .select('unit_id')
      .where('org_id', '=', org.orgId)
      .where('name', '=', 'Held account')
      .executeTakeFirstOrThrow();
    expect(account.unit_id).toBe(org.teamX1);
    // A unit with responses keeps them: it cannot be deleted at all.
    expect(
      (await as('owner', 'DELETE', `/api/v1/units/${org.regionY}?reassignTo=${org.regionX}`)).statusCode,
    ).toBe(409);
    const empty = await create('owner', 'Empty', null);
    expect((await as('owner', 'DELETE', `/api/v1/units/${empty.unitId}`)).statusCode).toBe(200);
  });

  it('scopes users to units inside the actor’s subtree only', async () => {
    const team = await create('managerX', 'Scoped team', org.teamX1);
    const viewer = await database()
      .db.selectFrom('users')
      .select('user_id')
      .where('org_id', '=', org.orgId)
      .where('email', '=', org.emails.viewer)
      .executeTakeFirstOrThrow();
    const managerY = await database()
      .db.selectFrom('users')
      .select('user_id')
      .where('org_id', '=', org.orgId)
      .where('email', '=', org.emails.managerY)
      .executeTakeFirstOrThrow();
    const moved = await as('managerX', 'PUT', `/api/v1/users/${viewer.user_id}/unit`, {
      unitId: team.unitId,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(
      (await as('managerX', 'PUT', `/api/v1/users/${viewer.user_id}/unit`, { unitId: org.regionY }))
        .statusCode,
    ).toBe(404);
    expect(
      (await as('managerX', 'PUT', `/api/v1/users/${viewer.user_id}/unit`, { unitId: null })).statusCode,
    ).toBe(403);
    expect(
      (await as('managerX', 'PUT', `/api/v1/users/${managerY.user_id}/unit`, { unitId: team.unitId }))
        .statusCode,
    ).toBe(404);
    const seen = (await as('viewer', 'GET', '/api/v1/units'))
      .json()
      .units.map((u: { unitId: string }) => u.unitId);
    expect(seen).toEqual([team.unitId]);
    expect(
      (await as('owner', 'PUT', `/api/v1/users/${viewer.user_id}/unit`, { unitId: org.teamX1 })).statusCode,
    ).toBe(200);
  });

  it('imports a tree from one column per level, and again without duplicating', async () => {
    const csv = 'Region,Country,City\nEurope,Italy,Milan\nEurope,Italy,Rome\nEurope,France,\nAmericas,,\n';
    const first = await as('owner', 'POST', '/api/v1/units/import', csv, 'text/csv');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ rows: 4, created: 6, existing: 0 });
    const again = await as(
      'owner',
      'POST',
      '/api/v1/units/import',
      csv.replace('Milan', 'MILAN'),
      'text/csv',
    );
    expect(again.json()).toMatchObject({ rows: 4, created: 0, existing: 6 });
    const rows = await units(database());
    const milan = rows.filter((u) => u.name === 'Milan');
    expect(milan).toHaveLength(1);
    expect(milan[0].kind).toBe('city');
    const italy = rows.find((u) => u.name === 'Italy')!;
    const europe = rows.find((u) => u.name === 'Europe')!;
    expect(milan[0].path).toBe(`${italy.path}${milan[0].unit_id}/`);
    expect(italy.parent_id).toBe(europe.unit_id);
  });

  it('imports a path column; a manager’s file lands below their own unit', async () => {
    const csv = 'path,kind\nNorth/Depot 1,depot\nNorth/Depot 2,depot\n/North/,area\n';
    const response = await as('managerX', 'POST', '/api/v1/units/import', csv, 'text/csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ created: 3 });
    const rows = await units(database());
    const north = rows.find((u) => u.name === 'North')!;
    expect(north.parent_id).toBe(org.regionX);
    expect(rows.find((u) => u.name === 'Depot 2')!.path.startsWith(`/${org.regionX}/`)).toBe(true);
  });

  it('refuses a file with bad rows whole, unless asked to skip them; a dry run writes nothing', async () => {
    const before = (await units(database())).length;
    const csv = 'Region,Country\nAsia,Japan\n,Korea\nAsia,China\n';
    const refused = await as('owner', 'POST', '/api/v1/units/import', csv, 'text/csv');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      { field: 'line 3', message: expect.stringContaining('Level 1 is empty') },
    ]);
    expect((await units(database())).length).toBe(before);
    const dry = await as('owner', 'POST', '/api/v1/units/import?dryRun=true', csv, 'text/csv');
    expect(dry.json()).toMatchObject({ created: 3, dryRun: true, badRows: [{ line: 3 }] });
    expect((await units(database())).length).toBe(before);
    const skipped = await as('owner', 'POST', '/api/v1/units/import?skipBadRows=true', csv, 'text/csv');
    expect(skipped.json()).toMatchObject({ created: 3, badRows: [{ line: 3 }] });
    expect((await units(database())).length).toBe(before + 3);
  });

  it('refuses malformed tree files with one message naming the line, changing nothing', async () => {
    const before = (await units(database())).length;
    const html = await as(
      'owner',
      'POST',
      '/api/v1/units/import',
      '<!doctype html><html><body>login</body></html>',
      'text/csv',
    );
    expect(html.statusCode).toBe(422);
    expect(html.headers['content-type']).toContain('application/problem+json');
    expect(html.json().errors).toEqual([{ field: 'line 1', message: expect.stringContaining('HTML') }]);
    const ragged = await as(
      'owner',
      'POST',
      '/api/v1/units/import',
      'Region,Country\nOceania,Fiji\nOceania,Samoa,Apia\n',
      'text/csv',
    );
    expect(ragged.json().errors[0].field).toBe('line 3');
    const latin1 = Buffer.concat([
      Buffer.from('Region\nLatam\n'),
      Buffer.from([0x53, 0xe3, 0x6f]),
      Buffer.from('\n'),
    ]);
    const encoding = await as('owner', 'POST', '/api/v1/units/import', latin1, 'text/csv');
    expect(encoding.json().errors[0]).toMatchObject({
      field: 'line 3',
      message: expect.stringContaining('UTF-8'),
    });
    expect((await units(database())).length).toBe(before);
  });
});
