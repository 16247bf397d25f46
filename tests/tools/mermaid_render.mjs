// Renders Mermaid documents with Mermaid itself (securityLevel strict, in jsdom) and reports
// what a reader would see, for the tests to compare with what the product meant to write.
// stdin: a JSON array of Mermaid texts. stdout: a JSON array, one object per text:
//   {ok: true, config, title, nodes: [{id, label}], edges: [{from, to, label}]}
//   {ok: false, error}
// Labels are the rendered text (HTML entities decoded, <br> as "\n").
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>', { pretendToBeVisual: true });
const { window } = dom;
globalThis.window = window;
for (const name of ['document', 'CSSStyleSheet', 'Element', 'SVGElement', 'HTMLElement', 'Node',
                    'DOMParser', 'XMLSerializer', 'MutationObserver']) {
  globalThis[name] = window[name];
}
// jsdom has no layout: text is measured as 8px per character, 16px high.
const box = function () {
  const width = 8 * (this.textContent || '').length + 10;
  return { x: 0, y: 0, width, height: 16, top: 0, left: 0, right: width, bottom: 16 };
};
window.SVGElement.prototype.getBBox = box;
window.SVGElement.prototype.getComputedTextLength = function () {
  return 8 * (this.textContent || '').length;
};
window.Element.prototype.getBoundingClientRect = box;

const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

function text(element) {
  if (!element) return null;
  const copy = element.cloneNode(true);
  for (const br of copy.querySelectorAll('br')) br.replaceWith('\n');
  return copy.textContent;
}

async function report(source, index) {
  try {
    const { config } = await mermaid.parse(source);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
    const ids = [...diagram.db.getVertices().keys()];
    const edges = diagram.db.getEdges().map((e) => ({ from: e.start, to: e.end }));
    const { svg } = await mermaid.render(`d${index}`, source);
    const holder = document.createElement('div');
    holder.innerHTML = svg;
    const nodes = ids.map((id) => {
      const g = [...holder.querySelectorAll('g.node')].find((n) => n.id.includes(`-${id}-`));
      return { id, label: text(g && g.querySelector('.nodeLabel')) };
    });
    const labels = [...holder.querySelectorAll('g.edgeLabel .edgeLabel')].map(text);
    edges.forEach((edge, i) => { edge.label = labels[i] ?? null; });
    const title = text(holder.querySelector('.flowchartTitleText'));
    const scripts = holder.querySelectorAll('script, [onload], [onclick], [onerror]').length;
    return { ok: true, config, title, nodes, edges, scripts };
  } catch (error) {
    return { ok: false, error: String(error && error.message || error).split('\n')[0] };
  }
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const [index, source] of JSON.parse(input).entries()) results.push(await report(source, index));
process.stdout.write(JSON.stringify(results));
