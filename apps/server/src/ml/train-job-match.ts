/**
 * Builds the job-match model: a skills gazetteer compiled from O*NET Technology Skills, the
 * Microsoft tech-skills list, ESCO cross-sector/transversal skills and a hand-written list of
 * abbreviations and variants; O*NET job titles (occupation titles and alternate titles); and an
 * IDF table learned from the shared job postings and the de-duplicated résumés. No dataset row is
 * copied into the model: it holds skill and title names (the taxonomies' vocabularies, credited in
 * docs/models/job-match.md) and per-term statistics.
 *
 *   npx tsx apps/server/src/ml/train-job-match.ts [--data DIR] [--out DIR] [--install] [--model-version V]
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  isContentWord,
  matchTokens,
  phraseKey,
  termOf,
  type JobMatchModelData,
} from '@textai/core/job-match';
import { JOB_MATCH_MODEL_FILE, JOB_MATCH_MODEL_PATH } from '@textai/core/models/job-match';
import { readJobPostings, readOnetTable, readResumes } from './datasets/job-match.ts';
import { DEFAULT_DATA_DIR, dataFile, readCsvObjects } from './datasets/read.ts';

/**
 * Abbreviations and variants the taxonomies do not spell out. The first name is the display name;
 * a name written with capitals in `CASED` must appear so in the text (they are also English words).
 */
