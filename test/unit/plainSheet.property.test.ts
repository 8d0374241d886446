/**
 * The plain path reads a worksheet (and a shared-strings table) exactly as hucre does (issue 20's 3x target, by issue 19's rule:
 * a fast path beside the library must be proven identical to it). Over generated workbooks (shared
 * strings plain and rich, custom and built-in number formats, the 1904 date system, inline strings,
 * formulas, every cell type, explicit and implicit references, gaps, self-closing rows and cells,
 * elements with and without a namespace prefix,
 * entities and `_xHHHH_` escapes, stored and deflated parts), every row equals hucre's reading:
 *
 * - the scanner alone, fed the sheet in random chunks, reads every plain sheet to its end without
 *   handing over, row for row as hucre;
 * - the reader as a whole (plain path, handing over to hucre at the first thing not plain, which
 *   generated sheets scatter: comments, CDATA, prefixes, rich inline text, single quotes ...) gives
 *   hucre's rows, or fails where hucre fails.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { streamXlsxRows } from 'hucre/xlsx';
import type { WorkbookRow } from '../../server/src/service/workbook';
import { PlainSheetScanner } from '../../server/src/workbook/plainSheet';
import { plainWorkbook } from '../../server/src/workbook/plainWorkbook';
import { checkedParts } from '../../server/src/workbook/workbookDirectory';
import { openWorkbook } from '../../server/src/workbook/readWorkbook';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const TEXTS = ['abc', 'Entry Number', '00261103162', 'MYK-2168116-5', '&amp;', '&lt;x&gt;', 'a &quot;b&quot; &apos;c&apos;', '&#233;', '&#x1F600;', '&#xFFFFFF;', '_x000D_', '_x005F_x0041_', 'é日本', ' spaced ', '', '2.61103E+10', '$1,234.56', '03/15/2025'];
const VALUES = ['0', '1', '45731', '46328.5', '1100.25', '-3', '1e5', '2.61103E+10', '261103162', '00261103162', ' 7 ', '', 'abc', 'TRUE', 'true', '#N/A', '#DIV/0!', '&amp;x', '_x0041_', '60', '59', '61'];
const FORMATS = ['mm/dd/yyyy', 'yyyy-mm-dd', '0.00', '"$"#,##0.00', '@', 'General', 'h:mm', '[$-409]mmmm d, yyyy', '0.00E+00', '#,##0', 'd-mmm-yy', '"date"0'];
const BUILTIN_FORMAT_IDS = [0, 1, 2, 4, 11, 14, 15, 17, 20, 22, 45, 49];

const text = fc.constantFrom(...TEXTS);
const space = fc.constantFrom('', '', '', '\n', '  ', '\r\n\t');

const sharedString = fc.oneof(
  { weight: 6, arbitrary: text.map((t) => `<si><t>${t}</t></si>`) },
  { weight: 2, arbitrary: text.map((t) => `<si><t xml:space="preserve">${t}</t></si>`) },
  { weight: 1, arbitrary: fc.tuple(text, text).map(([a, b]) => `<si><r><rPr><b/><sz val="11"/></rPr><t>${a}</t></r><r><t xml:space="preserve">${b}</t></r></si>`) },
  { weight: 1, arbitrary: text.map((t) => `<si><t>${t}</t><rPh sb="0" eb="1"><t>ふり</t></rPh><phoneticPr fontId="1"/></si>`) },
  { weight: 1, arbitrary: fc.constantFrom('<si/>', '<si><t/></si>', '<si><t></t></si>') },
  { weight: 1, arbitrary: text.map((t) => `<si>\n  <t>${t}</t>\n</si>\n`) },
);

interface Plan {
  strings: string[];
  formats: string[];
  xfFormats: number[];
  date1904: boolean;
  deflate: boolean;
  sheetXml: string;
  otherSheet: boolean;
  /** The prefix the sheet's and the shared strings' elements are written with ('' or `x:`, as the Open XML SDK writes). */
  sheetPrefix: string;
  stringsPrefix: string;
}

