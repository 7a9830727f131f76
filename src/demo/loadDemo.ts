import { Worker } from 'node:worker_threads';
import { rebuildRollups } from '../analytics/rollups.ts';
import { bulkInsert, copyText } from '../db/bulkInsert.ts';
import { type Database, transaction } from '../db/database.ts';
import { FORCES_2019, FORCES_B2B_2024, type Framework } from '../domain/forces/index.ts';
import { randomSecret } from '../identity/secrets.ts';
import { createUser } from '../identity/users.ts';
import type { SurveyDefinition } from '../surveys/definition/index.ts';
import { relationshipSurveyTemplate, touchpointPulseTemplate } from '../surveys/library/index.ts';
import { openDemoCases } from './demoAlerts.ts';
import { createDemoInvitations } from './demoInvitations.ts';
import { demoStructure } from './demoStructure.ts';
import { DEMO_ORGANISATION, DEMO_OWNER_EMAIL, JOURNEYS, PULSE_TOUCHPOINTS, REGIONS } from './programme.ts';
import { COMMENT_COLUMNS, type DemoPlan, demoResponses, RESPONSE_COLUMNS } from './responseGenerator.ts';
import type { WorkerBatch } from './responseWorker.ts';
import { SeededRandom } from './seededRandom.ts';

export interface DemoOptions {
  responses: number;
  seed: number;
  password: string;
  /** Responses are spread over the 18 months before this date. */
  until?: Date;
  onProgress?: (written: number, total: number) => void;
}

export interface DemoResult {
  orgId: string;
  responses: number;
  comments: number;
  /** Cases the demo's alert rules opened on its latest responses (see demoAlerts.ts). */
  cases: number;
  /** Time spent generating and writing the responses and comments. */
  writeSeconds: number;
}

const DAY = 86_400_000;
const PERIOD_DAYS = 548;

const CHUNK = 50_000;
const WORKER_BATCH = 1000;
const WORKER_CREDITS = 8;
const LANES = 2;

async function insertFramework(
  trx: Parameters<Parameters<typeof transaction>[1]>[0],
  orgId: string,
  framework: Framework,
) {
  await trx
    .insertInto('frameworks')
    .values({
      org_id: orgId,
      framework_id: framework.id,
      name:
        framework.id === FORCES_2019.id
          ? 'Forces of CX (2019, five Forces)'
          : 'Forces of CX (B2B, six Forces)',
      version: framework.version,
      maps_to: framework.mapsTo?.frameworkId ?? null,
      force_map: JSON.stringify(framework.mapsTo?.forceMap ?? {}),
    })
    .execute();
  await trx
    .insertInto('forces')
    .values(
      framework.forces.map((force, position) => ({
        org_id: orgId,
        framework_id: framework.id,
        force_key: force.key,
        position,
        name: JSON.stringify(force.name),
        facets: JSON.stringify(force.facets),
        fulfilled: JSON.stringify(force.fulfilled),
        tension: JSON.stringify(force.tension),
      })),
    )
    .execute();
}

/**
 * Creates the demo programme: a supplier with 3 regions × 3 teams, 200 accounts and their contacts,
 * three journeys, a relationship survey and two touchpoint pulses, then streams N responses from
 * the causal model in causalModel.ts. The same seed (and `until`) gives the same programme.
 */
