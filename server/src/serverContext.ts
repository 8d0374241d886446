/**
 * What every request handler shares: the connection, the open documents, the analysis store, the
 * settings, the workspace index and what the client can do. Set up once, in server.ts.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisStore } from './analysisStore';
import type { SettingsSource } from './settingsSource';
import type { WorkspaceIndexer } from './workspaceIndexer';

/** docs/rules.md ships beside the bundles; diagnostics link to its sections, offline. */
export const DOCS_URI = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules.md')).toString();

/** What the client said it supports, in `initialize`. */
export interface ClientSupport {
  pullDiagnostics: boolean;
  watchFilesDynamically: boolean;
  codeLensRefresh: boolean;
}

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly store: AnalysisStore;
  /** Created in `initialize`, before any handler runs. */
  readonly settings: SettingsSource;
  readonly indexer: WorkspaceIndexer;
  readonly client: ClientSupport;
  /** The workspace folders' URIs (or the root URI). */
  workspaceFolders: string[];
}
