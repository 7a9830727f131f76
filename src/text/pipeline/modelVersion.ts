/**
 * The version of a text model as stored with each analysis: a hash of its files, so that a retrained
 * or replaced model (another corpus, other settings, an organisation's corrections) has another one.
 */
import { fnv1a } from '../featureHash.ts';
import { modelFileContents } from '../modelFiles.ts';
import type { TextModel } from '../textModel.ts';

/**
 * @param model - a trained model.
 * @param engine - the engine's name (default 'builtin').
 * @returns e.g. 'builtin:089752fd:1a2b3c4d' (corpus fingerprint, then the hash of the model files).
 * @example modelVersion(loadModel()).startsWith('builtin:') // true
 */
export function modelVersion(model: TextModel, engine = 'builtin'): string {
  let hash = fnv1a('');
  const files = modelFileContents(model);
  for (const name of Object.keys(files).sort()) hash = fnv1a(files[name], fnv1a(name, hash));
  return `${engine}:${model.corpus.fingerprint}:${hash.toString(16).padStart(8, '0')}`;
}
