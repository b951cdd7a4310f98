/**
 * Colours for canvases and charts, read from VS Code's CSS variables (so light, dark and
 * high-contrast themes all work), with fallbacks for a page opened outside VS Code.
 */
export interface Theme {
  foreground: string;
  muted: string;
  background: string;
  border: string;
  grid: string;
  focus: string;
  fontFamily: string;
  series: string[];
  highContrast: boolean;
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim() || getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export function readTheme(): Theme {
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  const foreground = cssVar('--vscode-editor-foreground', cssVar('--vscode-foreground', '#cccccc'));
  return {
    foreground,
    muted: cssVar('--vscode-descriptionForeground', foreground),
    background: cssVar('--vscode-editor-background', '#1e1e1e'),
    border: cssVar('--vscode-contrastBorder', cssVar('--vscode-widget-border', cssVar('--vscode-panel-border', '#80808059'))),
    grid: highContrast ? cssVar('--vscode-contrastBorder', foreground) : cssVar('--vscode-editorWidget-border', cssVar('--vscode-panel-border', '#80808040')),
    focus: cssVar('--vscode-focusBorder', '#007fd4'),
    fontFamily: getComputedStyle(document.body).fontFamily || 'sans-serif',
    series: [
      cssVar('--vscode-charts-blue', '#3794ff'),
      cssVar('--vscode-charts-orange', '#d18616'),
      cssVar('--vscode-charts-green', '#89d185'),
      cssVar('--vscode-charts-purple', '#b180d7'),
      cssVar('--vscode-charts-red', '#f14c4c'),
      cssVar('--vscode-charts-yellow', '#cca700'),
    ],
    highContrast,
  };
}

/** Calls `onChange` when VS Code switches theme (it rewrites the body class and CSS variables). */
export function watchTheme(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
