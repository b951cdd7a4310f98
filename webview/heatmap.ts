/**
 * One layer's heatmap: a canvas with one pixel per (pooled) cell, scaled up crisply by CSS, a
 * log colour legend, a caption saying how much was pooled, and a tooltip (mouse or arrow keys).
 */
import { rgbCss, viridis } from './colormap';
import { el } from './dom';
import { formatMetric, formatPercent, formatTick } from './format';
import type { Theme } from './theme';
import { cellInfo, logPosition, logTicks, pooledCaption, type HeatmapMode, type LayerView } from './viewModel';

const MAX_DISPLAY_WIDTH = 520;
const MAX_DISPLAY_HEIGHT = 360;

function parseColor(css: string): [number, number, number] {
  const probe = document.createElement('canvas').getContext('2d')!;
  probe.fillStyle = '#000';
  probe.fillStyle = css;
  const v = probe.fillStyle; // normalised to #rrggbb or rgba(...)
  if (v.startsWith('#')) return [1, 3, 5].map((i) => parseInt(v.slice(i, i + 2), 16)) as [number, number, number];
  const m = v.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0'];
  return [Number(m[0]), Number(m[1]), Number(m[2])];
}

function cellColor(layer: LayerView, mode: HeatmapMode, k: number, zero: [number, number, number]): [number, number, number] {
  if (mode === 'kept') {
    const f = layer.heatmap.keptFraction[k];
    return f > 0 ? viridis(f) : zero;
  }
  const t = layer.sensitivityScale ? logPosition(layer.sensitivityScale, layer.heatmap.sensitivity[k]) : null;
  return t === null ? zero : viridis(t);
}

function drawCells(canvas: HTMLCanvasElement, layer: LayerView, mode: HeatmapMode, theme: Theme): void {
  const h = layer.heatmap;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(h.cols, h.rows);
  const zero = parseColor(theme.background);
  for (let k = 0; k < h.rows * h.cols; k++) {
    const [r, g, b] = cellColor(layer, mode, k, zero);
    image.data.set([r, g, b, 255], 4 * k);
  }
  ctx.putImageData(image, 0, 0);
}

function legend(layer: LayerView, mode: HeatmapMode): HTMLElement {
  const bar = el('canvas', { className: 'legend-bar', attrs: { width: 256, height: 1, 'aria-hidden': 'true' } });
  const ctx = bar.getContext('2d')!;
  for (let x = 0; x < 256; x++) {
    ctx.fillStyle = rgbCss(viridis(x / 255));
    ctx.fillRect(x, 0, 1, 1);
  }
  const labels = el('div', { className: 'legend-labels' });
  const place = (t: number, text: string) => {
    const span = el('span', { text });
    span.style.left = `${(100 * t).toFixed(2)}%`;
    labels.append(span);
  };
  let description: string;
  if (mode === 'kept') {
    [0, 0.5, 1].forEach((t) => place(t, formatPercent(t, 0)));
    description = 'colour = fraction of the cell\'s weights kept (linear, 0% to 100%; a cell with nothing kept shows the background)';
  } else if (layer.sensitivityScale) {
    const s = layer.sensitivityScale;
    // Endpoints always; inner powers of ten only where they leave room for their labels.
    const chosen: Array<[number, number]> = [];
    for (const v of logTicks(s)) {
      const t = logPosition(s, v) ?? 0;
      const isEnd = v === s.min || v === s.max;
      if (isEnd || (t > 0.25 && t < 0.8 && chosen.every(([, u]) => Math.abs(u - t) > 0.2))) chosen.push([v, t]);
    }
    chosen.forEach(([v, t]) => place(t, formatTick(v)));
    description = `colour = sensitivity s on a log scale from ${formatTick(s.min)} to ${formatTick(s.max)}; zero sensitivity shows the background`;
  } else {
    description = 'every sensitivity in this layer is zero';
  }
  return el('div', { className: 'legend', attrs: { role: 'img', 'aria-label': description } }, [bar, labels, el('div', { className: 'legend-caption', text: description })]);
}

export interface HeatmapFigure {
  root: HTMLElement;
  /** Redraws cells, legend and caption (mode or theme changed). */
  render(mode: HeatmapMode, theme: Theme): void;
}

