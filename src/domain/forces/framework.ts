/**
 * The Forces of CX framework, stored as versioned data so an organisation can run the current
 * B2B version, the 2019 version or its own variant, and compare scores across versions.
 */

/** The six Forces of the current (B2B, 2024) framework, in their canonical order. */
export const FORCE_KEYS = [
  'certainty',
  'control',
  'fairTreatment',
  'belonging',
  'status',
  'enjoyment',
] as const;

/** Key of one of the six current Forces. */
export type ForceKey = (typeof FORCE_KEYS)[number];

/** A text in every language the product ships with. */
export type LocalizedText = { en: string; it: string };

/** One facet (sub-dimension) of a Force. */
export type ForceFacet = { key: string; name: LocalizedText };

/** One Force: an emotional need, its facets, and one-line descriptions of its fulfilled and tension states. */
export type Force = {
  key: string;
  name: LocalizedText;
  facets: ForceFacet[];
  /** How the customer feels when the need is met. */
  fulfilled: LocalizedText;
  /** How the customer must not feel: the need is unmet. */
  tension: LocalizedText;
};

/**
 * A version of the Forces framework. `mapsTo` says how each of its Forces carries over to another
 * framework (`null` = no successor), so data collected with an older version can be compared.
 */
export type Framework = {
  id: string;
  version: string;
  forces: Force[];
  mapsTo?: { frameworkId: string; forceMap: Record<string, string | null> };
};

/** The current Forces of CX for B2B relationships: six Forces, three facets each. */
export const FORCES_B2B_2024: Framework = {
  id: 'forces-of-cx-b2b',
  version: '2024',
  forces: [
    {
      key: 'certainty',
      name: { en: 'Certainty', it: 'Certezza' },
      facets: [
        { key: 'clarity', name: { en: 'Clarity', it: 'Chiarezza' } },
        { key: 'transparency', name: { en: 'Transparency', it: 'Trasparenza' } },
        { key: 'reliability', name: { en: 'Reliability', it: 'Affidabilità' } },
      ],
      fulfilled: {
        en: 'Kept informed at every step, sees promises kept and can vouch for the supplier to their own management.',
        it: 'Informato a ogni passaggio, vede rispettare gli impegni e può garantire per il fornitore davanti ai propri responsabili.',
      },
      tension: {
        en: 'Left in the dark, caught off guard and unsure of what happens next.',
        it: "Lasciato all'oscuro, colto di sorpresa e incerto su cosa succederà.",
      },
    },
    {
      key: 'control',
      name: { en: 'Control', it: 'Controllo' },
      facets: [
        { key: 'empowerment', name: { en: 'Empowerment', it: 'Autonomia' } },
        { key: 'choice', name: { en: 'Choice', it: 'Scelta' } },
        { key: 'flexibility', name: { en: 'Flexibility', it: 'Flessibilità' } },
      ],
      fulfilled: {
        en: 'Can serve themselves, follow progress live, tailor the service and choose how to get in touch.',
        it: "Può fare da sé, seguire l'avanzamento in tempo reale, adattare il servizio e scegliere il canale.",
      },
      tension: {
        en: 'Boxed in by rigid rules and reliant on the supplier for every step.',
        it: 'Bloccato da regole rigide e dipendente dal fornitore per ogni passo.',
      },
    },
    {
      key: 'fairTreatment',
      name: { en: 'Fair Treatment', it: 'Equità di trattamento' },
      facets: [
        { key: 'equity', name: { en: 'Equity', it: 'Equità' } },
        { key: 'impartiality', name: { en: 'Impartiality', it: 'Imparzialità' } },
        { key: 'fairExchange', name: { en: 'Fair exchange', it: 'Scambio equo' } },
      ],
      fulfilled: {
        en: 'Gets fair prices and terms, has complaints settled quickly and is backed when times are hard.',
        it: 'Ottiene prezzi e condizioni equi, vede risolti in fretta i reclami ed è sostenuto nei momenti difficili.',
      },
      tension: {
        en: 'Feels exploited, stung by hidden charges and resentful about the deal.',
        it: "Si sente sfruttato, colpito da costi nascosti e risentito per l'accordo.",
      },
    },
    {
      key: 'belonging',
      name: { en: 'Belonging', it: 'Appartenenza' },
      facets: [
        { key: 'inclusion', name: { en: 'Inclusion', it: 'Inclusione' } },
        { key: 'connection', name: { en: 'Connection', it: 'Legame' } },
        { key: 'sharedValues', name: { en: 'Shared values', it: 'Valori condivisi' } },
      ],
      fulfilled: {
        en: 'Feels part of one team or community, sharing values and aims on social impact.',
        it: 'Si sente parte di una squadra o di una comunità, con valori e obiettivi di impatto sociale condivisi.',
      },
      tension: {
        en: "Feels left out and alone, with values that clash with the supplier's.",
        it: 'Si sente escluso e isolato, con valori in contrasto con quelli del fornitore.',
      },
    },
    {
      key: 'status',
      name: { en: 'Status', it: 'Status' },
      facets: [
        { key: 'recognition', name: { en: 'Recognition', it: 'Riconoscimento' } },
        { key: 'importance', name: { en: 'Importance', it: 'Importanza' } },
        { key: 'prestige', name: { en: 'Prestige', it: 'Prestigio' } },
      ],
      fulfilled: {
        en: 'Knows their business matters, sees loyalty rewarded and is helped to look good at work.',
        it: 'Sa che la sua azienda conta, vede premiata la fedeltà ed è aiutato a fare bella figura sul lavoro.',
      },
      tension: {
        en: 'Treated as one more account number, overlooked, never given anything extra.',
        it: "Trattato come un numero di conto qualsiasi, trascurato, senza mai un'attenzione in più.",
      },
    },
    {
      key: 'enjoyment',
      name: { en: 'Enjoyment', it: 'Piacevolezza' },
      facets: [
        { key: 'ease', name: { en: 'Ease', it: 'Facilità' } },
        { key: 'pleasure', name: { en: 'Pleasure', it: 'Piacere' } },
        { key: 'delight', name: { en: 'Delight', it: 'Entusiasmo' } },
      ],
      fulfilled: {
        en: 'Finds the supplier easy and pleasant to deal with and looks forward to meeting them.',
        it: 'Trova il fornitore facile e piacevole con cui lavorare e attende volentieri gli incontri.',
      },
      tension: {
        en: 'Comes away frustrated, bored or let down.',
        it: 'Ne esce frustrato, annoiato o deluso.',
      },
    },
  ],
};

