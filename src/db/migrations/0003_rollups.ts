import { type Kysely, sql } from 'kysely';

/**
 * Rollups of sufficient statistics for the dashboards, by day, ISO week and month. A cell is one day × unit × survey ×
 * touchpoint × segment × language × channel; its columns are additive (counts, sums, sums of squares,
 * category counts, and the cross-products of the driver variables over complete cases), so any
 * figure for any period and subtree is a SUM over cells. The column list mirrors
 * src/analytics/rollupVariables.ts as it was when this migration was written; later changes to that
 * list come with a migration of their own.
 *
 * rollup_queue holds responses not yet folded in (sign +1 to add, −1 to take out), so ingestion never
 * contends on a hot rollup row and readers can add the pending rows for exact real-time figures.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create table rollup_daily (
  org_id uuid not null,
  day date not null,
  unit_id uuid,
  survey_id uuid not null,
  touchpoint_id uuid,
  segment text,
  language text not null,
  channel text not null,
  cell_key text not null,
  n bigint not null default 0,
  nps_n bigint not null default 0,
  nps_sum float8 not null default 0,
  nps_sumsq float8 not null default 0,
  satisfaction_n bigint not null default 0,
  satisfaction_sum float8 not null default 0,
  satisfaction_sumsq float8 not null default 0,
  ces_n bigint not null default 0,
  ces_sum float8 not null default 0,
  ces_sumsq float8 not null default 0,
  attachment_n bigint not null default 0,
  attachment_sum float8 not null default 0,
  attachment_sumsq float8 not null default 0,
  strength_n bigint not null default 0,
  strength_sum float8 not null default 0,
  strength_sumsq float8 not null default 0,
  continue_n bigint not null default 0,
  continue_sum float8 not null default 0,
  continue_sumsq float8 not null default 0,
  certainty_n bigint not null default 0,
  certainty_sum float8 not null default 0,
  certainty_sumsq float8 not null default 0,
  control_n bigint not null default 0,
  control_sum float8 not null default 0,
  control_sumsq float8 not null default 0,
  fair_treatment_n bigint not null default 0,
  fair_treatment_sum float8 not null default 0,
  fair_treatment_sumsq float8 not null default 0,
  belonging_n bigint not null default 0,
  belonging_sum float8 not null default 0,
  belonging_sumsq float8 not null default 0,
  status_n bigint not null default 0,
  status_sum float8 not null default 0,
  status_sumsq float8 not null default 0,
  enjoyment_n bigint not null default 0,
  enjoyment_sum float8 not null default 0,
  enjoyment_sumsq float8 not null default 0,
  promoters bigint not null default 0,
  passives bigint not null default 0,
  detractors bigint not null default 0,
  csat_n bigint not null default 0,
  csat_top2 bigint not null default 0,
  continue_top2 bigint not null default 0,
  certainty_topbox bigint not null default 0,
  control_topbox bigint not null default 0,
  fair_treatment_topbox bigint not null default 0,
  belonging_topbox bigint not null default 0,
  status_topbox bigint not null default 0,
  enjoyment_topbox bigint not null default 0,
  xp_n bigint not null default 0,
  xs_0 float8 not null default 0,
  xs_1 float8 not null default 0,
  xs_2 float8 not null default 0,
  xs_3 float8 not null default 0,
  xs_4 float8 not null default 0,
  xs_5 float8 not null default 0,
  xs_6 float8 not null default 0,
  xs_7 float8 not null default 0,
  xs_8 float8 not null default 0,
  xs_9 float8 not null default 0,
  xs_10 float8 not null default 0,
  xp_0_0 float8 not null default 0,
  xp_0_1 float8 not null default 0,
  xp_0_2 float8 not null default 0,
  xp_0_3 float8 not null default 0,
  xp_0_4 float8 not null default 0,
  xp_0_5 float8 not null default 0,
  xp_0_6 float8 not null default 0,
  xp_0_7 float8 not null default 0,
  xp_0_8 float8 not null default 0,
  xp_0_9 float8 not null default 0,
  xp_0_10 float8 not null default 0,
  xp_1_1 float8 not null default 0,
  xp_1_2 float8 not null default 0,
  xp_1_3 float8 not null default 0,
  xp_1_4 float8 not null default 0,
  xp_1_5 float8 not null default 0,
  xp_1_6 float8 not null default 0,
  xp_1_7 float8 not null default 0,
  xp_1_8 float8 not null default 0,
  xp_1_9 float8 not null default 0,
  xp_1_10 float8 not null default 0,
  xp_2_2 float8 not null default 0,
  xp_2_3 float8 not null default 0,
  xp_2_4 float8 not null default 0,
  xp_2_5 float8 not null default 0,
  xp_2_6 float8 not null default 0,
  xp_2_7 float8 not null default 0,
  xp_2_8 float8 not null default 0,
  xp_2_9 float8 not null default 0,
  xp_2_10 float8 not null default 0,
  xp_3_3 float8 not null default 0,
  xp_3_4 float8 not null default 0,
  xp_3_5 float8 not null default 0,
  xp_3_6 float8 not null default 0,
  xp_3_7 float8 not null default 0,
  xp_3_8 float8 not null default 0,
  xp_3_9 float8 not null default 0,
  xp_3_10 float8 not null default 0,
  xp_4_4 float8 not null default 0,
  xp_4_5 float8 not null default 0,
  xp_4_6 float8 not null default 0,
  xp_4_7 float8 not null default 0,
  xp_4_8 float8 not null default 0,
  xp_4_9 float8 not null default 0,
  xp_4_10 float8 not null default 0,
  xp_5_5 float8 not null default 0,
  xp_5_6 float8 not null default 0,
  xp_5_7 float8 not null default 0,
  xp_5_8 float8 not null default 0,
  xp_5_9 float8 not null default 0,
  xp_5_10 float8 not null default 0,
  xp_6_6 float8 not null default 0,
  xp_6_7 float8 not null default 0,
  xp_6_8 float8 not null default 0,
  xp_6_9 float8 not null default 0,
  xp_6_10 float8 not null default 0,
  xp_7_7 float8 not null default 0,
  xp_7_8 float8 not null default 0,
  xp_7_9 float8 not null default 0,
  xp_7_10 float8 not null default 0,
  xp_8_8 float8 not null default 0,
  xp_8_9 float8 not null default 0,
  xp_8_10 float8 not null default 0,
  xp_9_9 float8 not null default 0,
  xp_9_10 float8 not null default 0,
  xp_10_10 float8 not null default 0,
  primary key (org_id, cell_key)
);
create index rollup_daily_day on rollup_daily (org_id, day);

-- The same cells summed by ISO week and by month (day = the period's first day), so a dashboard over
-- a year adds up a few thousand rows rather than every day's.
create table rollup_weekly (like rollup_daily including all);
create table rollup_monthly (like rollup_daily including all);

create table rollup_queue (
  org_id uuid not null,
  queue_id bigint generated always as identity,
  response_id uuid not null,
  sign smallint not null check (sign in (-1, 1)),
  primary key (org_id, queue_id)
);
`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table rollup_queue, rollup_monthly, rollup_weekly, rollup_daily;').execute(db);
}