export async function loadDemo(database: Database, options: DemoOptions): Promise<DemoResult> {
  const random = new SeededRandom(options.seed);
  const until = options.until ?? new Date(Math.floor(Date.now() / DAY) * DAY);
  const orgId = random.uuid();
  const structure = demoStructure(random, 200, until);
  const touchpointIds = new Map<string, string>();
  const surveys: {
    surveyId: string;
    slug: string;
    definition: SurveyDefinition;
    touchpointKey: string | null;
    share: number;
  }[] = [];

  await transaction(database, async (trx) => {
    await trx
      .insertInto('organisations')
      .values({
        org_id: orgId,
        name: DEMO_ORGANISATION.name,
        slug: DEMO_ORGANISATION.slug,
        signing_key: randomSecret(),
      })
      .execute();
    for (const unit of structure.units) {
      await trx
        .insertInto('org_units')
        .values({
          org_id: orgId,
          unit_id: unit.unitId,
          parent_id: unit.parentId,
          name: unit.name,
          kind: unit.kind,
          path: unit.path,
        })
        .execute();
    }
    await createUser(trx, {
      orgId,
      email: DEMO_OWNER_EMAIL,
      name: 'Demo Owner',
      password: options.password,
      role: 'owner',
      unitId: null,
    });
    for (const region of REGIONS) {
      const unit = structure.units.find((u) => u.kind === 'region' && u.regionKey === region.key)!;
      await createUser(trx, {
        orgId,
        email: `manager.${region.key}@demo.rapport.dev`,
        name: `${region.name} manager`,
        password: options.password,
        role: 'manager',
        unitId: unit.unitId,
      });
    }
    await createUser(trx, {
      orgId,
      email: 'analyst@demo.rapport.dev',
      name: 'CX analyst',
      password: options.password,
      role: 'analyst',
      unitId: null,
    });
    await insertFramework(trx, orgId, FORCES_B2B_2024);
    await insertFramework(trx, orgId, FORCES_2019);

    let journeyPosition = 0;
    for (const journey of JOURNEYS) {
      const journeyId = random.uuid();
      await trx
        .insertInto('journeys')
        .values({
          org_id: orgId,
          journey_id: journeyId,
          key: journey.key,
          name: JSON.stringify(journey.name),
          position: journeyPosition++,
        })
        .execute();
      let stagePosition = 0;
      for (const stage of journey.stages) {
        const stageId = random.uuid();
        await trx
          .insertInto('journey_stages')
          .values({
            org_id: orgId,
            stage_id: stageId,
            journey_id: journeyId,
            key: stage.key,
            name: JSON.stringify(stage.name),
            position: stagePosition++,
          })
          .execute();
        let touchpointPosition = 0;
        for (const touchpoint of stage.touchpoints) {
          const touchpointId = random.uuid();
          touchpointIds.set(touchpoint.key, touchpointId);
          await trx
            .insertInto('touchpoints')
            .values({
              org_id: orgId,
              touchpoint_id: touchpointId,
              stage_id: stageId,
              key: touchpoint.key,
              name: JSON.stringify(touchpoint.name),
              channel: touchpoint.channel,
              owning_department: touchpoint.department,
              target_forces: touchpoint.forces,
              ideal: JSON.stringify({
                forces: Object.fromEntries(touchpoint.forces.map((f) => [f, touchpoint.ideal])),
                csat: 80,
              }),
              position: touchpointPosition++,
            })
            .execute();
        }
      }
    }

    surveys.push({
      surveyId: random.uuid(),
      slug: 'demo-relationship',
      definition: relationshipSurveyTemplate(),
      touchpointKey: null,
      share: 0.6,
    });
    for (const key of PULSE_TOUCHPOINTS) {
      const touchpoint = JOURNEYS.flatMap((j) => j.stages.flatMap((s) => s.touchpoints)).find(
        (t) => t.key === key,
      )!;
      surveys.push({
        surveyId: random.uuid(),
        slug: `demo-${key}-pulse`,
        definition: touchpointPulseTemplate({
          touchpointName: touchpoint.name,
          forces: touchpoint.forces,
          metric: key === 'delivery' ? 'csat' : 'nps',
        }),
        touchpointKey: key,
        share: 0.2,
      });
    }
    for (const survey of surveys) {
      const name = survey.touchpointKey
        ? `Pulse: ${survey.touchpointKey.replace('-', ' ')}`
        : 'Forces relationship survey';
      await trx
        .insertInto('surveys')
        .values({
          org_id: orgId,
          survey_id: survey.surveyId,
          slug: survey.slug,
          name,
          kind: survey.touchpointKey ? 'touchpoint' : 'relationship',
          touchpoint_id: survey.touchpointKey ? touchpointIds.get(survey.touchpointKey)! : null,
          status: 'open',
          current_version: 1,
          draft: JSON.stringify(survey.definition),
        })
        .execute();
      await trx
        .insertInto('survey_versions')
        .values({
          org_id: orgId,
          survey_id: survey.surveyId,
          version: 1,
          definition: JSON.stringify(survey.definition),
        })
        .execute();
    }

    for (let i = 0; i < structure.accounts.length; i += 100) {
      await trx
        .insertInto('accounts')
        .values(
          structure.accounts.slice(i, i + 100).map((a) => ({
            org_id: orgId,
            account_id: a.accountId,
            name: a.name,
            industry: a.industry,
            tier: a.tier,
            annual_value: a.annualValue,
            renewal_date: a.renewalDate,
            unit_id: a.unitId,
            external_id: a.externalId,
          })),
        )
        .execute();
    }
    for (let i = 0; i < structure.contacts.length; i += 200) {
      await trx
        .insertInto('contacts')
        .values(
          structure.contacts.slice(i, i + 200).map((c) => ({
            org_id: orgId,
            contact_id: c.contactId,
            account_id: c.accountId,
            first_name: c.firstName,
            last_name: c.lastName,
            email: c.email,
            language: c.language,
            buying_role: c.buyingRole,
          })),
        )
        .execute();
    }
  });

  const channelOf = new Map(
    JOURNEYS.flatMap((j) => j.stages.flatMap((st) => st.touchpoints)).map((t) => [t.key, t.channel]),
  );
  const accountsById = new Map(structure.accounts.map((a) => [a.accountId, a]));
  const plan: DemoPlan = {
    orgId,
    responses: options.responses,
    start: until.getTime() - PERIOD_DAYS * DAY,
    periodDays: PERIOD_DAYS,
    surveys: surveys.map((survey) => ({
      surveyId: survey.surveyId,
      definition: survey.definition,
      touchpointId: survey.touchpointKey ? touchpointIds.get(survey.touchpointKey)! : null,
      channel: survey.touchpointKey ? (channelOf.get(survey.touchpointKey) ?? 'web') : 'email',
      share: survey.share,
    })),
    contacts: structure.contacts.map((contact) => {
      const account = accountsById.get(contact.accountId)!;
      return {
        contactId: contact.contactId,
        accountId: account.accountId,
        unitId: account.unitId,
        externalId: account.externalId,
        language: contact.language,
        quality: account.quality,
        shift: account.shift,
      };
    }),
  };

  const writeStarted = performance.now();
  const counts =
    database.engine === 'postgres'
      ? await writeThroughWorker(database, plan, random, options.onProgress)
      : await writeInProcess(database, plan, random, options.onProgress);
  const writeSeconds = (performance.now() - writeStarted) / 1000;
  const relationship = surveys.find((survey) => survey.touchpointKey === null)!;
  await transaction(database, (trx) =>
    createDemoInvitations(trx, { orgId, surveyId: relationship.surveyId, until, seed: options.seed }),
  );
  await rebuildRollups(database, orgId);
  // Fresh statistics after a bulk load, so the planner picks the indexes from the first request on.
  await database.pool.query('analyze responses, comments, contacts, accounts');
  const cases = await openDemoCases(database, orgId, until);
  return { orgId, ...counts, cases, writeSeconds };
}

