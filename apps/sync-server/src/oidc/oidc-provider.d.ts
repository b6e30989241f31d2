// oidc-provider ships no types and @types/oidc-provider is not installed; the test uses this much of it.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type Account = { accountId: string; claims: () => Promise<Record<string, unknown>> };

  export default class Provider {
    constructor(
      issuer: string,
      configuration: {
        clients: Array<Record<string, unknown>>;
        findAccount: (ctx: unknown, id: string) => Promise<Account>;
        [option: string]: unknown;
      },
    );
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
