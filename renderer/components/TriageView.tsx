// Triage of one digest: one paper at a time, one key per decision. The next paper shows at once
// (the digest's rows are read once when the view opens) while the decision commits in its own
// read-write transaction, run by the decision worker (renderer/triage/decisionWriter) so that it
// does not wait for this page to render; decisions commit one after another in key order, and a
// decision that fails to commit brings its paper back on screen with the error.

import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Paper } from '../../shared/model';
import { getDb } from '../db/ShelfmarkDb';
import {
  digestPaperIds,
  isUntriaged,
  newestDigestToTriage,
  type TriageDecision,
  type TriageStep,
  undoStep,
} from '../db/triage';
import { formatDigestDate } from '../format';
import { reportSaveError } from '../saveErrors';
import { useUiStore } from '../store';
import { getDecisionWriter } from '../triage/decisionWriter';
import { isTypingTarget } from '../triage/keys';
import { useSettled } from '../useSettled';
import { ExternalLink, LinkedText } from './LinkedText';
import { NotesEditor } from './NotesEditor';
import '../triage/triage.css';

interface Session {
  digestId: string;
  ids: string[];
  rows: Map<string, Paper>;
  /** Papers already triaged when the view opened: the walk passes over them. */
  skip: Set<string>;
  index: number;
  steps: TriageStep[];
  undecided: number;
  startedAt: number;
  finishedAt: number | null;
}

type Action =
  | { type: 'load'; session: Session }
  /** The key was pressed: show the next paper while the decision commits. */
  | { type: 'deciding' }
  | { type: 'decided'; step: TriageStep }
  /** The decision did not commit: back to its paper. */
  | { type: 'failed'; paperId: string }
  | { type: 'passed' }
  | { type: 'back' }
  | { type: 'undone'; step: TriageStep; row: Paper | null }
  /** A note typed in the view was handed to the database. */
  | { type: 'noted'; paperId: string; notes: string };

function nextIndex(s: Session, from: number): number {
  let i = from;
  while (i < s.ids.length && s.skip.has(s.ids[i]!)) i++;
  return i;
}

function advance(s: Session, index: number): Session {
  const next = nextIndex(s, index);
  return { ...s, index: next, finishedAt: next >= s.ids.length ? (s.finishedAt ?? Date.now()) : null };
}

function reducer(state: Session | null, action: Action): Session | null {
  if (action.type === 'load') return action.session;
  if (!state) return state;
  switch (action.type) {
    case 'deciding':
      return state.index >= state.ids.length ? state : advance(state, state.index + 1);
    case 'decided': {
      const rows = new Map(state.rows).set(action.step.paperId, action.step.after);
      return { ...state, rows, steps: [...state.steps, action.step] };
    }
    case 'failed': {
      const at = state.ids.indexOf(action.paperId);
      return at < 0 ? state : { ...state, index: at, finishedAt: null };
    }
    case 'passed':
      return state.index >= state.ids.length
        ? state
        : advance({ ...state, undecided: state.undecided + 1 }, state.index + 1);
    case 'back': {
      let i = Math.min(state.index, state.ids.length) - 1;
      while (i >= 0 && state.skip.has(state.ids[i]!)) i--;
      return i < 0 ? state : { ...state, index: i, finishedAt: null };
    }
    case 'noted': {
      const row = state.rows.get(action.paperId);
      if (!row || row.notes === action.notes) return state;
      return { ...state, rows: new Map(state.rows).set(action.paperId, { ...row, notes: action.notes }) };
    }
    case 'undone': {
      const rows = new Map(state.rows);
      if (action.row) rows.set(action.step.paperId, action.row);
      const at = state.ids.indexOf(action.step.paperId);
      return {
        ...state,
        rows,
        steps: state.steps.slice(0, -1),
        index: at >= 0 ? at : state.index,
        finishedAt: null,
      };
    }
  }
}

