import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conditionSchema } from './condition.ts';
import { parseSurveyDefinition } from './parseSurveyDefinition.ts';
import { pageSchema } from './surveyDefinitionSchema.ts';
import { validateAnswers } from './validateAnswers.ts';

// The integrator documentation promises that its examples are valid: hold it to that.
const doc = readFileSync(new URL('../../../docs/survey-format.md', import.meta.url), 'utf8');
const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map(
  (match) => JSON.parse(match[1]) as Record<string, unknown>,
);

const questions = examples.filter((example) => typeof example.type === 'string');
const surveys = examples.filter((example) => 'formatVersion' in example);
const pages = examples.filter((example) => 'blocks' in example);
const conditions = examples.filter((example) => 'all' in example || 'any' in example);
const answers = examples.find((example) => 'nps' in example && typeof example.nps === 'number');

describe('docs/survey-format.md examples', () => {
  it('has an example of every question type', () => {
    expect(new Set(questions.map((question) => question.type))).toEqual(
      new Set([
        'nps',
        'rating',
        'agreement',
        'singleChoice',
        'multipleChoice',
        'text',
        'matrix',
        'ranking',
        'dissonance',
        'emotions',
        'consent',
      ]),
    );
  });

  it('shows a complete survey that validates', () => {
    expect(surveys).toHaveLength(1);
    expect(parseSurveyDefinition(surveys[0])).toMatchObject({ ok: true });
  });

  it('shows pages and conditions with the right shape', () => {
    for (const page of pages) expect(pageSchema.safeParse(page).error?.issues ?? []).toEqual([]);
    expect(conditions.length).toBeGreaterThan(0);
    for (const condition of conditions) expect(conditionSchema.safeParse(condition).success).toBe(true);
  });

  it('has question examples that form a valid survey, and an answers example that fits it', () => {
    const parsed = parseSurveyDefinition({
      formatVersion: 1,
      title: { en: 'Docs', it: 'Documentazione' },
      languages: ['en', 'it'],
      defaultLanguage: 'en',
      hiddenFields: ['tier', 'orderRef'],
      pages: [{ id: 'all', blocks: [{ id: 'examples', questions }] }],
    });
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    if (!parsed.ok) return;
    expect(answers).toBeDefined();
    expect(validateAnswers(parsed.definition, answers ?? {}, {})).toEqual([]);
  });
});