const ELEMENTS = /<(\/?)(worksheet|sheetData|row|c|v|f|is|t|r|rPr|rPh|phoneticPr|b|sz|pageMargins|dimension|sheetViews|sheetView|sheetFormatPr|cols|col|extLst|sst|si)(?=[\s/>])/g;

/** The same XML with every element of the main namespace written with `prefix` (its namespace declared for it). */
function prefixed(xml: string, prefix: string): string {
  if (prefix === '') return xml;
  return xml.replace(ELEMENTS, `<$1${prefix}$2`).replace(`xmlns="${MAIN}"`, `xmlns:${prefix.slice(0, -1)}="${MAIN}"`);
}

/** A cell child or whole cell, plain or (when `odd`) one of the forms that hand the sheet to hucre. */
function cellArbitrary(odd: boolean, styles: number, strings: number) {
  const value = fc.oneof(fc.constantFrom(...VALUES), fc.integer({ min: -1, max: strings + 1 }).map(String));
  const children = fc.oneof(
    { weight: 5, arbitrary: value.map((v) => `<v>${v}</v>`) },
    { weight: 2, arbitrary: fc.tuple(value, space).map(([v, s]) => `<f>SUM(A1:B2)&amp;"x"</f>${s}<v>${v}</v>`) },
    { weight: 1, arbitrary: value.map((v) => `<f t="shared" si="0"/><v>${v}</v>`) },
    { weight: 3, arbitrary: text.map((t) => `<is><t>${t}</t></is>`) },
    { weight: 1, arbitrary: fc.tuple(text, space).map(([t, s]) => `<is>${s}<t xml:space="preserve">${t}</t>${s}</is>`) },
    { weight: 1, arbitrary: fc.constantFrom('<v/>', '<is><t/></is>', '<f/>', '') },
  );
  const oddChildren = fc.constantFrom('<v><![CDATA[12]]></v>', '<!-- note --><v>1</v>', '<x:v>3</x:v>', '<is><r><t>a</t></r><r><t>b</t></r></is>', '<v xml:space="preserve">4</v>', '<v>&nbsp;</v>', '<extLst/>', '<v>1.5</v>');
  const type = fc.constantFrom('', '', 's', 's', 'str', 'inlineStr', 'inlineStr', 'b', 'e', 'n', 'd');
  const style = fc.oneof(fc.constant(undefined), fc.constant(''), fc.integer({ min: 0, max: styles + 1 }).map(String));
  return fc.record({
    type,
    style,
    children: odd ? fc.oneof({ weight: 4, arbitrary: children }, { weight: 1, arbitrary: oddChildren }) : children,
    selfClosing: fc.boolean(),
    explicit: fc.integer({ min: 0, max: 4 }),
    gap: fc.integer({ min: -1, max: 3 }),
    attrSpace: space,
    quote: odd ? fc.constantFrom('"', '"', '"', "'") : fc.constant('"'),
  });
}

