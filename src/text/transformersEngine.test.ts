import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { seedOrganisation } from '../../test/seedOrganisation.ts';
import { transaction } from '../db/database.ts';
import { createJobQueue, type PgBoss } from '../db/jobs.ts';
import { createBuiltInEngine } from './builtInEngine.ts';
import { defaultLanguageDetector } from './fastTextDetection.ts';
import { loadModel } from './modelFiles.ts';
import { startTextPipeline, type TextPipeline } from './pipeline/textPipeline.ts';
import { checkModelDirectory, loadTransformersEngine, TRANSFORMERS_PACKAGE } from './transformersEngine.ts';

/** A model directory laid out as transformers.js expects, with the given labels. */
function modelDirectory(labels: string[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tf-')), 'rapport-forces');
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ id2label: Object.fromEntries(labels.map((l, i) => [i, l])) }),
  );
  writeFileSync(join(dir, 'tokenizer.json'), '{}');
  writeFileSync(join(dir, 'onnx', 'model_quantized.onnx'), '');
  return dir;
}

/** Stands in for the package: records how it is configured, classifies by a keyword. */
function fakeTransformers() {
  const calls: {
    task: string;
    model: string;
    options: Record<string, unknown>;
    localModelPath: string;
    remote: boolean;
  }[] = [];
  const module = {
    env: { allowRemoteModels: true, allowLocalModels: false, localModelPath: '/models/' },
    async pipeline(task: string, model: string, options: Record<string, unknown>) {
      calls.push({
        task,
        model,
        options,
        localModelPath: module.env.localModelPath,
        remote: module.env.allowRemoteModels,
      });
      return async (texts: string[]) =>
        texts.map((text) =>
          /invoice/i.test(text)
            ? [
                { label: 'fairTreatment:tension', score: 0.7 },
                { label: 'control:tension', score: 0.2 },
                { label: 'fairTreatment:fulfilled', score: 0.1 },
              ]
            : [
                { label: 'certainty:fulfilled', score: 0.9 },
                { label: 'control:tension', score: 0.1 },
              ],
        );
    },
  };
  return { module, calls };
}

const LABELS = ['fairTreatment:tension', 'fairTreatment:fulfilled', 'control:tension', 'certainty:fulfilled'];

describe('transformer engine loading', () => {
  let fallback: ReturnType<typeof createBuiltInEngine>;
  beforeAll(async () => {
    const model = loadModel();
    fallback = createBuiltInEngine(model, { languageDetector: await defaultLanguageDetector(model) });
  });

  it('says what is missing: the setting, the directory, its files, its labels', () => {
    expect(() => checkModelDirectory(undefined)).toThrow(/RAPPORT_TEXT_MODEL_DIR/);
    expect(() => checkModelDirectory('/nonexistent/model')).toThrow('/nonexistent/model is not a directory');
    const empty = mkdtempSync(join(tmpdir(), 'tf-empty-'));
    expect(() => checkModelDirectory(empty)).toThrow(
      /lacks config\.json, tokenizer\.json, onnx\/model\.onnx/,
    );
    expect(() => checkModelDirectory(modelDirectory(['POSITIVE', 'NEGATIVE']))).toThrow(
      /unknown: POSITIVE, NEGATIVE/,
    );
    expect(checkModelDirectory(modelDirectory(LABELS)).labels).toEqual(LABELS);
  });

  it('names the package to install when it is not installed (it is not, here)', async () => {
    await expect(loadTransformersEngine({ modelDir: modelDirectory(LABELS), fallback })).rejects.toThrow(
      `npm install ${TRANSFORMERS_PACKAGE}`,
    );
  });

  it('loads from the local directory only, and reads the Forces from the model, the rest built-in', async () => {
    const dir = modelDirectory(LABELS);
    const { module, calls } = fakeTransformers();
    const engine = await loadTransformersEngine({
      modelDir: dir,
      fallback,
      importModule: async () => module,
    });
    expect(calls).toEqual([
      {
        task: 'text-classification',
        model: 'rapport-forces',
        options: { local_files_only: true },
        localModelPath: join(dir, '..'),
        remote: false,
      },
    ]);
    expect(engine.version).toMatch(/^transformers:rapport-forces:[0-9a-f]{8}$/);
    expect(() => engine.analyze('x')).toThrow(/analyzeBatch/);
    const [invoice, good, foreign] = await engine.analyzeBatch([
      'The invoice was wrong again.',
      'Deliveries always arrive when promised.',
      'Die Rechnung war wieder falsch.',
    ]);
    expect(invoice).toMatchObject({
      force: 'fairTreatment',
      polarity: 'tension',
      confidence: 0.7,
      secondary: [{ force: 'control', polarity: 'tension', confidence: 0.2 }],
      spans: [],
    });
    expect(invoice.sentiment).toEqual(fallback.analyze('The invoice was wrong again.').sentiment);
    expect(good).toMatchObject({ force: 'certainty', polarity: 'fulfilled', secondary: [] });
    expect(foreign).toMatchObject({ language: 'other', force: null });
    const failing = { ...module, pipeline: async () => Promise.reject(new Error('Could not locate file')) };
    await expect(
      loadTransformersEngine({ modelDir: dir, fallback, importModule: async () => failing }),
    ).rejects.toThrow(/could not be loaded: Could not locate file/);
  });
});

describeEachEngine('transformer engine in the pipeline', (database) => {
  let jobs: PgBoss;
  let pipeline: TextPipeline;
  beforeAll(async () => {
    jobs = createJobQueue(database());
    await jobs.start();
    pipeline = await startTextPipeline({
      database: database(),
      jobs,
      intervalMs: 0,
      transformers: { modelDir: modelDirectory(LABELS), importModule: async () => fakeTransformers().module },
    });
  });
  afterAll(async () => {
    await pipeline?.stop();
    await jobs?.stop({ graceful: false });
  });

  it('stores what the transformer read, with its version', async () => {
    const org = await seedOrganisation(database(), 'transformers');
    await transaction(database(), (trx) =>
      trx
        .insertInto('comments')
        .values({ org_id: org.orgId, source: 'ticket', text: 'Invoice wrong again.' })
        .execute(),
    );
    await pipeline.sweep();
    const row = await database()
      .db.selectFrom('comment_analyses')
      .select(['force', 'polarity', 'model_version', 'topics'])
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ force: 'fairTreatment', polarity: 'tension', topics: ['billing'] });
    expect(row.model_version).toMatch(/^transformers:rapport-forces:[0-9a-f]{8}\+builtin:/);
  });

  it('refuses to start without a usable model directory', async () => {
    await expect(
      startTextPipeline({ database: database(), jobs, intervalMs: 0, transformers: { modelDir: undefined } }),
    ).rejects.toThrow(/RAPPORT_TEXT_MODEL_DIR/);
  });
});
