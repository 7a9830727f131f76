import type { Role } from '../../../src/db/schema.ts';
import { type Action, may } from '../../../src/policies/abilities.ts';
import type { Unit } from '../../api/types.ts';
import { searchFromFilters } from '../../filters/filters.ts';
import { useI18n } from '../../i18n/I18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Link } from '../../router/Link.tsx';
import { pathOf } from '../../router/router.ts';
import { useProgramme } from '../../shell/programme.tsx';
import { useTitle } from '../../shell/useTitle.ts';
import { Status } from '../../ui/Status.tsx';
import { AlertRulesSection } from './AlertRulesSection.tsx';
import { HealthSection } from './HealthSection.tsx';
import { HierarchySection } from './HierarchySection.tsx';
import { ImportsSection } from './ImportsSection.tsx';
import { ReportsSection } from './ReportsSection.tsx';
import { TokensSection } from './TokensSection.tsx';
import { TopicsSection } from './TopicsSection.tsx';
import { UsersSection } from './UsersSection.tsx';
import { useResource } from './useResource.ts';
import { WebhooksSection } from './WebhooksSection.tsx';

/** Each section and the action it needs (the API checks it again; this only hides what would be refused). */
const SECTIONS = [
  ['units', 'hierarchy:manage'],
  ['users', 'users:manage'],
  ['tokens', 'tokens:manage'],
  ['webhooks', 'integrations:manage'],
  ['health', 'health:manage'],
  ['reports', 'reports:manage'],
  ['imports', 'accounts:manage'],
  ['rules', 'alerts:manage'],
  ['topics', 'text:manage'],
] as const satisfies readonly (readonly [string, Action])[];
type Section = (typeof SECTIONS)[number][0];

/** Settings: hierarchy, users, tokens, webhooks, health score, scheduled reports, imports, alert rules, codeframe. */
export default function SettingsView() {
  const { t } = useI18n();
  useTitle(t('settings.title'));
  const { me, filters, search } = useProgramme();
  const units = useResource<{ units: Unit[] }>('/units');
  const allowed = SECTIONS.filter(([, action]) =>
    me ? may({ role: me.role as Role } as Parameters<typeof may>[0], action) : false,
  ).map(([name]) => name);
  const asked = search.get('section') as Section | null;
  const section = asked && allowed.includes(asked) ? asked : allowed[0];
  const unitList = units.state === 'ready' ? units.data.units : [];
  return (
    <>
      <h1>{t('settings.title')}</h1>
      {me && allowed.length === 0 && <p>{t('settings.nothing')}</p>}
      {allowed.length > 0 && (
        <nav aria-label={t('settings.sections')} className="settings-nav">
          <ul className="settings-tabs">
            {allowed.map((name) => (
              <li key={name}>
                <Link
                  href={pathOf('settings', searchFromFilters(filters, { section: name }))}
                  current={name === section}
                  className={name === section ? 'settings-tab-current' : undefined}
                >
                  {t(`settings.section.${name}` as MessageKey)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {section === 'units' && (
        <Status loaded={units}>
          {(data) => <HierarchySection units={data.units} reload={units.reload} />}
        </Status>
      )}
      {section === 'users' && <UsersSection units={unitList} />}
      {section === 'tokens' && <TokensSection units={unitList} />}
      {section === 'webhooks' && <WebhooksSection />}
      {section === 'health' && <HealthSection />}
      {section === 'reports' && <ReportsSection />}
      {section === 'imports' && <ImportsSection />}
      {section === 'rules' && <AlertRulesSection />}
      {section === 'topics' && <TopicsSection />}
    </>
  );
}