const VARIANTS: readonly (readonly string[])[] = [
  ['Kubernetes', 'k8s'],
  ['JavaScript', 'JS', 'java script', 'ecmascript', 'es6'],
  ['TypeScript', 'TS'],
  ['PostgreSQL', 'postgres', 'postgre', 'psql', 'postgre sql'],
  ['MySQL', 'my sql'],
  ['Microsoft SQL Server', 'mssql', 'ms sql', 'ms sql server', 'sql server', 't-sql', 'tsql'],
  ['MongoDB', 'mongo', 'mongo db'],
  ['Go', 'golang'],
  ['Node.js', 'nodejs', 'node js', 'Node'],
  ['React', 'react.js', 'reactjs', 'react js'],
  ['Angular', 'angularjs', 'angular.js', 'angular js', 'google angular'],
  ['Vue.js', 'vue', 'vuejs', 'vue js'],
  ['Next.js', 'nextjs'],
  ['Express.js', 'expressjs', 'express js'],
  ['Amazon Web Services', 'aws', 'amazon web services aws'],
  ['Google Cloud Platform', 'gcp', 'google cloud'],
  ['Microsoft Azure', 'azure', 'ms azure'],
  ['Terraform', 'hashicorp terraform', 'ibm terraform'],
  ['Docker', 'docker containers'],
  [
    'CI/CD',
    'ci cd',
    'cicd',
    'CI',
    'continuous integration',
    'continuous delivery',
    'continuous deployment',
    'ci server',
    'ci pipeline',
  ],
  ['Machine learning', 'ML'],
  ['Deep learning', 'DL'],
  ['Natural language processing', 'nlp'],
  ['Computer vision', 'opencv'],
  ['Artificial intelligence', 'AI'],
  ['scikit-learn', 'sklearn', 'scikit learn'],
  ['TensorFlow', 'tensor flow'],
  ['PyTorch'],
  ['pandas'],
  ['NumPy', 'numpy'],
  ['Microsoft Excel', 'Excel', 'ms excel', 'spreadsheets'],
  ['Microsoft Power BI', 'power bi', 'powerbi'],
  ['Tableau', 'tableau software'],
  ['C#', 'c sharp', 'csharp'],
  ['C++', 'cpp'],
  ['.NET', 'dotnet', 'dot net', 'net framework', '.net framework', '.net core', 'asp.net', 'asp net'],
  ['Python', 'python3', 'python 3'],
  ['Java', 'core java', 'java se', 'java ee', 'j2ee', 'jee'],
  ['Spring Boot', 'springboot', 'spring framework'],
  ['Ruby on Rails', 'Rails', 'RoR'],
  [
    'REST APIs',
    'REST',
    'restful',
    'rest api',
    'restful api',
    'restful apis',
    'restful services',
    'rest services',
    'web services',
  ],
  ['GraphQL', 'graph ql'],
  ['Linux', 'unix/linux', 'gnu linux', 'ubuntu', 'centos', 'red hat', 'rhel'],
  ['Bash', 'shell scripting', 'bash scripting', 'shell script'],
  ['Git', 'github', 'gitlab', 'bitbucket', 'version control'],
  ['Jenkins', 'jenkins ci'],
  ['Apache Kafka', 'kafka'],
  ['Apache Spark', 'Spark', 'pyspark'],
  ['Apache Hadoop', 'hadoop', 'hdfs', 'mapreduce', 'map reduce'],
  ['Apache Hive', 'Hive', 'hiveql'],
  ['Elasticsearch', 'elastic search', 'elk'],
  ['Selenium', 'selenium webdriver', 'webdriver'],
  [
    'Software testing',
    'qa testing',
    'manual testing',
    'quality assurance testing',
    'test cases',
    'test case design',
    'regression testing',
  ],
  ['Test automation', 'automation testing', 'automated testing', 'automation test'],
  ['Agile', 'agile methodology', 'agile methodologies', 'scrum', 'kanban'],
  ['Project management', 'project planning', 'pmp', 'project manager'],
  [
    'Accounting',
    'bookkeeping',
    'book keeping',
    'bookkeeper',
    'accounts payable',
    'accounts receivable',
    'general ledger',
  ],
  ['Recruiting', 'recruitment', 'talent acquisition', 'full-cycle recruiting', 'sourcing candidates'],
  ['Payroll', 'payroll processing', 'payroll administration'],
  ['Generally accepted accounting principles', 'GAAP', 'US GAAP', 'U.S. GAAP'],
  ['International Financial Reporting Standards', 'IFRS'],
  ['Month-end close', 'month end close', 'month-end closing', 'period-end close', 'financial close'],
  ['Account reconciliation', 'account reconciliations', 'bank reconciliations', 'bank reconciliation'],
  ['Certified Public Accountant', 'CPA'],
  ['Customer service', 'customer support', 'client service'],
  ['Search engine optimization', 'seo'],
  [
    'Object-oriented programming',
    'oop',
    'oops',
    'object oriented programming',
    'object oriented design',
    'ood',
  ],
  ['SQL', 'structured query language', 'sql queries', 'pl/sql', 'plsql', 'pl sql'],
  ['NoSQL', 'no sql'],
  ['HTML', 'html5', 'hypertext markup language'],
  ['CSS', 'css3', 'cascading style sheets'],
  ['Microsoft Office', 'ms office', 'office 365', 'microsoft 365'],
  ['Extract, transform, load', 'etl', 'etl pipelines', 'data pipelines'],
  ['Data warehousing', 'data warehouse', 'dwh'],
  ['Informatica', 'informatica powercenter'],
  ['SAP', 'sap erp', 'sap abap', 'abap'],
  ['Blockchain', 'distributed ledger'],
  ['Solidity'],
  ['Ethereum'],
  ['Network security', 'cybersecurity', 'cyber security', 'information security', 'infosec'],
  ['Firewalls', 'firewall'],
  ['AutoCAD', 'autodesk autocad', 'auto cad'],
  ['SolidWorks', 'solid works', 'dassault systemes solidworks'],
  ['Ansible'],
  ['Chef', 'opscode chef'],
  ['Puppet'],
  ['Prometheus'],
  ['Grafana'],
  ['Redis'],
  ['Figma'],
  ['Adobe Photoshop', 'photoshop'],
  ['Adobe Illustrator', 'Illustrator'],
  ['User experience design', 'ux', 'ux design', 'user experience'],
  ['User interface design', 'ui design', 'ui/ux'],
  ['Salesforce', 'salesforce crm', 'sfdc'],
  ['Customer relationship management', 'crm'],
  ['Business analysis', 'business analyst', 'requirements gathering', 'requirement gathering'],
  ['Data analysis', 'data analytics', 'data analyst'],
  ['Statistics', 'statistical analysis', 'statistical modeling', 'statistical modelling'],
  ['R', 'r programming', 'rstudio'],
  ['MATLAB', 'matlab'],
  ['Financial analysis', 'financial modeling', 'financial modelling'],
  ['Microsoft Windows', 'Windows', 'windows server'],
  ['TCP/IP', 'tcp ip'],
  ['Cisco IOS', 'ccna', 'ccnp'],
  ['Litigation', 'legal drafting', 'drafting pleadings'],
  ['Personal training', 'fitness training', 'personal trainer'],
  ['Nutrition', 'diet planning', 'dietetics'],
  // Nursing and health care
  ['Registered nurse licence', 'RN', 'registered nurse license', 'RN license', 'RN licence'],
  ['Basic life support', 'BLS', 'BLS certification'],
  ['Advanced cardiovascular life support', 'ACLS', 'ACLS certification'],
  ['Pediatric advanced life support', 'PALS'],
  ['Cardiopulmonary resuscitation', 'CPR'],
  ['Wound care', 'wound management', 'wound dressing'],
  [
    'Medication administration',
    'administer medications',
    'administering medications',
    'medication management',
    'med pass',
  ],
  ['Intravenous therapy', 'IV therapy', 'IV', 'IV infusion', 'IV starts', 'PIV starts'],
  ['Patient assessment', 'patient assessments', 'head-to-toe assessments', 'nursing assessment'],
  [
    'Electronic health records',
    'EHR',
    'EMR',
    'electronic health record',
    'electronic medical records',
    'electronic medical record',
  ],
  ['Epic Systems', 'Epic', 'Epic EHR', 'Epic Systems EHR'],
  ['Cerner', 'cerner powerchart'],
  ['Bachelor of Science in Nursing', 'BSN'],
  ['Vital signs', 'vitals'],
  // Human resources
  ['Onboarding', 'new hire onboarding', 'new-hire onboarding', 'employee onboarding'],
  ['Offboarding'],
  ['Employee relations'],
  ['Human resources information system', 'HRIS', 'HRIS systems', 'HRMS'],
  ['Workday', 'workday hcm'],
  ['BambooHR', 'bamboo hr'],
  ['ADP Workforce Now', 'ADP'],
  ['Employment law', 'labor law', 'labour law', 'employment legislation', 'FMLA', 'FLSA', 'EEO compliance'],
  ['Performance management', 'performance reviews', 'performance improvement plans'],
  ['Benefits administration', 'open enrollment', 'benefits enrollment'],
  ['Applicant tracking system', 'ATS', 'Greenhouse', 'Lever', 'iCIMS', 'Taleo'],
  ['SHRM-CP', 'shrm cp', 'SHRM-SCP'],
  ['PHR', 'SPHR'],
  // Testing
  ['Cypress', 'cypress.io'],
  ['Postman'],
  ['REST Assured', 'rest-assured', 'restassured'],
  ['API testing', 'API tests', 'api test automation'],
  ['Apache JMeter', 'jmeter'],
  ['Performance testing', 'load testing', 'load tests', 'stress testing'],
  ['TestRail'],
  ['Jira', 'JIRA', 'atlassian jira'],
  ['ISTQB', 'istqb foundation'],
  // Teaching
  ['Lesson planning', 'lesson plans', 'unit plans', 'lesson plan'],
  ['Classroom management'],
  ['Differentiated instruction', 'differentiate instruction', 'differentiating instruction'],
  ['Google Classroom'],
  ['Learning management system', 'LMS', 'Canvas LMS', 'Schoology', 'Moodle'],
  [
    'Teaching certificate',
    'teaching certification',
    'teaching license',
    'teaching licence',
    'teacher certification',
  ],
  ['Calculus', 'AP Calculus', 'precalculus', 'pre-calculus'],
  // Marketing
  ['Search engine marketing', 'SEM', 'paid search', 'PPC', 'pay per click', 'pay-per-click'],
  ['Google Ads', 'adwords', 'google adwords'],
  ['Google Analytics', 'GA4', 'google analytics 4', 'universal analytics'],
  ['Social media marketing', 'social media', 'paid social', 'social media management'],
  [
    'Email marketing',
    'email campaigns',
    'email marketing campaigns',
    'lifecycle email',
    'newsletter',
    'newsletters',
    'email newsletter',
  ],
  ['Mailchimp', 'mail chimp'],
  ['HubSpot', 'hubspot crm', 'hubspot marketing'],
  ['A/B testing', 'a b testing', 'ab testing', 'A/B tests', 'split testing'],
  ['Content marketing', 'content strategy'],
  ['WordPress', 'word press'],
  // Engineering
  ['Finite element analysis', 'FEA', 'finite element method', 'FEM'],
  ['ANSYS', 'ansys mechanical', 'ansys workbench'],
  ['GD&T', 'geometric dimensioning and tolerancing', 'gdt'],
  [
    'Design for manufacturing',
    'DFM',
    'DFMA',
    'design for manufacturability',
    'design-for-manufacturing',
    'design for assembly',
  ],
  ['Computer-aided design', 'CAD', 'cad software', 'cad system', '3d cad'],
  ['Bachelor of Science in Mechanical Engineering', 'BSME', 'b.s. mechanical engineering'],
  // Design and arts
  ['Adobe InDesign', 'InDesign'],
  ['Adobe Creative Cloud', 'creative cloud', 'adobe creative suite', 'creative suite', 'adobe cc'],
  ['Adobe After Effects', 'after effects'],
  ['Typography'],
  ['Branding', 'brand identity', 'visual identity', 'brand guidelines'],
  ['Packaging design', 'package design'],
  ['Illustration', 'illustrations'],
  ['Procreate'],
  // Logistics
  ['Warehouse management system', 'WMS', 'warehouse management software', 'SAP EWM', 'Manhattan WMS'],
  ['Transportation management system', 'TMS', 'McLeod'],
  ['Inventory management', 'inventory control', 'cycle counts', 'cycle counting', 'stock control'],
  [
    'Freight management',
    'freight scheduling',
    'freight booking',
    'book freight',
    'load planning',
    'LTL',
    'FTL',
    'truckload',
  ],
  ['Carrier management', 'carrier relations', 'carrier selection'],
  ['Customs documentation', 'customs paperwork', 'customs brokerage', 'customs clearance'],
  ['Incoterms'],
  ['Bill of lading', 'BOL', 'bills of lading'],
  ['Forklift operation', 'forklift', 'forklifts', 'forklift certified'],
];

