/**
 * The chart.js charts: sample sizes vs sensitivity sums, predicted vs measured error, and the
 * sweep curves. Colours come from the theme on every (re)draw; y axes are logarithmic where the
 * values span many decades (predicted errors and sample sizes do).
 */
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip,
  type ChartConfiguration, type ChartDataset,
} from 'chart.js';
import { formatMetric, formatTick } from './format';
import type { Theme } from './theme';
import type { ErrorPair, LayerView, SweepView } from './viewModel';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LogarithmicScale, LineController, LineElement, PointElement, Tooltip, Legend);

/** Zero or negative values cannot sit on a log axis: leave a gap (the tooltip / caption says so). */
function logSafe(v: number | null): number | null {
  return v !== null && v > 0 && Number.isFinite(v) ? v : null;
}

function baseOptions(theme: Theme) {
  Chart.defaults.color = theme.foreground;
  Chart.defaults.borderColor = theme.grid;
  Chart.defaults.font.family = theme.fontFamily;
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    plugins: { legend: { labels: { color: theme.foreground } }, tooltip: { mode: 'index' as const, intersect: false } },
  };
}

function axis(theme: Theme, title: string, type: 'linear' | 'logarithmic' | 'category', extra: Record<string, unknown> = {}) {
  return {
    type,
    title: { display: true, text: title, color: theme.foreground },
    ticks: { color: theme.foreground, ...(type === 'logarithmic' ? { callback: (v: number | string) => formatTick(Number(v)) } : {}) },
    grid: { color: theme.grid },
    ...extra,
  };
}

/** Replaces the chart on `canvas` (chart.js keeps one instance per canvas). */
function draw(canvas: HTMLCanvasElement, config: ChartConfiguration): Chart {
  Chart.getChart(canvas)?.destroy();
  return new Chart(canvas, config);
}

export function sampleSizesChart(canvas: HTMLCanvasElement, layer: LayerView, theme: Theme): Chart {
  const rows = layer.samples;
  const labels = rows.map((r) => `#${r.neuron}`);
  const datasets: ChartDataset[] = [];
  const positive = rows.map((r) => r.samples ?? 0).filter((m) => m > 0);
  // A log axis only when the sizes span decades (the last layer's can reach 1e18); else bars read better linear.
  const logY = positive.length > 0 && Math.max(...positive) / Math.min(...positive) > 100;
  if (layer.sampled) {
    datasets.push({ type: 'bar', label: logY ? 'samples m_i (log)' : 'samples m_i', data: rows.map((r) => logSafe(r.samples)), backgroundColor: theme.series[0], borderColor: theme.series[0], yAxisID: 'y', order: 2 });
  }
  datasets.push({ type: 'line', label: 'sensitivity sum S_i', data: rows.map((r) => r.sensitivitySum), borderColor: theme.series[1], backgroundColor: theme.series[1], pointRadius: 0, borderWidth: 2, yAxisID: layer.sampled ? 'y2' : 'y', order: 1 });
  const scales: Record<string, unknown> = {
    x: axis(theme, layer.sampled ? 'neurons, sorted by samples' : 'neurons, sorted by S_i', 'category', { ticks: { color: theme.foreground, maxTicksLimit: 12, autoSkip: true } }),
    y: layer.sampled ? (logY ? axis(theme, 'samples m_i (log)', 'logarithmic') : axis(theme, 'samples m_i', 'linear', { beginAtZero: true })) : axis(theme, 'S_i', 'linear', { beginAtZero: true }),
  };
  if (layer.sampled) scales.y2 = axis(theme, 'S_i', 'linear', { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } });
  const base = baseOptions(theme);
  return draw(canvas, {
    type: 'bar',
    data: { labels, datasets },
    options: {
      ...base,
      scales,
      plugins: {
        ...base.plugins,
        tooltip: {
          ...base.plugins.tooltip,
          callbacks: { label: (c) => `${c.dataset.label}: ${c.datasetIndex === 0 && layer.sampled ? String(rows[c.dataIndex].samples) : formatMetric(rows[c.dataIndex].sensitivitySum)}` },
        },
      },
    },
  } as ChartConfiguration);
}

