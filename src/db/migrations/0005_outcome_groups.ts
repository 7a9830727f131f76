import { type Kysely, sql } from 'kysely';

/**
 * Outcome tables for the analyses the seeds read: the locked-in share, likelihood to continue by
 * promise–experience group, and after a critical incident (forgiveness, by segment). Additive columns
 * on every rollup table; `rapport rollups rebuild` fills them for responses stored before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
alter table rollup_daily
  add column locked_base bigint not null default 0,
  add column locked_in bigint not null default 0,
  add column dissonance_worse_n bigint not null default 0,
  add column dissonance_worse_continue_n bigint not null default 0,
  add column dissonance_worse_continue_sum float8 not null default 0,
  add column dissonance_worse_continue_sumsq float8 not null default 0,
  add column dissonance_in_line_n bigint not null default 0,
  add column dissonance_in_line_continue_n bigint not null default 0,
  add column dissonance_in_line_continue_sum float8 not null default 0,
  add column dissonance_in_line_continue_sumsq float8 not null default 0,
  add column dissonance_better_n bigint not null default 0,
  add column dissonance_better_continue_n bigint not null default 0,
  add column dissonance_better_continue_sum float8 not null default 0,
  add column dissonance_better_continue_sumsq float8 not null default 0,
  add column incident_n bigint not null default 0,
  add column incident_continue_n bigint not null default 0,
  add column incident_continue_sum float8 not null default 0,
  add column incident_continue_sumsq float8 not null default 0;
alter table rollup_weekly
  add column locked_base bigint not null default 0,
  add column locked_in bigint not null default 0,
  add column dissonance_worse_n bigint not null default 0,
  add column dissonance_worse_continue_n bigint not null default 0,
  add column dissonance_worse_continue_sum float8 not null default 0,
  add column dissonance_worse_continue_sumsq float8 not null default 0,
  add column dissonance_in_line_n bigint not null default 0,
  add column dissonance_in_line_continue_n bigint not null default 0,
  add column dissonance_in_line_continue_sum float8 not null default 0,
  add column dissonance_in_line_continue_sumsq float8 not null default 0,
  add column dissonance_better_n bigint not null default 0,
  add column dissonance_better_continue_n bigint not null default 0,
  add column dissonance_better_continue_sum float8 not null default 0,
  add column dissonance_better_continue_sumsq float8 not null default 0,
  add column incident_n bigint not null default 0,
  add column incident_continue_n bigint not null default 0,
  add column incident_continue_sum float8 not null default 0,
  add column incident_continue_sumsq float8 not null default 0;
alter table rollup_monthly
  add column locked_base bigint not null default 0,
  add column locked_in bigint not null default 0,
  add column dissonance_worse_n bigint not null default 0,
  add column dissonance_worse_continue_n bigint not null default 0,
  add column dissonance_worse_continue_sum float8 not null default 0,
  add column dissonance_worse_continue_sumsq float8 not null default 0,
  add column dissonance_in_line_n bigint not null default 0,
  add column dissonance_in_line_continue_n bigint not null default 0,
  add column dissonance_in_line_continue_sum float8 not null default 0,
  add column dissonance_in_line_continue_sumsq float8 not null default 0,
  add column dissonance_better_n bigint not null default 0,
  add column dissonance_better_continue_n bigint not null default 0,
  add column dissonance_better_continue_sum float8 not null default 0,
  add column dissonance_better_continue_sumsq float8 not null default 0,
  add column incident_n bigint not null default 0,
  add column incident_continue_n bigint not null default 0,
  add column incident_continue_sum float8 not null default 0,
  add column incident_continue_sumsq float8 not null default 0;
alter table rollup_account_monthly
  add column locked_base bigint not null default 0,
  add column locked_in bigint not null default 0,
  add column dissonance_worse_n bigint not null default 0,
  add column dissonance_worse_continue_n bigint not null default 0,
  add column dissonance_worse_continue_sum float8 not null default 0,
  add column dissonance_worse_continue_sumsq float8 not null default 0,
  add column dissonance_in_line_n bigint not null default 0,
  add column dissonance_in_line_continue_n bigint not null default 0,
  add column dissonance_in_line_continue_sum float8 not null default 0,
  add column dissonance_in_line_continue_sumsq float8 not null default 0,
  add column dissonance_better_n bigint not null default 0,
  add column dissonance_better_continue_n bigint not null default 0,
  add column dissonance_better_continue_sum float8 not null default 0,
  add column dissonance_better_continue_sumsq float8 not null default 0,
  add column incident_n bigint not null default 0,
  add column incident_continue_n bigint not null default 0,
  add column incident_continue_sum float8 not null default 0,
  add column incident_continue_sumsq float8 not null default 0;
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
alter table rollup_daily drop column locked_base, drop column locked_in, drop column dissonance_worse_n, drop column dissonance_worse_continue_n, drop column dissonance_worse_continue_sum, drop column dissonance_worse_continue_sumsq, drop column dissonance_in_line_n, drop column dissonance_in_line_continue_n, drop column dissonance_in_line_continue_sum, drop column dissonance_in_line_continue_sumsq, drop column dissonance_better_n, drop column dissonance_better_continue_n, drop column dissonance_better_continue_sum, drop column dissonance_better_continue_sumsq, drop column incident_n, drop column incident_continue_n, drop column incident_continue_sum, drop column incident_continue_sumsq;
alter table rollup_weekly drop column locked_base, drop column locked_in, drop column dissonance_worse_n, drop column dissonance_worse_continue_n, drop column dissonance_worse_continue_sum, drop column dissonance_worse_continue_sumsq, drop column dissonance_in_line_n, drop column dissonance_in_line_continue_n, drop column dissonance_in_line_continue_sum, drop column dissonance_in_line_continue_sumsq, drop column dissonance_better_n, drop column dissonance_better_continue_n, drop column dissonance_better_continue_sum, drop column dissonance_better_continue_sumsq, drop column incident_n, drop column incident_continue_n, drop column incident_continue_sum, drop column incident_continue_sumsq;
alter table rollup_monthly drop column locked_base, drop column locked_in, drop column dissonance_worse_n, drop column dissonance_worse_continue_n, drop column dissonance_worse_continue_sum, drop column dissonance_worse_continue_sumsq, drop column dissonance_in_line_n, drop column dissonance_in_line_continue_n, drop column dissonance_in_line_continue_sum, drop column dissonance_in_line_continue_sumsq, drop column dissonance_better_n, drop column dissonance_better_continue_n, drop column dissonance_better_continue_sum, drop column dissonance_better_continue_sumsq, drop column incident_n, drop column incident_continue_n, drop column incident_continue_sum, drop column incident_continue_sumsq;
alter table rollup_account_monthly drop column locked_base, drop column locked_in, drop column dissonance_worse_n, drop column dissonance_worse_continue_n, drop column dissonance_worse_continue_sum, drop column dissonance_worse_continue_sumsq, drop column dissonance_in_line_n, drop column dissonance_in_line_continue_n, drop column dissonance_in_line_continue_sum, drop column dissonance_in_line_continue_sumsq, drop column dissonance_better_n, drop column dissonance_better_continue_n, drop column dissonance_better_continue_sum, drop column dissonance_better_continue_sumsq, drop column incident_n, drop column incident_continue_n, drop column incident_continue_sum, drop column incident_continue_sumsq;
`)
    .execute(db);
}
