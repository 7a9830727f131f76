import type { ForceKey } from '../domain/forces/index.ts';

/** The demo supplier: a fictional industrial-parts distributor selling to businesses in Europe. */
export const DEMO_ORGANISATION = { name: 'Meridian Industrial Supply', slug: 'demo' };
export const DEMO_OWNER_EMAIL = 'owner@demo.rapport.dev';

export const REGIONS = [
  {
    key: 'south',
    name: 'Southern Europe',
    teams: ['Key Accounts South', 'Mid-Market South', 'Growth South'],
    shift: 0.15,
  },
  {
    key: 'central',
    name: 'Central Europe',
    teams: ['Key Accounts Central', 'Mid-Market Central', 'Growth Central'],
    shift: 0,
  },
  {
    key: 'north',
    name: 'Northern Europe',
    teams: ['Key Accounts North', 'Mid-Market North', 'Growth North'],
    shift: -0.2,
  },
] as const;

export const INDUSTRIES = ['manufacturing', 'logistics', 'energy', 'medical_equipment'] as const;
export const TIERS = [
  { key: 'strategic', share: 0.1, value: [900_000, 4_000_000] },
  { key: 'key', share: 0.3, value: [200_000, 900_000] },
  { key: 'standard', share: 0.6, value: [20_000, 200_000] },
] as const;

export const BUYING_ROLES = [
  'decision_maker',
  'influencer',
  'user',
  'procurement',
  'finance',
  'executive',
] as const;

const NAME_STEMS = [
  'Alpine',
  'Baltic',
  'Cobalt',
  'Delta',
  'Ember',
  'Falcon',
  'Granite',
  'Harbor',
  'Iris',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Magnolia',
  'Nordic',
  'Orion',
  'Pioneer',
  'Quartz',
  'Riviera',
  'Sierra',
  'Tundra',
];
const NAME_KINDS: Record<(typeof INDUSTRIES)[number], string[]> = {
  manufacturing: ['Fabrication', 'Machining', 'Assembly Works', 'Precision Parts', 'Metalworks'],
  logistics: ['Freight', 'Logistics', 'Distribution', 'Cargo Lines', 'Warehousing'],
  energy: ['Energy', 'Power Systems', 'Renewables', 'Grid Services', 'Utilities'],
  medical_equipment: [
    'Medical Devices',
    'Diagnostics',
    'Surgical Systems',
    'Health Technologies',
    'Lab Instruments',
  ],
};
export const LEGAL_FORMS = { en: ['Ltd', 'Group', 'plc'], it: ['S.p.A.', 'S.r.l.'] };

export function companyName(industry: (typeof INDUSTRIES)[number], index: number): string {
  const stem = NAME_STEMS[index % NAME_STEMS.length];
  const kinds = NAME_KINDS[industry];
  return `${stem} ${kinds[Math.floor(index / NAME_STEMS.length) % kinds.length]}`;
}

export const FIRST_NAMES = {
  en: [
    'Alex',
    'Sam',
    'Jordan',
    'Morgan',
    'Chris',
    'Taylor',
    'Jamie',
    'Robin',
    'Emma',
    'Oliver',
    'Hannah',
    'Lucas',
    'Sophie',
    'Daniel',
    'Grace',
    'Noah',
  ],
  it: [
    'Giulia',
    'Marco',
    'Francesca',
    'Luca',
    'Chiara',
    'Matteo',
    'Sara',
    'Alessandro',
    'Elena',
    'Davide',
    'Martina',
    'Stefano',
    'Paola',
    'Andrea',
    'Valentina',
    'Giorgio',
  ],
};
export const LAST_NAMES = {
  en: [
    'Walker',
    'Bennett',
    'Hughes',
    'Fischer',
    'Lindqvist',
    'Novak',
    'Keller',
    'Brooks',
    'Hansen',
    'Murphy',
    'Schmidt',
    'Clarke',
  ],
  it: [
    'Rossi',
    'Bianchi',
    'Ferrari',
    'Romano',
    'Colombo',
    'Ricci',
    'Marino',
    'Greco',
    'Bruno',
    'Gallo',
    'Conti',
    'Esposito',
  ],
};

export interface DemoTouchpoint {
  key: string;
  name: { en: string; it: string };
  channel: string;
  department: string;
  forces: [ForceKey, ForceKey];
  /** The level (0–100) the CX team wants each target Force to reach here. */
  ideal: number;
}

