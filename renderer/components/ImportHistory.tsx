import { useDigests } from '../db/queries';
import { formatDateTime, formatDigestDate } from '../format';
import { useUiStore } from '../store';

/** Every imported file, newest digest first. */
export function ImportHistory() {
  const digests = useDigests();
  const setView = useUiStore((s) => s.setView);
  return (
    <section className="page" aria-labelledby="history-title" data-testid="import-history">
      <h2 id="history-title" className="page-title">
        Import history
      </h2>
      {digests === undefined ? (
        <p className="loading" aria-busy="true">
          Loading…
        </p>
      ) : digests.length === 0 ? (
        <p className="page-sub">Nothing imported yet.</p>
      ) : (
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Digest date</th>
              <th scope="col">Imported</th>
              <th scope="col">Papers</th>
            </tr>
          </thead>
          <tbody>
            {digests.map((d) => (
              <tr key={d.id}>
                <td>
                  <button type="button" className="link-button" onClick={() => setView(`digest:${d.id}`)}>
                    {d.fileName}
                  </button>
                </td>
                <td>{formatDigestDate(d.date)}</td>
                <td>{formatDateTime(d.importedAt)}</td>
                <td className="num">
                  {d.papersInLibrary}
                  {d.papersInLibrary !== d.paperCount && <span className="muted"> of {d.paperCount}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
