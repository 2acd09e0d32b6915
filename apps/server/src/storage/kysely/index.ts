import type { Kysely } from 'kysely';
import type { Repositories } from '../repositories.ts';
import type { Database } from '../schema.ts';
import { KyselyAlertStateRepository } from './alert-states.ts';
import { KyselyApiKeyRepository } from './api-keys.ts';
import { KyselyAuditRepository } from './audit.ts';
import { KyselyHistoryRepository } from './history.ts';
import { KyselyJobRepository } from './jobs.ts';
import { KyselyLeaseRepository } from './leases.ts';
import { KyselyPasswordResetRepository } from './password-resets.ts';
import { KyselyRequestStatsRepository } from './request-stats.ts';
import { KyselySessionRepository } from './sessions.ts';
import { KyselyUserRepository } from './users.ts';

/** The repositories over one handle: the database, or a transaction of it. */
export function kyselyRepositories(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Repositories {
  return {
    users: new KyselyUserRepository(db),
    sessions: new KyselySessionRepository(db),
    apiKeys: new KyselyApiKeyRepository(db),
    history: new KyselyHistoryRepository(db),
    audit: new KyselyAuditRepository(db),
    passwordResets: new KyselyPasswordResetRepository(db),
    jobs: new KyselyJobRepository(db, dialect),
    leases: new KyselyLeaseRepository(db),
    alertStates: new KyselyAlertStateRepository(db),
    requestStats: new KyselyRequestStatsRepository(db),
  };
}
