// Messages between the page and the triage decision worker (renderer/triage/decisionWorker).
// A decision's read-write transaction runs in the worker, whose event loop is free, so the
// get → put → commit round trips do not wait for the page's render and paint of the next paper.

import type { ShelfmarkDb } from '../db/ShelfmarkDb';
import { type TriageDecision, type TriageStep, writeDecision } from '../db/triage';

export interface DecisionRequest {
  id: number;
  paperId: string;
  decision: TriageDecision;
  /** The decision's time stamp (the key press, page clock). */
  now: number;
}

export type DecisionResponse =
  /**
   * `startedAt` / `committedAt`: when the worker began the transaction and when it had committed,
   * as milliseconds since the epoch (high resolution).
   */
  | { id: number; ok: true; step: TriageStep | null; startedAt: number; committedAt: number }
  | { id: number; ok: false; error: WireError };

/** An error across the worker boundary: its name and message, and those of its cause (Dexie wraps IndexedDB's). */
export interface WireError {
  name: string;
  message: string;
  inner?: { name: string; message: string };
}

export function toWireError(error: unknown): WireError {
  const e = error instanceof Error ? error : new Error(String(error));
  const inner = (e as { inner?: unknown }).inner;
  return inner instanceof Error
    ? { name: e.name, message: e.message, inner: { name: inner.name, message: inner.message } }
    : { name: e.name, message: e.message };
}

/** The error again, with its cause as `inner` (as Dexie gives it), for the page's error messages. */
export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.inner) {
    const inner = new Error(wire.inner.message);
    inner.name = wire.inner.name;
    (error as Error & { inner?: Error }).inner = inner;
  }
  return error;
}

const DECISIONS: readonly TriageDecision[] = ['star', 'keep', 'dismiss'];

/** A request as the worker receives it, or null when it is not one (nothing is written then). */
export function parseDecisionRequest(data: unknown): DecisionRequest | null {
  if (typeof data !== 'object' || data === null) return null;
  const { id, paperId, decision, now } = data as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isInteger(id)) return null;
  if (typeof paperId !== 'string' || paperId === '') return null;
  if (!DECISIONS.includes(decision as TriageDecision)) return null;
  if (typeof now !== 'number' || !Number.isFinite(now)) return null;
  return { id, paperId, decision: decision as TriageDecision, now };
}

/** A response as the page receives it, or null when it is not one. */
export function parseDecisionResponse(data: unknown): DecisionResponse | null {
  if (typeof data !== 'object' || data === null) return null;
  const value = data as Record<string, unknown>;
  if (typeof value.id !== 'number') return null;
  if (value.ok === true) {
    if (typeof value.startedAt !== 'number' || typeof value.committedAt !== 'number') return null;
    const step = value.step as TriageStep | null;
    if (step !== null && (typeof step !== 'object' || typeof step.paperId !== 'string' || !step.after)) return null;
    return { id: value.id, ok: true, step, startedAt: value.startedAt, committedAt: value.committedAt };
  }
  if (value.ok === false && typeof value.error === 'object' && value.error !== null) {
    const { name, message, inner } = value.error as Record<string, unknown>;
    const error: WireError = { name: String(name), message: String(message) };
    if (typeof inner === 'object' && inner !== null) {
      const i = inner as Record<string, unknown>;
      error.inner = { name: String(i.name), message: String(i.message) };
    }
    return { id: value.id, ok: false, error };
  }
  return null;
}

/** High-resolution wall-clock time, comparable between the page and a worker. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Runs one request against `db` (the worker's own connection) and answers it. Requests run
 * one after another in the order they arrived, so decisions commit in key order.
 */
export function createDecisionHandler(db: ShelfmarkDb, reply: (response: DecisionResponse) => void) {
  let queue: Promise<void> = Promise.resolve();
  return (data: unknown): void => {
    const request = parseDecisionRequest(data);
    if (!request) {
      const id = typeof (data as { id?: unknown } | null)?.id === 'number' ? (data as { id: number }).id : -1;
      reply({ id, ok: false, error: { name: 'TypeError', message: 'Not a triage decision request' } });
      return;
    }
    queue = queue.then(async () => {
      try {
        const startedAt = preciseNow();
        const step = await writeDecision(db, request.paperId, request.decision, request.now);
        reply({ id: request.id, ok: true, step, startedAt, committedAt: preciseNow() });
      } catch (error) {
        reply({ id: request.id, ok: false, error: toWireError(error) });
      }
    });
  };
}
