import { randomUUID } from 'node:crypto';
import * as F from './world';
import { Actor, World } from './world';

/**
 * THE AUTHORIZATION MATRIX: one row per operation of `schema.gql`, one column per actor.
 *
 * Actors (see ./world.ts): anonymous (no token); employee (Eli, reports to the manager); manager
 * (Mona, Eli's and Pia's manager); hr (HR admin); orgAdmin (org admin); outsider (an HR admin *and*
 * org admin of another organization, so that role checks pass and only tenancy stands in the way;
 * the outsider always sends the victim organization's ids).
 *
 * Outcomes:
 *   ALLOW            passes authorization: data returned without error
 *   UNAUTHENTICATED  refused: no or bad token
 *   FORBIDDEN        refused: the caller may see the target but not do this
 *   NOT_FOUND        the target exists in the victim organization but is not visible to the caller
 *                    (same answer as an id that does not exist: existence is not revealed)
 *   INVALID          BAD_USER_INPUT: an id referenced in the input is unknown to the caller (the
 *                    outsider's references to the victim's skills, departments, people)
 *   CONFLICT         passes authorization, refused by a state rule (the fixture is in a state the
 *                    operation does not accept; reaching that check proves the caller was let in)
 *   HIDDEN           answers, but shows none of the victim organization's rows (no id of theirs but
 *                    the caller's own) — and, for a mutation, changes none of them
 *   NOOP             answers, and changes nothing (e.g. marking someone else's notifications read)
 * Every refused mutation (and every mutation by the outsider) is checked to change none of the
 * victim organization's rows (outbox included).
 *
 * `vars` builds the variables: for queries once per row, for mutations once per actor, making a
 * fresh object each time (see ./world.ts). The selection set is generated from the return type.
 * Expectations come from the rules in the libs' READMEs, PRODUCT.md and the role decorators.
 */

export type Outcome = 'ALLOW' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'INVALID' | 'CONFLICT' | 'HIDDEN' | 'NOOP';
export type Vars = (w: World, actor: Actor) => Promise<Record<string, unknown>> | Record<string, unknown>;
export interface Row {
  expect: Record<Actor, Outcome>;
  vars: Vars;
  why: string;
}

const U: Outcome = 'UNAUTHENTICATED';
const A: Outcome = 'ALLOW';
const X: Outcome = 'FORBIDDEN';
const N: Outcome = 'NOT_FOUND';
const I: Outcome = 'INVALID';
const C: Outcome = 'CONFLICT';
const H: Outcome = 'HIDDEN';
const Z: Outcome = 'NOOP';

