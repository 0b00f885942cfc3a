// A synchronous facade over an async worker (the "synchronous worker" pattern): Apps Script code
// is synchronous, DuckDB's node API is not. We post a request, block on a shared flag with
// Atomics.wait, then drain the answer with receiveMessageOnPort. Cost: one structured clone each
// way plus a thread wake-up (measured in test/local/runtime/bigquery-sync.test.ts).
import * as path from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { WorkerRequest, WorkerResponse } from './types';

export class WorkerFailure extends Error {
  constructor(message: string, readonly workerStack?: string) {
    super(message);
    this.name = 'WorkerFailure';
  }
}

export class SyncWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;
  private closed = false;

  constructor(private readonly timeoutMs = 15 * 60_000) {
    const signal = new SharedArrayBuffer(4);
    this.flag = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(path.join(__dirname, 'worker-entry.cjs'), {
      workerData: { signal, port: port2 },
      transferList: [port2],
    });
    // The worker must never keep the process alive on its own.
    this.worker.unref();
    this.port.unref();
  }

  /** Sends one request and blocks until the worker answers; worker errors are rethrown. */
  call<T>(req: WorkerRequest): T {
    if (this.closed) throw new WorkerFailure('the BigQuery stand-in is closed');
    Atomics.store(this.flag, 0, 0);
    this.worker.postMessage(req);
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const state = Atomics.wait(this.flag, 0, 0, Math.min(1000, Math.max(1, deadline - Date.now())));
      if (state !== 'timed-out') break;
      if (Date.now() >= deadline) throw new WorkerFailure(`DuckDB worker did not answer within ${this.timeoutMs} ms (${req.op})`);
    }
    const msg = receiveMessageOnPort(this.port);
    if (!msg) throw new WorkerFailure(`DuckDB worker signalled without an answer (${req.op})`);
    const res = msg.message as WorkerResponse;
    if (!res.ok) throw new WorkerFailure(res.message, res.stack);
    return res.value as T;
  }

  close(): void {
    if (this.closed) return;
    try {
      this.call({ op: 'close' });
    } finally {
      this.closed = true;
      void this.worker.terminate();
      this.port.close();
    }
  }
}