export function heatmapFigure(layer: LayerView, tooltip: HTMLElement): HeatmapFigure {
  const h = layer.heatmap;
  const canvas = el('canvas', { id: `heatmap-${layer.index}`, className: 'heatmap', attrs: { width: h.cols, height: h.rows, tabindex: 0, 'data-rows': h.rows, 'data-cols': h.cols, 'data-pool-rows': h.poolRows, 'data-pool-cols': h.poolCols } });
  const scale = Math.max(1, Math.min(Math.floor(MAX_DISPLAY_WIDTH / h.cols), Math.floor(MAX_DISPLAY_HEIGHT / h.rows)) || 1);
  canvas.style.width = `${h.cols * scale}px`;
  canvas.style.height = `${h.rows * scale}px`;
  const caption = el('figcaption', { id: `heatmap-caption-${layer.index}`, className: 'caption' });
  const legendSlot = el('div');
  const root = el('figure', { className: 'heatmap-figure' }, [canvas, legendSlot, caption]);
  let mode: HeatmapMode = 'sensitivity';
  let cursor = { row: 0, col: 0 };

  const show = (row: number, col: number, x: number, y: number) => {
    const c = cellInfo(h, layer.outFeatures, layer.inFeatures, row, col);
    tooltip.replaceChildren(
      el('div', { text: `${layer.name}` }),
      el('div', { text: `rows ${c.rowStart}–${c.rowEnd}, cols ${c.colStart}–${c.colEnd}` }),
      el('div', { text: `s (max) = ${formatMetric(c.sensitivity)}` }),
      el('div', { text: `w at max = ${formatMetric(c.weight)}` }),
      el('div', { text: `kept = ${formatPercent(c.keptFraction)}` }),
    );
    tooltip.hidden = false;
    tooltip.style.left = `${x + 14}px`;
    tooltip.style.top = `${y + 14}px`;
    canvas.setAttribute('aria-label', `${layer.name} heatmap, ${mode === 'kept' ? 'kept mask' : 'sensitivity'}; cell row ${row + 1} of ${h.rows}, column ${col + 1} of ${h.cols}: weights rows ${c.rowStart} to ${c.rowEnd}, columns ${c.colStart} to ${c.colEnd}, sensitivity ${formatMetric(c.sensitivity)}, kept ${formatPercent(c.keptFraction)}`);
  };
  const hide = () => (tooltip.hidden = true);
  canvas.addEventListener('mousemove', (e) => {
    const r = canvas.getBoundingClientRect();
    const col = Math.min(h.cols - 1, Math.max(0, Math.floor(((e.clientX - r.left) / r.width) * h.cols)));
    const row = Math.min(h.rows - 1, Math.max(0, Math.floor(((e.clientY - r.top) / r.height) * h.rows)));
    cursor = { row, col };
    show(row, col, e.pageX, e.pageY);
  });
  canvas.addEventListener('mouseleave', hide);
  canvas.addEventListener('blur', hide);
  canvas.addEventListener('keydown', (e) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = moves[e.key];
    if (!m) {
      if (e.key === 'Escape') hide();
      return;
    }
    e.preventDefault();
    const stride = e.shiftKey ? 10 : 1;
    cursor = { row: Math.min(h.rows - 1, Math.max(0, cursor.row + m[0] * stride)), col: Math.min(h.cols - 1, Math.max(0, cursor.col + m[1] * stride)) };
    const r = canvas.getBoundingClientRect();
    show(cursor.row, cursor.col, window.scrollX + r.left + ((cursor.col + 0.5) / h.cols) * r.width, window.scrollY + r.top + ((cursor.row + 0.5) / h.rows) * r.height);
  });

  return {
    root,
    render(newMode, theme) {
      mode = newMode;
      drawCells(canvas, layer, mode, theme);
      legendSlot.replaceChildren(legend(layer, mode));
      caption.textContent = pooledCaption(h, layer.outFeatures, layer.inFeatures, mode);
      canvas.setAttribute('aria-label', `${layer.name} heatmap (${mode === 'kept' ? 'kept mask' : 'sensitivity'}), ${h.rows} by ${h.cols} cells; ${caption.textContent}. Use the arrow keys to read cells.`);
      canvas.dataset.mode = mode;
    },
  };
}
