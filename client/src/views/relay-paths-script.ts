// The script inside the Relay paths webview (plain browser JavaScript, run under the page's CSP
// nonce). It puts the picture and the lists in place, makes every node and hop focusable with a
// label and a hover text, switches the picture between fitting the width and actual size, and
// asks the extension to open a node's or hop's line on click, Enter or Space.
// Messages in: update, focus, error. Messages out: ready, open, whole.
export const RELAY_PATHS_SCRIPT = String.raw`
(function () {
  const vscode = acquireVsCodeApi();
  const svgBox = document.getElementById('lw-svg');
  const textBox = document.getElementById('lw-text');
  const scope = document.getElementById('lw-scope');
  const summary = document.getElementById('lw-summary');
  const whole = document.getElementById('lw-whole');
  const zoom = document.getElementById('lw-zoom');
  const SVG_NS = 'http://www.w3.org/2000/svg';

  function focusedId() {
    const el = document.activeElement;
    if (!el || !el.closest) return undefined;
    const item = el.closest('[data-id]');
    if (!item) return undefined;
    return { id: item.getAttribute('data-id'), inList: textBox.contains(item) };
  }

  function byId(root, id) {
    for (const el of root.querySelectorAll('[data-id]')) if (el.getAttribute('data-id') === id) return el;
    return undefined;
  }

  /** The drawing already labels its items; make them buttons and fill in what it lacks. */
  function decorate(labels) {
    const svg = svgBox.querySelector('svg');
    if (!svg) return;
    for (const el of svg.querySelectorAll('.lw-node[data-id], .lw-hop[data-id]')) {
      const id = el.getAttribute('data-id');
      const label = labels[id] || id;
      el.setAttribute('tabindex', '0');
      if (el.hasAttribute('data-line')) el.setAttribute('role', 'button');
      else el.setAttribute('aria-disabled', 'true');
      if (!el.getAttribute('aria-label')) el.setAttribute('aria-label', label);
      let title = null;
      for (const child of el.children) if (child.tagName.toLowerCase() === 'title') title = child;
      if (!title) {
        title = document.createElementNS(SVG_NS, 'title');
        title.textContent = label;
        el.insertBefore(title, el.firstChild);
      }
    }
  }

  function select(id) {
    for (const el of document.querySelectorAll('.lw-selected')) el.classList.remove('lw-selected');
    const el = byId(svgBox, id);
    if (!el) return;
    el.classList.add('lw-selected');
    if (el.scrollIntoView) el.scrollIntoView({ block: 'center', inline: 'center' });
    el.focus();
  }

  function open(target) {
    const item = target && target.closest ? target.closest('[data-id]') : null;
    if (!item || item.getAttribute('aria-disabled') === 'true') return;
    vscode.postMessage({ type: 'open', id: item.getAttribute('data-id') });
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (msg.type === 'update') {
      const before = focusedId();
      svgBox.innerHTML = msg.svg;
      textBox.innerHTML = msg.list;
      decorate(msg.labels);
      scope.textContent = msg.scope;
      summary.textContent = msg.summary;
      summary.classList.toggle('broken', msg.broken > 0);
      whole.hidden = !msg.scoped;
      if (before) {
        const again = byId(before.inList ? textBox : svgBox, before.id);
        if (again) again.focus();
      }
    } else if (msg.type === 'focus') {
      select(msg.id);
    } else if (msg.type === 'error') {
      svgBox.textContent = '';
      const p = document.createElement('p');
      p.id = 'lw-status';
      p.textContent = msg.message;
      svgBox.appendChild(p);
      textBox.textContent = '';
      summary.textContent = '';
    }
  });

  svgBox.addEventListener('click', (e) => open(e.target));
  textBox.addEventListener('click', (e) => open(e.target));
  svgBox.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    open(e.target);
  });
  whole.addEventListener('click', () => vscode.postMessage({ type: 'whole' }));
  // The picture fits the width by default; actual size keeps the text at its drawn size.
  zoom.addEventListener('click', () => {
    const actual = svgBox.classList.toggle('lw-actual');
    zoom.setAttribute('aria-pressed', String(actual));
    zoom.textContent = actual ? 'Fit to width' : 'Actual size';
  });
  vscode.postMessage({ type: 'ready' });
})();
`;