/**
 * The 2019 version: five Forces. Data collected with it carries over to the current six;
 * Enjoyment has no predecessor, so it stays empty for 2019 data.
 */
export const FORCES_2019: Framework = {
  id: 'forces-of-cx-2019',
  version: '2019',
  forces: [
    {
      key: 'certainty',
      name: { en: 'Certainty', it: 'Certezza' },
      facets: [
        { key: 'clarity', name: { en: 'Clarity', it: 'Chiarezza' } },
        { key: 'transparency', name: { en: 'Transparency', it: 'Trasparenza' } },
        { key: 'reliability', name: { en: 'Reliability', it: 'Affidabilità' } },
      ],
      fulfilled: {
        en: 'Things are clear, open and work as expected.',
        it: 'Tutto è chiaro, trasparente e funziona come previsto.',
      },
      tension: {
        en: 'Confused, uninformed and surprised by how things turn out.',
        it: 'Confuso, poco informato e sorpreso da come vanno le cose.',
      },
    },
    {
      key: 'empowerment',
      name: { en: 'Empowerment', it: 'Empowerment' },
      facets: [
        { key: 'inCharge', name: { en: 'In charge', it: 'Padronanza' } },
        { key: 'freedomOfChoice', name: { en: 'Freedom of choice', it: 'Libertà di scelta' } },
      ],
      fulfilled: {
        en: 'Feels in charge of the situation and free to decide.',
        it: 'Si sente padrone della situazione e libero di decidere.',
      },
      tension: {
        en: "Feels powerless and dependent on other people's decisions.",
        it: 'Si sente impotente e dipendente dalle decisioni altrui.',
      },
    },
    {
      key: 'fairTreatment',
      name: { en: 'Fair Treatment', it: 'Equità di trattamento' },
      facets: [
        { key: 'fairExchange', name: { en: 'Fair exchange', it: 'Scambio equo' } },
        { key: 'equity', name: { en: 'Equity', it: 'Equità' } },
      ],
      fulfilled: {
        en: 'Sees a fair give-and-take in the relationship.',
        it: 'Percepisce uno scambio equo nel rapporto.',
      },
      tension: {
        en: 'Feels short-changed in the exchange.',
        it: 'Sente di ricevere meno di quanto dà.',
      },
    },
    {
      key: 'sharedValues',
      name: { en: 'Shared Values', it: 'Valori condivisi' },
      facets: [
        { key: 'belonging', name: { en: 'Belonging', it: 'Appartenenza' } },
        {
          key: 'careForGreaterGood',
          name: { en: 'Care for the greater good', it: 'Attenzione al bene comune' },
        },
      ],
      fulfilled: {
        en: 'Feels they belong and that the company cares about the wider good.',
        it: "Sente di appartenere e che l'azienda ha a cuore il bene comune.",
      },
      tension: {
        en: 'Feels like an outsider whose values are not shared.',
        it: 'Si sente un estraneo, con valori non condivisi.',
      },
    },
    {
      key: 'recognition',
      name: { en: 'Recognition', it: 'Riconoscimento' },
      facets: [
        { key: 'valued', name: { en: 'Valued', it: 'Apprezzamento' } },
        { key: 'respect', name: { en: 'Respect', it: 'Rispetto' } },
        { key: 'specialTreatment', name: { en: 'Special treatment', it: 'Trattamento speciale' } },
      ],
      fulfilled: {
        en: 'Feels valued, respected and worth special attention.',
        it: 'Si sente apprezzato, rispettato e degno di attenzioni speciali.',
      },
      tension: {
        en: 'Feels ignored and interchangeable.',
        it: 'Si sente ignorato e intercambiabile.',
      },
    },
  ],
  mapsTo: {
    frameworkId: 'forces-of-cx-b2b',
    forceMap: {
      certainty: 'certainty',
      empowerment: 'control',
      fairTreatment: 'fairTreatment',
      sharedValues: 'belonging',
      recognition: 'status',
    },
  },
};

