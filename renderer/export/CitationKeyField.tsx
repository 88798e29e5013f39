// The detail pane's citation key: pinned the first time the paper is shown, editable (checked for
// format and uniqueness, with the reason inline), and copyable as a key or a BibTeX entry.

import { useEffect, useId, useState } from 'react';
import type { Paper } from '../../shared/model';
import { pinCitationKey, setCitationKey } from '../db/citationKeys';
import { getDb } from '../db/ShelfmarkDb';
import { reportSaveError, saveErrorMessage } from '../saveErrors';
import { useUiStore } from '../store';
import { copyBibtexEntry, copyCitationKey } from './exportActions';
import './export.css';

export function CitationKeyField({ paper }: { paper: Paper }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputId = useId();
  const errorId = useId();
  const key = paper.citationKey;

  // Shown means pinned: from now on imports, edits and exports keep this key.
  useEffect(() => {
    if (key !== null) return;
    pinCitationKey(getDb(), paper.id).catch((caught: unknown) => reportSaveError(caught, 'the citation key'));
  }, [paper.id, key]);

  const save = async () => {
    setSaving(true);
    try {
      const result = await setCitationKey(getDb(), paper.id, draft);
      if (result.ok) {
        setEditing(false);
        setError(null);
        useUiStore.getState().announce(`Citation key set to ${result.key}`);
      } else {
        setError(result.reason);
      }
    } catch (caught) {
      const failed = saveErrorMessage(caught, 'the citation key');
      setError(failed.message);
      if (failed.storageFull) reportSaveError(caught, 'the citation key');
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="citation-key" data-testid="citation-key-field">
      <h3 className="detail-heading">Citation key</h3>
      {editing ? (
        <form
          className="citation-key-edit"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label htmlFor={inputId} className="sr-only">
            Citation key
          </label>
          <input
            id={inputId}
            className="citation-key-input"
            value={draft}
            autoFocus
            spellCheck={false}
            autoComplete="off"
            maxLength={200}
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            data-testid="citation-key-input"
            onChange={(event) => {
              setDraft(event.target.value);
              setError(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                // Esc cancels the edit here rather than leaving for the list.
                event.preventDefault();
                event.stopPropagation();
                setEditing(false);
                setError(null);
              }
            }}
          />
          <button type="submit" className="button small primary" disabled={saving} data-testid="citation-key-save">
            Save
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => {
              setEditing(false);
              setError(null);
            }}
          >
            Cancel
          </button>
          {error && (
            <p id={errorId} className="inline-error" role="alert" data-testid="citation-key-error">
              {error}
            </p>
          )}
        </form>
      ) : (
        <div className="citation-key-row">
          <code className="citation-key-value" data-testid="citation-key">
            {key ?? '…'}
          </code>
          <button
            type="button"
            className="button small"
            disabled={key === null}
            aria-label="Edit citation key"
            data-testid="citation-key-edit"
            onClick={() => {
              setDraft(key ?? '');
              setEditing(true);
            }}
          >
            Edit
          </button>
          <button
            type="button"
            className="button small"
            data-testid="copy-citation-key"
            onClick={() => void copyCitationKey(paper.id)}
          >
            Copy key
          </button>
          <button
            type="button"
            className="button small"
            data-testid="copy-bibtex"
            onClick={() => void copyBibtexEntry(paper.id)}
          >
            Copy BibTeX
          </button>
        </div>
      )}
    </div>
  );
}
