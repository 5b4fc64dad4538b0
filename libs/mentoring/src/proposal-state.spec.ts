import { ClosedReason, MentoringRole, ProposalResponse, ProposalStatus } from './enums';
import { accept, acceptStep, close, decline, holdsSeat, ProposalClosed, ProposalState, sideOf } from './proposal-state';

const now = new Date('2030-01-01T10:00:00Z');
const published = (): ProposalState => ({
  status: ProposalStatus.PUBLISHED,
  menteeId: 'e',
  mentorId: 'm',
  menteeResponse: ProposalResponse.PENDING,
  mentorResponse: ProposalResponse.PENDING,
  menteeRespondedAt: null,
  mentorRespondedAt: null,
  closedReason: null,
  closedAt: null,
  publishedAt: now,
});

describe('proposal state', () => {
  it('knows the sides', () => {
    expect(sideOf(published(), 'e')).toBe(MentoringRole.MENTEE);
    expect(sideOf(published(), 'm')).toBe(MentoringRole.MENTOR);
    expect(sideOf(published(), 'x')).toBeNull();
  });

  it('takes a seat at the first acceptance, starts the mentorship at the second', () => {
    const p = published();
    expect(holdsSeat(p)).toBe(false);
    expect(acceptStep(p, MentoringRole.MENTEE)).toEqual({ kind: 'takes-seat' });
    expect(accept(p, MentoringRole.MENTEE, now)).toBe(false);
    expect(holdsSeat(p)).toBe(true);
    expect(acceptStep(p, MentoringRole.MENTEE)).toEqual({ kind: 'already' });
    expect(acceptStep(p, MentoringRole.MENTOR)).toEqual({ kind: 'seat-held' });
    expect(accept(p, MentoringRole.MENTOR, now)).toBe(true);
    expect(p.status).toBe(ProposalStatus.ACCEPTED);
    expect(holdsSeat(p)).toBe(false); // the mentorship holds it from now on
    expect(() => acceptStep(p, MentoringRole.MENTOR)).toThrow(ProposalClosed);
  });

  it('the mentor may accept first', () => {
    const p = published();
    expect(acceptStep(p, MentoringRole.MENTOR)).toEqual({ kind: 'takes-seat' });
    accept(p, MentoringRole.MENTOR, now);
    expect(acceptStep(p, MentoringRole.MENTEE)).toEqual({ kind: 'seat-held' });
  });

  it('a decline by either side closes the proposal and releases its seat', () => {
    const p = published();
    accept(p, MentoringRole.MENTEE, now);
    decline(p, MentoringRole.MENTOR, now);
    expect(p).toMatchObject({ status: ProposalStatus.DECLINED, closedReason: ClosedReason.DECLINED_BY_MENTOR, mentorResponse: 'DECLINED' });
    expect(holdsSeat(p)).toBe(false);
    expect(() => decline(p, MentoringRole.MENTEE, now)).toThrow(ProposalClosed);
    const q = published();
    decline(q, MentoringRole.MENTEE, now);
    expect(q.closedReason).toBe(ClosedReason.DECLINED_BY_MENTEE);
  });

  it('maps closing reasons to statuses', () => {
    const expired = published();
    close(expired, ClosedReason.MENTOR_INACTIVE, now);
    expect(expired.status).toBe(ProposalStatus.EXPIRED);
    const full = published();
    close(full, ClosedReason.MENTOR_FULL, now);
    expect(full.status).toBe(ProposalStatus.DECLINED);
    const withdrawn = published();
    close(withdrawn, ClosedReason.NO_LONGER_ELIGIBLE, now);
    expect(withdrawn.status).toBe(ProposalStatus.WITHDRAWN);
  });

  it('a proposal in review cannot be answered', () => {
    const p = { ...published(), status: ProposalStatus.PROPOSED, publishedAt: null };
    expect(() => acceptStep(p, MentoringRole.MENTEE)).toThrow(ProposalClosed);
  });
});
