// Where the page sends triage decisions: to the decision worker (renderer/triage/decisionWorker),
// or, where there is no worker (or it could not start), to the page's own connection.
//
// Why a worker: a decision is a read-write transaction that reads the row, then writes it. On
// the page, each of its steps waits for the page's event loop, which is busy rendering and
// painting the next paper at that moment (a trace at 100,000 papers: the row's read answered
// 15–25 ms after it was asked, for a transaction that takes 4–5 ms on its own). In a worker the
// steps follow each other at once. Dexie tells the page's live queries about the worker's writes;
// the answer carries the row as written, which the page's counts take in here.

import { getDb, getLibraryFacts, type ShelfmarkDb } from '../db/ShelfmarkDb';
import { emitLibraryChange } from '../db/libraryEvents';
import type { LibraryFacts } from '../db/libraryFacts';
import { decide, type TriageDecision, type TriageStep } from '../db/triage';
import { type DecisionRequest, fromWireError, parseDecisionResponse } from './decisionProtocol';

export interface CommittedDecision {
  /** What the decision changed, or null when the paper was no longer in the library. */
  step: TriageStep | null;
  /** When the transaction began and when it had committed (page clock, as `performance.now()`). */
  startedAt: number;
  committedAt: number;
}

/** What the writer needs of a Worker (tests pass their own). */
export interface DecisionWorkerLike {
  postMessage(message: DecisionRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

interface Pending {
  request: DecisionRequest;
  resolve(result: CommittedDecision): void;
  reject(error: unknown): void;
}

export class DecisionWriter {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private worker: DecisionWorkerLike | null;

  constructor(
    worker: DecisionWorkerLike | null,
    private readonly db: () => ShelfmarkDb = getDb,
    private readonly facts: () => LibraryFacts = getLibraryFacts,
  ) {
    this.worker = worker;
    if (!worker) return;
    worker.addEventListener('message', (event) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      // The worker could not start (or broke): decisions go to the page's connection from now
      // on, the ones still waiting included. A worker that fails to load has written nothing.
      console.error('The triage worker stopped; decisions are saved from the page', event);
      this.worker = null;
      worker.terminate();
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const { request, resolve, reject } of waiting) {
        this.onPage(request).then(resolve, reject);
      }
    });
  }

  /** Applies `decision` to the paper; resolves once it has committed. */
  decide(paperId: string, decision: TriageDecision, now = Date.now()): Promise<CommittedDecision> {
    const request: DecisionRequest = { id: this.nextId++, paperId, decision, now };
    const worker = this.worker;
    if (!worker) return this.onPage(request);
    return new Promise<CommittedDecision>((resolve, reject) => {
      this.pending.set(request.id, { request, resolve, reject });
      worker.postMessage(request);
    });
  }

  private async onPage(request: DecisionRequest): Promise<CommittedDecision> {
    // the page's own connection: its middleware counts the write, decide() tells the index
    const startedAt = performance.now();
    const step = await decide(this.db(), request.paperId, request.decision, request.now);
    return { step, startedAt, committedAt: performance.now() };
  }

  private receive(data: unknown): void {
    const response = parseDecisionResponse(data);
    const pending = response ? this.pending.get(response.id) : undefined;
    if (!response || !pending) {
      console.error('Unexpected message from the triage worker', data);
      return;
    }
    this.pending.delete(response.id);
    if (!response.ok) {
      pending.reject(fromWireError(response.error));
      return;
    }
    const { step } = response;
    if (step) {
      // the worker's connection has no counting middleware: count the row as it was written
      this.facts().recordCommitted(step.paperId, step.after);
      emitLibraryChange({ upserted: [step.paperId] });
    }
    pending.resolve({
      step,
      startedAt: response.startedAt - performance.timeOrigin,
      committedAt: response.committedAt - performance.timeOrigin,
    });
  }
}

let shared: DecisionWriter | null = null;

/** The app's writer; the worker starts (and opens its connection) on first use. */
export function getDecisionWriter(): DecisionWriter {
  if (!shared) {
    let worker: DecisionWorkerLike | null = null;
    if (typeof Worker !== 'undefined') {
      try {
        worker = new Worker(new URL('./decisionWorker.ts', import.meta.url), {
          type: 'module',
          name: 'triage decisions',
        }) as DecisionWorkerLike;
      } catch (error) {
        console.error('The triage worker could not start; decisions are saved from the page', error);
      }
    }
    shared = new DecisionWriter(worker);
  }
  return shared;
}
