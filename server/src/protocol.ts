/**
 * The CAPE protocol on top of LSP, shared by the server and the VS Code client (and documented for
 * other editors): custom requests and notifications, server command ids, code-action kinds, and the
 * shapes they carry. Constants and types only: the client bundles this file and the service's ids.ts, nothing else of the server.
 */

import { CODE_ACTION_KINDS, SERVER_COMMAND_IDS } from './service/ids';

/** Server commands (workspace/executeCommand; listed in executeCommandProvider, so any client can run them). */
export const COMMANDS = SERVER_COMMAND_IDS;

/** Custom requests and notifications. */
export const REQUESTS = {
  status: 'cape/status',
  refundReport: 'cape/refundReport',
  refundData: 'cape/refundData',
  workspaceFiles: 'cape/workspaceFiles',
} as const;

export const NOTIFICATIONS = {
  setDeclarationOverrides: 'cape/setDeclarationOverrides',
} as const;

/** Code-action kinds beyond the standard ones. */
export const KINDS = CODE_ACTION_KINDS;

/** What `cape/status` answers for the language status item. */
export interface StatusResult {
  declaration: boolean;
  entries?: number;
  error?: number;
  warning?: number;
  info?: number;
  structuralOnly?: boolean;
  splitParts?: number;
  splitExact?: boolean;
  pid?: number;
}

/** What the file-writing commands answer. */
export interface WriteResult {
  applied: boolean;
  files: string[];
  reason?: string;
}

export interface PrepareResult extends WriteResult {
  accepted: number;
  excluded: number;
}

export interface BuildResult extends WriteResult {
  eligible: number;
  excluded: number;
  /** How many declaration parts were written (the files also hold manifest.csv and excluded.csv). */
  declarations: number;
}
