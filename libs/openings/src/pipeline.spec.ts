import { AppError } from '@waypoint/core';
import {
  allowedTransitions,
  ApplicationStatus as S,
  assertOpeningAction,
  assertTransition,
  canTransition,
  DisclosureStage as D,
  isLive,
  OpeningAction as A,
  openingActionAllowed,
  openingActionTarget,
  OpeningStatus as O,
  reachesDisclosure,
} from './pipeline';

const ALL = Object.values(S);

describe('application pipeline', () => {
  const legal: [S, S][] = [
    [S.SUBMITTED, S.SCREENING],
    [S.SCREENING, S.INTERVIEWING],
    [S.INTERVIEWING, S.OFFER],
    [S.OFFER, S.HIRED],
    ...[S.SUBMITTED, S.SCREENING, S.INTERVIEWING, S.OFFER].flatMap((from) => [
      [from, S.REJECTED] as [S, S],
      [from, S.WITHDRAWN] as [S, S],
    ]),
  ];

  it('allows exactly the listed transitions (all 49 pairs checked)', () => {
    for (const from of ALL) {
      for (const to of ALL) {
        const expected = legal.some(([f, t]) => f === from && t === to);
        expect([from, to, canTransition(from, to)]).toEqual([from, to, expected]);
      }
    }
  });

  it('has no way out of HIRED, REJECTED and WITHDRAWN', () => {
    for (const end of [S.HIRED, S.REJECTED, S.WITHDRAWN]) {
      expect(allowedTransitions(end)).toEqual([]);
      expect(isLive(end)).toBe(false);
    }
    expect(isLive(S.OFFER)).toBe(true);
  });

  it('refuses an illegal move with CONFLICT / ILLEGAL_TRANSITION and what is allowed', () => {
    expect.assertions(4);
    try {
      assertTransition(S.SUBMITTED, S.OFFER);
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.code).toBe('CONFLICT');
      expect(err.extensions.reason).toBe('ILLEGAL_TRANSITION');
      expect(err.extensions.allowed).toEqual([S.SCREENING, S.REJECTED, S.WITHDRAWN]);
    }
  });

  it('discloses once the chosen stage is reached, never on an exit', () => {
    expect(reachesDisclosure(S.INTERVIEWING, D.OFFER)).toBe(false);
    expect(reachesDisclosure(S.OFFER, D.OFFER)).toBe(true);
    expect(reachesDisclosure(S.HIRED, D.OFFER)).toBe(true);
    expect(reachesDisclosure(S.SUBMITTED, D.SUBMITTED)).toBe(true);
    expect(reachesDisclosure(S.REJECTED, D.SUBMITTED)).toBe(false);
    expect(reachesDisclosure(S.WITHDRAWN, D.SCREENING)).toBe(false);
    // HIRED always discloses, whatever was chosen.
    for (const d of Object.values(D)) expect(reachesDisclosure(S.HIRED, d)).toBe(true);
  });
});

describe('opening lifecycle', () => {
  it('publishes drafts, pauses published, reopens paused or closed, closes anything not closed', () => {
    const table: [O, A, boolean][] = [
      [O.DRAFT, A.PUBLISH, true],
      [O.PUBLISHED, A.PUBLISH, false],
      [O.PAUSED, A.PUBLISH, false],
      [O.DRAFT, A.PAUSE, false],
      [O.PUBLISHED, A.PAUSE, true],
      [O.PAUSED, A.PAUSE, false],
      [O.DRAFT, A.REOPEN, false],
      [O.PUBLISHED, A.REOPEN, false],
      [O.PAUSED, A.REOPEN, true],
      [O.CLOSED, A.REOPEN, true],
      [O.DRAFT, A.CLOSE, true],
      [O.PUBLISHED, A.CLOSE, true],
      [O.PAUSED, A.CLOSE, true],
      [O.CLOSED, A.CLOSE, false],
      [O.CLOSED, A.EDIT, false],
      [O.PUBLISHED, A.EDIT, true],
    ];
    for (const [status, action, ok] of table) expect([status, action, openingActionAllowed(status, action)]).toEqual([status, action, ok]);
    expect(openingActionTarget(O.CLOSED, A.REOPEN)).toBe(O.PUBLISHED);
    expect(openingActionTarget(O.PAUSED, A.EDIT)).toBe(O.PAUSED);
  });

  it('refuses with CONFLICT / ILLEGAL_TRANSITION', () => {
    expect(() => assertOpeningAction(O.CLOSED, A.PAUSE)).toThrow(/Cannot pause an opening that is CLOSED/);
  });
});
