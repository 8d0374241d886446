import { entryNumberRule } from './entryNumberRule';

/** F9 [weak]: a broker account may declare only entries it filed (its own filer codes). */
export const filerCodeMismatch = entryNumberRule('filer-code-mismatch', {
  entries: 'all',
  applies: (settings) => settings.filerCodes.length > 0,
  judge: (value, _entry, settings) =>
    value.length === 11 && !settings.filerCodes.includes(value.slice(0, 3))
      ? { message: `Filer code ${value.slice(0, 3)} is not one of yours (cape.filerCodes: ${settings.filerCodes.join(', ')}). A broker account may declare only entries it filed (weakly sourced); the importer of record can file this one.` }
      : undefined,
});