/** PGlite: generate and insert in this thread, a chunk of responses then that chunk's comments. */
async function writeInProcess(
  database: Database,
  plan: DemoPlan,
  random: SeededRandom,
  onProgress: DemoOptions['onProgress'],
): Promise<{ responses: number; comments: number }> {
  const rows = demoResponses(plan, random);
  let responses = 0;
  let comments = 0;
  while (responses < plan.responses) {
    const chunk: Record<string, unknown>[] = [];
    const size = Math.min(CHUNK, plan.responses - responses);
    function* chunkRows() {
      for (let i = 0; i < size; i++) {
        const next = rows.next();
        if (next.done) return;
        if (next.value.comment) chunk.push(next.value.comment);
        yield next.value.response;
      }
    }
    responses += await bulkInsert(database, 'responses', RESPONSE_COLUMNS, chunkRows());
    comments += await bulkInsert(database, 'comments', COMMENT_COLUMNS, chunk);
    onProgress?.(responses, plan.responses);
  }
  return { responses, comments };
}

/**
 * A Postgres server: a worker thread generates the rows and formats them as COPY text, and this
 * thread streams them over LANES connections at once, so generation and two server backends work
 * in parallel. The worker only runs a few batches ahead (credits), which keeps memory constant.
 */
async function writeThroughWorker(
  database: Database,
  plan: DemoPlan,
  random: SeededRandom,
  onProgress: DemoOptions['onProgress'],
): Promise<{ responses: number; comments: number }> {
  const worker = new Worker(new URL('./responseWorker.ts', import.meta.url), {
    workerData: { plan, randomState: random.snapshot(), batch: WORKER_BATCH, credits: WORKER_CREDITS },
  });
  const lanes = Array.from({ length: LANES }, () => new BatchLane(() => worker.postMessage('more')));
  let received = 0;
  worker.on('message', (batch: WorkerBatch) => {
    if (batch.done) for (const lane of lanes) lane.close();
    else lanes[received++ % LANES].push(batch);
  });
  worker.on('error', (error) => {
    for (const lane of lanes) lane.fail(error);
  });
  let responses = 0;
  let comments = 0;
  const drain = async (lane: BatchLane) => {
    while (!lane.finished) {
      const commentText: string[] = [];
      const laneChunk = CHUNK / LANES;
      let inChunk = 0;
      async function* responseText() {
        while (inChunk < laneChunk) {
          const batch = await lane.next();
          if (!batch) return;
          inChunk += batch.count;
          responses += batch.count;
          if (batch.comments) commentText.push(batch.comments);
          yield batch.responses;
        }
      }
      await copyText(database, 'responses', RESPONSE_COLUMNS, responseText());
      if (commentText.length) await copyText(database, 'comments', COMMENT_COLUMNS, commentText);
      comments += commentText.reduce((n, text) => n + countLines(text), 0);
      onProgress?.(responses, plan.responses);
    }
  };
  try {
    await Promise.all(lanes.map(drain));
  } finally {
    await worker.terminate();
  }
  return { responses, comments };
}

/** Batches waiting for one connection; taking one gives the worker a credit for the next. */
class BatchLane {
  readonly #batches: WorkerBatch[] = [];
  readonly #credit: () => void;
  #wake: (() => void) | null = null;
  #closed = false;
  #failure: Error | null = null;

  constructor(credit: () => void) {
    this.#credit = credit;
  }

  get finished(): boolean {
    return this.#closed && this.#batches.length === 0;
  }

  push(batch: WorkerBatch): void {
    this.#batches.push(batch);
    this.#wake?.();
  }

  close(): void {
    this.#closed = true;
    this.#wake?.();
  }

  fail(error: Error): void {
    this.#failure = error;
    this.#wake?.();
  }

  async next(): Promise<WorkerBatch | null> {
    while (this.#batches.length === 0) {
      if (this.#failure) throw this.#failure;
      if (this.#closed) return null;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = null;
    }
    this.#credit();
    return this.#batches.shift()!;
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
