import { isWorkbookName } from '../workbook';
import type { Rule } from './rule';

/** F1 [CBP]: ACE accepts CSV only. A workbook is checked as its CSV would be, and told so once. */
export const workbook: Rule = {
  codes: ['workbook'],
  check({ model, report }) {
    if (!isWorkbookName(model.uri)) return;
    const firstLineEnd = model.text.search(/\r|\n|$/);
    report({
      code: 'workbook',
      start: 0,
      end: firstLineEnd,
      message:
        'This is an Excel workbook: its cells are checked here as the declaration they hold, but ACE accepts only CSV. Write upload-ready CSV parts with "CAPE: Convert Workbook to Declarations" (or `cape prepare <workbook> --out-dir <folder>`), never with Excel\'s CSV export, which damages entry numbers.',
    });
  },
};
