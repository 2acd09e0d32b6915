import { hostname } from 'node:os';
import type { LeaseRepository } from '../../storage/repositories.ts';
import { systemClock, type Clock } from '../clock.ts';
import { DueTimes, type Schedule } from './schedule.ts';

export interface ScheduledTask {
  /** Also the name of its lease. */
  name: string;
  schedule: Schedule;
  /**
   * true (the default): each due time runs on one process only, under the task's lease. false:
   * every process runs it (work on its own state, such as writing its own request figures).
   */
  exclusive?: boolean;
  run(dueAt: number): Promise<void>;
}

type LogFn = (details: Record<string, unknown>, message: string) => void;
export interface SchedulerLog {
  debug: LogFn;
  warn: LogFn;
  error: LogFn;
}

export interface SchedulerOptions {
  leases: LeaseRepository;
  log: SchedulerLog;
  clock?: Clock;
  /** This process's name in the leases (default host name, pid and a random part). */
  holder?: string;
  /** How long a lease lasts without renewal: a holder that dies blocks its task at most this long. */
  leaseMs?: number;
}

/** setTimeout's longest delay; a later due time is reached in several steps. */
const MAX_DELAY_MS = 2_147_483_647;

interface TaskState {
  task: ScheduledTask;
  due: DueTimes;
  timer: NodeJS.Timeout | undefined;
  retry: NodeJS.Timeout | undefined;
  /** The run in progress in this process: a task never overlaps itself. */
  running: Promise<void> | undefined;
  nextDue: number | undefined;
}

export function processHolderName(): string {
  return `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * Runs named tasks on their schedules. With several processes (servers sharing one database), every
 * process keeps the same timers and races for each due time; the database lets one of them claim it
 * (storage/kysely/leases.ts), so a due run happens once. The winner renews its lease while the task
 * runs; if it dies, the lease runs out and another process takes over that same unfinished run.
 * A task that throws is logged, and the other tasks, and its own next run, go on.
 */
export class Scheduler {
  readonly holder: string;
  private readonly leaseMs: number;
  private readonly clock: Clock;
  private readonly states = new Map<string, TaskState>();
  private started = false;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    this.holder = options.holder ?? processHolderName();
    this.leaseMs = options.leaseMs ?? 60_000;
    this.clock = options.clock ?? systemClock;
  }

  add(task: ScheduledTask): this {
    if (this.states.has(task.name)) throw new Error(`task ${task.name} is already scheduled`);
    const state: TaskState = {
      task,
      due: new DueTimes(task.schedule),
      timer: undefined,
      retry: undefined,
      running: undefined,
      nextDue: undefined,
    };
    this.states.set(task.name, state);
    if (this.started) this.begin(state);
    return this;
  }

  start(): this {
    if (this.started) return this;
    this.started = true;
    for (const state of this.states.values()) this.begin(state);
    return this;
  }

  /** Stops the timers and waits for runs in progress to end (they release their leases). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const state of this.states.values()) {
      clearTimeout(state.timer);
      clearTimeout(state.retry);
    }
    await Promise.all([...this.states.values()].map((state) => state.running));
  }

  private begin(state: TaskState): void {
    const now = this.clock.now();
    const current = state.due.current(now);
    if (current !== undefined) this.fire(state, current);
    else this.arm(state, now);
  }

  /** Sets the timer for the first due time after `after` (never one already past: no catch-up storms). */
  private arm(state: TaskState, after: number): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const due = state.due.next(Math.max(after, now));
    state.nextDue = due;
    if (due === undefined) return;
    this.wake(state, due);
  }

  private wake(state: TaskState, due: number): void {
    const delay = due - this.clock.now();
    state.timer = setTimeout(
      () => {
        if (delay > MAX_DELAY_MS) this.wake(state, due);
        else this.fire(state, due);
      },
      Math.max(0, Math.min(delay, MAX_DELAY_MS)),
    );
    state.timer.unref();
  }

  private fire(state: TaskState, due: number): void {
    if (this.stopped) return;
    // The next timer first: a long run must not push the following due time back.
    this.arm(state, due);
    this.attempt(state, due);
  }

  private attempt(state: TaskState, due: number): void {
    if (this.stopped) return;
    if (state.running !== undefined) {
      this.options.log.warn(
        { task: state.task.name, due_at: new Date(due).toISOString() },
        'scheduled task still running from its previous due time; this one is skipped',
      );
      return;
    }
    state.running = this.runOnce(state, due)
      .catch((error: unknown) =>
        this.options.log.error({ err: error, task: state.task.name }, 'scheduled task could not be run'),
      )
      .finally(() => (state.running = undefined));
  }

  private async runOnce(state: TaskState, due: number): Promise<void> {
    const { task } = state;
    if (task.exclusive === false) {
      await this.execute(task, due);
      return;
    }
    const { leases } = this.options;
    const claimed = await leases.acquire({
      name: task.name,
      holder: this.holder,
      now: this.clock.now(),
      ttlMs: this.leaseMs,
      dueAt: due,
    });
    if (!claimed) {
      await this.watchForTakeover(state, due);
      return;
    }
    const renewal = setInterval(() => {
      leases
        .renew(task.name, this.holder, this.clock.now(), this.leaseMs)
        .then((held) => {
          // Renewal came too late (a stalled process or database): another process may now run it too.
          if (!held)
            this.options.log.warn({ task: task.name }, 'scheduled task lost its lease while running');
        })
        .catch((error: unknown) =>
          this.options.log.error({ err: error, task: task.name }, 'scheduled task lease not renewed'),
        );
    }, this.leaseMs / 3);
    renewal.unref();
    let succeeded = false;
    try {
      succeeded = await this.execute(task, due);
    } finally {
      clearInterval(renewal);
      await leases.release(task.name, this.holder, {
        finishedDueAt: due,
        ...(succeeded ? { succeededAt: this.clock.now() } : {}),
      });
    }
  }

  /** Runs the task; false (logged) when it throws. */
  private async execute(task: ScheduledTask, due: number): Promise<boolean> {
    const started = this.clock.now();
    try {
      await task.run(due);
      this.options.log.debug(
        { task: task.name, due_at: new Date(due).toISOString(), ms: this.clock.now() - started },
        'scheduled task ran',
      );
      return true;
    } catch (error) {
      this.options.log.error(
        { err: error, task: task.name, due_at: new Date(due).toISOString() },
        'scheduled task failed',
      );
      return false;
    }
  }

  /**
   * Another process holds this due time's run. If it has not finished, look again when its lease
   * would run out: a holder that died stops renewing, and this process then takes the run over —
   * unless the task's next due time comes first.
   */
  private async watchForTakeover(state: TaskState, due: number): Promise<void> {
    const lease = await this.options.leases.get(state.task.name);
    if (lease === undefined || lease.dueAt !== due || lease.finishedDueAt >= due) return;
    const retryAt = lease.expiresAt + 50;
    if (state.nextDue !== undefined && retryAt >= state.nextDue) return;
    clearTimeout(state.retry);
    state.retry = setTimeout(() => this.attempt(state, due), Math.max(0, retryAt - this.clock.now()));
    state.retry.unref();
  }
}
