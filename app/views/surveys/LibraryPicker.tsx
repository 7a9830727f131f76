import { useApi } from '../../api/useApi.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Status } from '../../ui/Status.tsx';
import type { Question } from './draft.ts';

export interface LibraryItem {
  key: string;
  purpose: 'force' | 'attachment' | 'outcome' | 'pulse';
  force: string | null;
  keying: 'fulfilled' | 'tension' | null;
  use: 'relationship' | 'touchpoint' | null;
  question: Question;
}

interface Library {
  forces: string[];
  items: LibraryItem[];
}

const OTHER_PURPOSES = ['attachment', 'outcome', 'pulse'] as const;

/**
 * The item library, grouped by Force (each item's wording, fulfilled or tension, relationship or
 * one interaction) and then by purpose. An item whose question id the survey has already is not
 * offered again: ids are answer keys and must stay unique.
 */
export function LibraryPicker(props: {
  pageTitle: string;
  headingId: string;
  language: string;
  usedIds: ReadonlySet<string>;
  onAdd: (item: LibraryItem) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const library = useApi<Library>('/survey-library');
  const wording = (item: LibraryItem) =>
    item.question.text[props.language] ?? item.question.text.en ?? Object.values(item.question.text)[0] ?? '';

  const itemRow = (item: LibraryItem) => {
    const taken = props.usedIds.has(item.question.id);
    return (
      <li key={item.key} className="library-item" data-testid="library-item">
        <p className="library-wording" lang={item.question.text[props.language] ? props.language : 'en'}>
          {wording(item)}
        </p>
        <p className="library-tags">
          <code>{item.question.id}</code>
          {item.force && <span className="tag">{t(`force.${item.force}` as MessageKey)}</span>}
          {item.keying && (
            <span className={`tag keying-${item.keying}`}>{t(`builder.keying.${item.keying}`)}</span>
          )}
          {item.use && <span className="tag">{t(`builder.use.${item.use}`)}</span>}
          {!item.force && <span className="tag">{t(`builder.type.${item.question.type}`)}</span>}
        </p>
        {taken ? (
          <p className="note">{t('builder.library.inSurvey')}</p>
        ) : (
          <button type="button" className="secondary small" onClick={() => props.onAdd(item)}>
            {t('builder.library.add')}
            <span className="visually-hidden"> {item.question.id}</span>
          </button>
        )}
      </li>
    );
  };

  return (
    <section className="library panel" aria-labelledby={props.headingId}>
      <div className="library-head">
        <h3 id={props.headingId}>{t('builder.library.title', { page: props.pageTitle })}</h3>
        <button type="button" className="secondary" onClick={props.onClose}>
          {t('builder.library.close')}
        </button>
      </div>
      <Status loaded={library}>
        {(data) => (
          <>
            <h4>{t('builder.library.forces')}</h4>
            <div className="library-groups">
              {data.forces.map((force) => (
                <section
                  key={force}
                  className="library-group"
                  aria-labelledby={`${props.headingId}-${force}`}
                >
                  <h5 id={`${props.headingId}-${force}`}>{t(`force.${force}` as MessageKey)}</h5>
                  <ul>{data.items.filter((item) => item.force === force).map(itemRow)}</ul>
                </section>
              ))}
            </div>
            {OTHER_PURPOSES.map((purpose) => (
              <section key={purpose} aria-labelledby={`${props.headingId}-${purpose}`}>
                <h4 id={`${props.headingId}-${purpose}`}>{t(`builder.purpose.${purpose}`)}</h4>
                <ul className="library-list">
                  {data.items.filter((item) => item.purpose === purpose).map(itemRow)}
                </ul>
              </section>
            ))}
          </>
        )}
      </Status>
    </section>
  );
}
