import { sql, type Transaction } from 'kysely';
import { type Database, transaction } from '../db/database.ts';
import { declareQueue, enqueueManyIn, type PgBoss } from '../db/jobs.ts';
import type { ReportView, Schema } from '../db/schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Logger } from '../platform/logger.ts';
import { roleMay } from '../policies/abilities.ts';
import { nextRunAfter } from './cadence.ts';
import type { ReportRenderer } from './renderPdf.ts';
import { REPORT_ACTION } from './reportViews.ts';

export const REPORTS_DUE_QUEUE = declareQueue('reports-due');
export const REPORT_SEND_QUEUE = declareQueue('report-send');

interface SendJob {
  orgId: string;
  scheduleId: string;
  runAt: string;
  userId: string;
}

/**
 * One run of a schedule: a delivery row per recipient (the primary key makes a second plan of the
 * same run a no-op) and a send job each, in the caller's transaction.
 */
export async function planRun(
  trx: Transaction<Schema>,
  schedule: { org_id: string; schedule_id: string },
  runAt: Date,
): Promise<number> {
  const planned = await trx
    .insertInto('report_deliveries')
    .columns(['org_id', 'schedule_id', 'run_at', 'user_id'])
    .expression((eb) =>
      eb
        .selectFrom('report_schedule_recipients')
        .select([
          'org_id',
          'schedule_id',
          sql<Date>`${runAt.toISOString()}::timestamptz`.as('run_at'),
          'user_id',
        ])
        .where('org_id', '=', schedule.org_id)
        .where('schedule_id', '=', schedule.schedule_id),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .execute();
  await enqueueManyIn(
    trx,
    REPORT_SEND_QUEUE,
    planned.map((row) => ({
      data: {
        orgId: schedule.org_id,
        scheduleId: schedule.schedule_id,
        runAt: runAt.toISOString(),
        userId: row.user_id,
      } satisfies SendJob,
    })),
  );
  return planned.length;
}

/**
 * Plans every schedule whose time has come and moves it to its next run, in one transaction; the
 * rows are locked SKIP LOCKED, so processes ticking at once split the work instead of repeating it.
 */
export async function planDueReports(database: Database, now = new Date()): Promise<number> {
  return transaction(database, async (trx) => {
    const due = await trx
      .selectFrom('report_schedules')
      .select(['org_id', 'schedule_id', 'cadence', 'hour_utc', 'next_run_at'])
      .where('enabled', '=', true)
      .where('next_run_at', '<=', now)
      .orderBy('next_run_at')
      .limit(200)
      .forUpdate()
      .skipLocked()
      .execute();
    let planned = 0;
    for (const schedule of due) {
      const runAt = new Date(schedule.next_run_at);
      planned += await planRun(trx, schedule, runAt);
      await trx
        .updateTable('report_schedules')
        .set({ last_run_at: runAt, next_run_at: nextRunAfter(schedule.cadence, schedule.hour_utc, now) })
        .where('org_id', '=', schedule.org_id)
        .where('schedule_id', '=', schedule.schedule_id)
        .execute();
    }
    return planned;
  });
}

const VIEW_TITLES = {
  en: {
    overview: 'Overview',
    forces: 'Forces',
    accounts: 'Accounts',
    journeys: 'Journeys',
    comments: 'Comments',
    cases: 'Cases',
  },
  it: {
    overview: 'Panoramica',
    forces: 'Forze',
    accounts: 'Clienti',
    journeys: 'Percorsi',
    comments: 'Commenti',
    cases: 'Casi',
  },
} as const satisfies Record<'en' | 'it', Record<ReportView, string>>;

/**
 * Sends one recipient's copy of one run: the view drawn as that user (their scope, never the
 * schedule owner's), attached to a mail to their address. A delivery already sent or skipped is
 * left alone, so a repeated job sends nothing twice; a failure stays queued with its error and the
 * job is retried by pg-boss.
 */
export async function sendScheduledReport(
  services: { database: Database; mailer: Mailer; renderer: ReportRenderer; appUrl: string },
  job: SendJob,
): Promise<'sent' | 'skipped' | 'done already'> {
  const { db } = services.database;
  const delivery = await db
    .selectFrom('report_deliveries')
    .innerJoin('report_schedules', (join) =>
      join
        .onRef('report_schedules.org_id', '=', 'report_deliveries.org_id')
        .onRef('report_schedules.schedule_id', '=', 'report_deliveries.schedule_id'),
    )
    .leftJoin('users', (join) =>
      join
        .onRef('users.org_id', '=', 'report_deliveries.org_id')
        .onRef('users.user_id', '=', 'report_deliveries.user_id'),
    )
    .leftJoin('memberships', (join) =>
      join
        .onRef('memberships.org_id', '=', 'report_deliveries.org_id')
        .onRef('memberships.user_id', '=', 'report_deliveries.user_id'),
    )
    .select([
      'report_deliveries.status',
      'report_schedules.name',
      'report_schedules.view',
      'report_schedules.filters',
      'report_schedules.language',
      'users.email',
      'memberships.role',
    ])
    .where('report_deliveries.org_id', '=', job.orgId)
    .where('report_deliveries.schedule_id', '=', job.scheduleId)
    .where('report_deliveries.run_at', '=', new Date(job.runAt))
    .where('report_deliveries.user_id', '=', job.userId)
    .executeTakeFirst();
  if (delivery?.status !== 'queued') return 'done already';
  const mark = (values: { status: 'sent' | 'skipped' | 'queued'; message_id?: string; error?: string }) =>
    db
      .updateTable('report_deliveries')
      .set({ ...values, sent_at: values.status === 'sent' ? new Date() : null })
      .where('org_id', '=', job.orgId)
      .where('schedule_id', '=', job.scheduleId)
      .where('run_at', '=', new Date(job.runAt))
      .where('user_id', '=', job.userId)
      .execute();
  // A user who has left the organisation (or lost their role) gets nothing.
  if (!delivery.email || !delivery.role) {
    await mark({ status: 'skipped', error: 'The recipient is no longer a member.' });
    return 'skipped';
  }
  // Checked again at sending: the recipient's role may have changed since the schedule was made.
  if (!roleMay(delivery.role, REPORT_ACTION[delivery.view])) {
    await mark({
      status: 'skipped',
      error: `The ${delivery.role} role may not see the ${delivery.view} view.`,
    });
    return 'skipped';
  }
  try {
    const pdf = await services.renderer.render({
      database: services.database,
      appUrl: services.appUrl,
      orgId: job.orgId,
      userId: job.userId,
      view: delivery.view,
      filters: delivery.filters,
      language: delivery.language,
    });
    const day = job.runAt.slice(0, 10);
    const viewTitle = VIEW_TITLES[delivery.language][delivery.view];
    const intro =
      delivery.language === 'it'
        ? `In allegato il report "${delivery.name}" (${viewTitle}) del ${day}, con i dati che il tuo ruolo ti permette di vedere.`
        : `Attached is the report "${delivery.name}" (${viewTitle}) of ${day}, showing the figures your role lets you see.`;
    const sent = await services.mailer.send({
      to: delivery.email,
      subject: `${delivery.name} · ${viewTitle} · ${day}`,
      text: intro,
      attachments: [
        { filename: `${delivery.view}-${day}.pdf`, content: pdf, contentType: 'application/pdf' },
      ],
    });
    await mark({ status: 'sent', message_id: sent.messageId });
    return 'sent';
  } catch (error) {
    await mark({ status: 'queued', error: String((error as Error).message).slice(0, 1000) });
    throw error;
  }
}

/**
 * The pg-boss side: a schedule every five minutes plans what is due (the schedule lives in the
 * database, so it survives restarts and runs once per tick whichever process takes it), and a
 * worker sends each recipient's copy.
 */
export async function startReportWork(
  jobs: PgBoss,
  services: { database: Database; mailer: Mailer; renderer: ReportRenderer; appUrl: string; logger?: Logger },
  options: { pollingIntervalSeconds?: number } = {},
): Promise<void> {
  await jobs.createQueue(REPORTS_DUE_QUEUE);
  await jobs.createQueue(REPORT_SEND_QUEUE);
  await jobs.updateQueue(REPORT_SEND_QUEUE, { retryLimit: 3, retryDelay: 60 });
  await jobs.schedule(REPORTS_DUE_QUEUE, '*/5 * * * *');
  await jobs.work(REPORTS_DUE_QUEUE, async () => {
    await planDueReports(services.database);
  });
  await jobs.work<SendJob>(
    REPORT_SEND_QUEUE,
    { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
    async ([job]) => {
      await sendScheduledReport(services, job.data);
    },
  );
}
