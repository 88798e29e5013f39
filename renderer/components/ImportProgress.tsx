// The progress indicator for imports: main reading and parsing files, then the renderer writing
// each one to the library. Announced politely; hidden when nothing is happening.

import { useEffect } from 'react';
import { api } from '../api';
import { setMainProgress, useImportProgress } from '../importProgress';
import './importEngine.css';

export function ImportProgress() {
  const { main, committing } = useImportProgress();

  useEffect(() => api().on('import:progress', setMainProgress), []);

  if (main.reading === 0 && !committing) return null;
  let text: string;
  let value: number | undefined;
  let max: number | undefined;
  if (committing) {
    text =
      `Saving ${committing.fileName}` +
      (committing.papers > 0 ? ` (${committing.papers.toLocaleString()} papers)` : '') +
      (committing.total > 1 ? ` — file ${committing.index} of ${committing.total}` : '');
    if (committing.total > 1) {
      value = committing.index - 1;
      max = committing.total;
    }
  } else {
    text = main.reading === 1 && main.fileName ? `Reading ${main.fileName}…` : `Reading ${main.reading} files…`;
  }
  return (
    <div className="ie-progress" role="status" aria-live="polite" data-testid="import-progress">
      <progress value={value} max={max} aria-label="Import progress" />
      <span>{text}</span>
    </div>
  );
}