/** A log axis starting one decade below the smallest value, so the smallest bar is visible. */
function decadeBelow(values: Array<number | null>): number | undefined {
  const positive = values.filter((v): v is number => v !== null && v > 0 && Number.isFinite(v));
  return positive.length ? 10 ** (Math.floor(Math.log10(Math.min(...positive))) - 1) : undefined;
}

export function errorChart(canvas: HTMLCanvasElement, pairs: ErrorPair[], theme: Theme): Chart {
  const base = baseOptions(theme);
  const min = decadeBelow(pairs.flatMap((p) => [p.predicted, p.measured]));
  return draw(canvas, {
    type: 'bar',
    data: {
      labels: pairs.map((p) => p.label),
      datasets: [
        { label: 'predicted (guarantee)', data: pairs.map((p) => logSafe(p.predicted)), backgroundColor: theme.series[3], borderColor: theme.series[3] },
        { label: 'measured (mean)', data: pairs.map((p) => logSafe(p.measured)), backgroundColor: theme.series[2], borderColor: theme.series[2] },
      ],
    },
    options: {
      ...base,
      scales: { x: axis(theme, 'layer', 'category'), y: axis(theme, 'relative error (log)', 'logarithmic', { min }) },
      plugins: {
        ...base.plugins,
        tooltip: {
          ...base.plugins.tooltip,
          callbacks: {
            label: (c) => {
              const p = pairs[c.dataIndex];
              const v = c.datasetIndex === 0 ? p.predicted : p.measured;
              return `${c.dataset.label}: ${v === null ? 'none (method makes no prediction)' : formatMetric(v)}`;
            },
          },
        },
      },
    },
  } as ChartConfiguration);
}

/** Accuracy (or error) against the kept ratio, one line per method, log x. */
export function sweepChart(canvas: HTMLCanvasElement, view: SweepView, metric: 'accuracy' | 'error', theme: Theme): Chart {
  const datasets: ChartDataset<'line'>[] = view.series.map((s, i) => ({
    label: s.method,
    data: s.points.map((p) => ({ x: p.keptRatio, y: metric === 'accuracy' ? p.accuracy ?? NaN : logSafe(p.error) ?? NaN })),
    borderColor: theme.series[i % theme.series.length],
    backgroundColor: theme.series[i % theme.series.length],
    pointRadius: 4,
    pointStyle: ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot'][i % 6] as 'circle',
    borderWidth: 2,
  }));
  if (metric === 'accuracy' && view.originalAccuracy !== null) {
    const xs = view.series.flatMap((s) => s.points.map((p) => p.keptRatio));
    datasets.push({ label: 'original', data: [{ x: Math.min(...xs), y: view.originalAccuracy }, { x: Math.max(...xs), y: view.originalAccuracy }], borderColor: theme.muted, borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 });
  }
  const base = baseOptions(theme);
  const find = (label: string, x: number) => view.series.find((s) => s.method === label)?.points.find((p) => p.keptRatio === x);
  return draw(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      ...base,
      scales: {
        x: axis(theme, 'kept ratio (log)', 'logarithmic'),
        y: metric === 'accuracy' ? axis(theme, 'top-1 accuracy', 'linear') : axis(theme, 'relative output error (log)', 'logarithmic'),
      },
      plugins: {
        ...base.plugins,
        tooltip: {
          mode: 'nearest',
          intersect: false,
          callbacks: {
            label: (c) => {
              const p = find(c.dataset.label ?? '', (c.raw as { x: number }).x);
              if (!p) return `${c.dataset.label}: ${formatMetric((c.raw as { y: number }).y)}`;
              return metric === 'accuracy'
                ? `${c.dataset.label} (keep ${p.keep}, kept ${formatMetric(p.keptRatio)}): ${formatMetric(p.accuracy)} ± ${formatMetric(p.accuracyStd)}`
                : `${c.dataset.label} (keep ${p.keep}, kept ${formatMetric(p.keptRatio)}): ${formatMetric(p.error)} ± ${formatMetric(p.errorStd)}`;
            },
          },
        },
      },
    },
  } as ChartConfiguration);
}
