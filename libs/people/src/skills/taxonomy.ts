/**
 * The starting skill taxonomy of a new organization: canonical names, categories and the
 * aliases people actually type. HR extends it by approving proposed skills.
 */
export interface TaxonomyEntry {
  name: string;
  category: string;
  aliases?: string[];
}

export const BASE_TAXONOMY: TaxonomyEntry[] = [
  { name: 'JavaScript', category: 'Engineering', aliases: ['JS', 'ECMAScript', 'ES6'] },
  { name: 'TypeScript', category: 'Engineering', aliases: ['TS'] },
  { name: 'Node.js', category: 'Engineering', aliases: ['Node', 'NodeJS'] },
  { name: 'React', category: 'Engineering', aliases: ['ReactJS', 'React.js'] },
  { name: 'Python', category: 'Engineering', aliases: ['py'] },
  { name: 'Java', category: 'Engineering' },
  { name: 'Go', category: 'Engineering', aliases: ['Golang'] },
  { name: 'Rust', category: 'Engineering' },
  { name: 'C++', category: 'Engineering', aliases: ['cpp'] },
  { name: 'C#', category: 'Engineering', aliases: ['csharp', 'C sharp'] },
  { name: 'SQL', category: 'Data' },
  { name: 'PostgreSQL', category: 'Data', aliases: ['Postgres', 'psql'] },
  { name: 'GraphQL', category: 'Engineering', aliases: ['gql'] },
  { name: 'Kubernetes', category: 'Infrastructure', aliases: ['k8s', 'kube'] },
  { name: 'Docker', category: 'Infrastructure', aliases: ['containers'] },
  { name: 'Terraform', category: 'Infrastructure' },
  { name: 'Amazon Web Services', category: 'Infrastructure', aliases: ['AWS'] },
  { name: 'Google Cloud', category: 'Infrastructure', aliases: ['GCP'] },
  { name: 'CI/CD', category: 'Infrastructure', aliases: ['CICD', 'continuous integration'] },
  { name: 'Security', category: 'Infrastructure', aliases: ['infosec', 'cybersecurity'] },
  { name: 'Incident Response', category: 'Infrastructure' },
  { name: 'Machine Learning', category: 'Data', aliases: ['ML'] },
  { name: 'Data Analysis', category: 'Data', aliases: ['data analytics'] },
  { name: 'Statistics', category: 'Data', aliases: ['stats'] },
  { name: 'Tableau', category: 'Data' },
  { name: 'Excel', category: 'Data', aliases: ['Microsoft Excel', 'spreadsheets'] },
  { name: 'Product Management', category: 'Product', aliases: ['product manager'] },
  { name: 'User Research', category: 'Design', aliases: ['UX research'] },
  { name: 'UX Design', category: 'Design', aliases: ['UX', 'user experience'] },
  { name: 'Figma', category: 'Design' },
  { name: 'Copywriting', category: 'Marketing' },
  { name: 'SEO', category: 'Marketing', aliases: ['search engine optimization'] },
  { name: 'Digital Marketing', category: 'Marketing' },
  { name: 'Sales', category: 'Sales', aliases: ['selling'] },
  { name: 'Negotiation', category: 'Sales' },
  { name: 'Customer Success', category: 'Sales' },
  { name: 'Financial Modeling', category: 'Finance', aliases: ['financial modelling'] },
  { name: 'Accounting', category: 'Finance' },
  { name: 'Budgeting', category: 'Finance' },
  { name: 'Compliance', category: 'Legal' },
  { name: 'Contract Law', category: 'Legal', aliases: ['contracts'] },
  { name: 'Recruiting', category: 'People', aliases: ['recruitment', 'talent acquisition'] },
  { name: 'Coaching', category: 'People' },
  { name: 'People Management', category: 'Leadership', aliases: ['team management'] },
  { name: 'Leadership', category: 'Leadership' },
  { name: 'Stakeholder Management', category: 'Leadership' },
  { name: 'Project Management', category: 'Leadership', aliases: ['PMP'] },
  { name: 'Public Speaking', category: 'Communication', aliases: ['presenting'] },
  { name: 'Technical Writing', category: 'Communication', aliases: ['documentation'] },
  { name: 'Communication', category: 'Communication' },
];
