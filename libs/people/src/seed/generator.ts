import { createHash } from 'node:crypto';
import type { Priority } from '../employee.entity';
import { normalizeSkillName } from '../skills/normalize';
import { BASE_TAXONOMY, TaxonomyEntry } from '../skills/taxonomy';

/**
 * The deterministic organization generator behind `seedOrganization`: a pure function from
 * (slug, seed, employees) to rows. No I/O, no clock other than the `now` it is given, no
 * Math.random: the same inputs always give the same organization. The slug only shows in
 * ids and email addresses, so two organizations with the same seed have the same structure.
 */

export const MIN_EMPLOYEES = 50;
export const MAX_EMPLOYEES = 200_000;
export const DEFAULT_SEED = 42;

export type Persona = 'ORG_ADMIN' | 'HR_ADMIN' | 'MANAGER' | 'EMPLOYEE';
type PriorityValue = `${Priority}`;

/** The fixed demo accounts, by persona: `<local>@<slug>.waypoint.test`. */
export const DEMO_ACCOUNTS: readonly { persona: Persona; local: string }[] = [
  { persona: 'ORG_ADMIN', local: 'admin' },
  { persona: 'HR_ADMIN', local: 'hr' },
  { persona: 'MANAGER', local: 'manager' },
  { persona: 'EMPLOYEE', local: 'employee' },
];

export const emailDomain = (slug: string) => `${slug}.waypoint.test`;
export const demoEmail = (slug: string, persona: Persona) =>
  `${DEMO_ACCOUNTS.find((a) => a.persona === persona)!.local}@${emailDomain(slug)}`;

// ---------------------------------------------------------------------------------------------
// Randomness and ids

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over a string: turns (seed, stream name) into a 32-bit PRNG seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

