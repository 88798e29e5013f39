import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/ShelfmarkDb';
import { formatDigestDate } from '../format';
import { libraryStats } from '../stats';
import { BarChart, LineChart } from './Charts';

const weekLabel = (ms: number) => new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

export function StatsView() {
  const stats = useLiveQuery(() => libraryStats(getDb()), []);
  if (!stats) {
    return (
      <section className="page loading" aria-busy="true" aria-label="Stats">
        Counting…
      </section>
    );
  }
  return (
    <section className="page" aria-labelledby="stats-title" data-testid="stats-view">
      <h2 id="stats-title" className="page-title">
        Stats
      </h2>
      <p className="page-sub">
        {stats.totals.papers} papers · {stats.totals.read} read · {stats.totals.unread} unread
      </p>
      <div className="chart-grid-layout">
        <BarChart
          title="Papers read per week"
          unit="read"
          testId="chart-read-per-week"
          points={stats.readPerWeek.map((p) => ({ label: weekLabel(p.weekStart), value: p.value }))}
        />
        <LineChart
          title="Unread backlog over time"
          unit="not yet read"
          testId="chart-backlog"
          points={stats.backlog.map((p) => ({ label: weekLabel(p.weekStart), value: p.value }))}
        />
        <BarChart
          title="Papers imported per digest"
          unit="papers"
          testId="chart-per-digest"
          points={stats.perDigest.map((d) => ({
            label: formatDigestDate(d.date).replace(/ \d{4}$/, ''),
            value: d.count,
          }))}
        />
      </div>
    </section>
  );
}
