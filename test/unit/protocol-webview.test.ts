import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHostToWebview, isWebviewToHost } from '../../src/protocol/webview';

test('isWebviewToHost accepts every well-formed message', () => {
  for (const m of [{ type: 'ready' }, { type: 'openResults' }, { type: 'compress' }, { type: 'openReportFile' }, { type: 'selectLayer', index: 0 }, { type: 'selectLayer', index: 7 }]) {
    assert.equal(isWebviewToHost(m), true, JSON.stringify(m));
  }
});

test('isWebviewToHost rejects malformed or unknown messages', () => {
  const bad: unknown[] = [
    null, undefined, 42, 'ready', [], [{ type: 'ready' }], {}, { type: 3 }, { type: 'delete' }, { type: 'showReport' },
    { type: 'selectLayer' }, { type: 'selectLayer', index: -1 }, { type: 'selectLayer', index: 1.5 }, { type: 'selectLayer', index: '2' }, { type: 'selectLayer', index: NaN },
  ];
  for (const m of bad) assert.equal(isWebviewToHost(m), false, JSON.stringify(m));
});

test('isHostToWebview checks the payload of each message type', () => {
  assert.equal(isHostToWebview({ type: 'showReport', report: { tool: 'corenet' }, reportFile: '/a.json' }), true);
  assert.equal(isHostToWebview({ type: 'showReport', report: null, reportFile: '/a.json' }), false);
  assert.equal(isHostToWebview({ type: 'showSweep', sweep: {}, file: '/s.json' }), true);
  assert.equal(isHostToWebview({ type: 'showSweep', sweep: {} }), false);
  assert.equal(isHostToWebview({ type: 'revealLayer', index: 2 }), true);
  assert.equal(isHostToWebview({ type: 'showModel', summary: {}, latest: null, canCompress: true }), true);
  assert.equal(isHostToWebview({ type: 'showModel', summary: {}, latest: null }), false);
  assert.equal(isHostToWebview({ type: 'showError', message: 'x' }), true);
  assert.equal(isHostToWebview({ type: 'ready' }), false);
});
