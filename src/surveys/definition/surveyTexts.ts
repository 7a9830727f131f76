import type { PathSegment } from './issuePath.ts';
import type { LocalizedText } from './localizedText.ts';
import type { Question } from './questionSchema.ts';
import type { SurveyDefinition } from './surveyDefinitionSchema.ts';

export type TextMapper = (text: LocalizedText, path: readonly PathSegment[]) => LocalizedText;

/**
 * A copy of a definition with every translatable text passed through `map`: the one place that
 * knows where texts live, used to check translations and to keep a subset of languages.
 * @param definition the survey
 * @param map receives each text and its path, returns the replacement
 * @returns the new definition (the input is not changed)
 * @example mapSurveyTexts(def, (t) => ({ en: t.en })).title // { en: def.title.en }
 */
export function mapSurveyTexts(definition: SurveyDefinition, map: TextMapper): SurveyDefinition {
  const opt = (text: LocalizedText | undefined, path: readonly PathSegment[]) =>
    text === undefined ? undefined : map(text, path);
  return withoutUndefined({
    ...definition,
    title: map(definition.title, ['title']),
    description: opt(definition.description, ['description']),
    thankYou: opt(definition.thankYou, ['thankYou']),
    pages: definition.pages.map((page, p) =>
      withoutUndefined({
        ...page,
        title: opt(page.title, ['pages', p, 'title']),
        description: opt(page.description, ['pages', p, 'description']),
        blocks: page.blocks.map((block, b) => ({
          ...block,
          questions: block.questions.map((question, q) =>
            mapQuestionTexts(question, ['pages', p, 'blocks', b, 'questions', q], map),
          ),
        })),
      }),
    ),
  });
}

function mapQuestionTexts(question: Question, at: readonly PathSegment[], map: TextMapper): Question {
  const opt = (text: LocalizedText | undefined, key: PathSegment) =>
    text === undefined ? undefined : map(text, [...at, key]);
  const common = { text: map(question.text, [...at, 'text']), help: opt(question.help, 'help') };
  const options = (list: readonly { value: string; text: LocalizedText }[]) =>
    list.map((option, i) => ({ ...option, text: map(option.text, [...at, 'options', i, 'text']) }));
  switch (question.type) {
    case 'nps':
    case 'rating':
      return withoutUndefined({
        ...question,
        ...common,
        minLabel: map(question.minLabel, [...at, 'minLabel']),
        maxLabel: map(question.maxLabel, [...at, 'maxLabel']),
      });
    case 'agreement':
      return withoutUndefined({
        ...question,
        ...common,
        scaleLabels: question.scaleLabels?.map((label, i) => map(label, [...at, 'scaleLabels', i])) as
          | typeof question.scaleLabels
          | undefined,
        notApplicableLabel: opt(question.notApplicableLabel, 'notApplicableLabel'),
      });
    case 'singleChoice':
    case 'multipleChoice':
      return withoutUndefined({
        ...question,
        ...common,
        options: options(question.options),
        otherLabel: opt(question.otherLabel, 'otherLabel'),
      });
    case 'ranking':
      return withoutUndefined({ ...question, ...common, options: options(question.options) });
    case 'matrix':
      return withoutUndefined({
        ...question,
        ...common,
        rows: question.rows.map((row, i) => ({ ...row, text: map(row.text, [...at, 'rows', i, 'text']) })),
        scale: {
          ...question.scale,
          minLabel: map(question.scale.minLabel, [...at, 'scale', 'minLabel']),
          maxLabel: map(question.scale.maxLabel, [...at, 'scale', 'maxLabel']),
        },
      });
    case 'dissonance': {
      const labels = question.scaleLabels;
      return withoutUndefined({
        ...question,
        ...common,
        scaleLabels:
          labels === undefined
            ? undefined
            : {
                worse: map(labels.worse, [...at, 'scaleLabels', 'worse']),
                inLine: map(labels.inLine, [...at, 'scaleLabels', 'inLine']),
                better: map(labels.better, [...at, 'scaleLabels', 'better']),
              },
      });
    }
    case 'emotions': {
      const labels = question.labels;
      return withoutUndefined({
        ...question,
        ...common,
        labels:
          labels === undefined
            ? undefined
            : Object.fromEntries(
                Object.entries(labels).map(([key, label]) => [
                  key,
                  label === undefined ? label : map(label, [...at, 'labels', key]),
                ]),
              ),
      });
    }
    case 'text':
    case 'consent':
      return withoutUndefined({ ...question, ...common });
  }
}

/** Optional fields stay absent rather than becoming `undefined` (strict JSON round-trips). */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