/**
 * Whether a string is the key of one of the six current Forces.
 *
 * @param key - any string.
 * @returns `true` when `key` is in {@link FORCE_KEYS}.
 * @example isForceKey('status') // true; isForceKey('recognition') // false
 */
export function isForceKey(key: string): key is ForceKey {
  return (FORCE_KEYS as readonly string[]).includes(key);
}

/**
 * Lists what is wrong with a framework definition (empty list = valid): Force keys unique, facet
 * keys unique within each Force, and, when `mapsTo` is set, every Force of `framework` mapped
 * (to a key or explicitly to `null`), no mapping for an unknown Force, and, if `target` is given,
 * `target.id` equal to `mapsTo.frameworkId` and every mapping target a Force of `target`.
 *
 * @param framework - the framework to check.
 * @param target - the framework `mapsTo` points at, to check the mapping targets.
 * @returns human-readable problems, in English.
 * @example frameworkProblems(FORCES_2019, FORCES_B2B_2024) // []
 */
export function frameworkProblems(framework: Framework, target?: Framework): string[] {
  const problems: string[] = [];
  const keys = framework.forces.map((force) => force.key);
  for (const key of duplicates(keys)) problems.push(`duplicate Force key "${key}"`);
  for (const force of framework.forces) {
    for (const facet of duplicates(force.facets.map((f) => f.key))) {
      problems.push(`duplicate facet key "${facet}" in Force "${force.key}"`);
    }
  }
  const mapsTo = framework.mapsTo;
  if (mapsTo === undefined) return problems;
  for (const key of keys) {
    if (!Object.hasOwn(mapsTo.forceMap, key)) problems.push(`Force "${key}" has no entry in mapsTo.forceMap`);
  }
  for (const [source, destination] of Object.entries(mapsTo.forceMap)) {
    if (!keys.includes(source)) problems.push(`mapsTo.forceMap maps unknown Force "${source}"`);
    if (target !== undefined && destination !== null && !target.forces.some((f) => f.key === destination)) {
      problems.push(`"${source}" maps to "${destination}", which is not a Force of "${target.id}"`);
    }
  }
  if (target !== undefined && target.id !== mapsTo.frameworkId) {
    problems.push(`mapsTo.frameworkId is "${mapsTo.frameworkId}" but the target is "${target.id}"`);
  }
  return problems;
}

