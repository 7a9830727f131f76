import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus } from './corpusFiles.ts';
import { DEFAULT_MODEL_DIR, modelFileContents } from './modelFiles.ts';
import { trainModel } from './trainModel.ts';

describe('trainModel', () => {
  // The one test that trains: it proves that training is deterministic AND that the committed model
  // is the one the corpus produces (training twice: once for the committed files, once here).
  it('reproduces the committed model files byte for byte from the corpus', () => {
    const files = modelFileContents(trainModel(readCorpus()));
    expect(Object.keys(files).sort()).toEqual(['en.json', 'it.json', 'manifest.json']);
    for (const [name, contents] of Object.entries(files)) {
      expect(
        contents === readFileSync(join(DEFAULT_MODEL_DIR, name), 'utf8'),
        `${name} differs: run rapport text train`,
      ).toBe(true);
    }
  }, 60_000);
});