/** Single words that are also everyday English: matched only when written with these capitals. */
const CASED: ReadonlySet<string> = new Set([
  'Go',
  'R',
  'C',
  'Chef',
  'Puppet',
  'Node',
  'Spark',
  'Hive',
  'Rails',
  'Rest',
  'Windows',
  'Excel',
  'Express',
  'Swift',
  'Rust',
  'Access',
  'Word',
  'Outlook',
  'Sketch',
  'Make',
  'Less',
  'Ruby',
  'Julia',
  'Dart',
  'Elm',
  'Crystal',
  'Shell',
  'Illustrator',
  'REST',
  'TS',
  'JS',
  'AI',
  'ML',
  'DL',
  'RoR',
  'CI',
  'RN',
  'BLS',
  'IV',
  'EHR',
  'EMR',
  'Epic',
  'ADP',
  'ATS',
  'Lever',
  'Greenhouse',
  'PHR',
  'LMS',
  'SEM',
  'PPC',
  'FEA',
  'FEM',
  'CAD',
  'WMS',
  'TMS',
  'LTL',
  'FTL',
  'BOL',
  'Canvas',
  'GAAP',
  'IFRS',
  'CPA',
]);

const VENDORS = [
  'Adobe',
  'Microsoft',
  'Apache',
  'Amazon',
  'Google',
  'IBM',
  'Oracle',
  'Atlassian',
  'Autodesk',
  'Apple',
  'Intuit',
  'Cisco',
  'ESRI',
  'Bentley',
  'Dassault Systemes',
  'SAP',
  'Salesforce',
  'HashiCorp',
  'Red Hat',
  'VMware',
  'Facebook',
  'Meta',
  'Twitter',
  'The MathWorks',
  'MathWorks',
  'Corel',
  'Trimble',
  'Siemens',
  'Eclipse',
];

