import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { FORCES } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { isMessageKey } from '../../i18n/translate.ts';
import { Link } from '../../router/Link.tsx';
import { pathOf } from '../../router/router.ts';
import { useProgramme } from '../../shell/programme.tsx';
import { highlight, spansOf } from './highlight.ts';
import { type CommentLabels, LABELLERS, type ListedComment } from './types.ts';
import { EMOTION_NAMES, EMOTIONS, POLARITIES, SENTIMENTS } from './vocabulary.ts';

/** One comment: its text with the spans behind its labels marked, the labels, relabelling, a case. */
export function CommentCard(props: { comment: ListedComment }) {
  const { t, language } = useI18n();
  const { me } = useProgramme();
  const { comment } = props;
  const [labels, setLabels] = useState<CommentLabels>(comment.labels);
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [caseId, setCaseId] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const may = me !== null && LABELLERS.includes(me.role);
  const name = (key: string) => (isMessageKey(key) ? t(key) : key);
  const labelName = (label: string) => {
    if (label.startsWith('emotion:')) {
      const key = label.slice('emotion:'.length) as keyof typeof EMOTION_NAMES;
      return EMOTION_NAMES[key]?.[language] ?? key;
    }
    const [force, polarity] = label.split(':');
    return `${name(`force.${force}`)} · ${name(`comments.polarity.${polarity}`)}`;
  };
  const pieces = highlight(comment.text, spansOf(comment.analysis));
  const date = new Date(comment.at).toLocaleDateString(language === 'it' ? 'it-IT' : 'en-GB');
  const corrected = (key: string) =>
    labels.corrected.includes(key) ? <span className="corrected"> ({t('comments.corrected')})</span> : null;

  const save = async (next: Partial<CommentLabels>) => {
    const before = labels;
    // The correction shows at once; the server's answer (or a refusal) settles it.
    setLabels({
      ...labels,
      ...next,
      corrected: [...new Set([...labels.corrected, ...Object.keys(next)])],
    });
    setEditing(false);
    setProblem(null);
    try {
      const answer = await api.put<{ labels: CommentLabels }>(`/comments/${comment.commentId}/labels`, next);
      setLabels(answer.labels);
    } catch (error) {
      setLabels(before);
      setProblem((error as Error).message);
    }
  };

  const openCase = async () => {
    if (!comment.responseId) return;
    setOpening(true);
    setProblem(null);
    try {
      const opened = await api.post<{ caseId: string }>(
        '/cases',
        { responseId: comment.responseId, commentId: comment.commentId },
        { 'idempotency-key': `comment-case-${comment.commentId}-${me?.userId ?? ''}` },
      );
      setCaseId(opened.caseId);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setOpening(false);
    }
  };

  return (
    <article className="comment card" aria-labelledby={`comment-${comment.commentId}`}>
      <p className="comment-meta" id={`comment-${comment.commentId}`}>
        {date} · {name(`comments.source.${comment.source}`)}
        {comment.language ? ` · ${comment.language.toUpperCase()}` : ''}
        {comment.rating !== null ? ` · ${t('comments.rating', { rating: comment.rating })}` : ''}
      </p>
      {/* Customers' words: rendered by React as text pieces, never as markup. */}
      <p className="comment-text">
        {pieces.map((piece, i) =>
          piece.labels.length ? (
            <mark
              // biome-ignore lint/suspicious/noArrayIndexKey: pieces are positional and never reorder
              key={i}
              className={piece.labels.some((l) => !l.startsWith('emotion:')) ? 'force-span' : 'emotion-span'}
              title={piece.labels.map(labelName).join(', ')}
            >
              {piece.text}
              <span className="visually-hidden"> ({piece.labels.map(labelName).join(', ')})</span>
            </mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: pieces are positional and never reorder
            <span key={i}>{piece.text}</span>
          ),
        )}
      </p>
      <dl className="labels">
        <div>
          <dt>{t('comments.force')}</dt>
          <dd data-testid="label-force">
            {labels.force
              ? `${name(`force.${labels.force}`)} · ${labels.polarity ? name(`comments.polarity.${labels.polarity}`) : ''}`
              : t('comments.noForce')}
            {corrected('force')}
          </dd>
        </div>
        <div>
          <dt>{t('comments.sentiment')}</dt>
          <dd>
            {labels.sentiment ? name(`comments.sentiment.${labels.sentiment}`) : t('comments.notRead')}
            {corrected('sentiment')}
          </dd>
        </div>
        <div>
          <dt>{t('comments.emotions')}</dt>
          <dd>
            {labels.emotions.length
              ? labels.emotions
                  .map((e) => EMOTION_NAMES[e as keyof typeof EMOTION_NAMES]?.[language] ?? e)
                  .join(', ')
              : '—'}
            {corrected('emotions')}
          </dd>
        </div>
        <div>
          <dt>{t('comments.topics')}</dt>
          <dd>
            {labels.topics.length ? labels.topics.join(', ') : '—'}
            {corrected('topics')}
          </dd>
        </div>
      </dl>
      {may && (
        <div className="comment-actions">
          <button
            type="button"
            className="secondary"
            aria-expanded={editing}
            onClick={() => setEditing(!editing)}
          >
            {t('comments.relabel')}
          </button>
          {comment.responseId && !caseId && (
            <button type="button" className="secondary" onClick={openCase} disabled={opening}>
              {t('comments.openCase')}
            </button>
          )}
          {caseId && (
            <p role="status">
              {t('comments.caseOpened')}{' '}
              <Link href={pathOf('cases', new URLSearchParams({ case: caseId }))}>
                {t('comments.seeCase')}
              </Link>
            </p>
          )}
        </div>
      )}
      {problem && (
        <p role="alert" className="error">
          {t('app.error', { message: problem })}
        </p>
      )}
      {editing && <Relabel labels={labels} onSave={save} onCancel={() => setEditing(false)} />}
    </article>
  );
}

