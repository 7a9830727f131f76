/** The shapes of the API answers the app reads (the analytics routes document them as loose objects). */
import type {
  ExpectationFigure,
  Figure,
  MeanFigure,
  NpsFigure,
  ShareFigure,
} from '../../src/analytics/figures.ts';

export type { ExpectationFigure, Figure, MeanFigure, NpsFigure, ShareFigure };
export type Nps = Figure<NpsFigure>;
export type Mean = Figure<MeanFigure>;
export type Share = Figure<ShareFigure>;
export type Expectation = Figure<ExpectationFigure>;

/** The analytics API's default minimum base: smaller figures come back suppressed. */
export const MIN_BASE = 10;

export const FORCES = ['certainty', 'control', 'fairTreatment', 'belonging', 'status', 'enjoyment'] as const;
export type ForceKey = (typeof FORCES)[number];
export const SEGMENTS = ['emotionally_attached', 'functionally_satisfied', 'unfulfilled'] as const;
export type Segment = (typeof SEGMENTS)[number];
export const OUTCOMES = ['strength', 'nps', 'satisfaction', 'attachment', 'continue'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type Localized = Record<string, string>;

export interface Me {
  orgId: string;
  userId: string | null;
  role: string;
  unitId: string | null;
  csrfToken: string | null;
  name?: string | null;
  email?: string | null;
  locale?: string | null;
}

export interface Unit {
  unitId: string;
  parentId: string | null;
  name: string;
  kind: string;
}

export interface Journey {
  journeyId: string;
  key: string;
  name: Localized;
  stages: {
    stageId: string;
    key: string;
    name: Localized;
    touchpoints: { touchpointId: string; key: string; name: Localized; channel: string }[];
  }[];
}

export interface SignificantChange {
  suppressed?: false;
  difference: number;
  pValue: number;
  adjustedP?: number;
  significant: boolean;
}

export interface Overview {
  base: number;
  minBase: number;
  nps: Nps;
  csat: Share;
  ces: Mean;
  segments: {
    segment: Segment;
    share: Share;
    nps: Nps;
    satisfaction: Mean;
    retention: Share;
    continueLikelihood: Mean;
    afterIncident: Mean;
  }[];
  responseRate?: { sent: number; answered: number; rate: number | null };
  comparison: null | {
    nps: SignificantChange | { suppressed: true; n: number };
  };
}

export interface TrendPoint {
  period: string;
  n: number;
  nps: Nps;
  csat?: Share;
  ces?: Mean;
  forces: Record<ForceKey, Mean>;
}

export interface Trend {
  grouping: string;
  points: TrendPoint[];
}

export interface DriverPlayer {
  force: string;
  members: string[];
  importance: number;
  share: number;
}

export interface BootstrapInterval {
  estimate: number;
  lower: number;
  upper: number;
}

export interface Forces {
  base: number;
  minBase: number;
  forces: ({
    force: ForceKey;
    score: Mean;
    topBox: Share;
    change: null | SignificantChange | { suppressed: true };
  } & Record<string, unknown>)[];
  drivers:
    | { suppressed: true; n: number }
    | {
        suppressed: false;
        n: number;
        outcome: Outcome;
        rSquared: number;
        players: DriverPlayer[];
        bootstrap: null | {
          replicates: number;
          players: { name: string; importance: BootstrapInterval; share: BootstrapInterval }[];
        };
      };
  quadrant: null | {
    cuts: { importance: number; performance: number };
    forces: { force: ForceKey; importance: number; performance: number; quadrant: string }[];
  };
}

export interface Breakdown {
  by: string;
  rows: {
    key: string;
    n: number;
    nps: Nps;
    forces: Record<ForceKey, Mean>;
    csat: Share;
    /** The experience against what customers expected (where they were asked). */
    expectation: Expectation;
  }[];
}

export interface Survey {
  surveyId: string;
  slug: string;
  name: string;
  kind: string;
  status: string;
  currentVersion: number | null;
  responses: number;
}

export interface AccountRow {
  accountId: string;
  name: string;
  tier: string | null;
  industry: string | null;
  annualValue: number | null;
  renewalDate: string | null;
  n: number;
  nps: Nps;
  strength: { suppressed: true; n: number } | { suppressed: false; n: number; roleWeighted: number };
  revenueAtRisk: number | null;
  coverage: { heard: number; contacts: number; share: number | null };
}
