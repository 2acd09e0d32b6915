import type { ToolName } from '@textai/contracts';

const ARTICLE =
  'The city council approved the annual budget on Monday after a three-hour public hearing. ' +
  'The plan funds two new primary schools, extends the opening hours of the central library and ' +
  'repairs the bridge on River Street, which has been closed to lorries since March. Councillors ' +
  'who voted against it said the cost of the bridge repairs had doubled in a year. The mayor ' +
  'answered that delaying the work would cost more, and that the budget leaves a reserve for ' +
  'unexpected expenses. Residents at the hearing asked for more buses to the new schools; the ' +
  'transport department will present a proposal next month.';

/**
 * One ordinary query per tool, of the size a user sends: `textai doctor` times the models with
 * them and `textai smoke` checks that each tool answers. Not a benchmark: see bench/ for that.
 */
export const SAMPLE_INPUTS: Record<ToolName, Record<string, string>> = {
  sentiment: {
    text: 'The delivery was two days late, but the support team was friendly and fixed it quickly. Great value overall.',
  },
  summarize: { text: ARTICLE },
  'fake-news': { title: 'Council approves annual budget', text: ARTICLE },
  'job-match': {
    resume:
      'Software engineer with six years of TypeScript, Node.js and PostgreSQL. Built REST APIs with ' +
      'Fastify, led a team of four, and set up CI with GitHub Actions and Docker.',
    job_description:
      'We are hiring a senior backend developer: TypeScript, Node.js, PostgreSQL and Docker; ' +
      'experience leading a small team; Kubernetes is a plus.',
  },
};
