import { useI18n } from '../../i18n/I18n.tsx';
import type { DraftProblem } from './draft.ts';

/** An element id for a draft path (`pages[0].title` → `field-pages-0-title`). */
export const fieldId = (path: string) => `field-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;

/** The id of the message list of a field, for aria-describedby. */
export const problemsId = (path: string) => `${fieldId(path)}-problems`;

/** The API's messages about one field, next to it (the field points here with aria-describedby). */
export function FieldProblems(props: {
  path: string;
  problems: readonly DraftProblem[];
  relative?: boolean;
}) {
  const { t } = useI18n();
  if (props.problems.length === 0) return null;
  return (
    <ul className="field-problems" id={problemsId(props.path)}>
      {props.problems.map((problem) => {
        const where =
          props.relative && problem.path !== props.path
            ? problem.path.slice(props.path.length).replace(/^\./, '')
            : '';
        return (
          <li key={`${problem.path} ${problem.message}`}>
            <span className="visually-hidden">{t('builder.problem')} </span>
            {where && <code>{where}</code>}
            {where && ': '}
            {problem.message}
          </li>
        );
      })}
    </ul>
  );
}

/** Attributes that tie an input to its problems. */
export function invalidProps(path: string, problems: readonly DraftProblem[]) {
  return problems.length > 0
    ? { 'aria-invalid': true as const, 'aria-describedby': problemsId(path) }
    : { 'aria-invalid': undefined, 'aria-describedby': undefined };
}
