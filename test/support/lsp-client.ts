// A small LSP client for tests and benchmarks: spawns the built server (`node dist/server.js
// --stdio`), speaks JSON-RPC over its stdio, gives every request a timeout (a hung server fails
// instead of hanging) and records each publishDiagnostics with the time it arrived.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/** A publishDiagnostics notification and when it was received (`performance.now()`). */
export interface ReceivedDiagnostics extends PublishDiagnosticsParams {
  receivedAt: number;
}

export interface ContentChange {
  range?: Range;
  text: string;
}

export interface StartOptions {
  /** Path of the built server bundle. */
  serverPath: string;
  /** Extra arguments after `--stdio`. */
  args?: string[];
  cwd?: string;
  /** Timeout of each request unless the call gives its own. */
  timeoutMs?: number;
  /**
   * false: `published` keeps only the latest publishDiagnostics of each document. A long edit
   * loop on a large file otherwise holds every one, and the client's growing heap then costs
   * garbage-collection pauses inside the latencies it measures.
   */
  keepPublished?: boolean;
}

export interface InitializeOptions {
  /** Workspace folders as file-system paths. */
  workspaceFolders?: string[];
  initializationOptions?: unknown;
  capabilities?: Record<string, unknown>;
  timeoutMs?: number;
}

export class TimeoutError extends Error {}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

interface Waiter {
  match: (d: ReceivedDiagnostics) => boolean;
  resolve: (d: ReceivedDiagnostics) => void;
}

