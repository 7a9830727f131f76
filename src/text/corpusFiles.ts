/**
 * Reading the labelled corpus from `data/text/corpus/{en,it}/<force>.jsonl` (file I/O lives here, not
 * in the engine).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isForceKey } from '../domain/forces/index.ts';
import { type CorpusRecord, POLARITIES, SENTIMENTS, TEXT_LANGUAGES } from './corpus.ts';

/** The corpus folder of this repository. */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../data/text/corpus/', import.meta.url));

/**
 * Reads every `<language>/*.jsonl` file of a corpus folder, in a fixed order (languages as in
 * TEXT_LANGUAGES, files by name, lines as written), checking each line's fields.
 *
 * @param dir - the corpus folder (default {@link DEFAULT_CORPUS_DIR}).
 * @returns the records, with `language` taken from the sub-folder.
 * @throws Error naming the file and line of the first malformed record.
 * @example readCorpus().length // 5666 for the shipped corpus
 */
export function readCorpus(dir: string = DEFAULT_CORPUS_DIR): CorpusRecord[] {
  const records: CorpusRecord[] = [];
  for (const language of TEXT_LANGUAGES) {
    const folder = join(dir, language);
    const files = readdirSync(folder)
      .filter((name) => name.endsWith('.jsonl'))
      .sort();
    for (const file of files) {
      const lines = readFileSync(join(folder, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!line.trim()) return;
        const where = `${join(language, file)}:${i + 1}`;
        let value: any;
        try {
          value = JSON.parse(line);
        } catch {
          throw new Error(`${where}: not valid JSON`);
        }
        const valid =
          typeof value?.text === 'string' &&
          value.text.trim() !== '' &&
          isForceKey(value.force) &&
          POLARITIES.includes(value.polarity) &&
          SENTIMENTS.includes(value.sentiment);
        if (!valid) throw new Error(`${where}: needs text, a Force key, polarity and sentiment`);
        records.push({
          language,
          text: value.text,
          force: value.force,
          polarity: value.polarity,
          sentiment: value.sentiment,
          industry: String(value.industry ?? ''),
          register: String(value.register ?? ''),
        });
      });
    }
  }
  return records;
}
