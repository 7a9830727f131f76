/**
 * Training an organisation's model off the main thread: training takes seconds of CPU, and the
 * process also serves requests. The worker reads the base model and corpus itself, so only the
 * corrections go in and the model files and evaluation come out.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { readCorpus } from './corpusFiles.ts';
import { loadModel, modelFileContents } from './modelFiles.ts';
import {
  type CorrectionExample,
  type OrganisationModelEvaluation,
  type OrganisationModelOptions,
  trainOrganisationModel,
} from './organisationModel.ts';

type Input = {
  examples: CorrectionExample[];
  options: OrganisationModelOptions;
  modelDir?: string;
  corpusDir?: string;
};
export type TrainedFiles = { files: Record<string, string>; evaluation: OrganisationModelEvaluation };

/**
 * Trains in a worker thread.
 *
 * @param input - the corrections, options, and optionally other base model and corpus folders.
 * @returns the model's files ({@link modelFileContents}) and its evaluation.
 * @example const { files, evaluation } = await trainOrganisationModelInWorker({ examples, options: {} })
 */
export function trainOrganisationModelInWorker(input: Input): Promise<TrainedFiles> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: input });
    worker.once('message', (message: { ok: true; result: TrainedFiles } | { ok: false; error: string }) => {
      if (message.ok) resolve(message.result);
      else reject(new Error(message.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`training worker exited with code ${code}`));
    });
  });
}

if (!isMainThread && parentPort && (workerData as Input | undefined)?.examples) {
  const input = workerData as Input;
  try {
    const base = loadModel(input.modelDir);
    const { model, evaluation } = trainOrganisationModel(
      base,
      readCorpus(input.corpusDir),
      input.examples,
      input.options,
    );
    parentPort.postMessage({ ok: true, result: { files: modelFileContents(model), evaluation } });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: (error as Error).stack ?? String(error) });
  }
}
