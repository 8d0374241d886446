/**
 * The ids the service puts into what it returns (lens commands, code-action kinds), in one home.
 * server/src/protocol.ts names them for clients from here, so the two can never differ.
 * Constants only: the VS Code client bundles this file through protocol.ts.
 */

/** Server commands (workspace/executeCommand; listed in executeCommandProvider, so any client can run them). */
export const SERVER_COMMAND_IDS = {
  split: 'cape.server.split',
  prepare: 'cape.server.prepare',
  build: 'cape.server.build',
  showRefund: 'cape.server.showRefund',
  /** Upload-ready CSV parts from an Excel workbook (arguments: the workbook's URI). */
  convertWorkbook: 'cape.server.convertWorkbook',
} as const;

/** Code-action kinds beyond the standard ones. */
export const CODE_ACTION_KINDS = {
  fixAll: 'source.fixAll.cape',
  split: 'refactor.cape.split',
  moveIneligible: 'source.cape.moveIneligible',
} as const;
