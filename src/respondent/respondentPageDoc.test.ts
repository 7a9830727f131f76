import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { relationshipSurveyTemplate } from '../surveys/library/index.ts';
import { parseFormAnswers } from './parseFormAnswers.ts';

// The documentation's example post must parse to the answers it shows.
const doc = readFileSync(new URL('../../docs/respondent-page.md', import.meta.url), 'utf8');

describe('docs/respondent-page.md', () => {
  it('parses its example post to its example answers', () => {
    const post = /```\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const answers = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? 'null');
    const form: Record<string, string | string[]> = {};
    for (const line of post.trim().split('\n')) {
      const at = line.indexOf('=');
      const [name, value] = [line.slice(0, at), line.slice(at + 1)];
      const before = form[name];
      form[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
    }
    expect(Object.keys(form).length).toBeGreaterThan(3);
    const parsed = parseFormAnswers(relationshipSurveyTemplate(), 3, form, {}, {}, 'en');
    expect(parsed.issues).toEqual([]);
    expect(parsed.answers).toEqual(answers);
  });
});