export interface DemoJourney {
  key: string;
  name: { en: string; it: string };
  stages: { key: string; name: { en: string; it: string }; touchpoints: DemoTouchpoint[] }[];
}

export const JOURNEYS: DemoJourney[] = [
  {
    key: 'onboarding',
    name: { en: 'Onboarding', it: 'Avviamento' },
    stages: [
      {
        key: 'contract',
        name: { en: 'Contract negotiation', it: 'Negoziazione del contratto' },
        touchpoints: [
          {
            key: 'proposal',
            name: { en: 'Commercial proposal', it: 'Proposta commerciale' },
            channel: 'account_manager',
            department: 'sales',
            forces: ['fairTreatment', 'certainty'],
            ideal: 75,
          },
          {
            key: 'contract-signature',
            name: { en: 'Contract signature', it: 'Firma del contratto' },
            channel: 'email',
            department: 'legal',
            forces: ['certainty', 'status'],
            ideal: 75,
          },
        ],
      },
      {
        key: 'setup',
        name: { en: 'Account set-up', it: 'Attivazione del cliente' },
        touchpoints: [
          {
            key: 'portal-setup',
            name: { en: 'Customer portal set-up', it: 'Attivazione del portale clienti' },
            channel: 'web',
            department: 'customer_success',
            forces: ['control', 'enjoyment'],
            ideal: 80,
          },
          {
            key: 'kickoff',
            name: { en: 'Project kick-off meeting', it: 'Riunione di avvio progetto' },
            channel: 'account_manager',
            department: 'customer_success',
            forces: ['belonging', 'certainty'],
            ideal: 80,
          },
        ],
      },
    ],
  },
  {
    key: 'delivery',
    name: { en: 'Ordering and delivery', it: 'Ordini e consegne' },
    stages: [
      {
        key: 'ordering',
        name: { en: 'Ordering', it: 'Ordine' },
        touchpoints: [
          {
            key: 'online-order',
            name: { en: 'Online ordering', it: 'Ordine online' },
            channel: 'web',
            department: 'ecommerce',
            forces: ['control', 'enjoyment'],
            ideal: 80,
          },
          {
            key: 'order-confirmation',
            name: { en: 'Order confirmation', it: 'Conferma d\u2019ordine' },
            channel: 'email',
            department: 'operations',
            forces: ['certainty', 'control'],
            ideal: 85,
          },
        ],
      },
      {
        key: 'fulfilment',
        name: { en: 'Delivery', it: 'Consegna' },
        touchpoints: [
          {
            key: 'delivery',
            name: { en: 'Delivery on site', it: 'Consegna in sede' },
            channel: 'field',
            department: 'logistics',
            forces: ['certainty', 'fairTreatment'],
            ideal: 85,
          },
          {
            key: 'invoice',
            name: { en: 'Invoice', it: 'Fattura' },
            channel: 'invoice',
            department: 'billing',
            forces: ['fairTreatment', 'certainty'],
            ideal: 80,
          },
        ],
      },
    ],
  },
  {
    key: 'support-renewal',
    name: { en: 'Support and renewal', it: 'Assistenza e rinnovo' },
    stages: [
      {
        key: 'support',
        name: { en: 'Support', it: 'Assistenza' },
        touchpoints: [
          {
            key: 'support-ticket',
            name: { en: 'Support ticket', it: 'Richiesta di assistenza' },
            channel: 'phone',
            department: 'support',
            forces: ['certainty', 'enjoyment'],
            ideal: 80,
          },
          {
            key: 'field-service',
            name: { en: 'Field engineer visit', it: 'Intervento del tecnico' },
            channel: 'field',
            department: 'service',
            forces: ['status', 'certainty'],
            ideal: 80,
          },
        ],
      },
      {
        key: 'renewal',
        name: { en: 'Review and renewal', it: 'Revisione e rinnovo' },
        touchpoints: [
          {
            key: 'business-review',
            name: { en: 'Quarterly business review', it: 'Revisione trimestrale' },
            channel: 'account_manager',
            department: 'sales',
            forces: ['status', 'belonging'],
            ideal: 75,
          },
          {
            key: 'renewal',
            name: { en: 'Contract renewal', it: 'Rinnovo del contratto' },
            channel: 'account_manager',
            department: 'sales',
            forces: ['fairTreatment', 'status'],
            ideal: 75,
          },
        ],
      },
    ],
  },
];

/** The two touchpoint pulses the demo runs (besides the relationship survey). */
export const PULSE_TOUCHPOINTS = ['delivery', 'support-ticket'] as const;
