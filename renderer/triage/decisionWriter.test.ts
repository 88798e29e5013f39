import { afterEach, describe, expect, it, vi } from 'vitest';
import { parsedDigest, parsedPaper } from '../test/papers';
import { importDigest } from '../db/importDigest';
import { type LibraryChange, onLibraryChange } from '../db/libraryEvents';
import { attachLibraryFacts } from '../db/libraryFacts';
import { ShelfmarkDb } from '../db/ShelfmarkDb';
import { digestPaperIds } from '../db/triage';
import { saveErrorMessage } from '../saveErrors';
import {
  createDecisionHandler,
  type DecisionRequest,
  type DecisionResponse,
  fromWireError,
  parseDecisionRequest,
  toWireError,
} from './decisionProtocol';
import { type DecisionWorkerLike, DecisionWriter } from './decisionWriter';

let counter = 0;

/**
 * A library seen through two connections, as in the app: the page's (with its counting
 * middleware, loaded) and the decision worker's own.
 */
async function library() {
  const name = `decisions-${Date.now()}-${counter++}`;
  const page = new ShelfmarkDb(name);
  const facts = attachLibraryFacts(page);
  await importDigest(page, {
    digestId: 'd1',
    fileName: 'a.txt',
    digest: parsedDigest([parsedPaper('A'), parsedPaper('B'), parsedPaper('C')], '2026-03-12'),
    now: 1_000,
  });
  await facts.load();
  const ids = await digestPaperIds(page, 'd1');
  const worker = new ShelfmarkDb(name);
  return { page, facts, worker, ids: ids as [string, string, string] };
}

type Listener = (event: never) => void;

/** A Worker stand-in: messages are cloned and delivered in later tasks, as postMessage does. */
class FakeWorker implements DecisionWorkerLike {
  readonly posted: DecisionRequest[] = [];
  terminated = false;
  private readonly listeners: Record<'message' | 'error', Listener[]> = { message: [], error: [] };
  private readonly handle: ((data: unknown) => void) | null;

  constructor(db: ShelfmarkDb | null) {
    this.handle = db
      ? createDecisionHandler(db, (response: DecisionResponse) =>
          setTimeout(() => this.emit('message', { data: structuredClone(response) })),
        )
      : null;
  }

  postMessage(message: DecisionRequest): void {
    this.posted.push(message);
    const copy = structuredClone(message);
    if (this.handle) setTimeout(() => this.handle!(copy));
  }

  addEventListener(type: 'message' | 'error', listener: Listener): void {
    this.listeners[type].push(listener);
  }

  terminate(): void {
    this.terminated = true;
  }

  emit(type: 'message' | 'error', event: object): void {
    for (const listener of this.listeners[type]) listener(event as never);
  }
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.restoreAllMocks();
});

