// Small SVG charts drawn with React elements (no library, no inline <style>): each comes with
// its numbers as a table for screen readers.

export interface ChartPoint {
  label: string;
  value: number;
}

const WIDTH = 560;
const HEIGHT = 180;
const PAD = { top: 12, right: 12, bottom: 28, left: 36 };

function scale(points: ChartPoint[]) {
  const max = Math.max(1, ...points.map((p) => p.value));
  const nice = max <= 5 ? 5 : Math.ceil(max / 5) * 5;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  return {
    nice,
    innerW,
    innerH,
    y: (v: number) => PAD.top + innerH - (v / nice) * innerH,
  };
}

function Axes({ nice, innerW, y }: { nice: number; innerW: number; y(v: number): number }) {
  const ticks = [0, nice / 2, nice];
  return (
    <g className="chart-axes">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={PAD.left + innerW} y1={y(t)} y2={y(t)} className="chart-grid" />
          <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="chart-tick">
            {Math.round(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

function DataTable({ title, points, unit }: { title: string; points: ChartPoint[]; unit: string }) {
  return (
    <table className="sr-only">
      <caption>{title}</caption>
      <tbody>
        {points.map((p, i) => (
          <tr key={i}>
            <th scope="row">{p.label}</th>
            <td>
              {p.value} {unit}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BarChart({
  title,
  points,
  unit,
  testId,
}: {
  title: string;
  points: ChartPoint[];
  unit: string;
  testId?: string;
}) {
  const { nice, innerW, innerH, y } = scale(points);
  const slot = innerW / Math.max(1, points.length);
  const labelEvery = Math.ceil(points.length / 8);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} className="chart-svg">
        <Axes nice={nice} innerW={innerW} y={y} />
        {points.map((p, i) => (
          <g key={i}>
            <rect
              x={PAD.left + i * slot + slot * 0.15}
              y={y(p.value)}
              width={slot * 0.7}
              height={Math.max(0, PAD.top + innerH - y(p.value))}
              rx={2}
              className="chart-bar"
            >
              <title>{`${p.label}: ${p.value} ${unit}`}</title>
            </rect>
            {i % labelEvery === 0 && (
              <text x={PAD.left + i * slot + slot / 2} y={HEIGHT - 8} textAnchor="middle" className="chart-tick">
                {p.label}
              </text>
            )}
          </g>
        ))}
      </svg>
      <DataTable title={title} points={points} unit={unit} />
    </figure>
  );
}

export function LineChart({
  title,
  points,
  unit,
  testId,
}: {
  title: string;
  points: ChartPoint[];
  unit: string;
  testId?: string;
}) {
  const { nice, innerW, innerH, y } = scale(points);
  const x = (i: number) => PAD.left + (points.length <= 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const area =
    points.length > 0 ? `${path} L${x(points.length - 1)},${PAD.top + innerH} L${x(0)},${PAD.top + innerH} Z` : '';
  const labelEvery = Math.ceil(points.length / 8);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} className="chart-svg">
        <Axes nice={nice} innerW={innerW} y={y} />
        <path d={area} className="chart-area" />
        <path d={path} className="chart-line" />
        {points.map((p, i) => (
          <g key={i}>
            <circle cx={x(i)} cy={y(p.value)} r={3} className="chart-dot">
              <title>{`${p.label}: ${p.value} ${unit}`}</title>
            </circle>
            {i % labelEvery === 0 && (
              <text x={x(i)} y={HEIGHT - 8} textAnchor="middle" className="chart-tick">
                {p.label}
              </text>
            )}
          </g>
        ))}
      </svg>
      <DataTable title={title} points={points} unit={unit} />
    </figure>
  );
}
