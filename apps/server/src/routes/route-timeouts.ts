/**
 * REQUEST_TIMEOUT_MS bounds how long any call may take to answer (Fastify's handlerTimeout: past
 * it the client gets 503 TIMEOUT). Transfers last as long as their data does: a file upload, a
 * results download, a history export, a job's progress stream. Fastify lets a route raise the
 * limit but not lift it, so these routes get this one instead (an EventSource reconnects by itself
 * if a progress stream ever reaches it).
 */
export const TRANSFER_TIMEOUT_MS = 6 * 60 * 60 * 1000;