describe('triage decisions written by the worker', () => {
  it('commits the decision on the worker connection; the page counts it and tells the index', async () => {
    const { page, facts, worker, ids } = await library();
    const fake = new FakeWorker(worker);
    const writer = new DecisionWriter(
      fake,
      () => page,
      () => facts,
    );
    const changes: LibraryChange[] = [];
    cleanups.push(onLibraryChange((change) => changes.push(change)));
    expect(facts.viewCounts()).toMatchObject({ inbox: 3, reading: 0, starred: 0 });

    const before = performance.now();
    const result = await writer.decide(ids[0], 'star', 2_000);
    const after = performance.now();

    expect(fake.posted).toEqual([{ id: 1, paperId: ids[0], decision: 'star', now: 2_000 }]);
    expect(await page.papers.get(ids[0])).toMatchObject({ status: 'reading', starred: 1, updatedAt: 2_000 });
    expect(result.step).toMatchObject({ paperId: ids[0], decision: 'star', before: { status: 'unread', starred: 0 } });
    expect(result.step?.after).toMatchObject({ status: 'reading', starred: 1 });
    // The worker's connection has no counting middleware: only the answer can move the counts.
    expect(facts.viewCounts()).toMatchObject({ inbox: 2, reading: 1, starred: 1 });
    expect(facts.untriagedCounts()?.get('d1')).toBe(2);
    expect(changes).toEqual([{ upserted: [ids[0]] }]);
    // its times are on the page's clock, within the call
    expect(result.startedAt).toBeGreaterThanOrEqual(before - 1);
    expect(result.committedAt).toBeGreaterThanOrEqual(result.startedAt);
    expect(result.committedAt).toBeLessThanOrEqual(after + 1);
  });

  it('decisions sent without waiting commit in the order they were made', async () => {
    const { page, facts, worker, ids } = await library();
    const writer = new DecisionWriter(
      new FakeWorker(worker),
      () => page,
      () => facts,
    );
    const results = await Promise.all([
      writer.decide(ids[0], 'keep', 2_000),
      writer.decide(ids[0], 'dismiss', 3_000),
      writer.decide(ids[1], 'star', 4_000),
    ]);
    // the second decision on A read the row as the first one left it
    expect(results[1].step?.before).toMatchObject({ status: 'reading', updatedAt: 2_000 });
    expect(await page.papers.get(ids[0])).toMatchObject({ status: 'dismissed', updatedAt: 3_000 });
    expect(await page.papers.get(ids[1])).toMatchObject({ status: 'reading', starred: 1 });
    expect(facts.viewCounts()).toMatchObject({ inbox: 1, reading: 1, dismissed: 1, starred: 1 });
  });

  it('a paper deleted meanwhile: nothing is written or counted', async () => {
    const { page, facts, worker, ids } = await library();
    await page.papers.delete(ids[2]);
    const writer = new DecisionWriter(
      new FakeWorker(worker),
      () => page,
      () => facts,
    );
    expect((await writer.decide(ids[2], 'dismiss')).step).toBeNull();
    expect(await page.papers.get(ids[2])).toBeUndefined();
    expect(facts.viewCounts()).toMatchObject({ inbox: 2, dismissed: 0, all: 2 });
  });

  it('a write that fails in the worker rejects with its error; nothing is counted', async () => {
    const { page, facts, worker, ids } = await library();
    worker.close({ disableAutoOpen: true });
    const writer = new DecisionWriter(
      new FakeWorker(worker),
      () => page,
      () => facts,
    );
    await expect(writer.decide(ids[0], 'star')).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    expect(await page.papers.get(ids[0])).toMatchObject({ status: 'unread' });
    expect(facts.viewCounts()).toMatchObject({ inbox: 3, reading: 0 });
  });

  it('a full disk in the worker still reads as a full disk on the page', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const dexieError = Object.assign(new Error('AbortError Transaction aborted'), { name: 'AbortError', inner: quota });
    const wire = structuredClone(toWireError(dexieError));
    expect(saveErrorMessage(fromWireError(wire)).storageFull).toBe(true);
    expect(saveErrorMessage(fromWireError(toWireError(new Error('other')))).storageFull).toBe(false);
  });

  it('a worker that cannot start: decisions are saved from the page, the waiting ones first', async () => {
    const { page, facts, ids } = await library();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const dead = new FakeWorker(null); // takes messages, never answers
    const writer = new DecisionWriter(
      dead,
      () => page,
      () => facts,
    );
    const waiting = writer.decide(ids[0], 'keep', 2_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    dead.emit('error', new Event('error'));
    expect((await waiting).step?.after).toMatchObject({ status: 'reading' });
    expect(dead.terminated).toBe(true);

    await writer.decide(ids[1], 'dismiss', 3_000);
    expect(dead.posted).toHaveLength(1); // the second one never went to the worker
    expect(await page.papers.get(ids[1])).toMatchObject({ status: 'dismissed' });
    // counted by the page's own middleware
    expect(facts.viewCounts()).toMatchObject({ inbox: 1, reading: 1, dismissed: 1 });
  });

  it('no worker at all (tests, old engines): the page writes', async () => {
    const { page, facts, ids } = await library();
    const writer = new DecisionWriter(
      null,
      () => page,
      () => facts,
    );
    const result = await writer.decide(ids[0], 'dismiss');
    expect(result.step?.after.status).toBe('dismissed');
    expect(facts.viewCounts()).toMatchObject({ inbox: 2, dismissed: 1 });
  });
});

describe('the decision messages', () => {
  it('the worker refuses anything that is not a decision, and says so', async () => {
    for (const junk of [
      null,
      'star',
      { id: 1, paperId: '', decision: 'star', now: 1 },
      { id: 1, paperId: 'p', decision: 'delete', now: 1 },
      { id: 1.5, paperId: 'p', decision: 'star', now: 1 },
      { id: 1, paperId: 'p', decision: 'star', now: Number.NaN },
    ]) {
      expect(parseDecisionRequest(junk)).toBeNull();
    }
    const { worker, page, ids } = await library();
    const replies: DecisionResponse[] = [];
    const handle = createDecisionHandler(worker, (response) => replies.push(response));
    handle({ id: 7, paperId: ids[0], decision: 'archive', now: 1 });
    expect(replies).toEqual([
      { id: 7, ok: false, error: { name: 'TypeError', message: 'Not a triage decision request' } },
    ]);
    expect(await page.papers.get(ids[0])).toMatchObject({ status: 'unread' });
  });

  it('an answer the page did not ask for is logged and ignored', async () => {
    const { page, facts, worker, ids } = await library();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const fake = new FakeWorker(worker);
    const writer = new DecisionWriter(
      fake,
      () => page,
      () => facts,
    );
    fake.emit('message', { data: { id: 99, ok: true, step: null, startedAt: 1, committedAt: 2 } });
    fake.emit('message', { data: { nonsense: true } });
    expect(error).toHaveBeenCalledTimes(2);
    expect((await writer.decide(ids[0], 'keep')).step?.after.status).toBe('reading');
  });
});
