import type { AccountRow, Nps } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { ACCOUNT_FILTERS, analyticsParams, searchFromFilters } from '../../filters/filters.ts';
import { showNps } from '../../format/figures.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Link } from '../../router/Link.tsx';
import { pathOf } from '../../router/router.ts';
import { useProgramme } from '../../shell/programme.tsx';
import { useTitle } from '../../shell/useTitle.ts';
import { ExportableTable } from '../../ui/ExportableTable.tsx';
import { FigureValue } from '../../ui/FigureValue.tsx';
import { Status } from '../../ui/Status.tsx';
import { AccountPage } from './AccountPage.tsx';
import { type HealthContext, healthOf } from './health.ts';

const SORTS = ['revenueAtRisk', 'strength', 'nps', 'name'] as const;
type Sort = (typeof SORTS)[number];
const SORT_LABELS: Record<Sort, MessageKey> = {
  revenueAtRisk: 'accounts.col.risk',
  strength: 'accounts.col.strength',
  nps: 'accounts.col.nps',
  name: 'accounts.col.name',
};

/** The accounts list, or one account's page when the URL names it (?account=…). */
export default function AccountsView() {
  const { search } = useProgramme();
  const accountId = search.get('account');
  return accountId ? <AccountPage accountId={accountId} /> : <AccountList />;
}

/** Accounts in scope with health (a word and a shape, not colour alone), NPS, coverage and revenue at risk. */
function AccountList() {
  const { t } = useI18n();
  useTitle(t('accounts.title'));
  const { filters, search, setFilters } = useProgramme();
  const sort = (SORTS as readonly string[]).includes(search.get('sort') ?? '')
    ? (search.get('sort') as Sort)
    : 'revenueAtRisk';
  const params = analyticsParams(filters, ACCOUNT_FILTERS);
  const accounts = useApi<{ accounts: AccountRow[] }>('/analytics/accounts', {
    ...params,
    compareFrom: undefined,
    compareTo: undefined,
    sort,
  });
  const health = useApi<HealthContext>('/health-score');
  const sortButton = (key: Sort) => (
    <button
      type="button"
      className="sort"
      onClick={() => setFilters(filters, { sort: key === 'revenueAtRisk' ? undefined : key })}
      aria-label={t('accounts.sortBy', { column: t(SORT_LABELS[key]) })}
    >
      {t(SORT_LABELS[key])}
    </button>
  );
  const sortedBy = (key: Sort) =>
    sort === key
      ? key === 'name'
        ? 'ascending'
        : key === 'revenueAtRisk'
          ? 'descending'
          : 'ascending'
      : undefined;
  return (
    <>
      <h1>{t('accounts.title')}</h1>
      <Status loaded={health}>
        {(context) => (
          <p className="note">
            {t('accounts.healthNote', {
              amber: context.settings.thresholds.amber,
              green: context.settings.thresholds.green,
            })}
          </p>
        )}
      </Status>
      <Status loaded={accounts}>
        {(data) =>
          data.accounts.length === 0 ? (
            <p>{t('accounts.none')}</p>
          ) : (
            <ExportableTable name={t('accounts.title')}>
              <div className="table-scroll">
                <table data-testid="accounts">
                  <thead>
                    <tr>
                      <th scope="col" aria-sort={sortedBy('name')}>
                        {sortButton('name')}
                      </th>
                      <th scope="col">{t('accounts.col.tier')}</th>
                      <th scope="col">{t('accounts.col.health')}</th>
                      <th scope="col" className="num" aria-sort={sortedBy('strength')}>
                        {sortButton('strength')}
                      </th>
                      <th scope="col" className="num" aria-sort={sortedBy('nps')}>
                        {sortButton('nps')}
                      </th>
                      <th scope="col" className="num">
                        {t('accounts.col.coverage')}
                      </th>
                      <th scope="col">{t('accounts.col.renewal')}</th>
                      <th scope="col" className="num">
                        {t('accounts.col.value')}
                      </th>
                      <th scope="col" className="num" aria-sort={sortedBy('revenueAtRisk')}>
                        {sortButton('revenueAtRisk')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.accounts.map((account) => (
                      <AccountLine
                        key={account.accountId}
                        account={account}
                        health={health.state === 'ready' ? health.data : null}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
            </ExportableTable>
          )
        }
      </Status>
    </>
  );
}

function AccountLine(props: { account: AccountRow; health: HealthContext | null }) {
  const i18n = useI18n();
  const { t, number, money } = i18n;
  const a = props.account;
  const { filters } = useProgramme();
  const strength = a.strength.suppressed ? null : a.strength.roleWeighted;
  const health = props.health ? healthOf(a, props.health) : null;
  return (
    <tr>
      {/* Names come from customers' data: React renders them as text, never as markup. */}
      <th scope="row" className="account-name">
        <Link href={pathOf('accounts', searchFromFilters(filters, { account: a.accountId }))}>{a.name}</Link>
      </th>
      <td>{a.tier ?? '—'}</td>
      <td>
        {health && (
          <span
            className={`rag ${health.rag}`}
            data-value={health.score === null ? '' : health.score.toFixed(1)}
          >
            {t(`health.${health.rag}`)}
            {health.score !== null && ` · ${number(health.score, 0)}`}
          </span>
        )}
      </td>
      <td className="num">
        {strength === null ? <FigureValue shown={null} minBase={10} /> : number(strength, 1)}
      </td>
      <td className="num">
        <FigureValue shown={showNps(a.nps as Nps, i18n)} minBase={10} compact />
      </td>
      <td className="num">
        {a.coverage.heard} / {a.coverage.contacts}
      </td>
      <td>{a.renewalDate ?? '—'}</td>
      <td className="num">{a.annualValue === null ? '—' : money(a.annualValue)}</td>
      <td className="num">{a.revenueAtRisk === null ? '—' : money(a.revenueAtRisk)}</td>
    </tr>
  );
}