export interface JobMatchTrainOptions {
  dataDir: string;
  version: string;
  log: (message: string) => void;
}

interface Builder {
  names: string[];
  kinds: number[];
  owner: Map<string, number>;
  cased: Map<string, string>;
  /** Lower-case words that are frequent in ordinary job text (O*NET task statements). */
  common: Set<string>;
  /** Lower-case words of O*NET job titles ("designer", "tracker"), not skills when standing alone. */
  titleWords: Set<string>;
}

function keyOf(surface: string): string {
  return phraseKey(surface);
}

/** Dot and ".js" spellings of a key: "node.js" → "nodejs", "node js"; "vue.js" → "vue". */
function spellings(key: string): string[] {
  const out = new Set([key]);
  if (key.includes('.') && !key.startsWith('.')) {
    out.add(key.replace(/\./g, ''));
    out.add(key.replace(/\./g, ' '));
  }
  if (key.endsWith('.js') && key.length > 4) out.add(key.slice(0, -3));
  return [...out].filter((k) => k.trim() !== '');
}

/**
 * How far a surface is trusted: hand-written variants are (an everyday word among them is listed
 * in CASED); a name from a list is kept unless it is an everyday word; a word cut out of a longer
 * name (a trailing acronym, a name without its vendor) must also not be a job-title word, and an
 * acronym must be written in capitals.
 */