function sheetArbitrary(odd: boolean, styles: number, strings: number) {
  const row = fc.record({
    cells: fc.array(cellArbitrary(odd, styles, strings), { maxLength: 7 }),
    explicit: fc.integer({ min: 0, max: 3 }),
    gap: fc.integer({ min: 0, max: 3 }),
    spans: fc.boolean(),
    between: space,
    odd: odd ? fc.constantFrom('', '', '', '', '', '<!-- c -->', '<x:row/>', '\u00a0') : fc.constant(''),
  });
  return fc.tuple(fc.array(row, { maxLength: 14 }), fc.boolean(), fc.constantFrom('', '<dimension ref="A1:F9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="3" width="12"/></cols>')).map(([rows, emptyData, prelude]) => {
    let rowNumber = 0;
    const body = rows.map((r) => {
      rowNumber += r.gap + 1;
      const rowAttrs = `${r.explicit > 0 ? ` r="${rowNumber}"` : ''}${r.spans ? ' spans="1:6" x14ac:dyDescent="0.25"' : ''}`;
      if (r.explicit === 0) rowNumber = Math.max(rowNumber, 1);
      if (r.cells.length === 0 && r.spans) return `${r.between}<row${rowAttrs}/>`;
      let col = 0;
      const cells = r.cells.map((c) => {
        col = Math.max(0, col + c.gap);
        const letters = col < 26 ? String.fromCharCode(65 + col) : 'A' + String.fromCharCode(65 + col - 26);
        const attrs = [c.explicit > 0 ? `r=${c.quote}${letters}${rowNumber}${c.quote}` : '', c.style !== undefined ? `s="${c.style}"` : '', c.type !== '' ? `t="${c.type}"` : ''].filter(Boolean);
        col++;
        const open = `<c${attrs.map((a) => ' ' + a).join('')}${c.attrSpace}`;
        return c.selfClosing && c.children === '' ? `${open}/>` : `${open}>${c.children}</c>`;
      });
      return `${r.between}${r.odd}<row${rowAttrs}>${cells.join(r.between)}</row>`;
    });
    const data = emptyData && rows.length === 0 ? '<sheetData/>' : `<sheetData>${body.join('')}\n</sheetData>`;
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${RELS}" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">${prelude}${data}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  });
}

function planArbitrary(odd: boolean): fc.Arbitrary<Plan> {
  return fc
    .record({
      strings: fc.array(sharedString, { maxLength: 8 }),
      formats: fc.array(fc.constantFrom(...FORMATS), { maxLength: 4 }),
      xfCount: fc.integer({ min: 0, max: 6 }),
      date1904: fc.boolean(),
      deflate: fc.boolean(),
      otherSheet: fc.boolean(),
      sheetPrefix: fc.constantFrom('', '', '', 'x:'),
      stringsPrefix: fc.constantFrom('', '', '', 'x:'),
    })
    .chain((base) =>
      fc.tuple(fc.array(fc.oneof(fc.constantFrom(...BUILTIN_FORMAT_IDS), fc.integer({ min: 164, max: 164 + Math.max(0, base.formats.length - 1) })), { minLength: base.xfCount, maxLength: base.xfCount }), sheetArbitrary(odd, base.xfCount, base.strings.length)).map(([xfFormats, sheetXml]) => ({
        strings: base.strings,
        formats: base.formats,
        xfFormats,
        date1904: base.date1904,
        deflate: base.deflate,
        sheetXml,
        otherSheet: base.otherSheet,
        sheetPrefix: base.sheetPrefix,
        stringsPrefix: base.stringsPrefix,
      })),
    );
}

/** The workbook a plan describes, as a writer would zip it. */
function workbookBytes(plan: Plan): Uint8Array {
  const sheets = plan.otherSheet ? ['Notes', 'Data'] : ['Data'];
  const parts: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}">${plan.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${sheets.map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${RELS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId8" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId9" Type="${RELS}/styles" Target="styles.xml"/></Relationships>`,
    'xl/sharedStrings.xml': prefixed(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${plan.strings.length}" uniqueCount="${plan.strings.length}">${plan.strings.join('')}</sst>`, plan.stringsPrefix),
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}">${plan.formats.length ? `<numFmts count="${plan.formats.length}">${plan.formats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${f.replace(/"/g, '&quot;')}"/>`).join('')}</numFmts>` : ''}<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${plan.xfFormats.length}">${plan.xfFormats.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`,
  };
  if (plan.otherSheet) parts['xl/worksheets/sheet1.xml'] = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>notes</t></is></c></row></sheetData></worksheet>`;
  parts[`xl/worksheets/sheet${sheets.length}.xml`] = prefixed(plan.sheetXml, plan.sheetPrefix);
  return zipSync(Object.fromEntries(Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)])), { level: plan.deflate ? 6 : 0 });
}

