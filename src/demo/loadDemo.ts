import { bulkInsert } from '../db/bulkInsert.ts';
import { type Database, transaction } from '../db/database.ts';
import { FORCES_2019, FORCES_B2B_2024, type Framework } from '../domain/forces/index.ts';
import { randomSecret } from '../identity/secrets.ts';
import { createUser } from '../identity/users.ts';
import { responseMeasures } from '../responses/measures.ts';
import type { SurveyDefinition } from '../surveys/definition/index.ts';
import { relationshipSurveyTemplate, touchpointPulseTemplate } from '../surveys/library/index.ts';
import { generateAnswers } from './answerGenerator.ts';
import { drawLatentRespondent } from './causalModel.ts';
import { demoStructure } from './demoStructure.ts';
import { DEMO_ORGANISATION, DEMO_OWNER_EMAIL, JOURNEYS, PULSE_TOUCHPOINTS, REGIONS } from './programme.ts';
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
  /** Time spent generating and writing the responses and comments. */
  writeSeconds: number;
}

const DAY = 86_400_000;
const PERIOD_DAYS = 548;

const RESPONSE_COLUMNS = [
  'org_id',
  'response_id',
  'survey_id',
  'survey_version',
  'contact_id',
  'account_id',
  'touchpoint_id',
  'unit_id',
  'channel',
  'language',
  'started_at',
  'submitted_at',
  'status',
  'nps',
  'csat',
  'ces',
  'force_certainty',
  'force_control',
  'force_fair_treatment',
  'force_belonging',
  'force_status',
  'force_enjoyment',
  'satisfaction',
  'attachment',
  'segment',
  'relationship_strength',
  'continue_likelihood',
  'buy_more',
  'share_of_spend',
  'preference_rank',
  'dissonance',
  'critical_incident',
  'answers',
  'hidden',
] as const;
const COMMENT_COLUMNS = [
  'org_id',
  'comment_id',
  'response_id',
  'question_id',
  'source',
  'text',
  'language',
  'account_id',
  'contact_id',
  'created_at',
] as const;

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

  const accountsById = new Map(structure.accounts.map((a) => [a.accountId, a]));
  const comments: Record<string, unknown>[] = [];
  const pulseChannel = new Map(
    JOURNEYS.flatMap((j) => j.stages.flatMap((s) => s.touchpoints)).map((t) => [t.key, t.channel]),
  );
  const start = until.getTime() - PERIOD_DAYS * DAY;

  function* responseRows() {
    for (let index = 0; index < options.responses; index++) {
      const contact = structure.contacts[random.integer(0, structure.contacts.length - 1)];
      const account = accountsById.get(contact.accountId)!;
      const roll = random.next();
      const survey =
        roll < surveys[0].share
          ? surveys[0]
          : roll < surveys[0].share + surveys[1].share
            ? surveys[1]
            : surveys[2];
      // Responses arrive evenly over the period, with a slow improvement the CX programme can show.
      const progress = index / Math.max(1, options.responses);
      const submitted = new Date(start + progress * PERIOD_DAYS * DAY + random.integer(8, 18) * 3_600_000);
      const latent = drawLatentRespondent(random, account.quality, account.shift + 0.25 * (progress - 0.5));
      const { answers, comment } = generateAnswers(random, survey.definition, latent, contact.language, 0.35);
      const m = responseMeasures(survey.definition, answers);
      const responseId = random.uuid();
      if (comment) {
        comments.push({
          org_id: orgId,
          comment_id: random.uuid(),
          response_id: responseId,
          question_id: comment.questionId,
          source: 'survey',
          text: comment.text,
          language: contact.language,
          account_id: account.accountId,
          contact_id: contact.contactId,
          created_at: submitted,
        });
      }
      yield {
        org_id: orgId,
        response_id: responseId,
        survey_id: survey.surveyId,
        survey_version: 1,
        contact_id: contact.contactId,
        account_id: account.accountId,
        touchpoint_id: survey.touchpointKey ? touchpointIds.get(survey.touchpointKey) : null,
        unit_id: account.unitId,
        channel: survey.touchpointKey ? (pulseChannel.get(survey.touchpointKey) ?? 'web') : 'email',
        language: contact.language,
        started_at: new Date(submitted.getTime() - random.integer(90, 600) * 1000),
        submitted_at: submitted,
        status: 'complete',
        nps: m.nps,
        csat: m.csat,
        ces: m.ces,
        force_certainty: m.forces.certainty,
        force_control: m.forces.control,
        force_fair_treatment: m.forces.fairTreatment,
        force_belonging: m.forces.belonging,
        force_status: m.forces.status,
        force_enjoyment: m.forces.enjoyment,
        satisfaction: m.satisfaction,
        attachment: m.attachment,
        segment: m.segment,
        relationship_strength: m.relationshipStrength,
        continue_likelihood: m.continueLikelihood,
        buy_more: m.buyMore,
        share_of_spend: m.shareOfSpend,
        preference_rank: m.preferenceRank,
        dissonance: m.dissonance,
        critical_incident: m.criticalIncident,
        answers,
        hidden: { account: account.externalId },
      };
      if ((index + 1) % 10_000 === 0) options.onProgress?.(index + 1, options.responses);
    }
  }

  // Comments wait for their responses (a foreign key): they are written after each chunk.
  const writeStarted = performance.now();
  let written = 0;
  let commentCount = 0;
  const chunk = 50_000;
  const rows = responseRows();
  while (written < options.responses) {
    const size = Math.min(chunk, options.responses - written);
    written += await bulkInsert(database, 'responses', RESPONSE_COLUMNS, take(rows, size));
    commentCount += await bulkInsert(database, 'comments', COMMENT_COLUMNS, comments.splice(0));
  }
  options.onProgress?.(written, options.responses);
  return {
    orgId,
    responses: written,
    comments: commentCount,
    writeSeconds: (performance.now() - writeStarted) / 1000,
  };
}

function* take<T>(iterator: Iterator<T>, count: number): Generator<T> {
  for (let i = 0; i < count; i++) {
    const next = iterator.next();
    if (next.done) return;
    yield next.value;
  }
}
