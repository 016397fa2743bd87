import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from './route';

describe('routes', () => {
  it('reads a screen from the address fragment and writes it back', () => {
    const id = '0190f3a0-0000-7000-8000-000000000001';
    expect(parseRoute(`#/studies/${id}`)).toEqual({ screen: 'study', studyId: id });
    expect(hrefOf({ screen: 'trial', trialId: id })).toBe(`#/trials/${id}`);
    expect(parseRoute(hrefOf({ screen: 'sync' }))).toEqual({ screen: 'sync' });
  });

  it('reads and writes the stock screens', () => {
    const id = '0190f3a0-0000-7000-8000-000000000002';
    for (const route of [{ screen: 'stock' }, { screen: 'locations' }, { screen: 'counts' }, { screen: 'batch', batchId: id }, { screen: 'count', countId: id }] as const) {
      expect(parseRoute(hrefOf(route))).toEqual(route);
    }
  });

  it('treats a launch token or an unknown address as the start screen', () => {
    expect(parseRoute('#token=abc')).toEqual({ screen: 'start' });
    expect(parseRoute('#/studies/not-an-id')).toEqual({ screen: 'start' });
  });
});
