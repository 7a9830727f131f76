import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { api, type QueryValues } from '../../api/client.ts';
import { FORCES } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { analyticsParams, COMMENT_FILTERS, type Filters } from '../../filters/filters.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import { isMessageKey } from '../../i18n/translate.ts';
import { useProgramme } from '../../shell/programme.tsx';
import { useTitle } from '../../shell/useTitle.ts';
import { Status } from '../../ui/Status.tsx';
import { CommentCard } from './CommentCard.tsx';
import './comments.css';
import type { CommentPage, ListedComment } from './types.ts';
import {
  BUILT_IN_TOPICS,
  COMMENT_LANGUAGES,
  EMOTION_NAMES,
  EMOTIONS,
  POLARITIES,
  SENTIMENTS,
} from './vocabulary.ts';

/** The view's own URL keys (the global filters travel beside them). */
const OWN_KEYS = ['q', 'force', 'polarity', 'sentiment', 'emotion', 'topic'] as const;
type OwnKey = (typeof OWN_KEYS)[number];
const PAGE = 25;

/** The comments API query for the global filters and the view's own. */
function commentQuery(
  filters: Filters,
  own: Partial<Record<OwnKey, string>>,
  touchpointId: string | undefined,
) {
  const params = analyticsParams(filters, COMMENT_FILTERS);
  const language = params.language
    ? (COMMENT_LANGUAGES as readonly string[]).includes(String(params.language))
      ? String(params.language)
      : 'other'
    : undefined;
  return {
    from: params.from,
    to: params.to,
    unitId: params.unitId,
    segment: params.segment,
    language,
    touchpointId,
    ...own,
    limit: PAGE,
  };
}

/** Search and filter comments, see the spans behind each label, relabel in place, open a case. */
export default function CommentsView() {
  const { t, language } = useI18n();
  useTitle(t('comments.title'));
  const { filters, search, setFilters, journeys } = useProgramme();
  const own = Object.fromEntries(
    OWN_KEYS.map((key) => [key, search.get(key) ?? undefined]).filter(([, v]) => v),
  ) as Partial<Record<OwnKey, string>>;
  const setOwn = (change: Partial<Record<OwnKey, string | undefined>>) =>
    setFilters(filters, { ...own, ...change });
  const touchpointId = useMemo(() => {
    if (!filters.touchpointKey) return undefined;
    for (const journey of journeys)
      for (const stage of journey.stages)
        for (const tp of stage.touchpoints) if (tp.key === filters.touchpointKey) return tp.touchpointId;
    return undefined;
  }, [filters.touchpointKey, journeys]);
  const query = commentQuery(filters, own, touchpointId);
  const queryKey = JSON.stringify(query);
  const topics = useApi<{ topics: { key: string }[] }>('/text/topics');
  const topicKeys =
    topics.state === 'ready' && topics.data.topics.length
      ? topics.data.topics.map((topic) => topic.key)
      : [...BUILT_IN_TOPICS];
  const [text, setText] = useState(own.q ?? '');
  useEffect(() => setText(own.q ?? ''), [own.q]);
  const searchId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOwn({ q: text.trim() || undefined });
  };
  const name = (key: string) => (isMessageKey(key) ? t(key) : key);

  return (
    <>
      <h1>{t('comments.title')}</h1>
      <section className="panel comment-filters" aria-labelledby="comment-filters-title">
        <h2 id="comment-filters-title" className="visually-hidden">
          {t('comments.filters')}
        </h2>
        <search>
          <form className="comment-search" onSubmit={submit}>
            <label htmlFor={searchId}>{t('comments.search')}</label>
            <input id={searchId} type="search" value={text} onChange={(e) => setText(e.target.value)} />
            <button type="submit">{t('comments.searchButton')}</button>
          </form>
        </search>
        <div className="filter-row">
          <Choice
            label={t('comments.force')}
            value={own.force}
            options={FORCES.map((f) => ({ value: f, label: t(`force.${f}`) }))}
            onChange={(force) => setOwn({ force })}
          />
          <Choice
            label={t('comments.polarity')}
            value={own.polarity}
            options={POLARITIES.map((p) => ({ value: p, label: name(`comments.polarity.${p}`) }))}
            onChange={(polarity) => setOwn({ polarity })}
          />
          <Choice
            label={t('comments.sentiment')}
            value={own.sentiment}
            options={SENTIMENTS.map((s) => ({ value: s, label: name(`comments.sentiment.${s}`) }))}
            onChange={(sentiment) => setOwn({ sentiment })}
          />
          <Choice
            label={t('comments.emotion')}
            value={own.emotion}
            options={EMOTIONS.map((e) => ({ value: e, label: EMOTION_NAMES[e][language] }))}
            onChange={(emotion) => setOwn({ emotion })}
          />
          <Choice
            label={t('comments.topic')}
            value={own.topic}
            options={topicKeys.map((key) => ({ value: key, label: key }))}
            onChange={(topic) => setOwn({ topic })}
          />
        </div>
      </section>
      <CommentList key={queryKey} query={query} />
    </>
  );
}

function Choice(props: {
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string | undefined) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || undefined)}>
        <option value="">{t('filters.any')}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The first page from the API, then each "more" appends the next (keyset cursor). */
function CommentList(props: { query: QueryValues }) {
  const { t } = useI18n();
  const first = useApi<CommentPage>('/comments', props.query);
  const [more, setMore] = useState<ListedComment[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const next = cursor === undefined && first.state === 'ready' ? first.data.nextCursor : cursor;
  const loadMore = async () => {
    if (!next) return;
    setLoading(true);
    setFailed(null);
    try {
      const page = await api.get<CommentPage>('/comments', { ...props.query, cursor: next });
      setMore((shown) => [...shown, ...page.comments]);
      setCursor(page.nextCursor);
    } catch (error) {
      setFailed((error as Error).message);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Status loaded={first}>
      {(data) => {
        const comments = [...data.comments, ...more];
        return comments.length === 0 ? (
          <p>{t('comments.none')}</p>
        ) : (
          <>
            <p className="note" role="status">
              {t('comments.shown', { n: comments.length })}
            </p>
            <ol className="comments" data-testid="comments">
              {comments.map((comment) => (
                <li key={comment.commentId}>
                  <CommentCard comment={comment} />
                </li>
              ))}
            </ol>
            {failed && (
              <p role="alert" className="error">
                {t('app.error', { message: failed })}
              </p>
            )}
            {next && (
              <button type="button" className="secondary" onClick={loadMore} disabled={loading}>
                {loading ? t('app.loading') : t('comments.more')}
              </button>
            )}
          </>
        );
      }}
    </Status>
  );
}