async function loadSession(digestId: string): Promise<Session> {
  const db = getDb();
  const ids = await digestPaperIds(db, digestId);
  const papers = await db.papers.bulkGet(ids);
  const rows = new Map<string, Paper>();
  const skip = new Set<string>();
  papers.forEach((paper, i) => {
    if (paper) rows.set(paper.id, paper);
    if (!paper || !isUntriaged(paper)) skip.add(ids[i]!);
  });
  // A digest with nothing left to triage is walked in full (to review or change decisions).
  const walk = skip.size === ids.length ? new Set(ids.filter((id) => !rows.has(id))) : skip;
  const session: Session = {
    digestId,
    ids,
    rows,
    skip: walk,
    index: 0,
    steps: [],
    undecided: 0,
    startedAt: Date.now(),
    finishedAt: null,
  };
  return advance(session, 0);
}

/** How long a paper stays on screen before its row is read live. */
const LIVE_READ_DELAY_MS = 300;

/** The decision a key makes, if any. */
const DECISION_KEYS: Record<string, TriageDecision> = { s: 'star', r: 'keep', x: 'dismiss' };

export function TriageView({ digestId }: { digestId: string }) {
  const [session, dispatch] = useReducer(reducer, null);
  const digest = useLiveQuery(() => getDb().digests.get(digestId), [digestId]);
  const rootRef = useRef<HTMLElement>(null);
  const sessionRef = useRef(session);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const pendingMeasure = useRef<number | null>(null);
  useEffect(() => {
    sessionRef.current = session;
  });

  useEffect(() => {
    let cancelled = false;
    getDecisionWriter(); // its worker opens its connection while the digest loads
    void loadSession(digestId).then((loaded) => {
      if (!cancelled) dispatch({ type: 'load', session: loaded });
    });
    rootRef.current?.focus();
    return () => {
      cancelled = true;
    };
  }, [digestId]);

  const currentId = session && session.index < session.ids.length ? session.ids[session.index]! : null;
  // The live row (edits elsewhere), else the one read ahead, which the view keeps current itself
  // (decisions, undos, notes typed here). The live read starts once the paper has been on screen
  // for a moment: while keys come quickly, a read per paper would hold back the next decision's
  // write, which IndexedDB runs after every read-only transaction started before it.
  const settledId = useSettled(currentId, LIVE_READ_DELAY_MS, null);
  const live = useLiveQuery(
    async () => ({ id: settledId, paper: settledId ? await getDb().papers.get(settledId) : undefined }),
    [settledId],
  );
  const paper = currentId
    ? ((live?.id === currentId ? live.paper : undefined) ?? session?.rows.get(currentId))
    : undefined;

  // Key press → the next paper on screen and the decision committed (whichever comes last): one
  // user-timing measure per key.
  const measureRef = useRef<{
    started: number;
    painted: number | null;
    committed: number | null;
    /** When the transaction began, and when the page heard it had committed. */
    writing?: number;
    heard?: number;
  } | null>(null);
  const finishMeasure = useCallback(() => {
    const m = measureRef.current;
    if (!m || m.painted === null || m.committed === null) return;
    measureRef.current = null;
    performance.measure('triage-decision', {
      start: m.started,
      end: Math.max(m.painted, m.committed),
      detail: {
        painted: m.painted - m.started,
        committed: m.committed - m.started,
        writing: m.writing === undefined ? undefined : m.writing - m.started,
        heard: m.heard === undefined ? undefined : m.heard - m.started,
      },
    });
  }, []);
  useEffect(() => {
    const started = pendingMeasure.current;
    if (started === null) return;
    pendingMeasure.current = null;
    requestAnimationFrame(() => {
      const m = measureRef.current;
      if (m && m.started === started) {
        m.painted = performance.now();
        finishMeasure();
      } else {
        performance.measure('triage-decision', { start: started, end: performance.now() });
      }
    });
  }, [session?.index, session?.finishedAt, finishMeasure]);

  /** Decisions run one after another, in key order, each after the previous one committed. */
  const enqueue = useCallback((work: () => Promise<void>) => {
    chain.current = chain.current.then(work).catch((error: unknown) => {
      reportSaveError(error);
    });
  }, []);

  /** Undos waiting for their turn: keys pressed meanwhile wait too, so they act in key order. */
  const undosPending = useRef(0);

  /** Shows the next paper now, unless an undo is still to run (then in turn). */
  const step = useCallback(
    (move: () => void) => {
      if (undosPending.current > 0) enqueue(async () => move());
      else move();
    },
    [enqueue],
  );

  const decideCurrent = useCallback(
    (decision: TriageDecision, started = performance.now()) =>
      step(() => {
        const s = sessionRef.current;
        if (!s || s.index >= s.ids.length) return;
        const paperId = s.ids[s.index]!;
        pendingMeasure.current = started;
        measureRef.current = { started, painted: null, committed: null };
        // The write starts now, in the decision worker, before the next paper is rendered; the
        // worker commits decisions in key order. What follows it (the step for undo, the
        // announcement) runs in key order on the page's chain, so an undo waits for it.
        const committing = getDecisionWriter().decide(paperId, decision);
        enqueue(async () => {
          let done: TriageStep | null;
          try {
            const result = await committing;
            done = result.step;
            if (measureRef.current?.started === started) {
              measureRef.current.committed = result.committedAt;
              measureRef.current.writing = result.startedAt;
              measureRef.current.heard = performance.now();
              finishMeasure();
            }
          } catch (error) {
            measureRef.current = null;
            dispatch({ type: 'failed', paperId });
            sessionRef.current = reducer(sessionRef.current, { type: 'failed', paperId });
            throw error;
          }
          if (!done) return; // the paper was deleted meanwhile
          dispatch({ type: 'decided', step: done });
          sessionRef.current = reducer(sessionRef.current, { type: 'decided', step: done });
          useUiStore.getState().announce(ANNOUNCE[decision]);
        });
        dispatch({ type: 'deciding' });
        sessionRef.current = reducer(s, { type: 'deciding' });
      }),
    [enqueue, finishMeasure, step],
  );

  const pass = useCallback(
    (started = performance.now()) =>
      step(() => {
        const s = sessionRef.current;
        if (!s || s.index >= s.ids.length) return;
        pendingMeasure.current = started;
        dispatch({ type: 'passed' });
        sessionRef.current = reducer(s, { type: 'passed' });
      }),
    [step],
  );

  const undo = useCallback(() => {
    undosPending.current++;
    enqueue(async () => {
      try {
        const s = sessionRef.current;
        const last = s?.steps[s.steps.length - 1];
        if (!s || !last) {
          useUiStore.getState().announce('Nothing to undo');
          return;
        }
        const row = await undoStep(getDb(), last);
        dispatch({ type: 'undone', step: last, row });
        sessionRef.current = reducer(s, { type: 'undone', step: last, row });
        useUiStore.getState().announce(`Undid: ${ANNOUNCE[last.decision].toLowerCase()}`);
      } finally {
        undosPending.current--;
      }
    });
  }, [enqueue]);

  const back = useCallback(
    () =>
      step(() => {
        dispatch({ type: 'back' });
        sessionRef.current = reducer(sessionRef.current, { type: 'back' });
      }),
    [step],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || useUiStore.getState().shortcutsOpen) return;
      const target = event.target;
      if (isTypingTarget(target)) {
        if (event.key === 'Escape' && target instanceof HTMLElement && target.closest('.triage')) {
          event.preventDefault();
          event.stopPropagation();
          target.blur();
          rootRef.current?.focus();
        }
        return;
      }
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key;
      let handled = true;
      if (mod && !event.altKey && !event.shiftKey && key.toLowerCase() === 'z') undo();
      else if (mod || event.altKey) handled = false;
      else if (DECISION_KEYS[key]) decideCurrent(DECISION_KEYS[key], event.timeStamp);
      else if (key === ' ' || key === 'ArrowRight') {
        if (target instanceof HTMLButtonElement && key === ' ') handled = false;
        else pass(event.timeStamp);
      } else if (key === 'ArrowLeft') back();
      else if (key === 'u') undo();
      else if (key === 'n') document.getElementById('notes-input')?.focus();
      else if (key === 'Escape') useUiStore.getState().setView(`digest:${digestId}`);
      else handled = false;
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [decideCurrent, pass, undo, back, digestId]);

  const noteSaved = useCallback((paperId: string, notes: string) => dispatch({ type: 'noted', paperId, notes }), []);

  const total = session?.ids.length ?? digest?.paperCount ?? 0;
  const position = session ? Math.min(session.index + 1, total) : 0;
  const done = session !== null && session.index >= session.ids.length;
  return (
    <section ref={rootRef} className="triage" aria-labelledby="triage-heading" tabIndex={-1} data-testid="triage-view">
      <header className="triage-header">
        <h2 id="triage-heading" className="triage-heading">
          Triage · digest of {formatDigestDate(digest?.date)}
        </h2>
        <button
          type="button"
          className="button small ghost"
          onClick={() => useUiStore.getState().setView(`digest:${digestId}`)}
          aria-keyshortcuts="Escape"
        >
          Show as list
        </button>
      </header>
      <div className="triage-progress">
        <div
          className="triage-bar"
          role="progressbar"
          aria-label="Papers in this digest"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={done ? total : position}
          aria-valuetext={done ? `All ${total} papers` : `${position} of ${total}`}
          data-testid="triage-progress"
        >
          <div
            className="triage-bar-fill"
            style={{ transform: `scaleX(${total ? (done ? total : position) / total : 0})` }}
          />
        </div>
        <span className="triage-count" data-testid="triage-count">
          {done ? `${total} of ${total}` : `${position} of ${total}`}
        </span>
      </div>
      {session === null ? (
        <p className="triage-loading" aria-busy="true">
          Opening the digest…
        </p>
      ) : done ? (
        <TriageSummary session={session} onUndo={undo} />
      ) : paper ? (
        <TriageCard
          key={paper.id}
          paper={paper}
          onNoteSaved={noteSaved}
          onDecide={decideCurrent}
          onPass={pass}
          onUndo={undo}
          canUndo={session.steps.length > 0}
        />
      ) : (
        <p className="triage-loading">This paper is no longer in the library.</p>
      )}
    </section>
  );
}