type Six = [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
function row(o: Six, vars: Vars, why: string): Row {
  const [anonymous, employee, manager, hr, orgAdmin, outsider] = o;
  return { expect: { anonymous, employee, manager, hr, orgAdmin, outsider }, vars, why };
}
const none: Vars = () => ({});
const later = (days: number) => F.inDays(days);
const dateIn = (days: number) => F.inDays(days).slice(0, 10);

export const QUERIES: Record<string, Row> = {
  //                                  anon employee manager hr orgAdmin outsider
  auditLog:                   row([U, X, X, X, A, H], none, 'org admins only (@Roles ORG_ADMIN); the caller\'s organization only (audit README)'),
  application:                row([U, N, N, N, A, N], async (w) => ({ id: (await F.application(w, await F.freshUser(w, { managerId: w.s.hr.id }))).id }), "an undisclosed application of the HR admin's own report: HR admins never see those (openings README, rule 3); a colleague and another manager do not either"),
  applications:               row([U, X, X, A, A, N], async (w) => ({ openingId: (await F.application(w)).openingId }), 'HR and the hiring manager only'),
  committee:                  row([U, A, A, A, A, N], async (w) => ({ id: (await F.committee(w)).committeeId }), 'committees are visible to everyone in the organization'),
  committeeApplications:      row([U, A, X, A, A, N], async (w) => ({ openingId: (await F.committee(w)).openingId }), 'the chair (the employee here) and HR; others FORBIDDEN (committees README)'),
  committeeMembers:           row([U, A, A, A, A, N], async (w) => ({ committeeId: (await F.committee(w)).committeeId }), 'current members are public in the organization'),
  committeeSeatOpenings:      row([U, A, A, A, A, N], async (w) => ({ committeeId: (await F.committee(w)).committeeId }), 'openings are public in the organization'),
  committees:                 row([U, A, A, A, A, H], none, ''),
  departments:                row([U, A, A, A, A, H], none, ''),
  devUsers:                   row([A, A, A, A, A, A], (w) => ({ organization: w.organizationSlug }), 'PRODUCT DECISION: development sign-in (DEV_SIGNIN_ENABLED, refused in production) lists demo accounts to anyone'),
  hrAnalytics:                row([U, X, X, A, A, H], none, 'HR and org admins (@Roles); aggregates of the caller\'s organization only (analytics README)'),
  employee:                   row([U, N, N, A, A, N], async (w) => ({ id: (await F.deactivatedUser(w)).id }), 'a deactivated employee: the directory shows them to HR only (people README)'),
  employees:                  row([U, A, A, A, A, H], none, ''),
  me:                         row([U, A, A, A, A, H], none, ''),
  mentorSuggestions:          row([U, A, A, A, A, H], none, 'mentors of the caller\'s organization only'),
  mentoringProposal:          row([U, N, N, A, A, N], async (w) => ({ id: await F.unpublishedProposal(w) }), 'a proposal of a round in review: HR only; invisible to employees until published, even to its mentee (mentoring README)'),
  mentoringRound:             row([U, X, X, A, A, N], async (w) => ({ id: await F.round(w) }), 'rounds are HR\'s and org admins\' (FORBIDDEN for others)'),
  mentoringRounds:            row([U, X, X, A, A, H], none, ''),
  mentorship:                 row([U, A, N, A, A, N], async (w) => ({ id: (await F.mentorship(w)).id }), 'its two members and HR; not managers (mentoring README)'),
  myApplications:             row([U, A, A, A, A, H], none, ''),
  myCommitteeApplications:    row([U, A, A, A, A, H], none, ''),
  myCommitteeMemberships:     row([U, A, A, A, A, H], none, ''),
  myInterviewPractice:        row([U, A, A, A, A, H], none, ''),
  myInterviews:               row([U, A, A, A, A, H], none, ''),
  myMeetingQueue:             row([U, A, A, A, A, H], none, ''),
  myMeetingSettings:          row([U, A, A, A, A, H], none, ''),
  myMenteeProfile:            row([U, A, A, A, A, H], none, ''),
  myMentorProfile:            row([U, A, A, A, A, H], none, ''),
  myMentoringProposals:       row([U, A, A, A, A, H], none, ''),
  myMentorships:              row([U, A, A, A, A, H], none, ''),
  myNotificationPreferences:  row([U, A, A, A, A, H], none, ''),
  myNotifications:            row([U, A, A, A, A, H], none, ''),
  myProjectParticipations:    row([U, A, A, A, A, H], none, ''),
  myReleaseRequests:          row([U, A, A, A, A, H], none, ''),
  myResearchMeetings:         row([U, A, A, A, A, H], none, ''),
  openReleases:               row([U, X, X, A, A, H], async (w) => (await F.pendingRelease(w), {}), 'HR only (@Roles)'),
  opening:                    row([U, N, N, A, A, N], async (w) => ({ id: (await F.draftOpening(w)).id }), 'a draft: HR only, not even the hiring manager'),
  openings:                   row([U, A, A, A, A, H], none, ''),
  openingsForHiring:          row([U, H, H, A, A, H], async (w) => (await F.draftOpening(w), {}), 'HR: every opening; hiring managers theirs; the employee and manager hire for nothing and see none'),
  openingsPolicy:             row([U, A, A, A, A, H], none, ''),
  peopleToMeet:               row([U, A, A, A, A, H], none, ''),
  project:                    row([U, A, N, A, A, N], async (w) => ({ id: await F.project(w, w.s.employee) }), "the employee's draft: owner and HR only"),
  projectApprovalsAwaitingMe: row([U, H, A, A, A, H], async (w) => (await F.pendingApproval(w), {}), "a report of the manager awaits approval: the manager's and HR's; the employee sees none"),
  projectParticipants:        row([U, A, A, A, A, N], async (w) => { const id = await F.project(w, w.hugo, { publish: true }); await F.joinRequest(w, w.s.peer, id); return { projectId: id }; }, 'the team is public in the organization (requests: owner and HR)'),
  projectPolicy:              row([U, A, A, A, A, H], none, ''),
  projects:                   row([U, A, A, A, A, H], none, ''),
  researchMeeting:            row([U, A, N, N, N, N], async (w) => ({ id: await F.meeting(w, w.s.employee, await F.freshUser(w)) }), 'requester and invitee only: managers and HR get NOT_FOUND (meetings README)'),
  savedOpenings:              row([U, A, A, A, A, H], none, ''),
  skills:                     row([U, A, A, A, A, H], none, ''),
  unreadNotificationCount:    row([U, A, A, A, A, H], none, ''),
};

export const MUTATIONS: Record<string, Row> = {
  //                                  anon employee manager hr orgAdmin outsider
  acceptMentoringProposal:    row([U, A, N, X, X, N], async (w) => ({ id: await F.requestToEmployee(w) }), 'a request to the employee (mentor): mentee or mentor answer; HR sees it but does not answer'),
  acceptProjectRequest:       row([U, A, X, A, A, N], async (w) => ({ participantId: await F.joinRequest(w, w.s.peer, await F.project(w, w.s.employee, { publish: true })) }), 'the project owner (the employee) or HR'),
  agreeReleaseDate:           row([U, N, A, A, A, N], async (w) => ({ id: await F.pendingRelease(w), releaseDate: dateIn(30) }), "the peer was hired: their manager or HR agrees; a colleague does not see it"),
  applyToCommittee:           row([U, A, A, A, A, N], async (w) => ({ openingId: (await F.committee(w, w.hugo)).openingId, motivation: 'I care' }), 'anyone in the organization'),
  applyToOpening:             row([U, A, A, A, A, N], async (w) => ({ openingId: await F.publishedOpening(w), note: 'Keen' }), 'a published opening targeting everyone'),
  approveProjectParticipation:row([U, X, A, A, A, N], async (w) => ({ participantId: await F.pendingApproval(w) }), "the participant's direct manager or HR"),
  approveSkill:               row([U, X, X, A, A, N], async (w) => ({ id: await F.proposedSkill(w), aliases: [] }), 'HR (@Roles)'),
  cancelMentoringSession:     row([U, A, N, X, X, N], async (w) => ({ id: await F.scheduledSession(w) }), 'the two members only; HR sees the mentorship (FORBIDDEN), the manager does not (NOT_FOUND)'),
  cancelResearchMeeting:      row([U, A, N, N, N, N], async (w) => ({ id: await F.meeting(w, w.s.employee, await F.freshUser(w)), reason: 'Changed plans' }), 'participants only; others NOT_FOUND'),
  chooseMeetingSlot:          row([U, A, N, N, N, N], async (w) => { const m = await F.proposedMeeting(w); return { id: m.id, startsAt: m.slot }; }, 'the requester picks'),
  closeCommitteeSeatOpening:  row([U, A, X, A, A, N], async (w) => ({ id: (await F.committee(w)).openingId }), 'HR or the chair (the employee)'),
  closeOpening:               row([U, X, X, A, A, N], async (w) => ({ id: await F.publishedOpening(w), reason: 'CANCELLED' }), 'HR (@Roles)'),
  closeProject:               row([U, A, X, A, A, N], async (w) => ({ id: await F.project(w, w.s.employee, { publish: true }) }), 'owner (the employee) or HR'),
  completeMentorship:         row([U, A, N, X, X, N], async (w) => ({ id: (await F.mentorship(w)).id, input: { rating: 5, comment: 'Great' } }), 'a member gives their feedback; HR sees it but is no member (FORBIDDEN)'),
  completeProject:            row([U, A, X, A, A, N], async (w) => ({ projectId: await F.project(w, w.s.employee, { publish: true }), endorsements: [] }), 'owner or HR'),
  createCommittee:            row([U, X, X, A, A, I], (w) => ({ input: { name: `C ${randomUUID().slice(0, 6)}`, mission: 'Make work greener', passionTags: ['x'], seats: 2, termMonths: 6, chairId: w.s.employee.id } }), 'HR (@Roles); a chair of another organization is unknown'),
  createDepartment:           row([U, X, X, A, A, I], (w) => ({ input: { name: `D ${randomUUID().slice(0, 6)}`, parentId: w.s.departmentId } }), 'HR (@Roles); a parent of another organization is unknown'),
  createEmployee:             row([U, X, X, A, A, I], (w) => ({ input: { email: `new.${randomUUID().slice(0, 8)}@example.test`, firstName: 'New', lastName: 'Hire', title: 'Engineer', level: 3, managerId: w.s.manager.id, departmentId: w.s.departmentId } }), 'HR (@Roles); a manager of another organization is unknown'),
  createMentoringRound:       row([U, X, X, A, A, I], (w) => ({ input: { name: 'Round', deadline: later(30), mentees: { departmentIds: [w.s.departmentId] } } }), 'HR (@Roles); departments of another organization are unknown'),
  createOpening:              row([U, X, X, A, A, I], (w) => ({ input: F.openingInput(w) }), 'HR (@Roles); department, hiring manager, skills of another organization are unknown'),
  createProject:              row([U, A, A, A, A, I], (w) => ({ input: { title: 'Pilot', goal: 'Ship the pilot', hoursPerWeek: 1, durationWeeks: 2, seats: 2, startDate: F.FUTURE_DATE, neededSkills: [{ skillId: w.skills.SQL }] } }), 'anyone posts; skills of another organization are unknown'),
  deactivateDepartment:       row([U, X, X, A, A, N], async (w) => ({ id: await F.emptyDepartment(w) }), 'HR (@Roles)'),
  deactivateEmployee:         row([U, X, X, A, A, N], async (w) => ({ id: (await F.freshUser(w)).id }), 'HR (@Roles)'),
  declineMentoringProposal:   row([U, A, N, X, X, N], async (w) => ({ id: (await F.mentorRequest(w)).id, note: 'No' }), 'the mentee (the employee) or the mentor'),
  declineProjectRequest:      row([U, A, X, A, A, N], async (w) => ({ participantId: await F.joinRequest(w, w.s.peer, await F.project(w, w.s.employee, { publish: true })), note: 'Full' }), 'owner or HR'),
  declineResearchMeeting:     row([U, A, N, N, N, N], async (w) => ({ id: await F.meeting(w, await F.freshUser(w), w.s.employee), reason: 'Busy' }), 'the invitee (the employee)'),
  deleteInterview:            row([U, A, N, N, N, N], async (w) => ({ id: await F.interview(w) }), "the employee's own log; nobody else's"),
  devSignIn:                  row([A, A, A, A, A, A], (w) => ({ email: w.s.employee.email, organization: w.organizationSlug }), 'PRODUCT DECISION: development sign-in (DEV_SIGNIN_ENABLED, refused in production) signs in as any user'),
  discloseApplication:        row([U, A, N, X, X, N], async (w) => ({ id: (await F.application(w)).id }), 'the applicant only; the manager cannot see it yet'),
  endCommitteeMembership:     row([U, X, X, A, A, N], async (w) => ({ id: await F.committeeMembership(w) }), 'HR (@Roles)'),
  launchMatchingRound:        row([U, X, X, A, A, N], async (w) => ({ id: await F.round(w) }), 'HR (@Roles)'),
  leaveProject:               row([U, A, N, N, N, N], async (w, actor) => { const id = await F.project(w, w.hugo, { publish: true }); await F.accept(w, w.hugo, await F.joinRequest(w, actor === 'employee' ? w.s.employee : await F.freshUser(w), id)); return { projectId: id }; }, 'the employee leaves their seat; others (someone else holds a seat) have no participation to leave'),
  logInterview:               row([U, A, A, A, A, H], () => ({ input: { kind: 'EXTERNAL', occurredAt: later(-3), company: 'Acme' } }), 'your own log'),
  logMentoringSession:        row([U, A, N, X, X, N], async (w) => ({ input: { mentorshipId: (await F.mentorship(w)).id, startsAt: later(4) } }), 'the two members only; HR sees the mentorship (FORBIDDEN)'),
  markNotificationsRead:      row([U, A, Z, Z, Z, Z], async (w) => ({ ids: [await F.notificationOf(w, w.s.employee)] }), "the employee's notification: anyone else marks nothing"),
  moveApplication:            row([U, X, N, A, A, N], async (w) => { const a = await F.application(w); return { input: { applicationId: a.id, expectedVersion: a.version, to: 'SCREENING' } }; }, 'HR or the hiring manager; the applicant sees it but cannot move it'),
  openCommitteeSeats:         row([U, A, X, A, A, N], async (w) => ({ input: { committeeId: (await F.committee(w)).committeeId, deadline: later(10), seats: 1 } }), 'HR or the chair (the employee)'),
  optInAsMentee:              row([U, A, A, A, A, I], (w) => ({ input: { goals: 'Grow', learnSkillIds: [w.skills.Go] } }), 'yourself; skills of another organization are unknown'),
  optInAsMentor:              row([U, A, A, A, A, I], (w) => ({ input: { capacity: 5, topicSkillIds: [w.skills.Go] } }), 'yourself; skills of another organization are unknown'),
  optOutAsMentee:             row([U, A, A, A, A, H], none, 'yourself'),
  optOutAsMentor:             row([U, A, A, A, A, H], none, 'yourself'),
  pauseOpening:               row([U, X, X, A, A, N], async (w) => ({ id: await F.publishedOpening(w) }), 'HR (@Roles)'),
  proposeMeetingSlots:        row([U, A, N, N, N, N], async (w) => ({ input: { meetingId: await F.meeting(w, await F.freshUser(w), w.s.employee), slots: [F.slot(3)] } }), 'the invitee (the employee)'),
  proposeSkill:               row([U, A, A, A, A, H], () => ({ name: `Skill ${randomUUID().slice(0, 8)}` }), 'anyone proposes, in their own organization'),
  publishMentoringRound:      row([U, X, X, C, C, N], async (w) => ({ id: await F.round(w) }), 'HR (@Roles); a DRAFT round cannot be published before matching (CONFLICT)'),
  publishOpening:             row([U, X, X, A, A, N], async (w) => ({ id: (await F.draftOpening(w)).id }), 'HR (@Roles)'),
  publishProject:             row([U, A, N, A, A, N], async (w) => ({ id: await F.project(w, w.s.employee) }), 'owner or HR; a draft is invisible to others'),
  reactivateEmployee:         row([U, X, X, A, A, N], async (w) => ({ id: (await F.deactivatedUser(w)).id }), 'HR (@Roles)'),
  recordMeetingNotes:         row([U, C, N, N, N, N], async (w) => ({ input: { meetingId: await F.meeting(w, w.s.employee, await F.freshUser(w)), notes: 'Learned' } }), 'the requester, after the meeting (not held yet: CONFLICT)'),
  refuseProjectParticipation: row([U, X, A, A, A, N], async (w) => ({ participantId: await F.pendingApproval(w), note: 'Too much' }), "the participant's direct manager or HR"),
  rejectCommitteeApplication: row([U, A, X, A, A, N], async (w) => ({ applicationId: await F.committeeApplication(w, w.s.peer), feedback: 'Next time' }), 'the chair (the employee) or HR'),
  reopenOpening:              row([U, X, X, A, A, N], async (w) => ({ id: await F.pausedOpening(w) }), 'HR (@Roles)'),
  requestMentor:              row([U, A, A, A, A, N], async (w, actor) => { if (actor === 'employee') await F.closeOpenRequests(w, w.s.employee); return { mentorId: (await F.freshMentor(w)).id, message: 'Please' }; }, 'anyone asks a mentor of their organization'),
  requestResearchMeeting:     row([U, A, A, A, A, N], async (w) => ({ input: { inviteeId: (await F.freshUser(w)).id, purpose: 'Learn' } }), 'anyone asks someone of their organization'),
  requestToJoinProject:       row([U, A, A, A, A, N], async (w) => ({ projectId: await F.project(w, w.hugo, { publish: true }), motivation: 'Me' }), 'an open project'),
  saveOpening:                row([U, N, N, A, A, N], async (w) => ({ id: await F.publishedOpening(w, { visibility: { everyone: false, departmentIds: [w.dataDepartmentId] } }) }), 'a published opening targeting the Data department only: invisible to the Engineering employee and manager; HR sees any (openings README)'),
  selectCommitteeApplicant:   row([U, A, X, A, A, N], async (w) => ({ applicationId: await F.committeeApplication(w, w.s.peer) }), 'the chair (the employee) or HR'),
  setApplicationDisclosureStage: row([U, A, N, X, X, N], async (w) => ({ id: (await F.application(w)).id, stage: 'INTERVIEWING' }), 'the applicant only'),
  setEmployeeRoles:           row([U, X, X, A, A, N], async (w) => ({ employeeId: (await F.freshUser(w)).id, roles: ['EMPLOYEE', 'HR_ADMIN'] }), 'HR grants EMPLOYEE / HR_ADMIN'),
  setInterviewPracticeNudge:  row([U, A, A, A, A, H], () => ({ enabled: true }), 'yourself'),
  setMentorshipCadence:       row([U, A, N, X, X, N], async (w) => ({ id: (await F.mentorship(w)).id, cadenceDays: 21 }), 'the two members only; HR sees the mentorship (FORBIDDEN)'),
  setMySkills:                row([U, A, A, A, A, I], (w) => ({ skills: [{ skillId: w.skills.SQL, proficiency: 3, wantsToLearn: true }] }), 'yourself; skills of another organization are unknown'),
  setNotificationPreferences: row([U, A, A, A, A, H], () => ({ preferences: [{ type: 'OPENING_RECOMMENDED', channel: 'IN_APP' }] }), 'yourself'),
  setProjectPolicy:           row([U, X, X, X, A, H], () => ({ approvalThresholdHours: 4, maxHoursPerWeek: 8 }), 'org admins only (@Roles); the outsider sets their own organization\'s'),
  unsaveOpening:              row([U, A, A, A, A, Z], async (w) => ({ id: await F.publishedOpening(w) }), 'an opening visible to you; the outsider gets false, as for any id they never saved, and nothing changes'),
  updateCommittee:            row([U, X, X, A, A, N], async (w) => ({ id: (await F.committee(w)).committeeId, input: { mission: 'A renewed mission' } }), 'HR (@Roles), not even the chair'),
  updateDepartment:           row([U, X, X, A, A, N], async (w) => ({ id: await F.emptyDepartment(w), input: { name: `R ${randomUUID().slice(0, 6)}` } }), 'HR (@Roles)'),
  updateEmployee:             row([U, X, X, A, A, N], async (w) => ({ id: (await F.freshUser(w)).id, input: { title: 'Senior Engineer' } }), 'HR (@Roles)'),
  updateInterview:            row([U, A, N, N, N, N], async (w) => ({ id: await F.interview(w), input: { wentWell: 'Better' } }), "the employee's own log"),
  updateMentoringRound:       row([U, X, X, A, A, N], async (w) => ({ id: await F.round(w), input: { name: 'Renamed' } }), 'HR (@Roles)'),
  updateMyMeetingSettings:    row([U, A, A, A, A, H], () => ({ input: { monthlyCapacity: 10 } }), 'yourself'),
  updateMyProfile:            row([U, A, A, A, A, I], (w) => ({ input: { bio: 'Hi', targetDepartmentIds: [w.dataDepartmentId] } }), 'yourself; departments of another organization are unknown'),
  updateOpening:              row([U, X, X, A, A, N], async (w) => ({ id: (await F.draftOpening(w)).id, input: { title: 'Renamed' } }), 'HR (@Roles)'),
  updateOpeningsPolicy:       row([U, X, X, X, A, H], () => ({ input: { releaseDeadlineDays: 14 } }), 'org admins only (@Roles); the outsider sets their own organization\'s'),
  updateProject:              row([U, A, N, A, A, N], async (w) => ({ id: await F.project(w, w.s.employee), input: { goal: 'A sharper goal' } }), 'a draft: owner or HR'),
  withdrawApplication:        row([U, A, N, X, X, N], async (w) => ({ id: (await F.application(w)).id, note: 'Changed my mind' }), 'the applicant only'),
  withdrawCommitteeApplication: row([U, A, X, X, X, N], async (w) => ({ applicationId: await F.committeeApplication(w, w.s.employee, w.hugo) }), 'the applicant only'),
  withdrawMentoringProposal:  row([U, X, X, A, A, N], async (w) => ({ id: await F.unpublishedProposal(w) }), 'HR (@Roles): a proposal of a round in review'),
  withdrawProjectRequest:     row([U, A, X, X, X, N], async (w) => ({ participantId: await F.joinRequest(w, w.s.employee, await F.project(w, w.hugo, { publish: true })) }), 'the requester only'),
};

export const SUBSCRIPTIONS: Record<string, Row> = {
  //                                  anon employee manager hr orgAdmin outsider
  notificationReceived:       row([U, A, A, A, A, A], none, 'each actor receives only their own notifications (checked in its own test)'),
};
