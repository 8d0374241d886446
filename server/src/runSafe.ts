/** Every handler goes through here: cancellation is honoured and no exception reaches the client. */
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';

export async function runSafe<T, E = void>(connection: Connection, what: string, token: CancellationToken | undefined, fallback: T, work: () => T | Promise<T>, cancelData?: E): Promise<T | ResponseError<E>> {
  const cancelled = () => new ResponseError<E>(LSPErrorCodes.RequestCancelled, 'cancelled', cancelData as E);
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = await work();
    if (token?.isCancellationRequested) return cancelled();
    return result;
  } catch (error) {
    connection.console.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

/** For notifications, which have no response to fall back to. */
export function guard<A extends unknown[]>(connection: Connection, what: string, handler: (...args: A) => unknown): (...args: A) => void {
  return (...args: A) => {
    try {
      const result = handler(...args);
      if (result instanceof Promise) result.catch((error) => connection.console.error(`${what} failed: ${String(error?.stack ?? error)}`));
    } catch (error) {
      connection.console.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };
}
