import { createHash } from 'node:crypto';
import bcrypt from 'bcrypt';
import { AppError } from '../errors.ts';

/**
 * bcrypt with two guards. Its 72-byte input limit: the password is first reduced to a SHA-256
 * digest (base64, 44 ASCII bytes, no NUL), so every byte of a long passphrase counts. Its cost: at
 * most `concurrency` hashes run at once and a bounded queue waits; past that the caller gets 503
 * SERVICE_BUSY, so a flood of logins cannot take every core.
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly cost: number,
    private readonly concurrency: number,
    private readonly maxQueue = 200,
  ) {}

  hash(password: string): Promise<string> {
    return this.limited(() => bcrypt.hash(prehash(password), this.cost));
  }

  verify(password: string, hash: string): Promise<boolean> {
    return this.limited(() => bcrypt.compare(prehash(password), hash));
  }

  /**
   * Spends the same time as verify() against a hash that matches nothing, so that a login for a
   * missing user cannot be told apart from a wrong password by its timing.
   */
  async verifyNothing(password: string): Promise<false> {
    // Made through the cap like any hash (a burst of logins for missing users must not start
    // uncounted bcrypt work); a refusal (SERVICE_BUSY) is not kept, so the next call tries again.
    this.dummyHash ??= this.hash('textai-dummy-password').catch((error: unknown) => {
      this.dummyHash = undefined;
      throw error;
    });
    await this.verify(password, await this.dummyHash);
    return false;
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueue) {
        throw new AppError(503, 'SERVICE_BUSY', 'the server is busy; try again in a moment', undefined, {
          'Retry-After': '5',
        });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

function prehash(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('base64');
}
