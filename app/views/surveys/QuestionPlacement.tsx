import { useState } from 'react';
import { useI18n } from '../../i18n/I18n.tsx';
import type { QuestionPlace, SurveyDefinition } from './draft.ts';
import { fieldId } from './Problems.tsx';

/**
 * Where a question sits among the blocks: start a new block from it (the questions after it follow),
 * or move it to the end of any other block of the survey, chosen in a list and applied by a button
 * (a list that acted on every arrow key would move the question while a keyboard user browses).
 */
export function QuestionPlacement(props: {
  place: QuestionPlace;
  definition: SurveyDefinition;
  onSplit: () => void;
  onMove: (page: number, block: number) => void;
}) {
  const { t } = useI18n();
  const { place, definition } = props;
  const qid = place.question.id;
  const language = definition.defaultLanguage;
  const targets = definition.pages.flatMap((page, p) =>
    page.blocks
      .map((block, b) => ({ page: p, block: b, id: block.id }))
      .filter((target) => !(target.page === place.page && target.block === place.block)),
  );
  const [chosen, setChosen] = useState('');
  const selected = targets.find((target) => `${target.page}:${target.block}` === chosen) ?? targets[0];
  const selectId = `${fieldId(place.path)}-block`;
  return (
    <div className="question-actions placement">
      {place.index > 0 && (
        <button type="button" className="secondary small" id={`split-${qid}`} onClick={props.onSplit}>
          {t('builder.splitHere')}
          <span className="visually-hidden"> {qid}</span>
        </button>
      )}
      {selected && (
        <>
          <div className="field">
            <label htmlFor={selectId}>
              {t('builder.moveToBlock')}
              <span className="visually-hidden"> {qid}</span>
            </label>
            <select
              id={selectId}
              value={`${selected.page}:${selected.block}`}
              onChange={(event) => setChosen(event.target.value)}
            >
              {targets.map((target) => (
                <option key={`${target.page}:${target.block}`} value={`${target.page}:${target.block}`}>
                  {t('builder.blockOption', {
                    n: target.page + 1,
                    name: definition.pages[target.page].title?.[language] || definition.pages[target.page].id,
                    id: target.id,
                  })}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="secondary small"
            id={`move-${qid}`}
            onClick={() => props.onMove(selected.page, selected.block)}
          >
            {t('builder.move')}
            <span className="visually-hidden"> {qid}</span>
          </button>
        </>
      )}
    </div>
  );
}