/**
 * Carries one Force key of `from` over to the framework `from.mapsTo` points at.
 * A framework without `mapsTo` is already in its own terms, so its keys map to themselves.
 *
 * @param from - the framework the key belongs to.
 * @param key - a Force key of `from`.
 * @returns the successor key, or `null` when the Force has no successor.
 * @throws RangeError when `key` is not a Force of `from`.
 * @example mapForceKey(FORCES_2019, 'recognition') // 'status'
 */
export function mapForceKey(from: Framework, key: string): string | null {
  if (!from.forces.some((force) => force.key === key)) {
    throw new RangeError(`"${key}" is not a Force of framework "${from.id}"`);
  }
  if (from.mapsTo === undefined) return key;
  // hasOwn, not `in`: a Force called "toString" must not pick up Object.prototype.
  return Object.hasOwn(from.mapsTo.forceMap, key) ? from.mapsTo.forceMap[key] : null;
}

/**
 * Expresses per-Force scores (0–100) collected with `from` in the six current Forces.
 * Each source score goes to `mapForceKey(from, key)`; when several source Forces land on the same
 * current Force, it gets the mean of their non-null scores. Current Forces nobody maps to (e.g.
 * Enjoyment for 2019 data) are `null`.
 *
 * @param from - the framework the scores were collected with: the current one (or a variant with
 *   the same keys and no `mapsTo`) or one whose `mapsTo` points at {@link FORCES_B2B_2024}.
 * @param scores - Force key of `from` → score 0–100, or `null` when not measured.
 * @returns a score (or `null`) for every {@link ForceKey}.
 * @throws RangeError on an unknown key, a score outside 0–100, a mapping to another framework or
 *   a target that is not a current Force.
 * @example
 * mapForceScores(FORCES_2019, { recognition: 80, empowerment: 60 })
 * // { certainty: null, control: 60, fairTreatment: null, belonging: null, status: 80, enjoyment: null }
 */
export function mapForceScores(
  from: Framework,
  scores: Record<string, number | null>,
): Record<ForceKey, number | null> {
  if (from.mapsTo !== undefined && from.mapsTo.frameworkId !== FORCES_B2B_2024.id) {
    throw new RangeError(
      `framework "${from.id}" maps to "${from.mapsTo.frameworkId}", not to the current Forces`,
    );
  }
  const sums = new Map<ForceKey, { total: number; count: number }>();
  for (const [key, score] of Object.entries(scores)) {
    const target = mapForceKey(from, key);
    if (target === null) continue;
    if (!isForceKey(target))
      throw new RangeError(`"${key}" maps to "${target}", which is not a current Force`);
    if (score === null) continue;
    if (!Number.isFinite(score) || score < 0 || score > 100) {
      throw new RangeError(`score for "${key}" must be within 0..100, got ${score}`);
    }
    const sum = sums.get(target) ?? { total: 0, count: 0 };
    sums.set(target, { total: sum.total + score, count: sum.count + 1 });
  }
  const result = {} as Record<ForceKey, number | null>;
  for (const key of FORCE_KEYS) {
    const sum = sums.get(key);
    result[key] = sum === undefined ? null : sum.total / sum.count;
  }
  return result;
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}
