/** XML text as hucre decodes it: entities and character references, and OOXML's `_xHHHH_` escapes. */

const ENTITIES = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"]]);

/**
 * XML's five named entities and character references, an out-of-range reference kept as written (as
 * hucre does). Any other named entity is kept as written when `keepUnknown`; else the text is not
 * plain (undefined): hucre's handling of those in element text is its own.
 */
export function decodeEntities(text: string, keepUnknown = false): string | undefined {
  if (!text.includes('&')) return text;
  let plain = true;
  const decoded = text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.charCodeAt(0) !== 35) {
      const named = ENTITIES.get(ref);
      if (named === undefined && !keepUnknown) plain = false;
      return named ?? whole;
    }
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return Number.isNaN(code) || code < 0 || code > 0x10ffff ? whole : String.fromCodePoint(code);
  });
  return plain ? decoded : undefined;
}

/** An attribute's value (a sheet's name, a relationship's target), decoded as hucre decodes attributes. */
export function decodeXmlAttribute(text: string): string {
  return decodeEntities(text, true) ?? text;
}

/** OOXML's `_xHHHH_` escapes for characters XML cannot hold. */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
