/** Attribute text of the workbook's small XML parts, as hucre decodes it. */
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[name] ?? whole;
  });
}

const ENTITIES = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"]]);

/**
 * XML's five named entities and character references, an out-of-range reference kept as written (as
 * hucre does); undefined for any other named entity (not plain: hucre's handling of those is its own).
 */
export function decodeEntities(text: string): string | undefined {
  if (!text.includes('&')) return text;
  let plain = true;
  const decoded = text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.charCodeAt(0) !== 35) {
      const named = ENTITIES.get(ref);
      if (named === undefined) plain = false;
      return named ?? whole;
    }
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return Number.isNaN(code) || code < 0 || code > 0x10ffff ? whole : String.fromCodePoint(code);
  });
  return plain ? decoded : undefined;
}

/** OOXML's `_xHHHH_` escapes for characters XML cannot hold. */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
