/**
 * A horizontal bar chart in SVG, one bar per row with its label and number above it. The
 * bars' widths are percentages and the text is at its own size, so the chart reads the same
 * at 360 px as at 1366 px. It is a picture of the table that always follows it: hidden from
 * screen readers, which read the table instead.
 */
export interface Bar {
  label: string;
  value: number;
}

const ROW = 40;
const LABEL_MAX = 40;

function shorten(label: string): string {
  return label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label;
}

export function BarChart({ bars, format }: { bars: readonly Bar[]; format: (value: number) => string }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  return (
    <svg class="bar-chart" width="100%" height={bars.length * ROW} aria-hidden="true" focusable="false">
      {bars.map((bar, index) => {
        const y = index * ROW;
        // A bar of zero still shows a hairline, so a row never looks missing.
        const width = bar.value === 0 ? 0.4 : Math.max(0.8, (bar.value / max) * 100);
        return (
          <g key={`${bar.label}-${index}`}>
            <text x="0" y={y + 14} class="bar-chart-label">
              {shorten(bar.label)} · {format(bar.value)}
            </text>
            <rect x="0" y={y + 20} width={`${width}%`} height="14" rx="2" class="bar-chart-bar" />
          </g>
        );
      })}
    </svg>
  );
}
