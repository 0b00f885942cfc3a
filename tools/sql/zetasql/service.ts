/**
 * The ZetaSQL local service shipped in @fivetrandevelopers/zetasql: started as a child process
 * on a free loopback port, spoken to over gRPC through the package's client, stopped by its pid.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import { ZetaSQLClient } from '@fivetrandevelopers/zetasql';

export interface ZetaService {
  /** Calls one RPC of the ZetaSqlLocalService (method name in lowerCamelCase). */
  rpc<T = Record<string, unknown>>(method: string, request: object): Promise<T>;
  /** Maximum-feature language options in BigQuery's external product mode, DDL allowed. */
  languageOptions: Record<string, unknown>;
  stop(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function serverBinary(): string {
  const lib = path.dirname(require.resolve('@fivetrandevelopers/zetasql'));
  const arm = process.arch.startsWith('arm') ? '_arm' : '';
  const ext = process.platform === 'darwin' ? '' : '.so';
  return path.join(lib, 'zetasql', `remote_server${arm}${ext}`);
}

export async function startZetaSql(): Promise<ZetaService> {
  const port = await freePort();
  const child: ChildProcess = spawn(serverBinary(), ['127.0.0.1', String(port)], { stdio: 'ignore' });
  let exited = false;
  child.once('exit', () => { exited = true; });
  ZetaSQLClient.init(port);
  const client = ZetaSQLClient.getInstance();
  if (!(await client.testConnection())) {
    child.kill('SIGKILL');
    throw new Error(`ZetaSQL local service did not answer on 127.0.0.1:${port}`);
  }
  const api = ZetaSQLClient.API as unknown as Record<string, (req: object, cb: (err: Error | null, res: unknown) => void) => void>;
  const rpc = <T>(method: string, request: object): Promise<T> => new Promise((resolve, reject) => {
    const fn = api[method];
    if (!fn) return reject(new Error(`ZetaSQL service has no method ${method}`));
    fn.call(api, request, (err, res) => (err ? reject(err) : resolve(res as T)));
  });
  const languageOptions = (await rpc<Record<string, unknown>>('getLanguageOptions', { maximumFeatures: true }));
  languageOptions.productMode = 'PRODUCT_EXTERNAL';
  languageOptions.supportedStatementKinds = [];
  return {
    rpc,
    languageOptions,
    stop: () => {
      if (!exited) child.kill('SIGKILL');
      (ZetaSQLClient.API as unknown as { close?: () => void }).close?.();
    },
  };
}
