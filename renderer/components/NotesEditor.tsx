import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { getDb } from '../db/ShelfmarkDb';
import { setNotes } from '../db/paperRepository';
import { reportSaveError } from '../saveErrors';
// The Markdown renderer loads with the first note shown, not with the app.
const MarkdownPreview = lazy(() => import('./MarkdownPreview').then((m) => ({ default: m.MarkdownPreview })));

const SAVE_DELAY_MS = 400;
/** Every keystroke also lands here synchronously, so a quit mid-save loses nothing. */
const JOURNAL_KEY = 'shelfmark-note-journal';

interface JournalEntry {
  id: string;
  text: string;
}

function readJournal(): JournalEntry | null {
  try {
    const raw = localStorage.getItem(JOURNAL_KEY);
    const entry = raw ? (JSON.parse(raw) as JournalEntry) : null;
    return entry && typeof entry.id === 'string' && typeof entry.text === 'string' ? entry : null;
  } catch {
    return null;
  }
}

function writeJournal(entry: JournalEntry | null): void {
  try {
    if (entry) localStorage.setItem(JOURNAL_KEY, JSON.stringify(entry));
    else localStorage.removeItem(JOURNAL_KEY);
  } catch {
    // storage full or unavailable: the debounced save still runs
  }
}

/** On start: a note typed before the last quit that may not have reached the database is saved now. */
export async function recoverNoteJournal(): Promise<void> {
  const entry = readJournal();
  if (!entry) return;
  const paper = await getDb().papers.get(entry.id);
  if (paper && paper.notes !== entry.text) await setNotes(getDb(), entry.id, entry.text);
  if (readJournal()?.text === entry.text) writeJournal(null);
}

async function save(id: string, text: string): Promise<void> {
  try {
    await setNotes(getDb(), id, text);
    const journal = readJournal();
    if (journal && journal.id === id && journal.text === text) writeJournal(null);
  } catch (error) {
    reportSaveError(error, 'your note');
  }
}

/**
 * Markdown notes with a live preview. The draft is the editor's own state: it autosaves after a
 * pause, and is flushed on blur, on switching papers (unmount) and on pagehide/beforeunload.
 */
export function NotesEditor({
  paperId,
  saved,
  onSave,
}: {
  paperId: string;
  saved: string;
  /** Told the text each time it is handed to the database (the triage view keeps its copy of the row current). */
  onSave?: (text: string) => void;
}) {
  const [draft, setDraft] = useState(saved);
  const dirty = useRef<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const onSaveRef = useRef(onSave);
  useEffect(() => {
    onSaveRef.current = onSave;
  });

  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    const text = dirty.current;
    if (text === null) return;
    dirty.current = null;
    onSaveRef.current?.(text);
    void save(paperId, text);
  }, [paperId]);

  // A change from elsewhere (undo, another window) shows up when there is nothing unsaved.
  useEffect(() => {
    if (dirty.current === null) setDraft(saved);
  }, [saved]);

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      flush(); // switching papers or closing the pane
    };
  }, [flush]);

  return (
    <div className="notes">
      <label className="detail-heading" htmlFor="notes-input">
        Notes <span className="notes-hint">Markdown · saved as you type</span>
      </label>
      <textarea
        id="notes-input"
        className="notes-input"
        value={draft}
        placeholder="What is this paper's idea? What would you try next?"
        rows={Math.min(16, Math.max(4, draft.split('\n').length + 1))}
        data-testid="notes-input"
        onChange={(event) => {
          const text = event.target.value;
          setDraft(text);
          dirty.current = text;
          writeJournal({ id: paperId, text });
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(flush, SAVE_DELAY_MS);
        }}
        onBlur={flush}
      />
      {draft.trim() && (
        <section aria-label="Notes preview" className="notes-preview">
          <Suspense fallback={<p className="muted">{draft}</p>}>
            <MarkdownPreview source={draft} />
          </Suspense>
        </section>
      )}
    </div>
  );
}
