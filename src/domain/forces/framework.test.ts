import { describe, expect, it } from 'vitest';
import {
  FORCE_KEYS,
  FORCES_2019,
  FORCES_B2B_2024,
  type Framework,
  frameworkProblems,
  isForceKey,
  mapForceKey,
  mapForceScores,
} from './framework.ts';

const frameworks = [FORCES_B2B_2024, FORCES_2019];

describe('FORCES_B2B_2024', () => {
  it('has the six current Forces in the canonical order', () => {
    expect(FORCES_B2B_2024.forces.map((f) => f.key)).toEqual([...FORCE_KEYS]);
    expect(FORCES_B2B_2024.mapsTo).toBeUndefined();
  });

  it('has the facets of the domain table', () => {
    const facets = Object.fromEntries(FORCES_B2B_2024.forces.map((f) => [f.key, f.facets.map((x) => x.key)]));
    expect(facets).toEqual({
      certainty: ['clarity', 'transparency', 'reliability'],
      control: ['empowerment', 'choice', 'flexibility'],
      fairTreatment: ['equity', 'impartiality', 'fairExchange'],
      belonging: ['inclusion', 'connection', 'sharedValues'],
      status: ['recognition', 'importance', 'prestige'],
      enjoyment: ['ease', 'pleasure', 'delight'],
    });
  });
});

describe('FORCES_2019', () => {
  it('has the five 2019 Forces', () => {
    expect(FORCES_2019.forces.map((f) => f.key)).toEqual([
      'certainty',
      'empowerment',
      'fairTreatment',
      'sharedValues',
      'recognition',
    ]);
  });

  it('maps onto the current framework', () => {
    expect(FORCES_2019.mapsTo?.frameworkId).toBe(FORCES_B2B_2024.id);
  });
});

