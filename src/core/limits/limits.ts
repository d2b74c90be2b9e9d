import type { ParseOptions, ValidationRule } from 'graphql';
import type pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config, LimitsConfig } from '../../config';
import type { BeginExtra } from '../auth/authenticate';
import type { Logger } from '../logger';
import { BudgetLedger } from './budget';
import { ClientAddresses } from './client-address';
import { createLimitsPool } from './limits-store';
import { LoginLimits } from './login-limits';
import { ReportLimits } from './report-limits';
import { PoolShare } from './pool-share';
import { DEFAULT_COST_RULES, type CostRules } from './query-cost';
import { limitValidationRules } from './validation-rules';

/**
 * Everything that bounds what one caller can make the server do, created once per server: the
 * static limits (parse and validation), cost rules, budgets, the pool share, sign-in limits, the
 * statement timeout, and the small pool their bookkeeping runs on.
 */
export class Limits {
  readonly costRules: CostRules = DEFAULT_COST_RULES;
  readonly budget: BudgetLedger;
  readonly poolShare: PoolShare;
  readonly login: LoginLimits;
  readonly reports: ReportLimits;
  readonly addresses: ClientAddresses;
  private readonly pruneTimer: NodeJS.Timeout;

  private constructor(
    readonly config: LimitsConfig,
    private readonly pool: pg.Pool,
    poolMax: number,
    logger: Logger,
  ) {
    this.budget = new BudgetLedger(pool, config, logger);
    this.poolShare = new PoolShare(poolMax, config.poolSharePercent, config.poolWaitMs);
    this.login = new LoginLimits(pool, config);
    this.reports = new ReportLimits(pool, config);
    this.addresses = new ClientAddresses(config.trustedProxies);
    this.pruneTimer = setInterval(
      () => void this.login.prune().catch((err: Error) => logger.warn('sign-in limits: prune failed', { message: err.message })),
      10 * 60 * 1000,
    );
    this.pruneTimer.unref();
  }

  static create(orm: MikroORM, config: Config, logger: Logger): Limits {
    const poolMax = orm.config.get('pool')?.max ?? config.poolMax;
    return new Limits(config.limits, createLimitsPool(orm, logger), poolMax, logger);
  }

  /** Token limit: graphql-js stops parsing past it, so an oversized document costs no more than that. */
  get parseOptions(): ParseOptions {
    return { maxTokens: this.config.maxTokens };
  }

  get validationRules(): ValidationRule[] {
    return limitValidationRules(this.config);
  }

  /** What rides in the request's first statement: the budget's level and the statement timeout. */
  firstStatement(anonymousKey: string): BeginExtra {
    return (offset) => {
      const params = [...this.budget.peekParams(anonymousKey), String(this.config.statementTimeoutMs)];
      return {
        select: `${this.budget.peekSql(offset)}, set_config('statement_timeout', $${offset + params.length - 1}, true) as statement_timeout`,
        params,
      };
    };
  }

  async close(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.budget.close();
    await this.pool.end();
  }
}