export class LspClient {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  /** Every publishDiagnostics received, oldest first (see StartOptions.keepPublished). */
  readonly published: ReceivedDiagnostics[] = [];
  /** What the server wrote to stderr (for failure messages). */
  stderr = '';
  /** Requests the server sent to the client (method names), e.g. workspace/configuration. */
  readonly serverRequests: string[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly versions = new Map<string, number>();
  private exited: Promise<number | null>;
  private exitCode: number | null | undefined;
  private readonly timeoutMs: number;

  private constructor(options: StartOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.child = spawn(process.execPath, [options.serverPath, '--stdio', ...(options.args ?? [])], {
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code) => {
        this.exitCode = code;
        resolve(code);
      });
      this.child.on('error', (err) => {
        this.stderr += `\n[spawn error] ${err.message}`;
        this.exitCode = null;
        resolve(null);
      });
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const received: ReceivedDiagnostics = { ...params, receivedAt: performance.now() };
      if (options.keepPublished === false) {
        const earlier = this.published.findIndex((d) => d.uri === received.uri);
        if (earlier >= 0) this.published.splice(earlier, 1);
      }
      this.published.push(received);
      for (const w of [...this.waiters]) {
        if (w.match(received)) {
          this.waiters.delete(w);
          w.resolve(received);
        }
      }
    });
    // Server-to-client requests (configuration, capability registration, progress): answer null.
    this.connection.onRequest((method: string) => {
      this.serverRequests.push(method);
      return null;
    });
    this.connection.onError(([err]) => {
      this.stderr += `\n[connection error] ${err.message}`;
    });
    this.connection.listen();
  }

  /** Spawns the server. Throws a clear error when the bundle does not exist. */
  static start(options: StartOptions): LspClient {
    if (!existsSync(options.serverPath)) {
      throw new Error(`${options.serverPath} does not exist: build it first (npm run build)`);
    }
    return new LspClient(options);
  }

  /** Whether the process has exited, and with which code. */
  get exit(): { exited: boolean; code: number | null | undefined } {
    return { exited: this.exitCode !== undefined, code: this.exitCode };
  }

  private describe(what: string): string {
    const tail = this.stderr.trim().split('\n').slice(-20).join('\n');
    const state = this.exitCode !== undefined ? ` (server exited with code ${this.exitCode})` : '';
    return `${what}${state}${tail ? `\n--- server stderr ---\n${tail}` : ''}`;
  }

  /** Rejects after `ms` unless `promise` settles first; the timer never keeps the process alive. */
  private withTimeout<T>(promise: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        onTimeout?.();
        reject(new TimeoutError(this.describe(`${what}: no answer within ${ms} ms`)));
      }, ms);
      timer.unref?.();
      promise.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? new Error(this.describe(`${what}: ${e.message}`)) : e);
        },
      );
    });
  }

  /** Sends a request; rejects on error, on server exit, or after the timeout (and cancels it). */
  request<R>(method: string, params: unknown, timeoutMs = this.timeoutMs): Promise<R> {
    const cts = new CancellationTokenSource();
    const sent = this.connection.sendRequest<R>(method, params, cts.token);
    const died = this.exited.then((code) => {
      throw new Error(`server exited (code ${code}) before answering`);
    });
    return this.withTimeout(Promise.race([sent, died]), timeoutMs, `request ${method}`, () => cts.cancel()).finally(() => cts.dispose());
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** initialize + initialized. Returns the initialize result. */
  async initialize(options: InitializeOptions = {}): Promise<{ capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } }> {
    const folders = options.workspaceFolders ?? [];
    const result = await this.request<{ capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } }>('initialize', {
      processId: process.pid,
      clientInfo: { name: 'layerwise-test-client' },
      rootUri: folders[0] ? fileUri(folders[0]) : null,
      workspaceFolders: folders.length ? folders.map((f) => ({ uri: fileUri(f), name: f.split('/').pop() || f })) : null,
      initializationOptions: options.initializationOptions,
      capabilities: options.capabilities ?? {
        textDocument: {
          synchronization: { dynamicRegistration: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
        workspace: { workspaceFolders: true },
      },
    }, options.timeoutMs);
    await this.notify('initialized', {});
    return result;
  }

  /**
   * Resolves with the first publishDiagnostics (received after this call) that matches `uri`
   * and, when given, `version`. Register the wait *before* sending the notification that
   * triggers it, or pass `includePast` to also accept one already received.
   */
  waitForDiagnostics(uri: string, options: { version?: number; includePast?: boolean; timeoutMs?: number; where?: (d: ReceivedDiagnostics) => boolean } = {}): Promise<ReceivedDiagnostics> {
    const match = (d: ReceivedDiagnostics) =>
      d.uri === uri && (options.version === undefined || d.version === options.version) && (!options.where || options.where(d));
    if (options.includePast) {
      for (let i = this.published.length - 1; i >= 0; i--) if (match(this.published[i])) return Promise.resolve(this.published[i]);
    }
    let waiter!: Waiter;
    const p = new Promise<ReceivedDiagnostics>((resolve) => {
      waiter = { match, resolve };
      this.waiters.add(waiter);
    });
    const what = `publishDiagnostics for ${uri}${options.version !== undefined ? ` version ${options.version}` : ''}`;
    return this.withTimeout(p, options.timeoutMs ?? this.timeoutMs, what, () => this.waiters.delete(waiter));
  }

  /** didOpen; resolves with the document's first diagnostics for that version. */
  async open(uri: string, text: string, languageId = 'nginx', version = 1, timeoutMs?: number): Promise<ReceivedDiagnostics> {
    this.versions.set(uri, version);
    const diags = this.waitForDiagnostics(uri, { version, timeoutMs });
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return diags;
  }

  /**
   * Incremental didChange with the next version. Returns the version sent, the time it was
   * sent and a promise of the diagnostics published for that version.
   */
  async change(uri: string, changes: ContentChange[], timeoutMs?: number): Promise<{ version: number; sentAt: number; diagnostics: Promise<ReceivedDiagnostics> }> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const diagnostics = this.waitForDiagnostics(uri, { version, timeoutMs });
    // Keep an unawaited rejection from being reported before the caller attaches a handler.
    diagnostics.catch(() => undefined);
    const sentAt = performance.now();
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return { version, sentAt, diagnostics };
  }

  closeDocument(uri: string): Promise<void> {
    this.versions.delete(uri);
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  hover<R = unknown>(uri: string, position: Position): Promise<R> {
    return this.request<R>('textDocument/hover', { textDocument: { uri }, position });
  }

  completion<R = unknown>(uri: string, position: Position): Promise<R> {
    return this.request<R>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
  }

  definition<R = unknown>(uri: string, position: Position): Promise<R> {
    return this.request<R>('textDocument/definition', { textDocument: { uri }, position });
  }

  documentSymbol<R = unknown>(uri: string): Promise<R> {
    return this.request<R>('textDocument/documentSymbol', { textDocument: { uri } });
  }

  codeAction<R = unknown>(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<R> {
    return this.request<R>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only: ['quickfix'] } });
  }

  /**
   * shutdown + exit, then waits for the process to end. Returns its exit code. Kills the
   * process if it does not exit in time (and then reports the timeout).
   */
  async shutdown(timeoutMs = this.timeoutMs): Promise<number | null> {
    try {
      await this.request('shutdown', undefined, timeoutMs);
      await this.notify('exit', undefined);
      return await this.withTimeout(this.exited, timeoutMs, 'process exit after shutdown/exit');
    } finally {
      this.dispose();
    }
  }

  /** Ends the connection and the process (if still running) without the protocol handshake. */
  dispose(): void {
    this.connection.dispose();
    if (this.exitCode === undefined && this.child.exitCode === null) this.child.kill();
    for (const w of this.waiters) this.waiters.delete(w);
  }
}
