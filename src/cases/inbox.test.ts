import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { signIn, testApp } from '../../test/testApp.ts';

/** Reads Server-Sent Events from a fetch body until `until` holds for the events so far. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  until: (events: { id: string; event: string; data: string }[]) => boolean,
  timeoutMs = 8000,
) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: { id: string; event: string; data: string }[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (!until(events)) {
    if (Date.now() > deadline) throw new Error(`timed out with ${events.length} events`);
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(
        block
          .split('\n')
          .filter((line) => line && !line.startsWith(':'))
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
      );
      if (fields.event) events.push({ id: fields.id, event: fields.event, data: fields.data });
      end = buffer.indexOf('\n\n');
    }
  }
  reader.releaseLock();
  return events;
}

describeEachEngine('live inbox over Server-Sent Events', (database, engine) => {
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = await testApp(database());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => app?.close());

  /** Writes an inbox event as another process would: on a server, through a separate connection. */
  async function writeEvent(orgId: string, userId: string, title: string) {
    if (engine === 'postgres') {
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(database().db);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${rows[0].name}`;
      const other = new pg.Client({ connectionString: url.toString() });
      await other.connect();
      await other.query(
        `insert into inbox_events (org_id, user_id, kind, title) values ($1, $2, 'case.created', $3)`,
        [orgId, userId, title],
      );
      await other.end();
    } else {
      await database()
        .db.insertInto('inbox_events')
        .values({ org_id: orgId, user_id: userId, kind: 'case.created', title })
        .execute();
    }
  }

  it('streams the user’s own new events, written by any process, as text; resumes after Last-Event-ID', async () => {
    const org = await seedOrganisation(database(), 'inbox');
    const users = await database()
      .db.selectFrom('users')
      .select(['user_id', 'email'])
      .where('org_id', '=', org.orgId)
      .execute();
    const id = (email: string) => users.find((u) => u.email === email)!.user_id;
    await writeEvent(org.orgId, id(org.emails.managerX), 'Before connecting');
    const session = await signIn(app, org.emails.managerX);
    const headers = { cookie: session.cookie };

    const first = new AbortController();
    const response = await fetch(`${base}/api/v1/inbox/stream`, { headers, signal: first.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const hostile = '<script>alert(1)</script> Acme & Co';
    await writeEvent(org.orgId, id(org.emails.managerY), 'Someone else’s');
    await writeEvent(org.orgId, id(org.emails.managerX), hostile);
    const events = await readEvents(response.body!, (e) => e.length >= 1);
    first.abort();
    expect(events).toHaveLength(1);
    const data = JSON.parse(events[0].data);
    expect(data).toMatchObject({ kind: 'case.created', title: hostile, read: false });
    expect(events[0].id).toBe(data.eventId);

    const second = new AbortController();
    const resumed = await fetch(`${base}/api/v1/inbox/stream`, {
      headers: { ...headers, 'last-event-id': events[0].id },
      signal: second.signal,
    });
    await writeEvent(org.orgId, id(org.emails.managerX), 'After reconnecting');
    const more = await readEvents(resumed.body!, (e) => e.length >= 1);
    second.abort();
    expect(more.map((e) => JSON.parse(e.data).title)).toEqual(['After reconnecting']);

    const list = await app.inject({ method: 'GET', url: '/api/v1/inbox', headers });
    expect(list.json().events.map((e: { title: string }) => e.title)).toEqual([
      'After reconnecting',
      hostile,
      'Before connecting',
    ]);
    const read = await app.inject({
      method: 'POST',
      url: '/api/v1/inbox/read',
      headers: { ...headers, 'x-csrf-token': session.csrfToken },
      payload: { upTo: events[0].id },
    });
    expect(read.statusCode).toBe(204);
    const unread = await app.inject({ method: 'GET', url: '/api/v1/inbox?unread=true', headers });
    expect(unread.json().events.map((e: { title: string }) => e.title)).toEqual(['After reconnecting']);
  });

  it('refuses anonymous callers', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/inbox/stream' });
    expect(anonymous.statusCode).toBe(401);
  });
});
