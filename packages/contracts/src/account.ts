import { z } from 'zod';
import { auditEventView } from './admin.ts';
import { userView } from './auth.ts';
import { isoTime } from './common.ts';
import { historyEntryView } from './history.ts';
import { jobView } from './jobs.ts';
import { keyView } from './keys.ts';

/**
 * `GET /account/export`: everything stored about the caller, each part in the shape its own route
 * uses. The schema is the response's allow-list: a field added to a stored row reaches the export
 * only when it is added here.
 */
export const accountExportResponse = z.object({
  exported_at: isoTime,
  user: userView,
  api_keys: z.array(keyView).describe('details of each key, never the key itself'),
  sessions: z.number().int().describe('open sessions'),
  history: z.array(historyEntryView),
  jobs: z
    .array(jobView)
    .describe(
      'every file job still kept, newest first, as GET /jobs shows it (file name, status, row counts, times); ' +
        'the uploaded rows and results are downloaded from GET /jobs/{id}/result',
    ),
  security_events: z.array(auditEventView).describe('the audit log’s entries about the account'),
});
export type AccountExport = z.infer<typeof accountExportResponse>;
