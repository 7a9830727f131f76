import type { SurveyDefinition } from './draft.ts';

export type TextPart =
  | {
      kind:
        | 'title'
        | 'description'
        | 'thankYou'
        | 'text'
        | 'help'
        | 'minLabel'
        | 'maxLabel'
        | 'otherLabel'
        | 'notApplicableLabel';
    }
  | { kind: 'option' | 'row' | 'scaleLabel' | 'emotion' | 'other'; value: string };

export type TextOwner =
  | { kind: 'survey'; part: TextPart }
  | { kind: 'page'; index: number; part: TextPart }
  | { kind: 'question'; id: string; part: TextPart };

const NAMED = new Set([
  'title',
  'description',
  'thankYou',
  'text',
  'help',
  'minLabel',
  'maxLabel',
  'otherLabel',
  'notApplicableLabel',
]);

/**
 * Whose text a path names (the survey, a page or a question) and which of its texts, so the
 * translation table can say "Question nps · Lowest label" rather than a path.
 * @example textOwner(def, ['pages', 0, 'blocks', 0, 'questions', 1, 'options', 0, 'text']) // { kind: 'question', id: 'q2', part: { kind: 'option', value: 'yes' } }
 */
export function textOwner(definition: SurveyDefinition, segments: readonly (string | number)[]): TextOwner {
  if (segments[0] !== 'pages') return { kind: 'survey', part: named(segments.slice(0)) };
  const page = Number(segments[1]);
  if (segments[2] !== 'blocks') return { kind: 'page', index: page, part: named(segments.slice(2)) };
  const question = definition.pages[page]?.blocks[Number(segments[3])]?.questions[Number(segments[5])];
  const rest = segments.slice(6);
  const id = question?.id ?? '?';
  const [first, second] = rest;
  if (first === 'options' && question && 'options' in question) {
    return {
      kind: 'question',
      id,
      part: { kind: 'option', value: question.options[Number(second)]?.value ?? '' },
    };
  }
  if (first === 'rows' && question?.type === 'matrix') {
    return { kind: 'question', id, part: { kind: 'row', value: question.rows[Number(second)]?.id ?? '' } };
  }
  if (first === 'scale') return { kind: 'question', id, part: named([second]) };
  if (first === 'scaleLabels') {
    const value = typeof second === 'number' ? String(second + 1) : String(second);
    return { kind: 'question', id, part: { kind: 'scaleLabel', value } };
  }
  if (first === 'labels') return { kind: 'question', id, part: { kind: 'emotion', value: String(second) } };
  return { kind: 'question', id, part: named(rest) };
}

function named(rest: readonly (string | number)[]): TextPart {
  const [key] = rest;
  if (rest.length === 1 && typeof key === 'string' && NAMED.has(key)) return { kind: key as 'title' };
  return { kind: 'other', value: rest.join('.') };
}
