import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from '@textai/contracts';
import { DocumentError } from '../services/documents/extract-text.ts';
import { AppError } from '../services/errors.ts';

const TEXT_FIELDS = ['resume', 'job_description'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

function isTextField(name: string): name is TextField {
  return (TEXT_FIELDS as readonly string[]).includes(name);
}

/**
 * POST /job-match as multipart/form-data: `resume` and `job_description`, each a text field or an
 * uploaded PDF, DOCX or TXT file (text extracted off the event loop, within MAX_UPLOAD_MB, page and
 * time limits). Runs before validation and replaces the body with the JSON shape, so the route's
 * schema and handler are the same for both encodings.
 */
export async function readJobMatchUpload(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const extractor = request.server.services.documents();
  const body: Partial<Record<TextField, string>> = {};
  for await (const part of request.parts()) {
    if (!isTextField(part.fieldname)) {
      if (part.type === 'file') part.file.resume();
      throw new AppError(
        400,
        'VALIDATION_ERROR',
        `unexpected field "${part.fieldname}" (expected resume and job_description)`,
      );
    }
    if (body[part.fieldname] !== undefined) {
      if (part.type === 'file') part.file.resume();
      throw new AppError(400, 'VALIDATION_ERROR', `"${part.fieldname}" was sent twice`);
    }
    if (part.type === 'field') {
      body[part.fieldname] = String(part.value);
      continue;
    }
    const data = await part.toBuffer();
    if (part.file.truncated)
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', `${part.fieldname}: the file is over the upload limit`);
    try {
      const extracted = await extractor.extract({ data, filename: part.filename, mimetype: part.mimetype });
      body[part.fieldname] = extracted.text;
    } catch (error) {
      if (error instanceof DocumentError) {
        throw new AppError(
          error.statusCode,
          error.code as ErrorCode,
          `${part.fieldname}: ${error.message}`,
          error.details,
        );
      }
      throw error;
    }
  }
  request.body = body;
}
