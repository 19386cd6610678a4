// The registry's remote side: types that always run on a remote worker (with the tags it must
// have) and the provider that creates them.
import type {
  AnyNodeDefinition,
  Logger,
  NodeInstance,
  RemoteRuntimeProvider,
} from '@remotemedia/contract';
import { fromNativeError } from '@remotemedia/errors';
import { assertParams, effectiveParams } from '../params.js';
import { remoteNotConfigured } from '../remote.js';
import { Registrations } from './registrations.js';

export class RemoteNodes {
  readonly types: Registrations<Record<string, string>>;
  provider: RemoteRuntimeProvider | undefined;

  constructor(provider: RemoteRuntimeProvider | undefined, logger: Logger) {
    this.provider = provider;
    this.types = new Registrations<Record<string, string>>(
      {
        label: 'remote node type',
        overrideDoes: 'register it again',
        logFields: (type) => ({ type, placement: 'remote' }),
      },
      logger,
    );
  }

  /**
   * Creates `type` on a worker with `tags`. With a local definition the params are checked here
   * (and its params transform applied); otherwise the worker checks them.
   */
  async create(
    type: string,
    local: AnyNodeDefinition | undefined,
    params: unknown,
    tags: Record<string, string>,
  ): Promise<NodeInstance> {
    const provider = this.provider;
    if (provider === undefined) throw remoteNotConfigured(type);
    const given =
      local === undefined
        ? ((params ?? {}) as Record<string, unknown>)
        : (effectiveParams(local, params) as Record<string, unknown>);
    if (local !== undefined) assertParams(type, local.metadata.params, given);
    try {
      return await provider.create(type, given, { tags });
    } catch (error) {
      throw fromNativeError(error);
    }
  }
}
