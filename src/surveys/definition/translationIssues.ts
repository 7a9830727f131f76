import { BUILT_IN_LANGUAGES } from './builtInLabels.ts';
import { EMOTION_KEYS } from './experienceEmotions.ts';
import type { LocatedIssue, PathSegment } from './issuePath.ts';
import { PIPING_NAMESPACES, PLACEHOLDER_PATTERN } from './pipeText.ts';
import type { Question } from './questionSchema.ts';
import type { SurveyDefinition } from './surveyDefinitionSchema.ts';
import { mapSurveyTexts } from './surveyTexts.ts';

/**
 * The translation and piping problems of a survey:
 * - every translatable text must have a non-blank string for each declared language
 *   (path ends with the missing language, e.g. `pages[0].title.it`), and no undeclared language;
 * - every `{{…}}` placeholder must be `contact.x`, `account.x` or `hidden.x` with `x` declared;
 * - for a declared language without built-in labels, questions relying on built-in labels
 *   (agreement scale, "not applicable", dissonance, "other", emotions) must provide their own.
 * @param definition the survey
 * @returns the issues, in document order
 * @example translationIssues({ ...def, languages: ['en', 'it'], title: { en: 'Hi' } })[0] // { segments: ['title', 'it'], message: 'Missing "it" translation' }
 */
export function translationIssues(definition: SurveyDefinition): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  const languages = definition.languages;
  const hidden = new Set(definition.hiddenFields ?? []);
  mapSurveyTexts(definition, (text, path) => {
    for (const language of languages) {
      const value = text[language];
      if (value === undefined || value.trim() === '') {
        issues.push({ segments: [...path, language], message: `Missing "${language}" translation` });
      }
    }
    for (const [language, value] of Object.entries(text)) {
      if (!languages.includes(language)) {
        issues.push({
          segments: [...path, language],
          message: `Language "${language}" is not declared by the survey`,
        });
      }
      issues.push(...placeholderIssues(value, [...path, language], hidden));
    }
    return text;
  });
  const uncovered = languages.filter((language) => !BUILT_IN_LANGUAGES.includes(language));
  definition.pages.forEach((page, p) => {
    page.blocks.forEach((block, b) => {
      block.questions.forEach((question, q) => {
        const at = ['pages', p, 'blocks', b, 'questions', q];
        for (const key of builtInLabelGaps(question)) {
          for (const language of uncovered) {
            issues.push({
              segments: [...at, ...key],
              message: `No built-in labels in "${language}": provide ${key.join('.')}`,
            });
          }
        }
      });
    });
  });
  return issues;
}

function placeholderIssues(
  value: string,
  at: readonly PathSegment[],
  hidden: ReadonlySet<string>,
): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  for (const match of value.matchAll(PLACEHOLDER_PATTERN)) {
    const expression = match[1];
    const dot = expression.indexOf('.');
    const namespace = dot > 0 ? expression.slice(0, dot) : '';
    const key = expression.slice(dot + 1);
    if (!(PIPING_NAMESPACES as readonly string[]).includes(namespace) || key === '') {
      issues.push({
        segments: at,
        message: `Unknown placeholder "${match[0]}": use contact.x, account.x or hidden.x`,
      });
    } else if (namespace === 'hidden' && !hidden.has(key)) {
      issues.push({
        segments: at,
        message: `Placeholder "${match[0]}" refers to an undeclared hidden field`,
      });
    }
  }
  return issues;
}

/** The override fields a question is missing, where it would otherwise use built-in labels. */
function builtInLabelGaps(question: Question): PathSegment[][] {
  switch (question.type) {
    case 'agreement': {
      const gaps: PathSegment[][] = [];
      if (question.scaleLabels === undefined) gaps.push(['scaleLabels']);
      if (question.allowNotApplicable === true && question.notApplicableLabel === undefined) {
        gaps.push(['notApplicableLabel']);
      }
      return gaps;
    }
    case 'dissonance':
      return question.scaleLabels === undefined ? [['scaleLabels']] : [];
    case 'singleChoice':
    case 'multipleChoice':
      return question.other === true && question.otherLabel === undefined ? [['otherLabel']] : [];
    case 'emotions': {
      const labels = question.labels ?? {};
      return (question.emotions ?? EMOTION_KEYS)
        .filter((key) => labels[key] === undefined)
        .map((key) => ['labels', key]);
    }
    default:
      return [];
  }
}
