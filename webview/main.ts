/**
 * Webview entry (dist/webview.js) for both the results panel and the model inspector. It renders
 * whatever the host sends, keeps it in vscode.setState so a re-shown panel restores at once, and
 * redraws canvases when the theme changes.
 */
import { isHostToWebview, type HostToWebview } from '../src/protocol/webview';
import { el } from './dom';
import { renderInspector } from './inspectorPage';
import { renderResults, type Page } from './resultsPage';
import { renderSweep } from './sweepPage';
import { readTheme, watchTheme } from './theme';
import { saveState, savedState, vscode } from './vscodeApi';

const app = document.getElementById('app')!;
let page: Page | null = null;

function render(m: HostToWebview): void {
  switch (m.type) {
    case 'showReport':
      page = renderResults(app, m.report, m.reportFile, readTheme());
      saveState({ content: m });
      return;
    case 'showSweep':
      page = renderSweep(app, m.sweep, m.file, readTheme());
      saveState({ content: m });
      return;
    case 'showModel':
      page = renderInspector(app, m.summary, m.latest, m.canCompress);
      saveState({ content: m });
      return;
    case 'showError':
      page = null;
      app.replaceChildren(el('p', { id: 'error-message', className: 'error', attrs: { role: 'alert' }, text: m.message }));
      saveState({ content: m });
      return;
    case 'revealLayer':
      page?.revealLayer(m.index);
      return;
    default: {
      const never: never = m;
      console.warn('CoreNet webview: unhandled message', never);
    }
  }
}

/** Same content as what is on screen (the host re-sends on every 'ready'): skip the re-render. */
function sameContent(a: HostToWebview | null, b: HostToWebview): boolean {
  if (!a || a.type !== b.type) return false;
  if (a.type === 'showReport' && b.type === 'showReport') return a.reportFile === b.reportFile && a.report.createdAt === b.report.createdAt;
  if (a.type === 'showSweep' && b.type === 'showSweep') return a.file === b.file && a.sweep.seconds === b.sweep.seconds && a.sweep.cells.length === b.sweep.cells.length;
  return false;
}

let shown: HostToWebview | null = null;
window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (!isHostToWebview(e.data)) {
    console.warn('CoreNet webview: ignored a malformed message', e.data);
    return;
  }
  if (e.data.type !== 'revealLayer') {
    if (sameContent(shown, e.data)) return;
    shown = e.data;
  }
  render(e.data);
});

const restored = savedState().content;
if (restored && restored.type !== 'revealLayer') {
  shown = restored;
  render(restored);
  window.scrollTo(0, savedState().ui.scrollY);
}
let scrollTimer: number | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = window.setTimeout(() => saveState({ ui: { scrollY: window.scrollY } }), 200);
});
watchTheme(() => page?.retheme(readTheme()));
vscode.postMessage({ type: 'ready' });
