/**
 * The model files under `data/text/model/`: a readable manifest (settings, calibration, the
 * cross-validation scores, the language profile) and one compact file of weights per language.
 * Serialisation is deterministic, so training twice writes identical bytes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEXT_LANGUAGES, type TextLanguage } from './corpus.ts';
import type { LanguageModel, TextModel } from './textModel.ts';

/** The model folder of this repository. */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../data/text/model/', import.meta.url));

const MANIFEST = 'manifest.json';

/**
 * The files a model is stored as, by file name, with their exact contents.
 *
 * @param model - the model.
 * @returns { 'manifest.json': …, 'en.json': …, 'it.json': … }.
 * @example Object.keys(modelFileContents(model)) // ['manifest.json', 'en.json', 'it.json']
 */
export function modelFileContents(model: TextModel): Record<string, string> {
  const languages = Object.fromEntries(
    TEXT_LANGUAGES.map((language) => {
      const { buckets, idf, classifiers, ...summary } = model.languages[language];
      return [language, { ...summary, weights: `${language}.json` }];
    }),
  );
  const manifest = { ...model, languages };
  const files: Record<string, string> = { [MANIFEST]: `${JSON.stringify(manifest, null, 2)}\n` };
  for (const language of TEXT_LANGUAGES) {
    const { buckets, idf, classifiers } = model.languages[language];
    files[`${language}.json`] = `${JSON.stringify({ buckets, idf, classifiers })}\n`;
  }
  return files;
}

/**
 * Writes a model's files into a folder (created if missing).
 *
 * @param model - the model.
 * @param dir - the folder (default {@link DEFAULT_MODEL_DIR}).
 * @returns the paths written.
 * @example saveModel(trainModel(readCorpus()), '/tmp/model') // ['/tmp/model/manifest.json', …]
 */
export function saveModel(model: TextModel, dir: string = DEFAULT_MODEL_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(modelFileContents(model)).map(([name, contents]) => {
    const path = join(dir, name);
    writeFileSync(path, contents);
    return path;
  });
}

/**
 * Reads a model from its folder.
 *
 * @param dir - the folder (default {@link DEFAULT_MODEL_DIR}).
 * @returns the model.
 * @throws Error when a file is missing or is not a Rapport text model.
 * @example loadModel().languages.en.classifiers.joint.labels.length // 12
 */
export function loadModel(dir: string = DEFAULT_MODEL_DIR): TextModel {
  const manifest = readFileSync(join(dir, MANIFEST), 'utf8');
  const parsed = JSON.parse(manifest);
  if (parsed?.format !== 'rapport-text-model' || parsed.version !== 1) {
    throw new Error(`${join(dir, MANIFEST)} is not a Rapport text model (version 1)`);
  }
  const files: Record<string, string> = { [MANIFEST]: manifest };
  for (const language of TEXT_LANGUAGES) {
    const name = parsed.languages[language].weights;
    files[name] = readFileSync(join(dir, name), 'utf8');
  }
  return modelFromFileContents(files);
}

/**
 * The inverse of {@link modelFileContents}: a model from its files' contents (e.g. as stored in the
 * database for an organisation's model).
 *
 * @param files - the contents by file name.
 * @returns the model.
 * @throws Error when a file is missing or is not a Rapport text model.
 * @example modelFromFileContents(modelFileContents(model)) // deep-equals model
 */
export function modelFromFileContents(files: Readonly<Record<string, string>>): TextModel {
  const manifest = JSON.parse(files[MANIFEST] ?? 'null');
  if (manifest?.format !== 'rapport-text-model' || manifest.version !== 1) {
    throw new Error('not a Rapport text model (version 1)');
  }
  const languages = {} as Record<TextLanguage, LanguageModel>;
  for (const language of TEXT_LANGUAGES) {
    const { weights, ...summary } = manifest.languages[language];
    if (files[weights] === undefined) throw new Error(`the model has no ${weights}`);
    const stored = JSON.parse(files[weights]);
    languages[language] = { ...summary, ...stored };
  }
  return { ...manifest, languages };
}
