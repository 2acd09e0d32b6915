import type { JobMatchResult } from '@textai/core/job-match';
import { RowInputError } from './rows.ts';
import { columnsFor } from './columns.ts';
import { requiredText } from './fields.ts';
import type { ToolAdapter } from './types.ts';

/**
 * job-match rows carry `resume` and `job_description`; with `--job-file` only the résumé, and
 * every row is scored against that one job (profiled once). Rows keep their input order; sort the
 * output by match_score to rank them.
 */
export const jobMatchAdapter: ToolAdapter = {
  name: 'job-match',
  resultColumns: columnsFor<JobMatchResult>({
    match_score: ['match_score'],
    match_percentage: ['match_percentage'],
    recommendation: ['recommendation'],
    components: ['components.skills', 'components.similarity', 'components.title', 'components.experience'],
    skills: ['skills.matched', 'skills.missing', 'skills.extra'],
    advice: ['advice'],
    model: ['model.name', 'model.version'],
    warnings: ['warnings'],
  }),
  columns: (settings) => [
    { field: 'resume', column: settings.resumeColumn ?? 'resume', required: true },
    ...(settings.jobDescription === undefined
      ? [{ field: 'job_description', column: settings.jobColumn ?? 'job_description', required: true }]
      : []),
  ],
  fieldsFromText: (text) => ({ resume: text }),
  async load(modelSpec = 'builtin') {
    const [
      { analyzeJobMatch, prepareJob, prepareResume, scoreProfiles },
      { loadJobMatchModel },
      { languageWarnings },
    ] = await Promise.all([
      import('@textai/core/job-match'),
      import('@textai/core/models/job-match'),
      import('@textai/core'),
    ]);
    const model = loadJobMatchModel(modelSpec);
    const referenceYear = new Date().getFullYear();
    let shared: {
      text: string;
      job: ReturnType<typeof prepareJob>;
      warnings: { code: string; message: string }[];
    } | null = null;
    return (fields, { maxChars, settings }) => {
      const resume = requiredText(fields, 'resume', maxChars);
      const jobText = settings?.jobDescription;
      if (jobText === undefined) {
        if (fields['job_description'] === undefined) {
          throw new RowInputError(
            'VALIDATION_ERROR',
            'missing "job_description" field (or give --job-file FILE)',
          );
        }
        const job = requiredText(fields, 'job_description', maxChars);
        return analyzeJobMatch(model, { resume, job_description: job }, { referenceYear });
      }
      if (jobText.length > maxChars) {
        throw new RowInputError(
          'PAYLOAD_TOO_LARGE',
          `--job-file has ${jobText.length} characters; the limit is ${maxChars} (--max-chars)`,
        );
      }
      if (shared?.text !== jobText) {
        shared = {
          text: jobText,
          job: prepareJob(model, jobText),
          warnings: languageWarnings(jobText).map((w) => ({
            code: w.code,
            message: `job_description: ${w.message}`,
          })),
        };
      }
      const warnings = [
        ...languageWarnings(resume).map((w) => ({ code: w.code, message: `resume: ${w.message}` })),
        ...shared.warnings,
      ];
      return scoreProfiles(model, shared.job, prepareResume(model, resume, { referenceYear }), warnings);
    };
  },
};
