// Text of a PDF as two browser engines extract it, on stdout, one page
// after another (a form feed between pages, as pdftotext does):
//   node extract.mjs pdfjs FILE.pdf     Mozilla's pdf.js (Firefox)
//   node extract.mjs pdfium FILE.pdf    Google's PDFium (Chrome), as WebAssembly
// Exit 2 on a usage error, 1 when the engine cannot open the file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [engine, file] = process.argv.slice(2);
if (!file || !['pdfjs', 'pdfium'].includes(engine)) {
  process.stderr.write('usage: node extract.mjs pdfjs|pdfium FILE.pdf\n');
  process.exit(2);
}
const bytes = new Uint8Array(readFileSync(file));
const require = createRequire(import.meta.url);

async function pdfjs() {
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await lib.getDocument({ data: bytes, verbosity: 0, useSystemFonts: false }).promise;
  const pages = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const tc = await page.getTextContent();
    // pdf.js gives runs; hasEOL marks where a line ends
    pages.push(tc.items.map((it) => it.str + (it.hasEOL ? '\n' : '')).join(''));
  }
  return pages;
}

async function pdfium() {
  const { init } = await import('@embedpdf/pdfium');
  const wasm = readFileSync(require.resolve('@embedpdf/pdfium/pdfium.wasm'));
  const m = await init({ wasmBinary: wasm });
  m.PDFiumExt_Init();
  const ptr = m.pdfium.wasmExports.malloc(bytes.length);
  m.pdfium.HEAPU8.set(bytes, ptr);
  const doc = m.FPDF_LoadMemDocument(ptr, bytes.length, '');
  if (!doc) throw new Error('PDFium cannot open ' + file);
  const pages = [];
  for (let p = 0; p < m.FPDF_GetPageCount(doc); p++) {
    const page = m.FPDF_LoadPage(doc, p);
    const text = m.FPDFText_LoadPage(page);
    const n = m.FPDFText_CountChars(text);
    const buf = m.pdfium.wasmExports.malloc((n + 1) * 2);
    const got = m.FPDFText_GetText(text, 0, n, buf);
    const u16 = new Uint16Array(m.pdfium.HEAPU8.buffer, buf, Math.max(got - 1, 0));
    pages.push(String.fromCharCode(...u16));
    m.pdfium.wasmExports.free(buf);
    m.FPDFText_ClosePage(text);
    m.FPDF_ClosePage(page);
  }
  m.FPDF_CloseDocument(doc);
  return pages;
}

try {
  const pages = await (engine === 'pdfjs' ? pdfjs() : pdfium());
  process.stdout.write(pages.join('\f'));
} catch (e) {
  process.stderr.write(`${engine}: ${e.message}\n`);
  process.exit(1);
}
