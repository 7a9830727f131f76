import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { signedInAs } from '../../test/requests.ts';
import { seedOrganisation, TEST_PASSWORD } from '../../test/seedOrganisation.ts';
import { testApp } from '../../test/testApp.ts';

describeEachEngine("changing a user's role and scope", (database) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp(database());
  });
  afterAll(() => app?.close());

  async function setUp(label: string) {
    const org = await seedOrganisation(database(), label);
    const ownerOnly = await signedInAs(app, { owner: org.emails.owner });
    const adminEmail = `admin-${label}@${label}.test`;
    const added = await ownerOnly('owner', 'POST', '/api/v1/users', {
      email: adminEmail,
      name: 'Admin',
      password: TEST_PASSWORD,
      role: 'admin',
    });
    expect(added.statusCode).toBe(201);
    const as = await signedInAs(app, { ...org.emails, admin: adminEmail });
    const users = (await as('owner', 'GET', '/api/v1/users')).json().users as {
      userId: string;
      email: string;
      role: string;
      unitId: string | null;
    }[];
    const idOf = (email: string) => users.find((u) => u.email === email)!.userId;
    const ids = {
      owner: idOf(org.emails.owner),
      admin: idOf(adminEmail),
      analyst: idOf(org.emails.analyst),
      managerX: idOf(org.emails.managerX),
      viewer: idOf(org.emails.viewer),
    };
    return { org, as, ids };
  }
  const fieldsOf = (response: { json: () => { errors: { field: string }[] } }) =>
    response.json().errors.map((e) => e.field);

  it('lets an owner change a role and a scope at once; the change applies to the next request and is audited', async () => {
    const { org, as, ids } = await setUp('rolechange');
    expect((await as('analyst', 'GET', '/api/v1/alert-rules')).statusCode).toBe(200);
    const changed = await as('owner', 'PATCH', `/api/v1/users/${ids.analyst}`, {
      role: 'manager',
      unitId: org.regionX,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ userId: ids.analyst, role: 'manager', unitId: org.regionX });
    // The same session is now a manager of region X: no alert rules, only X's accounts.
    expect((await as('analyst', 'GET', '/api/v1/alert-rules')).statusCode).toBe(403);
    const accounts = (await as('analyst', 'GET', '/api/v1/accounts')).json();
    expect(JSON.stringify(accounts)).toContain(org.accountX);
    expect(JSON.stringify(accounts)).not.toContain(org.accountY);

    // Scope alone; then the role alone keeps the scope.
    const moved = await as('owner', 'PATCH', `/api/v1/users/${ids.analyst}`, { unitId: org.teamX1 });
    expect(moved.json()).toMatchObject({ role: 'manager', unitId: org.teamX1 });
    const viewer = await as('owner', 'PATCH', `/api/v1/users/${ids.analyst}`, { role: 'viewer' });
    expect(viewer.json()).toMatchObject({ role: 'viewer', unitId: org.teamX1 });

    const audit = await database()
      .db.selectFrom('audit_log')
      .select(['action', 'target_id', 'details'])
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'user.change_access')
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.details)).toEqual([
      { from: { role: 'analyst', unitId: null }, to: { role: 'manager', unitId: org.regionX } },
      { from: { role: 'manager', unitId: org.regionX }, to: { role: 'manager', unitId: org.teamX1 } },
      { from: { role: 'manager', unitId: org.teamX1 }, to: { role: 'viewer', unitId: org.teamX1 } },
    ]);
    expect(new Set(audit.map((a) => a.target_id))).toEqual(new Set([ids.analyst]));
  });

  it('names each wrong field', async () => {
    const { org, as, ids } = await setUp('rolebad');
    const url = `/api/v1/users/${ids.viewer}`;
    const schema = await as('owner', 'PATCH', url, { role: 'god', unitId: 'nowhere', colour: 'red' });
    expect(schema.statusCode).toBe(400);
    expect(schema.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(schema).sort()).toEqual(['body.colour', 'body.role', 'body.unitId']);
    expect(fieldsOf(await as('owner', 'PATCH', url, {}))).toEqual(['body']);
    expect(fieldsOf(await as('owner', 'PATCH', url, { role: 'manager', unitId: null }))).toEqual([
      'body.unitId',
    ]);
    expect(fieldsOf(await as('owner', 'PATCH', url, { role: 'owner' }))).toEqual(['body.role']);
    expect(fieldsOf(await as('owner', 'PATCH', url, { role: 'owner', unitId: org.regionX }))).toEqual([
      'body.unitId',
    ]);
    const unknownUnit = await as('owner', 'PATCH', url, { unitId: '00000000-0000-4000-8000-000000000001' });
    expect(unknownUnit.statusCode).toBe(400);
    expect(unknownUnit.json().errors).toEqual([{ field: 'body.unitId', message: 'Unknown unit' }]);
    const nobody = await as('owner', 'PATCH', '/api/v1/users/00000000-0000-4000-8000-000000000002', {
      role: 'viewer',
    });
    expect(nobody.statusCode).toBe(404);
  });

  it('keeps admins below owners and everyone else out', async () => {
    const { as, ids } = await setUp('roleadmin');
    const other = await setUp('roleadminother');
    expect((await as('admin', 'PATCH', `/api/v1/users/${ids.viewer}`, { role: 'analyst' })).statusCode).toBe(
      200,
    );
    expect((await as('admin', 'PATCH', `/api/v1/users/${ids.viewer}`, { role: 'owner' })).statusCode).toBe(
      403,
    );
    expect((await as('admin', 'PATCH', `/api/v1/users/${ids.owner}`, { role: 'viewer' })).statusCode).toBe(
      403,
    );
    expect((await as('admin', 'PATCH', `/api/v1/users/${ids.admin}`, { role: 'owner' })).statusCode).toBe(
      403,
    );
    for (const who of ['analyst', 'managerX', 'viewer'])
      expect((await as(who, 'PATCH', `/api/v1/users/${ids.admin}`, { role: 'viewer' })).statusCode, who).toBe(
        403,
      );
    expect(
      (await other.as('owner', 'PATCH', `/api/v1/users/${ids.viewer}`, { role: 'viewer' })).statusCode,
    ).toBe(404);
  });

  it('never demotes the last owner, even when two owners demote each other at once', async () => {
    const { org, as, ids } = await setUp('lastowner');
    const alone = await as('owner', 'PATCH', `/api/v1/users/${ids.owner}`, { role: 'admin' });
    expect(alone.statusCode).toBe(409);
    expect(alone.json().errors).toEqual([
      { field: 'body.role', message: 'The last owner cannot be demoted' },
    ]);

    expect((await as('owner', 'PATCH', `/api/v1/users/${ids.admin}`, { role: 'owner' })).statusCode).toBe(
      200,
    );
    const [first, second] = await Promise.all([
      as('owner', 'PATCH', `/api/v1/users/${ids.admin}`, { role: 'analyst' }),
      as('admin', 'PATCH', `/api/v1/users/${ids.owner}`, { role: 'analyst' }),
    ]);
    // One wins. The other finds a single owner left (409), or, when it arrives after the change, a
    // signed-in user who is no longer an owner (403).
    const codes = [first.statusCode, second.statusCode].sort();
    expect(codes[0]).toBe(200);
    expect([403, 409]).toContain(codes[1]);
    const owners = await database()
      .db.selectFrom('memberships')
      .select('user_id')
      .where('org_id', '=', org.orgId)
      .where('role', '=', 'owner')
      .execute();
    expect(owners).toHaveLength(1);
  });
});
