/**
 * Language detection with fastText's language identification model (lid.176, shipped inside the
 * fasttext.wasm.js package and run in-process as WebAssembly: nothing is downloaded). fastText knows
 * 176 languages, so it tells "neither English nor Italian" far better than the trigram profiles,
 * which only know two; the trigram profiles, learned from our own comments, tell English from
 * Italian better on short business comments. So fastText decides whether a comment is in one of
 * our languages, and the profiles decide which one.
 */
import { getLIDModel } from 'fasttext.wasm.js';
import { createProfileDetector, type LanguageDetector, type LanguageGuess } from './languageDetection.ts';
import type { TextModel } from './textModel.ts';

/** Options of the fastText detector. */
export type FastTextDetectorOptions = {
  /** Tells English from Italian once fastText says the text is one of them (the trigram profiles). */
  between: LanguageDetector;
  /**
   * A text is English or Italian when fastText gives the two together at least this probability.
   * 0.05 chosen on the training split (see the test): lower lets Dutch and Portuguese through,
   * higher rejects terse Italian ("Mai una data certa.").
   */
  minShare?: number;
};

/** The loaded fastText model's prediction: `[probability, '__label__xx']` pairs. */
type Predictions = { size(): number; get(index: number): [number, string] };
type LoadedModel = { predict(text: string, k: number, threshold: number): Predictions };

let loading: Promise<LoadedModel> | null = null;

function loadModel(): Promise<LoadedModel> {
  if (!loading) {
    loading = (async () => {
      const lid: { load(): Promise<unknown> } = await getLIDModel();
      return (await lid.load()) as LoadedModel;
    })();
  }
  return loading as Promise<LoadedModel>;
}

/**
 * Loads fastText's language identification (once per process) and returns a synchronous detector.
 * fastText reads one line, so line breaks are turned into spaces first.
 *
 * @param options - the detector between English and Italian, and the share threshold.
 * @returns the detector, named 'fasttext'.
 * @example (await createFastTextDetector({ between })).detect('Die Rechnung ist falsch').language // 'other'
 */
export async function createFastTextDetector(options: FastTextDetectorOptions): Promise<LanguageDetector> {
  const model = await loadModel();
  const minShare = options.minShare ?? 0.05;
  return {
    name: 'fasttext',
    detect(text: string): LanguageGuess {
      const line = text.replace(/\s+/g, ' ').trim();
      if (!/\p{L}/u.test(line)) return { language: 'other', confidence: 1 };
      const predictions = model.predict(line, 10, 0);
      let ours = 0;
      for (let i = 0; i < predictions.size(); i++) {
        const [probability, label] = predictions.get(i);
        if (label === '__label__en' || label === '__label__it') ours += probability;
      }
      if (ours < minShare) return { language: 'other', confidence: 1 - ours };
      const guess = options.between.detect(text);
      // The profiles may still call it 'other' (mostly non-Latin letters): trust them there.
      return guess.language === 'other'
        ? guess
        : { language: guess.language, confidence: guess.confidence * Math.min(1, ours) };
    },
  };
}

/**
 * The detector Rapport uses by default for a model: fastText for "ours or not", the model's trigram
 * profiles for which of ours.
 *
 * @param model - the text model (its trigram profiles).
 * @returns the detector.
 * @example (await defaultLanguageDetector(loadModel())).name // 'fasttext'
 */
export function defaultLanguageDetector(
  model: Pick<TextModel, 'languageProfile'>,
): Promise<LanguageDetector> {
  return createFastTextDetector({ between: createProfileDetector(model.languageProfile) });
}