const ANNOUNCE: Record<TriageDecision, string> = {
  star: 'Starred, kept in Reading',
  keep: 'Kept for later in Reading',
  dismiss: 'Dismissed',
};

const STATE_LABEL: Record<Paper['status'], string> = {
  unread: 'Not triaged yet',
  reading: 'In Reading',
  read: 'Read',
  dismissed: 'Dismissed',
};

interface CardProps {
  paper: Paper;
  onNoteSaved(paperId: string, notes: string): void;
  onDecide(decision: TriageDecision): void;
  onPass(): void;
  onUndo(): void;
  canUndo: boolean;
}

/**
 * One paper. Memoized: a decision that commits re-renders the view, and the card on screen (a
 * later paper) need not render again for it.
 */
const TriageCard = memo(function TriageCard({ paper, onNoteSaved, onDecide, onPass, onUndo, canUndo }: CardProps) {
  const arxivLinks = paper.arxivId
    ? [`https://arxiv.org/abs/${paper.arxivId}`, `https://huggingface.co/papers/${paper.arxivId}`]
    : [];
  const links = [...new Set([...paper.links, ...arxivLinks])];
  return (
    <article className="triage-card" aria-labelledby="triage-title" data-testid="triage-card" data-paper-id={paper.id}>
      <p className="triage-state" data-testid="triage-state" data-status={paper.status}>
        {STATE_LABEL[paper.status]}
        {paper.starred === 1 && <span className="triage-star"> · ★ Starred</span>}
      </p>
      <h3 id="triage-title" className="triage-title" data-testid="triage-title">
        {paper.title}
      </h3>
      {paper.authors.length > 0 && <p className="triage-authors">{paper.authors.join(', ')}</p>}
      {paper.arxivId && <p className="triage-meta">arXiv:{paper.arxivId}</p>}
      <div className="triage-actions" role="toolbar" aria-label="Decision">
        <button
          type="button"
          className="button triage-action star"
          aria-keyshortcuts="s"
          onClick={() => onDecide('star')}
          data-testid="triage-star"
        >
          <kbd>s</kbd> ★ Star and keep
        </button>
        <button
          type="button"
          className="button triage-action"
          aria-keyshortcuts="r"
          onClick={() => onDecide('keep')}
          data-testid="triage-keep"
        >
          <kbd>r</kbd> Keep for later
        </button>
        <button
          type="button"
          className="button triage-action dismiss"
          aria-keyshortcuts="x"
          onClick={() => onDecide('dismiss')}
          data-testid="triage-dismiss"
        >
          <kbd>x</kbd> Dismiss
        </button>
        <button
          type="button"
          className="button triage-action ghost"
          aria-keyshortcuts="Space ArrowRight"
          onClick={() => onPass()}
          data-testid="triage-skip"
        >
          <kbd>space</kbd> Undecided
        </button>
        <button
          type="button"
          className="button triage-action ghost"
          aria-keyshortcuts="u Control+Z"
          onClick={() => onUndo()}
          disabled={!canUndo}
          data-testid="triage-undo"
        >
          <kbd>u</kbd> Undo
        </button>
      </div>
      <div className="triage-abstract" data-testid="triage-abstract">
        {paper.abstract ? <LinkedText text={paper.abstract} /> : <em>No abstract in the digest.</em>}
      </div>
      {links.length > 0 && (
        <ul className="triage-links" aria-label="Links">
          {links.map((url) => (
            <li key={url}>
              <ExternalLink url={url}>{url}</ExternalLink>
            </li>
          ))}
        </ul>
      )}
      <div className="triage-notes">
        <NotesEditor paperId={paper.id} saved={paper.notes} onSave={(notes) => onNoteSaved(paper.id, notes)} />
      </div>
    </article>
  );
});

