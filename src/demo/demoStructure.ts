import {
  BUYING_ROLES,
  companyName,
  FIRST_NAMES,
  INDUSTRIES,
  LAST_NAMES,
  REGIONS,
  TIERS,
} from './programme.ts';
import type { SeededRandom } from './seededRandom.ts';

export interface DemoUnit {
  unitId: string;
  parentId: string | null;
  name: string;
  kind: string;
  path: string;
  regionKey: string;
  shift: number;
}

export interface DemoAccount {
  accountId: string;
  name: string;
  industry: string;
  tier: string;
  annualValue: number;
  renewalDate: string;
  unitId: string;
  externalId: string;
  language: 'en' | 'it';
  quality: number;
  shift: number;
}

export interface DemoContact {
  contactId: string;
  accountId: string;
  firstName: string;
  lastName: string;
  email: string;
  language: 'en' | 'it';
  buyingRole: string;
}

/** The hierarchy (3 regions × 3 teams), 200 accounts and their 1–6 contacts, all from the seed. */
export function demoStructure(random: SeededRandom, accountCount = 200, until: Date = new Date()) {
  const units: DemoUnit[] = [];
  const teams: DemoUnit[] = [];
  for (const region of REGIONS) {
    const regionId = random.uuid();
    const regionUnit = {
      unitId: regionId,
      parentId: null,
      name: region.name,
      kind: 'region',
      path: `/${regionId}/`,
      regionKey: region.key,
      shift: region.shift,
    };
    units.push(regionUnit);
    for (const team of region.teams) {
      const teamId = random.uuid();
      const teamUnit = {
        unitId: teamId,
        parentId: regionId,
        name: team,
        kind: 'team',
        path: `${regionUnit.path}${teamId}/`,
        regionKey: region.key,
        shift: region.shift + (random.next() - 0.5) * 0.3,
      };
      units.push(teamUnit);
      teams.push(teamUnit);
    }
  }
  const accounts: DemoAccount[] = [];
  const contacts: DemoContact[] = [];
  const usedEmails = new Set<string>();
  for (let index = 0; index < accountCount; index++) {
    const industry = INDUSTRIES[index % INDUSTRIES.length];
    const roll = random.next();
    const tier =
      roll < TIERS[0].share ? TIERS[0] : roll < TIERS[0].share + TIERS[1].share ? TIERS[1] : TIERS[2];
    const team = teams[index % teams.length];
    const language: 'en' | 'it' =
      team.regionKey === 'south' ? (random.chance(0.8) ? 'it' : 'en') : random.chance(0.1) ? 'it' : 'en';
    const renewal = new Date(until.getTime() + random.integer(15, 540) * 86_400_000);
    const base = companyName(industry, index);
    const account: DemoAccount = {
      accountId: random.uuid(),
      name: accounts.some((a) => a.name === base) ? `${base} ${index}` : base,
      industry,
      tier: tier.key,
      annualValue: Math.round(tier.value[0] + random.next() * (tier.value[1] - tier.value[0])),
      renewalDate: renewal.toISOString().slice(0, 10),
      unitId: team.unitId,
      externalId: `CRM-${String(10_000 + index)}`,
      language,
      quality: random.normal(),
      shift: team.shift,
    };
    accounts.push(account);
    const domain = `${account.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`;
    const contactCount = random.integer(1, 6);
    for (let c = 0; c < contactCount; c++) {
      const contactLanguage = random.chance(0.85) ? language : language === 'it' ? 'en' : 'it';
      const firstName = random.pick(FIRST_NAMES[contactLanguage]);
      const lastName = random.pick(LAST_NAMES[contactLanguage]);
      let email = `${firstName}.${lastName}@${domain}`.toLowerCase();
      for (let n = 2; usedEmails.has(email); n++)
        email = `${firstName}.${lastName}${n}@${domain}`.toLowerCase();
      usedEmails.add(email);
      contacts.push({
        contactId: random.uuid(),
        accountId: account.accountId,
        firstName,
        lastName,
        email,
        language: contactLanguage,
        buyingRole: c === 0 ? 'decision_maker' : random.pick(BUYING_ROLES),
      });
    }
  }
  return { units, accounts, contacts };
}
