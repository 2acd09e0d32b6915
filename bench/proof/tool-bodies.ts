/**
 * Realistic request bodies for the four tools, varied so that no cache or branch predictor sees
 * one input over and over: reviews of different tone and length, news articles with titles,
 * resumes against job descriptions. Built from fixed parts, so every run sends the same set.
 */
import type { ToolName } from '@textai/contracts';

const REVIEWS = [
  'The flight was delayed three hours and nobody told us anything.',
  'Absolutely loved the hotel: spotless rooms, friendly staff and a breakfast worth getting up for.',
  'The delivery was two days late, but the support team was friendly and fixed it quickly. Great value overall.',
  'It works. Setup took ten minutes and the manual was clear enough.',
  'Worst purchase this year. The battery died after a week and the refund form keeps timing out.',
  'The plot drags in the middle, yet the last forty pages are some of the best writing I have read in a long time.',
  'Decent coffee, slow service, loud music. I would not go out of my way for it.',
  'Our waiter remembered every allergy at a table of nine and the kitchen got all of it right. Thank you!',
];

const ARTICLES = [
  {
    title: 'Council approves annual budget',
    text:
      'The city council approved the annual budget on Monday after a three-hour public hearing. The plan ' +
      'funds two new primary schools, extends the opening hours of the central library and repairs the ' +
      'bridge on River Street, which has been closed to lorries since March. Councillors who voted ' +
      'against it said the cost of the bridge repairs had doubled in a year. The mayor answered that ' +
      'delaying the work would cost more, and that the budget leaves a reserve for unexpected expenses.',
  },
  {
    title: 'Regional rail line to add evening trains',
    text:
      'The regional transport authority will add four evening trains on the northern line from next ' +
      'month, it said in a statement on Tuesday. Passenger numbers after 8 pm have grown by a fifth since ' +
      'last year, according to the authority, and commuters have complained of crowded carriages. The ' +
      'extra services will be paid for from the fare increase agreed in January. Unions said they ' +
      'welcomed the change but asked for more staff at stations late at night.',
  },
  {
    title: 'SHOCKING: doctors hide the one fruit that cures everything',
    text:
      'You will not believe what they are hiding from you! A secret fruit that big pharma does not want ' +
      'you to know about cures every disease overnight, insiders say. Share this before it gets deleted! ' +
      'Thousands of people have already thrown away their medicine and the mainstream media refuses to ' +
      'report it. Wake up and do your own research before it is too late.',
  },
  {
    title: 'University opens new research centre for coastal flooding',
    text:
      'A new research centre studying coastal flooding opened at the university on Friday. Funded by a ' +
      'national science grant over five years, it will bring together engineers, geographers and ' +
      'economists to model how rising sea levels affect ports and low-lying towns. The first projects ' +
      'include a survey of flood defences along the estuary and a study of insurance costs for homes ' +
      'near the shore. The centre will publish its data openly, its director said.',
  },
];

const RESUMES = [
  'Software engineer with six years of TypeScript, Node.js and PostgreSQL. Built REST APIs with Fastify, ' +
    'led a team of four, and set up CI with GitHub Actions and Docker.',
  'Data analyst, three years: SQL, Python, pandas and Tableau dashboards for a retail chain. Automated ' +
    'weekly sales reports and trained colleagues in Excel.',
  'Registered nurse with eight years on surgical wards; patient assessment, medication administration, ' +
    'mentoring students, and the hospital’s electronic records system.',
  'Frontend developer: React, TypeScript, CSS and accessibility audits; two years at an agency building ' +
    'e-commerce sites, some Node.js and GraphQL.',
];

const JOBS = [
  'We are hiring a senior backend developer: TypeScript, Node.js, PostgreSQL and Docker; experience ' +
    'leading a small team; Kubernetes is a plus.',
  'Business intelligence analyst wanted: strong SQL, Python and a dashboard tool (Tableau or Power BI); ' +
    'you will work with finance and operations teams.',
  'Staff nurse for a busy surgical unit: registered nurse, acute care experience, good communication; ' +
    'night shifts on rotation.',
];

function summarizeBodies(): Record<string, unknown>[] {
  const options = [{}, { sentences: 2 }, { ratio: 0.4 }, { max_length: 40 }];
  return ARTICLES.flatMap((article) => options.map((option) => ({ text: article.text, ...option })));
}

export const TOOL_BODIES: Record<ToolName, readonly Record<string, unknown>[]> = {
  sentiment: REVIEWS.map((text) => ({ text })),
  summarize: summarizeBodies(),
  'fake-news': ARTICLES.map(({ title, text }) => ({ title, text })),
  'job-match': RESUMES.flatMap((resume) => JOBS.map((job_description) => ({ resume, job_description }))),
};

export const TOOLS = Object.keys(TOOL_BODIES) as ToolName[];
