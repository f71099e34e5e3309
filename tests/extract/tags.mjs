// What a tagged PDF gives assistive technology, as Firefox's pdf.js reads it:
//   node tags.mjs FILE.pdf
// prints one JSON object:
//   chars: {tagged, artifact, untagged}: text characters inside marked
//     content that the structure tree refers to, inside /Artifact, or in
//     neither (which a screen reader may skip or read out of order);
//   roles: how many structure elements of each role;
//   text: the text of the structure tree in tree order, each element's
//     content where it stands (what a screen reader reads).
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node tags.mjs FILE.pdf\n');
  process.exit(2);
}
const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
const doc = await lib.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
const chars = { tagged: 0, artifact: 0, untagged: 0 };
const roles = {};
const parts = [];

function walk(node, content) {
  if (node.role) roles[node.role] = (roles[node.role] || 0) + 1;
  for (const kid of node.children || []) {
    if (kid.type === 'content') parts.push(content.get(kid.id) || '');
    else if (kid.type !== 'annotation' && kid.type !== 'object') walk(kid, content);
  }
}

for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const tc = await page.getTextContent({ includeMarkedContent: true });
  const content = new Map(); // marked-content id -> its text
  const stack = [];          // open marked content: {id, artifact}
  for (const it of tc.items) {
    if (it.type === 'beginMarkedContentProps' || it.type === 'beginMarkedContent') {
      stack.push({ id: it.id || null, artifact: it.tag === 'Artifact' });
      continue;
    }
    if (it.type === 'endMarkedContent') {
      stack.pop();
      continue;
    }
    const n = [...it.str].filter((ch) => ch.trim() !== '').length;
    const open = stack.findLast((m) => m.id || m.artifact);
    if (open && open.artifact) chars.artifact += n;
    else if (open) {
      chars.tagged += n;
      content.set(open.id, (content.get(open.id) || '') + it.str + (it.hasEOL ? ' ' : ''));
    } else chars.untagged += n;
  }
  const tree = await page.getStructTree();
  // The tree is the document's; each page's copy holds that page's content.
  if (tree) walk(tree, content);
}
process.stdout.write(JSON.stringify({ chars, roles, text: parts.join(' ') }) + '\n');