describe.each(frameworks)('framework $id', (framework) => {
  it('is valid (unique keys, complete mapping, targets exist in the current framework)', () => {
    expect(frameworkProblems(framework, FORCES_B2B_2024)).toEqual([]);
  });

  it('has unique Force keys and unique facet keys within each Force', () => {
    const keys = framework.forces.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const force of framework.forces) {
      const facets = force.facets.map((f) => f.key);
      expect(new Set(facets).size).toBe(facets.length);
      expect(facets.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('maps every Force to a Force that exists in the target framework', () => {
    const targets = new Set(FORCES_B2B_2024.forces.map((f) => f.key));
    for (const force of framework.forces) {
      const mapped = mapForceKey(framework, force.key);
      expect(mapped).not.toBeNull();
      expect(targets.has(mapped as string)).toBe(true);
    }
  });

  it('has every text filled in both languages', () => {
    for (const force of framework.forces) {
      const texts = [force.name, force.fulfilled, force.tension, ...force.facets.map((f) => f.name)];
      for (const text of texts) {
        expect(text.en.trim()).not.toBe('');
        expect(text.it.trim()).not.toBe('');
      }
    }
  });
});

describe('frameworkProblems', () => {
  const force = FORCES_B2B_2024.forces[0];

  it('reports duplicate Force and facet keys', () => {
    const broken: Framework = {
      id: 'broken',
      version: '1',
      forces: [force, { ...force, facets: [force.facets[0], force.facets[0]] }],
    };
    expect(frameworkProblems(broken)).toEqual([
      'duplicate Force key "certainty"',
      'duplicate facet key "clarity" in Force "certainty"',
    ]);
  });

  it('reports unmapped Forces, unknown sources, missing targets and a wrong target framework', () => {
    const broken: Framework = {
      id: 'variant',
      version: '1',
      forces: [force, { ...force, key: 'pride' }],
      mapsTo: { frameworkId: 'elsewhere', forceMap: { certainty: 'certitude', ghost: null } },
    };
    expect(frameworkProblems(broken, FORCES_B2B_2024)).toEqual([
      'Force "pride" has no entry in mapsTo.forceMap',
      '"certainty" maps to "certitude", which is not a Force of "forces-of-cx-b2b"',
      'mapsTo.forceMap maps unknown Force "ghost"',
      'mapsTo.frameworkId is "elsewhere" but the target is "forces-of-cx-b2b"',
    ]);
  });
});

describe('isForceKey', () => {
  it('accepts the current keys only', () => {
    expect(isForceKey('status')).toBe(true);
    expect(isForceKey('recognition')).toBe(false);
  });
});

describe('mapForceKey', () => {
  it('follows the 2019 → 2024 mapping', () => {
    expect(mapForceKey(FORCES_2019, 'recognition')).toBe('status');
    expect(mapForceKey(FORCES_2019, 'empowerment')).toBe('control');
    expect(mapForceKey(FORCES_2019, 'sharedValues')).toBe('belonging');
    expect(mapForceKey(FORCES_2019, 'certainty')).toBe('certainty');
    expect(mapForceKey(FORCES_2019, 'fairTreatment')).toBe('fairTreatment');
  });

  it('maps the current framework onto itself', () => {
    expect(mapForceKey(FORCES_B2B_2024, 'enjoyment')).toBe('enjoyment');
  });

  it('returns null for a Force mapped to null', () => {
    const variant: Framework = {
      ...FORCES_2019,
      mapsTo: {
        frameworkId: FORCES_B2B_2024.id,
        forceMap: { ...FORCES_2019.mapsTo?.forceMap, recognition: null },
      },
    };
    expect(mapForceKey(variant, 'recognition')).toBeNull();
  });

  it('throws on a key that is not a Force of the framework', () => {
    expect(() => mapForceKey(FORCES_2019, 'status')).toThrow(RangeError);
    expect(() => mapForceKey(FORCES_2019, 'toString')).toThrow(RangeError);
  });
});

describe('mapForceScores', () => {
  it('carries 2019 scores over and leaves enjoyment empty', () => {
    expect(
      mapForceScores(FORCES_2019, {
        certainty: 70,
        empowerment: 60,
        fairTreatment: null,
        sharedValues: 40,
        recognition: 80,
      }),
    ).toEqual({
      certainty: 70,
      control: 60,
      fairTreatment: null,
      belonging: 40,
      status: 80,
      enjoyment: null,
    });
  });

  it('keeps current scores where they are', () => {
    expect(mapForceScores(FORCES_B2B_2024, { enjoyment: 90, status: 10 })).toEqual({
      certainty: null,
      control: null,
      fairTreatment: null,
      belonging: null,
      status: 10,
      enjoyment: 90,
    });
  });

  it('averages the scores of several source Forces that merge into one', () => {
    const merged: Framework = {
      id: 'merged',
      version: '1',
      forces: [
        { ...FORCES_2019.forces[4], key: 'respect' },
        { ...FORCES_2019.forces[4], key: 'valued' },
      ],
      mapsTo: { frameworkId: FORCES_B2B_2024.id, forceMap: { respect: 'status', valued: 'status' } },
    };
    expect(mapForceScores(merged, { respect: 60, valued: 90 }).status).toBe(75);
    expect(mapForceScores(merged, { respect: 60, valued: null }).status).toBe(60);
  });

  it('rejects unknown keys, scores outside 0..100 and mappings to another framework', () => {
    expect(() => mapForceScores(FORCES_2019, { status: 50 })).toThrow(RangeError);
    expect(() => mapForceScores(FORCES_2019, { recognition: 101 })).toThrow(RangeError);
    expect(() => mapForceScores(FORCES_2019, { recognition: Number.NaN })).toThrow(RangeError);
    const other: Framework = { ...FORCES_2019, mapsTo: { frameworkId: 'other', forceMap: {} } };
    expect(() => mapForceScores(other, { recognition: 50 })).toThrow(RangeError);
  });
});