/** The correction form: only what changed is sent (Force and polarity go together). */
function Relabel(props: {
  labels: CommentLabels;
  onSave: (next: Partial<CommentLabels>) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const id = useId();
  const { labels } = props;
  const [force, setForce] = useState(labels.force ?? '');
  const [polarity, setPolarity] = useState<string>(labels.polarity ?? 'tension');
  const [sentiment, setSentiment] = useState<string>(labels.sentiment ?? '');
  const [emotions, setEmotions] = useState<string[]>(labels.emotions);
  const [topics, setTopics] = useState(labels.topics.join(', '));
  const name = (key: string) => (isMessageKey(key) ? t(key) : key);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Partial<CommentLabels> = {};
    const newForce = force || null;
    const newPolarity = newForce ? (polarity as CommentLabels['polarity']) : null;
    if (newForce !== labels.force || newPolarity !== labels.polarity) {
      next.force = newForce;
      next.polarity = newPolarity;
    }
    if (sentiment && sentiment !== labels.sentiment) next.sentiment = sentiment as CommentLabels['sentiment'];
    if (emotions.join() !== labels.emotions.join()) next.emotions = emotions;
    const topicList = topics
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (topicList.join() !== labels.topics.join()) next.topics = topicList;
    if (Object.keys(next).length === 0) props.onCancel();
    else props.onSave(next);
  };
  return (
    <form className="relabel" onSubmit={submit} aria-label={t('comments.relabel')}>
      <div className="filter-row">
        <div className="field">
          <label htmlFor={`${id}-force`}>{t('comments.force')}</label>
          <select id={`${id}-force`} value={force} onChange={(e) => setForce(e.target.value)}>
            <option value="">{t('comments.noForce')}</option>
            {FORCES.map((f) => (
              <option key={f} value={f}>
                {t(`force.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-polarity`}>{t('comments.polarity')}</label>
          <select
            id={`${id}-polarity`}
            value={polarity}
            disabled={!force}
            onChange={(e) => setPolarity(e.target.value)}
          >
            {POLARITIES.map((p) => (
              <option key={p} value={p}>
                {name(`comments.polarity.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sentiment`}>{t('comments.sentiment')}</label>
          <select id={`${id}-sentiment`} value={sentiment} onChange={(e) => setSentiment(e.target.value)}>
            {!labels.sentiment && <option value="">{t('comments.notRead')}</option>}
            {SENTIMENTS.map((s) => (
              <option key={s} value={s}>
                {name(`comments.sentiment.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-emotions`}>{t('comments.emotions')}</label>
          <select
            id={`${id}-emotions`}
            multiple
            size={4}
            value={emotions}
            onChange={(e) => setEmotions([...e.target.selectedOptions].map((o) => o.value))}
          >
            {EMOTIONS.map((e) => (
              <option key={e} value={e}>
                {EMOTION_NAMES[e][language]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-topics`}>{t('comments.topicsInput')}</label>
          <input id={`${id}-topics`} value={topics} onChange={(e) => setTopics(e.target.value)} />
        </div>
      </div>
      <div className="comment-actions">
        <button type="submit">{t('comments.save')}</button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t('comments.cancel')}
        </button>
      </div>
    </form>
  );
}
