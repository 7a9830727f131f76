import { type Kysely, sql } from 'kysely';

/**
 * Journeys, Comments and Cases can be scheduled as PDF reports too: the schedules' view check
 * admits them (the constraint is the one 0013 created, named by Postgres).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
alter table report_schedules drop constraint report_schedules_view_check;
alter table report_schedules add constraint report_schedules_view_check
  check (view in ('overview', 'forces', 'accounts', 'journeys', 'comments', 'cases'));
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
delete from report_schedules where view in ('journeys', 'comments', 'cases');
alter table report_schedules drop constraint report_schedules_view_check;
alter table report_schedules add constraint report_schedules_view_check
  check (view in ('overview', 'forces', 'accounts'));
`)
    .execute(db);
}