/** Dates by their time, so that two invalid dates (a serial past the calendar) compare equal. */
const comparable = (values: WorkbookRow['values']) => values.map((v) => (v instanceof Date ? `date ${v.getTime()}` : v));

type Outcome = { rows: WorkbookRow[] } | { failed: true };

async function drain(rows: AsyncIterable<WorkbookRow>): Promise<Outcome> {
  const all: WorkbookRow[] = [];
  try {
    for await (const row of rows) all.push({ index: row.index, values: comparable(row.values) });
    return { rows: all };
  } catch {
    return { failed: true };
  }
}

const hucreRows = (bytes: Uint8Array) => drain(streamXlsxRows(bytes, { sheet: 'Data' }) as AsyncIterable<WorkbookRow>);

describe('plain sheets: the fast path reads exactly as hucre', () => {
  const seed = Number(process.env.CAPE_SEED ?? Date.now() % 1_000_000);
  before(() => console.log(`      plain-sheet property seed: ${seed} (CAPE_SEED=${seed} repeats it)`));

  it('the scanner alone reads every plain sheet to its end, row for row as hucre, in any chunking (2,000 workbooks)', async () => {
    await fc.assert(
      fc.asyncProperty(planArbitrary(false), fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 8 }), async (plan, cuts) => {
        const bytes = workbookBytes(plan);
        const expected = await hucreRows(bytes);
        assert.ok('rows' in expected, 'hucre reads every plain sheet');
        const workbook = await plainWorkbook(checkedParts(bytes));
        assert.ok(workbook, 'a plainly laid-out workbook takes the plain path');
        const scanner = new PlainSheetScanner(workbook.context);
        const xml = new TextDecoder().decode(unzipSync(bytes)[workbook.sheetParts.get('Data')!]);
        const rows: WorkbookRow[] = [];
        let at = 0;
        for (let i = 0; at < xml.length; i++) {
          const next = Math.min(xml.length, at + cuts[i % cuts.length]);
          assert.ok(scanner.push(xml.slice(at, next), next === xml.length, rows), `plain at ${at}`);
          at = next;
        }
        assert.ok(scanner.done, 'read to </sheetData>');
        assert.deepEqual(rows.map((r) => ({ index: r.index, values: comparable(r.values) })), expected.rows);
      }),
      { numRuns: 2000, seed },
    );
  });

  it('the reader gives hucre rows, or fails where hucre fails, when sheets hold what is not plain (1,500 workbooks)', async () => {
    const handedOver = { plain: 0, midSheet: 0 };
    await fc.assert(
      fc.asyncProperty(planArbitrary(true), async (plan) => {
        const bytes = workbookBytes(plan);
        const expected = await hucreRows(bytes);
        const actual = await drain((await openWorkbook(bytes, 'Data')).rows);
        assert.deepEqual('rows' in actual, 'rows' in expected, 'fails where hucre fails');
        if ('rows' in actual && 'rows' in expected) assert.deepEqual(actual.rows, expected.rows);
        // Which way the sheet went, so the run is known to cover both and the hand-over mid-sheet.
        const workbook = await plainWorkbook(checkedParts(bytes));
        if (!workbook) return;
        const rows: WorkbookRow[] = [];
        const plain = new PlainSheetScanner(workbook.context).push(new TextDecoder().decode(unzipSync(bytes)[workbook.sheetParts.get('Data')!]), true, rows);
        if (plain) handedOver.plain++;
        else if (rows.length > 0) handedOver.midSheet++;
      }),
      { numRuns: 1500, seed: seed + 1 },
    );
    assert.ok(handedOver.plain > 100 && handedOver.midSheet > 100, `both ways covered: ${JSON.stringify(handedOver)}`);
  });
});