class Rng {
  readonly next: () => number;
  constructor(seed: number, stream: string) {
    this.next = mulberry32(hash32(`${seed}:${stream}`));
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Roughly normal noise in [-1, 1] (the sum of two uniforms, centred). */
  noise(): number {
    return this.next() + this.next() - 1;
  }
}

/** A weighted choice over a fixed list, by binary search over cumulative weights. */
class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;
  constructor(readonly items: readonly T[], weights: readonly number[]) {
    let sum = 0;
    for (const w of weights) this.cumulative.push((sum += Math.max(0, w)));
    this.total = sum;
  }
  static of<T>(pairs: readonly (readonly [T, number])[]): Weighted<T> {
    return new Weighted(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
  }
  index(rng: Rng): number {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  pick(rng: Rng): T {
    return this.items[this.index(rng)];
  }
  /** Up to `k` distinct items (fewer only if the list is shorter). */
  distinct(rng: Rng, k: number): T[] {
    const seen = new Set<number>();
    const out: T[] = [];
    for (let tries = 0; out.length < Math.min(k, this.items.length) && tries < k * 20; tries++) {
      const i = this.index(rng);
      if (seen.has(i)) continue;
      seen.add(i);
      out.push(this.items[i]);
    }
    return out;
  }
}

/** A UUID (version-4 shaped) derived from the slug, the seed and a key: stable across runs. */
export function seededUuid(slug: string, seed: number, key: string): string {
  const b = createHash('sha256').update(`waypoint-seed\0${slug}\0${seed}\0${key}`).digest();
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex', 0, 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

// ---------------------------------------------------------------------------------------------
// The shape of the organization

interface Family {
  /** Used in titles: "Director of <area>", "VP of <area>". */
  area: string;
  /** Individual-contributor tracks (base titles) and how common each is. */
  tracks: [string, number][];
  /** The first-line manager title (level 6; "Senior ..." at level 7). */
  manager: string;
  /** Names for the departments a large function is split into, when the organization is big. */
  splits: string[];
  /** Department-typical skills (BASE_TAXONOMY names) and their weights. */
  skills: Record<string, number>;
}

const FAMILIES = {
  engineering: {
    area: 'Engineering',
    tracks: [['Software Engineer', 50], ['Backend Engineer', 15], ['Frontend Engineer', 12], ['Mobile Engineer', 8], ['QA Engineer', 6], ['Full Stack Engineer', 9]],
    manager: 'Engineering Manager',
    splits: ['Platform Engineering', 'Payments Engineering', 'Mobile Engineering', 'Web Engineering', 'Search Engineering', 'Growth Engineering', 'Identity Engineering', 'Messaging Engineering', 'Developer Experience', 'Marketplace Engineering', 'Billing Engineering', 'Integrations Engineering', 'Core Services Engineering', 'Checkout Engineering', 'Notifications Engineering', 'Partner Engineering'],
    skills: { TypeScript: 22, JavaScript: 20, 'Node.js': 15, React: 14, SQL: 12, Python: 10, PostgreSQL: 10, Docker: 10, Java: 9, 'CI/CD': 9, GraphQL: 8, Go: 7, 'Amazon Web Services': 6, Kubernetes: 5, 'C#': 4, 'C++': 3, 'Technical Writing': 3, Rust: 1.5, Security: 2 },
  },
  infrastructure: {
    area: 'Infrastructure',
    tracks: [['Site Reliability Engineer', 40], ['Cloud Engineer', 30], ['DevOps Engineer', 20], ['Network Engineer', 10]],
    manager: 'Infrastructure Manager',
    splits: ['Cloud Infrastructure', 'Network Infrastructure', 'Storage Infrastructure', 'Compute Infrastructure', 'Observability', 'Edge Infrastructure'],
    skills: { Kubernetes: 22, Docker: 20, Terraform: 18, 'Amazon Web Services': 18, 'CI/CD': 15, 'Incident Response': 12, 'Google Cloud': 10, Python: 10, Go: 8, Security: 8, PostgreSQL: 6, SQL: 4, Rust: 1 },
  },
  data: {
    area: 'Data',
    tracks: [['Data Analyst', 35], ['Data Scientist', 30], ['Data Engineer', 25], ['Machine Learning Engineer', 10]],
    manager: 'Data Science Manager',
    splits: ['Data Platform', 'Analytics', 'Machine Learning', 'Data Science', 'Business Intelligence'],
    skills: { SQL: 25, Python: 22, 'Data Analysis': 20, Statistics: 15, 'Machine Learning': 12, Tableau: 10, Excel: 8, PostgreSQL: 8, 'Amazon Web Services': 3 },
  },
  security: {
    area: 'Security',
    tracks: [['Security Engineer', 70], ['Security Analyst', 30]],
    manager: 'Security Manager',
    splits: ['Application Security', 'Security Operations', 'Governance, Risk & Compliance'],
    skills: { Security: 30, 'Incident Response': 20, Compliance: 10, 'Amazon Web Services': 8, Python: 8, Kubernetes: 5, Go: 4, Rust: 2, 'C++': 3 },
  },
  product: {
    area: 'Product',
    tracks: [['Product Manager', 80], ['Technical Product Manager', 20]],
    manager: 'Group Product Manager',
    splits: ['Core Product', 'Growth Product', 'Platform Product', 'Mobile Product'],
    skills: { 'Product Management': 30, 'Stakeholder Management': 14, 'User Research': 12, 'Data Analysis': 10, 'Project Management': 10, Communication: 8, SQL: 6, Figma: 4, 'Public Speaking': 4 },
  },
  design: {
    area: 'Design',
    tracks: [['Product Designer', 60], ['UX Researcher', 20], ['Content Designer', 10], ['Visual Designer', 10]],
    manager: 'Design Manager',
    splits: ['Product Design', 'Brand Design', 'Design Research'],
    skills: { 'UX Design': 28, Figma: 28, 'User Research': 18, Copywriting: 5, 'Technical Writing': 3, 'Public Speaking': 3, React: 2 },
  },
  sales: {
    area: 'Sales',
    tracks: [['Account Executive', 45], ['Sales Development Representative', 30], ['Solutions Engineer', 15], ['Sales Operations Analyst', 10]],
    manager: 'Sales Manager',
    splits: ['North America Sales', 'EMEA Sales', 'APAC Sales', 'LATAM Sales', 'Enterprise Sales', 'Mid-Market Sales', 'Sales Operations', 'Partnerships'],
    skills: { Sales: 30, Negotiation: 22, Communication: 12, 'Public Speaking': 10, 'Customer Success': 8, 'Stakeholder Management': 8, Excel: 8, 'Digital Marketing': 2 },
  },
  marketing: {
    area: 'Marketing',
    tracks: [['Marketing Specialist', 35], ['Content Marketer', 20], ['Product Marketing Manager', 20], ['Growth Marketer', 15], ['SEO Specialist', 10]],
    manager: 'Marketing Manager',
    splits: ['Product Marketing', 'Brand Marketing', 'Growth Marketing', 'Content Marketing', 'Field Marketing'],
    skills: { 'Digital Marketing': 25, Copywriting: 20, SEO: 18, Communication: 10, 'Data Analysis': 8, 'Public Speaking': 6, Excel: 6, Figma: 4, 'Product Management': 3 },
  },
  customerSuccess: {
    area: 'Customer Success',
    tracks: [['Customer Success Manager', 45], ['Support Engineer', 30], ['Support Specialist', 25]],
    manager: 'Customer Success Lead',
    splits: ['Customer Support', 'Customer Onboarding', 'Technical Support', 'Customer Success EMEA', 'Customer Success Americas', 'Customer Success APAC'],
    skills: { 'Customer Success': 30, Communication: 18, 'Stakeholder Management': 8, Negotiation: 6, Sales: 6, 'Technical Writing': 6, Excel: 6, SQL: 4, 'Incident Response': 3 },
  },
  operations: {
    area: 'Operations',
    tracks: [['Operations Analyst', 40], ['Program Manager', 25], ['Business Analyst', 20], ['Procurement Specialist', 15]],
    manager: 'Operations Manager',
    splits: ['Business Operations', 'Strategy & Planning', 'Procurement', 'Workplace', 'Program Management Office'],
    skills: { 'Project Management': 22, Excel: 20, 'Data Analysis': 12, 'Stakeholder Management': 12, Budgeting: 8, Communication: 8, SQL: 6, Compliance: 4 },
  },
  it: {
    area: 'IT',
    tracks: [['IT Support Specialist', 45], ['Systems Administrator', 35], ['IT Analyst', 20]],
    manager: 'IT Manager',
    splits: ['IT Support', 'Enterprise Systems', 'IT Security'],
    skills: { Security: 12, 'Incident Response': 10, Excel: 6, 'Amazon Web Services': 6, Communication: 6, 'Technical Writing': 6, Python: 5, Docker: 4, SQL: 4, Compliance: 4 },
  },
  finance: {
    area: 'Finance',
    tracks: [['Financial Analyst', 45], ['Accountant', 35], ['Payroll Specialist', 10], ['Tax Specialist', 10]],
    manager: 'Finance Manager',
    splits: ['Financial Planning & Analysis', 'Accounting & Reporting', 'Treasury', 'Tax'],
    skills: { Excel: 25, 'Financial Modeling': 22, Accounting: 22, Budgeting: 18, 'Data Analysis': 6, Compliance: 6, SQL: 3 },
  },
  legal: {
    area: 'Legal',
    tracks: [['Legal Counsel', 60], ['Paralegal', 20], ['Compliance Analyst', 20]],
    manager: 'Legal Manager',
    splits: ['Commercial Legal', 'Corporate Legal', 'Privacy & Compliance'],
    skills: { 'Contract Law': 28, Compliance: 25, Negotiation: 12, Communication: 8, 'Stakeholder Management': 6, 'Technical Writing': 4 },
  },
  people: {
    area: 'People',
    tracks: [['Recruiter', 40], ['HR Business Partner', 30], ['People Operations Specialist', 20], ['Learning & Development Specialist', 10]],
    manager: 'HR Manager',
    splits: ['Talent Acquisition', 'People Partners', 'People Operations', 'Learning & Development', 'Total Rewards'],
    skills: { Recruiting: 25, Coaching: 18, Communication: 15, 'Stakeholder Management': 10, 'Public Speaking': 8, Negotiation: 5, Compliance: 5, Excel: 5, 'Data Analysis': 4 },
  },
  executive: {
    area: 'the CEO',
    tracks: [['Executive Assistant', 100]],
    manager: 'Chief of Staff',
    splits: [],
    skills: { Leadership: 20, 'Stakeholder Management': 18, 'Public Speaking': 12, Communication: 12, 'Project Management': 8, Budgeting: 6 },
  },
} satisfies Record<string, Family>;

type FamilyKey = keyof typeof FAMILIES;

/** Business units, their leaders, and their departments with a share of the headcount (sums to 100). */
const BUSINESS_UNITS: { name: string; leaderTitle: string; departments: { name: string; family: FamilyKey; weight: number }[] }[] = [
  {
    name: 'Technology',
    leaderTitle: 'Chief Technology Officer',
    departments: [
      { name: 'Engineering', family: 'engineering', weight: 30 },
      { name: 'Infrastructure', family: 'infrastructure', weight: 6 },
      { name: 'Data', family: 'data', weight: 6 },
      { name: 'Security', family: 'security', weight: 3 },
    ],
  },
  {
    name: 'Product',
    leaderTitle: 'Chief Product Officer',
    departments: [
      { name: 'Product Management', family: 'product', weight: 5 },
      { name: 'Design', family: 'design', weight: 4 },
    ],
  },
  {
    name: 'Go-to-Market',
    leaderTitle: 'Chief Revenue Officer',
    departments: [
      { name: 'Sales', family: 'sales', weight: 14 },
      { name: 'Marketing', family: 'marketing', weight: 6 },
      { name: 'Customer Success', family: 'customerSuccess', weight: 9 },
    ],
  },
  {
    name: 'Operations',
    leaderTitle: 'Chief Operating Officer',
    departments: [
      { name: 'Business Operations', family: 'operations', weight: 6 },
      { name: 'IT', family: 'it', weight: 3 },
    ],
  },
  {
    name: 'Corporate Functions',
    leaderTitle: 'Chief Financial Officer',
    departments: [
      { name: 'Finance', family: 'finance', weight: 3 },
      { name: 'Legal', family: 'legal', weight: 1.5 },
      { name: 'People', family: 'people', weight: 3.5 },
    ],
  },
];

const EXECUTIVE_OFFICE = 'Office of the CEO';
/** A function larger than this is split into several departments (each with its own head). */
const DEPARTMENT_TARGET_SIZE = 1200;
/** Individual contributors per first-line manager, on average. */
const TEAM_SIZE = 8;
/** Managers per director, and the most managers a department head takes directly. */
const MANAGERS_PER_DIRECTOR = 8;

/** Global popularity on top of the department-typical weights: some skills are everywhere. */
const GLOBAL_SKILL_WEIGHTS: Record<string, number> = {
  Communication: 9,
  'Project Management': 3,
  Excel: 2.5,
  'Public Speaking': 2,
  'Stakeholder Management': 1.5,
  Leadership: 1,
  Coaching: 1,
  SQL: 1,
  'Data Analysis': 1,
  Python: 0.5,
  'Technical Writing': 0.5,
};
const BASELINE_SKILL_WEIGHT = 0.12;
const LEADERSHIP_SKILL_BOOST: Record<string, number> = {
  'People Management': 25,
  Leadership: 20,
  'Stakeholder Management': 10,
  Coaching: 8,
  Budgeting: 4,
  'Public Speaking': 4,
};

const PASSIONS: [string, number][] = [
  ['mentoring', 12],
  ['diversity & inclusion', 10],
  ['sustainability', 9],
  ['hackathons', 7],
  ['wellbeing', 7],
  ['volunteering', 6],
  ['learning & development', 6],
  ['innovation', 5],
  ['open source', 5],
  ['public speaking', 4],
  ['accessibility', 4],
  ['sports & fitness', 4],
  ['climate action', 3],
  ['community outreach', 3],
  ['women in tech', 3],
  ['early careers', 3],
  ['social impact', 3],
  ['data ethics', 2],
  ['employee resource groups', 2],
  ['music', 2],
  ['photography', 1],
  ['board games', 1],
];

const PRIORITY_WEIGHTS: [PriorityValue, number][] = [
  ['CAREER_TRAJECTORY', 20],
  ['SKILLS_DEVELOPMENT', 20],
  ['WORK_LIFE_BALANCE', 16],
  ['COMPENSATION', 14],
  ['FAMILY_LIFE', 12],
  ['IMPACT', 10],
  ['LEADERSHIP', 8],
  ['STABILITY', 6],
  ['LOCATION', 4],
];

const PRIORITY_NOTES = [
  'I would like to stay in a time zone close to my family.',
  'Looking for a role with more customer contact.',
  'Interested in a leadership track within two years.',
  'Open to relocating for the right role.',
  'I prefer a hybrid schedule with two office days.',
  'I want to deepen my technical expertise before managing people.',
];

/** City, IANA time zone, local languages (ISO 639), weight. */
const LOCATIONS: [string, string, string[], number][] = [
  ['New York, United States', 'America/New_York', ['en'], 16],
  ['San Francisco, United States', 'America/Los_Angeles', ['en'], 12],
  ['London, United Kingdom', 'Europe/London', ['en'], 12],
  ['Bengaluru, India', 'Asia/Kolkata', ['en', 'hi'], 8],
  ['Berlin, Germany', 'Europe/Berlin', ['de'], 7],
  ['Austin, United States', 'America/Chicago', ['en'], 6],
  ['Paris, France', 'Europe/Paris', ['fr'], 6],
  ['Toronto, Canada', 'America/Toronto', ['en'], 5],
  ['Dublin, Ireland', 'Europe/Dublin', ['en'], 4],
  ['Lisbon, Portugal', 'Europe/Lisbon', ['pt'], 4],
  ['Singapore', 'Asia/Singapore', ['en', 'zh'], 4],
  ['Sydney, Australia', 'Australia/Sydney', ['en'], 4],
  ['São Paulo, Brazil', 'America/Sao_Paulo', ['pt-BR'], 4],
  ['Madrid, Spain', 'Europe/Madrid', ['es'], 3],
  ['Tokyo, Japan', 'Asia/Tokyo', ['ja'], 3],
  ['Mexico City, Mexico', 'America/Mexico_City', ['es'], 2],
];
const EXTRA_LANGUAGES = ['es', 'fr', 'de', 'it', 'zh', 'ar', 'hi', 'pt', 'ja', 'ko', 'nl', 'pl'];

const FIRST_NAMES = [
  'Aaliyah', 'Aarav', 'Abigail', 'Adebayo', 'Aiko', 'Alejandro', 'Alexander', 'Amara', 'Amelia', 'Ana', 'Andrés', 'Anika',
  'Arjun', 'Ava', 'Benjamin', 'Camila', 'Carlos', 'Charlotte', 'Chen', 'Chloé', 'Daniel', 'David', 'Diego', 'Elena',
  'Eli', 'Emma', 'Ethan', 'Fatima', 'Felix', 'Freya', 'Gabriel', 'Grace', 'Hana', 'Hannah', 'Harper', 'Hiroshi',
  'Ibrahim', 'Imani', 'Ines', 'Isabella', 'Ivan', 'Jack', 'James', 'Jin', 'João', 'Jonas', 'Julia', 'Kai', 'Kavya',
  'Kenji', 'Khalid', 'Kofi', 'Laila', 'Lars', 'Layla', 'Leo', 'Liam', 'Lucas', 'Lucía', 'Maya', 'Mateo', 'Mei',
  'Mia', 'Miguel', 'Mohammed', 'Nadia', 'Naomi', 'Nia', 'Noah', 'Nora', 'Olivia', 'Omar', 'Oscar', 'Priya',
  'Rafael', 'Rahul', 'Ravi', 'Rosa', 'Ryan', 'Sakura', 'Samuel', 'Santiago', 'Sara', 'Sebastian', 'Sofia', 'Sophie',
  'Tariq', 'Thomas', 'Tomás', 'Valentina', 'Wei', 'William', 'Xavier', 'Yara', 'Yusuf', 'Zara', 'Zoe', 'Ayesha', 'Bruno', 'Clara',
];
const LAST_NAMES = [
  'Abe', 'Adeyemi', 'Ahmed', 'Alvarez', 'Andersen', 'Bauer', 'Becker', 'Bianchi', 'Brown', 'Castro', 'Chen', 'Costa',
  'Da Silva', 'Dubois', 'Dumont', 'Evans', 'Fernandes', 'Fischer', 'García', 'Gonzalez', 'Gupta', 'Hansen', 'Hernández', 'Hoffmann',
  'Hughes', 'Ibrahim', 'Ito', 'Jackson', 'Jensen', 'Johnson', 'Kapoor', 'Kelly', 'Khan', 'Kim', 'Kowalski', 'Kumar',
  'Larsen', 'Laurent', 'Lee', 'Li', 'Lopez', 'Martin', 'Martínez', 'Mensah', 'Meyer', 'Miller', 'Moreau', 'Morales',
  'Müller', 'Murphy', 'Nakamura', 'Nguyen', 'Novak', 'Nowak', 'Okafor', "O'Brien", 'Oliveira', 'Park', 'Patel', 'Pereira',
  'Petrov', 'Ramirez', 'Reddy', 'Ricci', 'Rodriguez', 'Romano', 'Rossi', 'Sato', 'Schmidt', 'Schneider', 'Silva', 'Singh',
  'Smith', 'Sørensen', 'Suzuki', 'Tanaka', 'Taylor', 'Thompson', 'Torres', 'Tran', 'Van Dijk', 'Wagner', 'Walker', 'Wang',
  'Weber', 'White', 'Williams', 'Wilson', 'Wong', 'Yamamoto', 'Yilmaz', 'Zhang', 'Zhou', 'Osei', 'Haddad', 'Nasser',
];

// ---------------------------------------------------------------------------------------------
// Output types

export interface GeneratedDepartment {
  id: string;
  name: string;
  kind: 'BUSINESS_UNIT' | 'DEPARTMENT';
  parentId: string | null;
  /** Index into `employees` of the leader. */
  leader: number;
}

export interface GeneratedSkill {
  id: string;
  name: string;
  normalizedName: string;
  category: string;
}

export interface GeneratedEmployee {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  title: string;
  level: number;
  /** 1 for the CEO, 2 for their reports, ... */
  depth: number;
  departmentId: string;
  /** Index into `employees`; always smaller than this employee's own index (managers come first). */
  manager: number | null;
  location: string;
  timeZone: string;
  languages: string[];
  roles: string[];
  bio: string | null;
  passions: string[];
  openToMentoring: boolean;
  seekingMentor: boolean;
  openToProjects: boolean;
  openToOpportunities: boolean;
  targetRoles: string[];
  targetDepartmentIds: string[];
  priorities: PriorityValue[];
  prioritiesNote: string | null;
  profileReviewedAt: Date;
  createdAt: Date;
}

/** Employee skills, column-wise (hundreds of thousands of rows for a large organization). */
export interface GeneratedEmployeeSkills {
  count: number;
  employee: Int32Array;
  skill: Uint16Array;
  proficiency: Uint8Array;
  wantsToLearn: Uint8Array;
  wantsToTeach: Uint8Array;
}

export interface GeneratedDemoUser {
  persona: Persona;
  email: string;
  fullName: string;
  employee: number;
}

export interface GeneratedOrganization {
  organizationId: string;
  slug: string;
  name: string;
  skills: GeneratedSkill[];
  /** Normalized alias -> index into `skills` (the skill's own normalized name included). */
  aliases: { alias: string; skill: number }[];
  /** Business units first, then departments (parents before children). */
  departments: GeneratedDepartment[];
  /** In reporting order: every manager comes before their reports. */
  employees: GeneratedEmployee[];
  employeeSkills: GeneratedEmployeeSkills;
  demoUsers: GeneratedDemoUser[];
}

export interface GenerateOptions {
  slug: string;
  name?: string;
  employees: number;
  seed?: number;
  /** The clock that profile dates are spread back from. */
  now?: Date;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Throws a RangeError naming the first invalid option. */
export function validateSeedOptions(options: { slug: string; employees: number; seed?: number }): void {
  if (!SLUG.test(options.slug)) {
    throw new RangeError(`slug must be 1-63 lower-case letters, digits or '-' (got "${options.slug}")`);
  }
  if (!Number.isInteger(options.employees) || options.employees < MIN_EMPLOYEES || options.employees > MAX_EMPLOYEES) {
    throw new RangeError(`employees must be an integer from ${MIN_EMPLOYEES} to ${MAX_EMPLOYEES} (got ${options.employees})`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer (got ${seed})`);
}

export function defaultOrganizationName(slug: string): string {
  return slug
    .split('-')
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

// ---------------------------------------------------------------------------------------------
// Generation

const DAY = 24 * 3600 * 1000;

function icTitle(track: string, level: number): string {
  if (level <= 1) return `Associate ${track}`;
  if (level <= 3) return track;
  if (level === 4) return `Senior ${track}`;
  if (level === 5) return `Lead ${track}`;
  if (level === 6) return `Staff ${track}`;
  return `Principal ${track}`;
}

function asciiLocal(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Splits `total` into integer parts proportional to `weights`, each at least `min` (largest remainder). */
function apportion(total: number, weights: number[], min: number): number[] {
  const parts = weights.map(() => min);
  const rest = total - min * weights.length;
  if (rest < 0) throw new RangeError('Not enough employees for the organization structure');
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const floors = exact.map(Math.floor);
  let left = rest - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    floors[i]++;
  }
  return parts.map((p, i) => p + floors[i]);
}

/** A department to staff: its index in `departments`, its function and headcount. */
interface Unit {
  deptIndex: number;
  family: FamilyKey;
  area: string;
  headcount: number;
}

export function generateOrganization(options: GenerateOptions): GeneratedOrganization {
  validateSeedOptions(options);
  const { slug } = options;
  const seed = options.seed ?? DEFAULT_SEED;
  const total = options.employees;
  const now = (options.now ?? new Date()).getTime();
  const uuid = (key: string) => seededUuid(slug, seed, key);
  const domain = emailDomain(slug);

  const structureRng = new Rng(seed, 'structure');
  const personRng = new Rng(seed, 'people');
  const skillRng = new Rng(seed, 'skills');

  // Taxonomy: skill rows and every alias (first one wins, as SkillService.ensureTaxonomy does).
  const skills: GeneratedSkill[] = BASE_TAXONOMY.map((t: TaxonomyEntry) => ({
    id: uuid(`skill:${normalizeSkillName(t.name)}`),
    name: t.name,
    normalizedName: normalizeSkillName(t.name),
    category: t.category,
  }));
  const aliases: { alias: string; skill: number }[] = [];
  const aliasSeen = new Set<string>();
  BASE_TAXONOMY.forEach((t, i) => {
    for (const a of [t.name, ...(t.aliases ?? [])].map(normalizeSkillName)) {
      if (!a || aliasSeen.has(a)) continue;
      aliasSeen.add(a);
      aliases.push({ alias: a, skill: i });
    }
  });
  const skillIndex = new Map(skills.map((s, i) => [s.name, i]));

  // Departments: the executive office, business units, then departments (split when large).
  const departments: GeneratedDepartment[] = [];
  const addDepartment = (name: string, kind: GeneratedDepartment['kind'], parentId: string | null) => {
    departments.push({ id: uuid(`department:${name}`), name, kind, parentId, leader: -1 });
    return departments.length - 1;
  };
  const execDept = addDepartment(EXECUTIVE_OFFICE, 'DEPARTMENT', null);
  const buDepts = BUSINESS_UNITS.map((bu) => addDepartment(bu.name, 'BUSINESS_UNIT', null));

  const execStaff = total >= 300 ? 2 : 0;
  const rest = total - 1 - execStaff - BUSINESS_UNITS.length;
  const baseDepartments = BUSINESS_UNITS.flatMap((bu, b) => bu.departments.map((d) => ({ ...d, bu: b })));
  const shares = apportion(
    rest,
    baseDepartments.map((d) => d.weight),
    3,
  );
  const units: Unit[] = [];
  const unitBu: number[] = [];
  baseDepartments.forEach((d, i) => {
    const family = FAMILIES[d.family] as Family;
    const parts = Math.max(1, Math.round(shares[i] / DEPARTMENT_TARGET_SIZE));
    const sizes = apportion(shares[i], new Array(parts).fill(1), 3);
    sizes.forEach((headcount, p) => {
      const name = parts === 1 ? d.name : (family.splits[p] ?? `${d.name} ${p + 1}`);
      const deptIndex = addDepartment(name, 'DEPARTMENT', departments[buDepts[d.bu]].id);
      units.push({ deptIndex, family: d.family, area: parts === 1 ? family.area : name, headcount });
      unitBu.push(d.bu);
    });
  });

  // People, in reporting order (breadth first): the CEO, executive staff and business unit
  // leaders, then each department top-down.
  const employees: GeneratedEmployee[] = [];
  const familyOf: FamilyKey[] = [];
  const isLeader: boolean[] = [];
  const emailCount = new Map<string, number>();
  const locationPick = Weighted.of(LOCATIONS.map((l) => [l, l[3]] as const));
  const passionPick = Weighted.of(PASSIONS);
  const priorityPick = Weighted.of(PRIORITY_WEIGHTS);
  const passionCountPick = Weighted.of<number>([[0, 15], [1, 25], [2, 30], [3, 20], [4, 10]]);

  const addPerson = (p: { title: string; level: number; depth: number; dept: number; manager: number | null; family: FamilyKey; leader: boolean }) => {
    const rng = personRng;
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const base = `${asciiLocal(firstName)}.${asciiLocal(lastName)}`;
    const n = (emailCount.get(base) ?? 0) + 1;
    emailCount.set(base, n);
    const [location, timeZone, local] = locationPick.pick(rng);
    const languages = [...local];
    if (!languages.includes('en') && rng.chance(0.9)) languages.push('en');
    if (rng.chance(0.15)) {
      const extra = rng.pick(EXTRA_LANGUAGES);
      if (!languages.includes(extra) && !languages.some((l) => l.startsWith(`${extra}-`))) languages.push(extra);
    }
    const passionCount = passionCountPick.pick(rng);
    const passions = passionPick.distinct(rng, passionCount);
    const level = p.level;
    const priorityCount = rng.chance(0.75) ? 3 : rng.chance(0.4) ? rng.int(1, 2) : 0;
    employees.push({
      id: uuid(`employee:${employees.length}`),
      email: `${n === 1 ? base : `${base}${n}`}@${domain}`,
      firstName,
      lastName,
      title: p.title,
      level,
      depth: p.depth,
      departmentId: departments[p.dept].id,
      manager: p.manager,
      location,
      timeZone,
      languages,
      roles: ['EMPLOYEE'],
      bio: null,
      passions,
      openToMentoring: rng.chance(level >= 5 ? 0.45 : level >= 3 ? 0.2 : 0.05),
      seekingMentor: rng.chance(level <= 3 ? 0.4 : level <= 6 ? 0.2 : 0.08),
      openToProjects: rng.chance(0.4),
      openToOpportunities: rng.chance(0.22),
      targetRoles: [],
      targetDepartmentIds: [],
      priorities: priorityPick.distinct(rng, priorityCount),
      prioritiesNote: rng.chance(0.08) ? rng.pick(PRIORITY_NOTES) : null,
      // Spread over the last 18 months, more of them recent than stale.
      profileReviewedAt: new Date(now - Math.floor(Math.pow(rng.next(), 1.6) * 548 * DAY)),
      createdAt: new Date(now - Math.floor((30 + rng.next() * 1800) * DAY)),
    });
    familyOf.push(p.family);
    isLeader.push(p.leader);
    return employees.length - 1;
  };

  const ceo = addPerson({ title: 'Chief Executive Officer', level: 12, depth: 1, dept: execDept, manager: null, family: 'executive', leader: true });
  departments[execDept].leader = ceo;
  if (execStaff) {
    addPerson({ title: 'Chief of Staff', level: 9, depth: 2, dept: execDept, manager: ceo, family: 'executive', leader: true });
    addPerson({ title: 'Executive Assistant', level: 4, depth: 2, dept: execDept, manager: ceo, family: 'executive', leader: false });
  }
  const buLeaders = BUSINESS_UNITS.map((bu, b) => {
    const i = addPerson({
      title: bu.leaderTitle,
      level: 11,
      depth: 2,
      dept: buDepts[b],
      manager: ceo,
      family: bu.departments[0].family,
      leader: true,
    });
    departments[buDepts[b]].leader = i;
    return i;
  });

  // Each department: a head, directors when there are many managers, managers, and individual
  // contributors (a few senior ones report to a director or to the head directly).
  const unitPeople: { head: number; managers: number[]; ics: number[] }[] = [];
  units.forEach((u, ui) => {
    const family = FAMILIES[u.family] as Family;
    const rng = structureRng;
    const others = u.headcount - 1;
    const managerCount = Math.max(1, Math.round(others / (TEAM_SIZE + 1)));
    const directorCount = managerCount > MANAGERS_PER_DIRECTOR ? Math.ceil(managerCount / MANAGERS_PER_DIRECTOR) : 0;
    let icCount = others - managerCount - directorCount;
    const seniorIcCount = icCount >= 40 ? Math.max(1, Math.round(icCount * 0.03)) : 0;
    icCount -= seniorIcCount;

    const vp = u.headcount >= 150;
    const head = addPerson({
      title: vp ? `VP of ${u.area}` : `Head of ${u.area}`,
      level: vp ? 10 : 9,
      depth: 3,
      dept: u.deptIndex,
      manager: buLeaders[unitBu[ui]],
      family: u.family,
      leader: true,
    });
    departments[u.deptIndex].leader = head;
    const directors: number[] = [];
    for (let d = 0; d < directorCount; d++) {
      const senior = vp && rng.chance(0.2);
      directors.push(
        addPerson({
          title: `${senior ? 'Senior Director' : 'Director'} of ${u.area}`,
          level: senior ? 9 : 8,
          depth: 4,
          dept: u.deptIndex,
          manager: head,
          family: u.family,
          leader: true,
        }),
      );
    }
    const trackPick = Weighted.of(family.tracks);
    for (let s = 0; s < seniorIcCount; s++) {
      const level = rng.chance(0.7) ? 6 : 7;
      const boss = directors.length ? directors[s % directors.length] : head;
      addPerson({
        title: icTitle(trackPick.pick(rng), level),
        level,
        depth: employees[boss].depth + 1,
        dept: u.deptIndex,
        manager: boss,
        family: u.family,
        leader: false,
      });
    }
    const managers: number[] = [];
    const managerWeights: number[] = [];
    for (let m = 0; m < managerCount; m++) {
      const boss = directors.length ? directors[Math.floor((m * directors.length) / managerCount)] : head;
      const senior = rng.chance(0.3);
      managers.push(
        addPerson({
          title: senior ? `Senior ${family.manager}` : family.manager,
          level: senior ? 7 : 6,
          depth: employees[boss].depth + 1,
          dept: u.deptIndex,
          manager: boss,
          family: u.family,
          leader: true,
        }),
      );
      managerWeights.push(0.5 + rng.next());
    }
    // Every manager gets at least one report; the rest go to managers of uneven team sizes.
    const teamPick = new Weighted(managers, managerWeights);
    const levelPick = Weighted.of<number>([[1, 10], [2, 20], [3, 25], [4, 25], [5, 20]]);
    const ics: number[] = [];
    for (let c = 0; c < icCount; c++) {
      const boss = c < managers.length ? managers[c] : teamPick.pick(rng);
      const level = levelPick.pick(rng);
      ics.push(
        addPerson({
          title: icTitle(trackPick.pick(rng), level),
          level,
          depth: employees[boss].depth + 1,
          dept: u.deptIndex,
          manager: boss,
          family: u.family,
          leader: false,
        }),
      );
    }
    unitPeople.push({ head, managers, ics });
  });

  // Aspirations: roles "two jobs from now", departments they are curious about.
  const departmentChoices = departments.filter((d) => d.kind === 'DEPARTMENT' && d.name !== EXECUTIVE_OFFICE).map((d) => d.id);
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  const familyKeys = (Object.keys(FAMILIES) as FamilyKey[]).filter((k) => k !== 'executive');
  for (let i = 0; i < employees.length; i++) {
    const e = employees[i];
    const rng = personRng;
    const family = FAMILIES[familyOf[i]] as Family;
    if (rng.chance(0.55)) {
      const roles = new Set<string>();
      const want = rng.int(1, 2);
      for (let t = 0; t < want * 3 && roles.size < want; t++) {
        if (rng.chance(0.3)) {
          const other = FAMILIES[rng.pick(familyKeys)] as Family;
          roles.add(icTitle(other.tracks[0][0], Math.min(Math.max(e.level, 2), 5)));
        } else if (e.level >= 9) {
          roles.add(e.level >= 11 ? 'Chief Executive Officer' : `VP of ${family.area}`);
        } else if (e.level >= 6) {
          roles.add(`Director of ${family.area}`);
        } else if (e.level >= 4 && rng.chance(0.4)) {
          roles.add(family.manager);
        } else {
          roles.add(icTitle(rng.pick(family.tracks)[0], Math.min(e.level + 2, 7)));
        }
      }
      e.targetRoles = [...roles];
    }
    if (rng.chance(0.45)) {
      const city = e.location.split(',')[0];
      const passion = e.passions.length ? ` Outside my day job: ${e.passions.slice(0, 2).join(' and ')}.` : '';
      e.bio = `${e.title} in ${departmentName.get(e.departmentId)}, based in ${city}.${passion}`;
    }
    if (rng.chance(0.35)) {
      const own = e.departmentId;
      const picks = new Set<string>();
      const want = rng.int(1, 2);
      for (let t = 0; t < 6 && picks.size < want; t++) {
        const d = rng.pick(departmentChoices);
        if (d !== own) picks.add(d);
      }
      e.targetDepartmentIds = [...picks];
    }
  }

  // Skills: department-typical weights on top of a global popularity curve.
  const baseWeights = skills.map((s) => BASELINE_SKILL_WEIGHT + (GLOBAL_SKILL_WEIGHTS[s.name] ?? 0));
  const pickers = new Map<string, Weighted<number>>();
  const coreSkills = new Map<string, Set<number>>();
  const pickerFor = (family: FamilyKey, leader: boolean) => {
    const key = `${family}:${leader}`;
    let picker = pickers.get(key);
    if (!picker) {
      const fam = (FAMILIES[family] as Family).skills as Record<string, number>;
      const weights = skills.map((s, k) => baseWeights[k] + (fam[s.name] ?? 0) + (leader ? (LEADERSHIP_SKILL_BOOST[s.name] ?? 0) : 0));
      picker = new Weighted(
        skills.map((_, k) => k),
        weights,
      );
      pickers.set(key, picker);
      coreSkills.set(
        key,
        new Set(skills.map((_, k) => k).filter((k) => weights[k] >= 5)),
      );
    }
    return { picker, core: coreSkills.get(key)! };
  };
  const capacity = employees.length * 10 + 16;
  const es: GeneratedEmployeeSkills = {
    count: 0,
    employee: new Int32Array(capacity),
    skill: new Uint16Array(capacity),
    proficiency: new Uint8Array(capacity),
    wantsToLearn: new Uint8Array(capacity),
    wantsToTeach: new Uint8Array(capacity),
  };
  const addSkills = (i: number, picked: number[], core: Set<number>) => {
    const level = employees[i].level;
    for (const k of picked) {
      const raw = 1 + (level - 1) * 0.3 + (core.has(k) ? 1 : 0) + skillRng.noise() * 1.2;
      const proficiency = Math.min(5, Math.max(1, Math.round(raw)));
      const teach = proficiency >= 4 && skillRng.chance(0.35);
      const learn = !teach && (proficiency <= 2 ? skillRng.chance(0.45) : skillRng.chance(0.05));
      const r = es.count++;
      es.employee[r] = i;
      es.skill[r] = k;
      es.proficiency[r] = proficiency;
      es.wantsToLearn[r] = learn ? 1 : 0;
      es.wantsToTeach[r] = teach ? 1 : 0;
    }
  };
  for (let i = 0; i < employees.length; i++) {
    const { picker, core } = pickerFor(familyOf[i], isLeader[i]);
    addSkills(i, picker.distinct(skillRng, skillRng.int(6, 10)), core);
  }

  // Roles and the demo accounts: an org admin in IT, three HR admins in People, and a manager
  // in Engineering with several reports, one of whom is the demo employee.
  const unitOf = (family: FamilyKey) => unitPeople[units.findIndex((u) => u.family === family)];
  const it = unitOf('it');
  const people = unitOf('people');
  const engineering = unitOf('engineering');
  const orgAdmin = it.ics[0];
  const hrAdmins = [people.ics[0], people.head, people.managers[0]];
  employees[orgAdmin].roles = ['EMPLOYEE', 'ORG_ADMIN'];
  for (const h of hrAdmins) employees[h].roles = ['EMPLOYEE', 'HR_ADMIN'];
  const reportCount = new Map<number, number>();
  for (const e of employees) if (e.manager !== null) reportCount.set(e.manager, (reportCount.get(e.manager) ?? 0) + 1);
  const manager = engineering.managers.reduce((best, m) => ((reportCount.get(m) ?? 0) > (reportCount.get(best) ?? 0) ? m : best));
  const employee = engineering.ics.find((c) => employees[c].manager === manager)!;

  const demo: [Persona, number][] = [
    ['ORG_ADMIN', orgAdmin],
    ['HR_ADMIN', hrAdmins[0]],
    ['MANAGER', manager],
    ['EMPLOYEE', employee],
  ];
  const earliest = employees.reduce((min, e) => Math.min(min, e.createdAt.getTime()), now);
  demo.forEach(([persona, i], k) => {
    employees[i].email = demoEmail(slug, persona);
    // Created first, so development sign-in lists them before anyone else of their persona.
    employees[i].createdAt = new Date(earliest - (demo.length - k) * DAY);
  });
  const deptOf = (family: FamilyKey) => departments[units.find((u) => u.family === family)!.deptIndex].id;
  completeProfile(employees[employee], [deptOf('product'), deptOf('data')], now);
  // The demo employee's skills: a complete, varied set (they replace the random ones).
  for (let r = 0; r < es.count; r++) if (es.employee[r] === employee) es.employee[r] = -1;
  const mine: [string, number, 'learn' | 'teach' | null][] = [
    ['TypeScript', 4, 'teach'],
    ['React', 4, null],
    ['Node.js', 3, null],
    ['PostgreSQL', 3, null],
    ['GraphQL', 3, null],
    ['Communication', 4, null],
    ['Kubernetes', 1, 'learn'],
    ['Machine Learning', 2, 'learn'],
    ['Public Speaking', 2, 'learn'],
  ];
  for (const [name, proficiency, intent] of mine) {
    const r = es.count++;
    es.employee[r] = employee;
    es.skill[r] = skillIndex.get(name)!;
    es.proficiency[r] = proficiency;
    es.wantsToLearn[r] = intent === 'learn' ? 1 : 0;
    es.wantsToTeach[r] = intent === 'teach' ? 1 : 0;
  }
  compactSkills(es);

  return {
    organizationId: uuid('organization'),
    slug,
    name: options.name ?? defaultOrganizationName(slug),
    skills,
    aliases,
    departments,
    employees,
    employeeSkills: es,
    demoUsers: demo.map(([persona, i]) => ({
      persona,
      email: employees[i].email,
      fullName: `${employees[i].firstName} ${employees[i].lastName}`,
      employee: i,
    })),
  };
}

/** The demo employee: every profile field filled in, reviewed a few days ago. */
function completeProfile(e: GeneratedEmployee, targetDepartmentIds: string[], now: number): void {
  // Reports to a first-line manager (level 6 or 7), so any level from 3 to 5 keeps levels descending.
  const level = Math.min(5, Math.max(3, e.level));
  Object.assign(e, {
    title: icTitle('Software Engineer', level),
    level,
    location: 'Lisbon, Portugal',
    timeZone: 'Europe/Lisbon',
    languages: ['pt', 'en', 'es'],
    bio: 'Full-stack engineer who enjoys making complicated things simple. I run our TypeScript guild and would like to grow towards product or engineering leadership.',
    passions: ['mentoring', 'hackathons', 'sustainability', 'diversity & inclusion'],
    openToMentoring: true,
    seekingMentor: true,
    openToProjects: true,
    openToOpportunities: true,
    targetRoles: ['Engineering Manager', 'Technical Product Manager'],
    targetDepartmentIds,
    priorities: ['SKILLS_DEVELOPMENT', 'CAREER_TRAJECTORY', 'FAMILY_LIFE'],
    prioritiesNote: 'I would like to stay in a time zone close to my family.',
    profileReviewedAt: new Date(now - 3 * DAY),
  } satisfies Partial<GeneratedEmployee>);
}

function compactSkills(es: GeneratedEmployeeSkills): void {
  let w = 0;
  for (let r = 0; r < es.count; r++) {
    if (es.employee[r] < 0) continue;
    es.employee[w] = es.employee[r];
    es.skill[w] = es.skill[r];
    es.proficiency[w] = es.proficiency[r];
    es.wantsToLearn[w] = es.wantsToLearn[r];
    es.wantsToTeach[w] = es.wantsToTeach[r];
    w++;
  }
  es.count = w;
}
