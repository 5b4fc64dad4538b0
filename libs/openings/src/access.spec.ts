import fc from 'fast-check';
import { applicationViewer, ApplicationViewer as V, isHiringSide, seesHiringDetails, ViewerFacts } from './access';
import { DEFAULT_POLICY, parsePolicy, policyIntSql } from './policy';
import { renderMarkdown } from './markdown';

const facts = (f: Partial<ViewerFacts>): ViewerFacts => ({
  isApplicant: false,
  isHiringManager: false,
  inApplicantChain: false,
  disclosed: false,
  isHr: false,
  ...f,
});

describe('who sees an application (confidential by default)', () => {
  it('the applicant, the hiring manager and HR see it', () => {
    expect(applicationViewer(facts({ isApplicant: true }))).toBe(V.APPLICANT);
    expect(applicationViewer(facts({ isHiringManager: true }))).toBe(V.HIRING_MANAGER);
    expect(applicationViewer(facts({ isHr: true }))).toBe(V.HR);
  });

  it('the manager chain sees it only once disclosed', () => {
    expect(applicationViewer(facts({ inApplicantChain: true }))).toBeNull();
    expect(applicationViewer(facts({ inApplicantChain: true, disclosed: true }))).toBe(V.MANAGER_CHAIN);
  });

  it('an HR admin in the applicant chain is treated as the manager (conflict of interest)', () => {
    expect(applicationViewer(facts({ inApplicantChain: true, isHr: true }))).toBeNull();
    expect(applicationViewer(facts({ inApplicantChain: true, isHr: true, disclosed: true }))).toBe(V.MANAGER_CHAIN);
  });

  it('a hiring manager in the chain is the hiring side (the applicant is told when applying)', () => {
    expect(applicationViewer(facts({ inApplicantChain: true, isHiringManager: true }))).toBe(V.HIRING_MANAGER);
  });

  it('nobody else, whatever the disclosure', () => {
    expect(applicationViewer(facts({ disclosed: true }))).toBeNull();
  });

  it('never lets an undisclosed application reach the chain unless they are the applicant or the hiring manager', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (isApplicant, isHiringManager, isHr) => {
        const v = applicationViewer({ isApplicant, isHiringManager, isHr, inApplicantChain: true, disclosed: false });
        return v === null || isApplicant || isHiringManager;
      }),
    );
  });

  it('keeps the note, feedback and match from the manager chain', () => {
    expect(seesHiringDetails(V.MANAGER_CHAIN)).toBe(false);
    expect([V.APPLICANT, V.HIRING_MANAGER, V.HR].every(seesHiringDetails)).toBe(true);
    expect(isHiringSide(V.APPLICANT)).toBe(false);
  });
});

describe('openings policy', () => {
  it('defaults to OFFER / 14 days / 60', () => {
    expect(parsePolicy({})).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY.disclosureStage).toBe('OFFER');
    expect(DEFAULT_POLICY.releaseDeadlineDays).toBe(14);
  });

  it('reads valid keys and ignores malformed ones', () => {
    const p = parsePolicy({ openings: { disclosureStage: 'SCREENING', releaseDeadlineDays: 7, recommendationThreshold: 'high', releaseMaxNoticeDays: 9999 } });
    expect(p).toEqual({ ...DEFAULT_POLICY, disclosureStage: 'SCREENING', releaseDeadlineDays: 7 });
    expect(parsePolicy(null)).toEqual(DEFAULT_POLICY);
    expect(parsePolicy({ openings: 'x' })).toEqual(DEFAULT_POLICY);
  });

  it('has an SQL form with the same default', () => {
    expect(policyIntSql('org', 'releaseReminderDaysBefore')).toContain(`ELSE ${DEFAULT_POLICY.releaseReminderDaysBefore} END`);
  });
});

describe('descriptions (Markdown, sanitized on render)', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('# Role\n\n**Go** and *SQL*')).toBe('<h1>Role</h1>\n<p><strong>Go</strong> and <em>SQL</em></p>\n');
  });

  it('escapes raw HTML: no <script>, no event handlers', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops javascript:, vbscript: and data: links, keeps http(s) ones with rel', () => {
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'vbscript:msgbox(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'java\tscript:alert(1)']) {
      const html = renderMarkdown(`[click](${url})`);
      expect(html).not.toMatch(/href="(java|vb|data)/i);
    }
    expect(renderMarkdown('[ok](https://example.com)')).toBe('<p><a href="https://example.com" rel="nofollow noopener noreferrer">ok</a></p>\n');
    expect(renderMarkdown('see https://example.com/x')).toContain('<a href="https://example.com/x" rel="nofollow noopener noreferrer">');
  });
});
