import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../auth/actor.js';
import type { Logger } from '../logger.js';
import type { Services } from './services.js';
import type { Loaders } from './loaders.js';

/** What every resolver receives: a forked EntityManager (one unit of work per request). */
export interface Context {
  em: EntityManager;
  actor: Actor | null;
  requestId: string;
  logger: Logger;
  services: Services;
  loaders: Loaders;
}