const enum Source {
  Curated,
  Listed,
  Derived,
}

/** Whether a surface may be a gazetteer entry, and whether it must be matched with its capitals. */
function admit(b: Builder, surface: string, source: Source): { key: string; cased: string | null } | null {
  const key = keyOf(surface);
  if (key === '') return null;
  const words = key.split(' ');
  if (words.every((w) => !isContentWord(w))) return null;
  if (words.length === 1) {
    const word = words[0]!;
    const written = surface.trim();
    if (word.length === 1 && !['c', 'r'].includes(word)) return null;
    // An everyday word ("design", "support", "word") is a skill only when listed in CASED, and then
    // only when written with its capitals.
    if (CASED.has(written)) return { key, cased: written };
    if (source === Source.Curated) return { key, cased: null };
    if (b.common.has(word) || word.length === 1) return null;
    if (source === Source.Derived) {
      if (b.titleWords.has(word)) return null;
      // "CI" (from "Jenkins CI"), "AP" (from "AP ENPS"), "II": too short, or a word, to stand alone.
      if (/^[A-Z][A-Z0-9]+$/.test(written)) {
        if (written.length < 3 || /^[IVX]+$/.test(written)) return null;
        return { key, cased: written };
      }
    }
  }
  return { key, cased: null };
}

/** Adds a skill with its surfaces; merges into an existing skill when a surface is already taken. */
function addSkill(
  b: Builder,
  display: string,
  surfaces: readonly string[],
  kind: number,
  source: Source = Source.Listed,
  derivedFrom = surfaces.length,
): void {
  const admitted: { key: string; cased: string | null }[] = [];
  for (const [i, s] of surfaces.entries()) {
    const a = admit(b, s, i >= derivedFrom ? Source.Derived : source);
    if (!a) continue;
    for (const k of spellings(a.key)) admitted.push({ key: k, cased: k === a.key ? a.cased : null });
  }
  if (admitted.length === 0) return;
  let skill = -1;
  for (const a of admitted) {
    if (a.cased !== null) continue;
    const owner = b.owner.get(a.key);
    if (owner !== undefined) {
      skill = owner;
      break;
    }
  }
  if (skill === -1) {
    skill = b.names.length;
    b.names.push(display);
    b.kinds.push(kind);
  }
  for (const a of admitted) {
    if (b.owner.has(a.key)) continue;
    b.owner.set(a.key, skill);
    if (a.cased !== null) b.cased.set(a.key, a.cased);
  }
}