function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

function TriageSummary({ session, onUndo }: { session: Session; onUndo(): void }) {
  const [next, setNext] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    void newestDigestToTriage(getDb(), session.digestId).then((id) => {
      if (!cancelled) setNext(id);
    });
    return () => {
      cancelled = true;
    };
  }, [session.digestId]);
  const counts = useMemo(() => {
    const applied = new Map<string, TriageStep>();
    for (const step of session.steps) applied.set(step.paperId, step);
    const all = [...applied.values()];
    return {
      kept: all.filter((s) => s.decision !== 'dismiss').length,
      starred: all.filter((s) => s.decision === 'star').length,
      dismissed: all.filter((s) => s.decision === 'dismiss').length,
    };
  }, [session.steps]);
  const setView = useUiStore((s) => s.setView);
  const nextRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (next) nextRef.current?.focus();
  }, [next]);
  return (
    <section className="triage-summary" aria-labelledby="triage-done" data-testid="triage-summary">
      <h3 id="triage-done" className="triage-title">
        Digest triaged
      </h3>
      <dl className="triage-stats">
        <div>
          <dt>Kept</dt>
          <dd data-testid="summary-kept">{counts.kept}</dd>
        </div>
        <div>
          <dt>Starred</dt>
          <dd data-testid="summary-starred">{counts.starred}</dd>
        </div>
        <div>
          <dt>Dismissed</dt>
          <dd data-testid="summary-dismissed">{counts.dismissed}</dd>
        </div>
        <div>
          <dt>Time taken</dt>
          <dd data-testid="summary-time">
            {formatDuration((session.finishedAt ?? session.startedAt) - session.startedAt)}
          </dd>
        </div>
      </dl>
      {session.undecided > 0 && (
        <p className="muted">{session.undecided} left undecided: they stay in the Inbox and the digest stays open.</p>
      )}
      <div className="triage-summary-actions">
        {next ? (
          <button
            ref={nextRef}
            type="button"
            className="button primary"
            onClick={() => setView(`triage:${next}`)}
            data-testid="triage-next-digest"
          >
            Next digest →
          </button>
        ) : (
          next === null && <p className="muted">No other digest has papers to triage.</p>
        )}
        <button type="button" className="button" onClick={() => setView('reading')}>
          Open Reading
        </button>
        <button type="button" className="button ghost" onClick={onUndo} disabled={session.steps.length === 0}>
          <kbd>u</kbd> Undo last
        </button>
      </div>
    </section>
  );
}