/** Variants of an O*NET technology name: without "software", its trailing acronym, its vendor. */
function onetVariants(name: string): { display: string; surfaces: string[]; listed: number } | null {
  const base = name.replace(/\s+software$/i, '').trim();
  const words = base.split(/\s+/);
  // Generic descriptions ("3D graphics software", "Medical software") are categories, not skills.
  if (
    /software$/i.test(name) &&
    words.slice(1).every((w) => w === w.toLowerCase()) &&
    words.length >= 1 &&
    !/[A-Z]{2}/.test(base)
  ) {
    if (words.length > 1 || words[0] === words[0]!.toLowerCase()) return null;
  }
  if (words.length >= 3 && words.slice(1).every((w) => w === w.toLowerCase() && !/\d/.test(w))) return null;
  const surfaces = [name, base];
  const listed = surfaces.length;
  let display = base;
  const last = words[words.length - 1]!;
  let core = words;
  if (words.length >= 2 && /^[A-Z][A-Z0-9+#./-]*$/.test(last) && /[A-Z]/.test(last) && last.length >= 2) {
    core = words.slice(0, -1);
    // "Jenkins CI" → "Jenkins" and not "CI"; "Automated Package Processing System APPS" → both;
    // a one-word rest ("AP" of "AP ENPS") is as likely another product's name.
    if (core.length >= 2 || last.length <= 2) surfaces.push(core.join(' '));
    if (last.length >= 3) {
      surfaces.push(last);
      display = last;
    }
  }
  for (const vendor of VENDORS) {
    const joined = core.join(' ');
    if (joined.startsWith(vendor + ' ') && joined.length > vendor.length + 1) {
      surfaces.push(joined.slice(vendor.length + 1));
      break;
    }
  }
  return { display, surfaces, listed };
}

function commonWords(dataDir: string): Set<string> {
  const counts = new Map<string, number>();
  for (const row of readOnetTable(dataDir, 'Task Statements.txt')) {
    for (const m of (row['Task'] ?? '').matchAll(/(?<![A-Za-z.])[a-z][a-z+#.]*/g)) {
      counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    }
  }
  return new Set([...counts].filter(([, n]) => n >= 3).map(([w]) => w));
}

function titleWords(dataDir: string): Set<string> {
  const words = new Set<string>();
  const add = (title: string): void => {
    for (const w of matchTokens(title).words) words.add(w);
  };
  for (const row of readOnetTable(dataDir, 'Occupation Data.txt')) add(row['Title'] ?? '');
  for (const row of readOnetTable(dataDir, 'Alternate Titles.txt')) add(row['Alternate Title'] ?? '');
  return words;
}

export function buildJobMatchModel(options: JobMatchTrainOptions): {
  model: JobMatchModelData;
  report: Record<string, unknown>;
} {
  const { dataDir, log } = options;
  const b: Builder = {
    names: [],
    kinds: [],
    owner: new Map(),
    cased: new Map(),
    common: commonWords(dataDir),
    titleWords: titleWords(dataDir),
  };
  log(`common words (O*NET tasks): ${b.common.size}`);

  // 1. Hand-written variants first: they fix the display names of the best-known skills.
  for (const group of VARIANTS) addSkill(b, group[0]!, group, 0, Source.Curated);
  const afterVariants = b.names.length;

  // 2. Microsoft tech-skills list (MIT): display name, key and aliases.
  const msLines = readFileSync(dataFile(dataDir, 'tech-skills-microsoft', 'skills_flat.tsv'), 'utf8')
    .split(/\r?\n/)
    .slice(1);
  let msCount = 0;
  for (const line of msLines) {
    if (line.trim() === '') continue;
    const [key, display, aliases] = line.split('\t');
    if (!display) continue;
    msCount++;
    addSkill(
      b,
      display,
      [display, (key ?? '').replace(/-/g, ' '), ...(aliases ? aliases.split('|') : [])],
      0,
    );
  }
  const afterMs = b.names.length;

  // 3. O*NET technology examples (CC BY 4.0).
  const techNames = new Set(readOnetTable(dataDir, 'Technology Skills.txt').map((r) => r['Example'] ?? ''));
  for (const name of techNames) {
    const v = onetVariants(name);
    if (v) addSkill(b, v.display, v.surfaces, 0, Source.Listed, v.listed);
  }
  const afterOnet = b.names.length;

  // 4. ESCO cross-sector and transversal skills: preferred labels of up to four words, plus the
  // alternative labels of rows whose list is consistent with the label (in this copy of the
  // file many rows carry another concept's alternative labels, so unrelated lists are ignored).
  let escoRows = 0;
  let escoConsistent = 0;
  for (const row of readCsvObjects(dataFile(dataDir, 'esco-skills-subset', 'skills_en.csv'))) {
    const label = (row['preferredLabel'] ?? '').trim();
    if (label === '') continue;
    escoRows++;
    const labelWords = new Set(matchTokens(label).words.filter(isContentWord).map(termOf));
    const alts = (row['altLabels'] ?? '')
      .split('\n')
      .map((a) => a.trim())
      .filter(Boolean);
    const consistent = alts.some((a) => keyOf(a) === keyOf(label));
    if (consistent) escoConsistent++;
    const surfaces = [
      label,
      ...(consistent ? alts.filter((a) => matchTokens(a).words.some((w) => labelWords.has(termOf(w)))) : []),
    ];
    const short = surfaces.filter(
      (s) =>
        s.split(/\s+/).length <= 4 &&
        !/^(write|speak|understand|read|interact verbally in|listen to) /i.test(s),
    );
    if (short.length > 0) addSkill(b, label, short, 1);
  }
  log(
    `skills: ${afterVariants} hand-written, ${afterMs - afterVariants} Microsoft, ${afterOnet - afterMs} O*NET, ${b.names.length - afterOnet} ESCO; ${b.owner.size} surfaces`,
  );

  // 5. O*NET titles → occupations.
  const occupations: [string, string][] = [];
  const occIndex = new Map<string, number>();
  for (const row of readOnetTable(dataDir, 'Occupation Data.txt')) {
    occIndex.set(row['O*NET-SOC Code']!, occupations.length);
    occupations.push([row['O*NET-SOC Code']!, row['Title'] ?? '']);
  }
  const titleMap = new Map<string, Set<number>>();
  const addTitle = (written: string, occ: number): void => {
    // "HR Generalist (Human Resources Generalist)": the name and its spelled-out form, each alone.
    const paren = /^(.+?)\s*\(([^()]+)\)\s*$/.exec(written);
    if (paren) {
      addTitle(paren[1]!, occ);
      addTitle(paren[2]!, occ);
      return;
    }
    const title = written;
    for (const variant of [title, title.replace(/s\b(?=\s*$)/, '')]) {
      const key = keyOf(variant);
      if (key === '' || key.split(' ').every((w) => !isContentWord(w))) continue;
      let set = titleMap.get(key);
      if (!set) titleMap.set(key, (set = new Set()));
      set.add(occ);
    }
  };
  occupations.forEach(([, title], i) => addTitle(title, i));
  for (const row of readOnetTable(dataDir, 'Alternate Titles.txt')) {
    const occ = occIndex.get(row['O*NET-SOC Code']!);
    if (occ === undefined) continue;
    addTitle(row['Alternate Title'] ?? '', occ);
    const short = row['Short Title'] ?? '';
    if (short && short !== 'n/a') addTitle(short, occ);
  }
  // A title that names many occupations ("Manager", "Engineer") says little about any of them;
  // nor does a one-word title whose word heads titles in three or more major groups ("Developer").
  const headGroups = new Map<string, Set<string>>();
  for (const [key, set] of titleMap) {
    const head = key.split(' ').pop()!;
    let groups = headGroups.get(head);
    if (!groups) headGroups.set(head, (groups = new Set()));
    for (const o of set) groups.add(occupations[o]![0].slice(0, 2));
  }
  const titles: [string, number[]][] = [...titleMap]
    .filter(([key, set]) => set.size <= 6 && (key.includes(' ') || (headGroups.get(key)?.size ?? 0) < 3))
    .map(([key, set]) => [key, [...set].sort((x, y) => x - y)]);
  titles.sort((x, y) => (x[0] < y[0] ? -1 : 1));
  log(`titles: ${titles.length} (of ${titleMap.size}) for ${occupations.length} occupations`);

  // 6. IDF from the job postings and the de-duplicated résumés.
  const postings = readJobPostings(dataDir);
  const resumes = readResumes(dataDir);
  const df = new Map<string, number>();
  const docs = [...postings.map((p) => p.text), ...resumes.map((r) => r.text)];
  for (const doc of docs) {
    const seen = new Set<string>();
    for (const w of matchTokens(doc).words) if (isContentWord(w)) seen.add(termOf(w));
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = docs.length;
  const idf: Record<string, number> = {};
  for (const [t, d] of [...df].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (d >= 2) idf[t] = Math.round((Math.log((n + 1) / (d + 1)) + 1) * 1000) / 1000;
  }
  const unknownIdf = Math.round((Math.log((n + 1) / 2) + 1) * 1000) / 1000;
  log(
    `idf: ${Object.keys(idf).length} terms from ${postings.length} postings and ${resumes.length} unique résumés`,
  );

  const surfaces: [string, number, string | null][] = [...b.owner].map(([key, skill]) => [
    key,
    skill,
    b.cased.get(key) ?? null,
  ]);
  surfaces.sort((x, y) => (x[0] < y[0] ? -1 : 1));
  const meta = {
    sources: {
      onet: 'O*NET 29.2 Database, U.S. Department of Labor/Employment and Training Administration (USDOL/ETA), CC BY 4.0: Technology Skills, Alternate Titles, Occupation Data',
      microsoft:
        'Microsoft SkillsExtractorCognitiveSearch skills list, MIT licence, Copyright (c) Microsoft Corporation',
      esco: 'ESCO (European Skills, Competences, Qualifications and Occupations), European Commission: cross-sector and transversal skills',
      idf: 'Google Job Skills postings (educational use) and the Kaggle Resume Dataset (licence not stated): term statistics only',
    },
    counts: {
      skills: b.names.length,
      surfaces: surfaces.length,
      hand_written: afterVariants,
      microsoft: msCount,
      onet_technologies: techNames.size,
      esco_rows: escoRows,
      esco_consistent_alt_labels: escoConsistent,
      titles: titles.length,
      occupations: occupations.length,
      idf_terms: Object.keys(idf).length,
      idf_documents: n,
    },
  };
  const model: JobMatchModelData = {
    format: 'textai-job-match',
    formatVersion: 1,
    name: 'textai-job-match',
    version: options.version,
    referenceYear: Number(options.version.slice(0, 4)) || new Date().getFullYear(),
    skills: b.names,
    kinds: b.kinds,
    surfaces,
    occupations,
    titles,
    idf,
    unknownIdf,
    meta,
  };
  return { model, report: meta };
}

export interface RunJobMatchTrainingOptions {
  dataDir: string;
  outDir: string;
  install: boolean;
  version: string | undefined;
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

/** `textai train job-match`: writes job-match.json.gz (and a report) to outDir; --install ships it. */
export function runJobMatchTraining(options: RunJobMatchTrainingOptions): void {
  const version = options.version ?? new Date().toISOString().slice(0, 10).replace(/-/g, '.');
  const started = Date.now();
  const { model, report } = buildJobMatchModel({ dataDir: options.dataDir, version, log });
  const bytes = gzipSync(JSON.stringify(model), { level: 9 });
  mkdirSync(options.outDir, { recursive: true });
  const file = join(options.outDir, JOB_MATCH_MODEL_FILE);
  writeFileSync(file, bytes);
  const full = {
    task: 'job-match',
    model: { name: model.name, version },
    file_bytes: bytes.length,
    training_seconds: (Date.now() - started) / 1000,
    ...report,
  };
  writeFileSync(join(options.outDir, 'job-match.report.json'), `${JSON.stringify(full, null, 2)}\n`);
  log(`wrote ${file} (${(bytes.length / 1e6).toFixed(2)} MB) and job-match.report.json`);
  if (options.install) {
    copyFileSync(file, JOB_MATCH_MODEL_PATH);
    log(`installed as ${JOB_MATCH_MODEL_PATH}`);
  }
}

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  runJobMatchTraining({
    dataDir: argValue(args, '--data') ?? DEFAULT_DATA_DIR,
    outDir: argValue(args, '--out') ?? 'build/models',
    install: args.includes('--install'),
    version: argValue(args, '--model-version'),
  });
}
