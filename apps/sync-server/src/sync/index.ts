import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type * as Y from 'yjs';
import { holdRefusal } from '../http/refusal-floor.ts';
import type { AccessDirectory, Clock, DocStore, DocWriter, FanOut, SessionResolver } from '../ports.ts';
import { AccessCache, lookUpAccess } from './access.ts';
import { Connection } from './connection.ts';
import { defaultLimits, type SyncLimits } from './limits.ts';
import { cogradeMessage } from './messages.ts';
import { refusalKeeper } from './refusals.ts';
import { type Room, Rooms, serverOrigin } from './room.ts';
import { type Admission, admit } from './upgrade.ts';
import { dependencyNames } from './validate.ts';

export type { SyncLimits } from './limits.ts';
export { syncPathPrefix } from './upgrade.ts';

export type SyncServiceOptions = {
  store: DocStore;
  directory: AccessDirectory;
  sessions: SessionResolver;
  clock: Clock;
  /** Browser origins allowed to open a WebSocket, e.g. `http://localhost:8080`. */
  allowedOrigins: readonly string[];
  limits?: Partial<SyncLimits>;
  /** Other instances serving the same database: accepted updates and presence go to them and come from them. */
  fanOut?: FanOut;
  log?: (message: string, error?: unknown) => void;
  /** Told after a client's update is stored and acknowledged, e.g. to recount progress. */
  onAccepted?: (docName: string) => void;
  /** Told when the users present in a document change, e.g. to show who is online in the progress document. */
  onPresence?: (docName: string, userIds: readonly string[]) => void;
};

export type SyncStats = {
  rooms: number;
  connections: number;
  /** Presence entries held across all rooms. */
  presence: number;
  documents: string[];
};

export type SyncService = {
  /** Answers an HTTP upgrade on `/sync/:docName`; any other path is refused with 404. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
  writer: DocWriter;
  stats(): SyncStats;
  close(): Promise<void>;
};

const statusText: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
};

const rejectUpgrade = (socket: Duplex, status: number) => {
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${statusText[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    );
  }
  socket.destroy();
};

const toBytes = (data: RawData): Uint8Array => {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
};

/**
 * The WebSocket sync service: the y-websocket protocol with every update decided on before it is
 * applied, acknowledged only once it is stored, and refusals told to their author and kept (R6).
 */
export const createSyncService = (options: SyncServiceOptions): SyncService => {
  const limits: SyncLimits = { ...defaultLimits, ...options.limits };
  const { store, directory, sessions, clock } = options;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const accepted = (docName: string) => {
    try {
      options.onAccepted?.(docName);
    } catch (error) {
      log(`sync: onAccepted failed for ${docName}`, error);
    }
  };
  const rooms = new Rooms(
    store,
    {
      idleMs: limits.idleMs,
      compactAfter: limits.compactAfter,
      onPresence: (docName, userIds) => {
        try {
          options.onPresence?.(docName, userIds);
        } catch (error) {
          log(`sync: onPresence failed for ${docName}`, error);
        }
      },
    },
    options.fanOut ?? null,
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.frameBytes });
  const connections = new Set<Connection>();
  let closing = false;

  /** A server-origin change: applied, stored, then sent to every connection of the document. */
  const writeIn = async (room: Room, change: (doc: Y.Doc) => void) => {
    // Decided on the latest stored state: another instance's lock or mark is applied first.
    await room.commitAtHead(() => room.capture((doc) => doc.transact(() => change(doc), serverOrigin)), null);
  };

  const withRoom = async <T>(name: string, use: (room: Room) => Promise<T>): Promise<T> => {
    const room = await rooms.acquire(name);
    try {
      return await use(room);
    } finally {
      rooms.release(room);
    }
  };

  const writer: DocWriter = {
    transact: (name, change) => withRoom(name, (room) => room.run(() => writeIn(room, change))),
    read: (name, read) =>
      withRoom(name, (room) =>
        room.run(async () => {
          // What other instances stored is read too, so an action never decides on an old copy.
          if (options.fanOut !== undefined) await room.resync();
          // An action decides only on what is durable (updates may be relayed before their commit).
          await room.settled();
          return read(room.doc);
        }),
      ),
  };

  const recordRefusal = refusalKeeper({
    directory,
    clock,
    writeHere: writeIn,
    writeElsewhere: (name, change) => writer.transact(name, change),
  });

  const attach = async (ws: WebSocket, admission: Admission) => {
    const pending: Uint8Array[] = [];
    let connection: Connection | null = null;
    let gone = false;
    ws.on('error', (error) => log('sync: socket error', error));
    ws.on('message', (data, isBinary) => {
      const frame = toBytes(data);
      if (!isBinary) {
        // y-websocket only sends binary frames.
        if (ws.readyState === ws.OPEN)
          ws.send(cogradeMessage({ type: 'error', reason: 'badRequest', detail: 'binary frames only' }));
        return;
      }
      if (connection === null) pending.push(frame);
      else void connection.receive(frame);
    });
    ws.on('close', () => {
      gone = true;
      if (connection !== null) {
        connectionGone(connection);
      }
    });
    let room: Room;
    try {
      room = await rooms.acquire(admission.docName);
    } catch (error) {
      log(`sync: could not load ${admission.docName}`, error);
      ws.close(1011, 'unavailable');
      return;
    }
    let dependencies: Room[];
    try {
      dependencies = await rooms.holdDependencies(
        room,
        dependencyNames(admission.ref, admission.resource.examId),
      );
    } catch (error) {
      log(`sync: could not load what ${admission.docName} depends on`, error);
      rooms.release(room);
      ws.close(1011, 'unavailable');
      return;
    }
    const access = new AccessCache(
      { access: admission.access, resource: admission.resource },
      () => lookUpAccess(directory, admission.user.userId, admission.ref),
      () => clock.now().getTime(),
      limits.accessTtlMs,
    );
    const created = new Connection(ws, admission, room, dependencies, access, {
      limits,
      recordRefusal,
      log,
      accepted,
    });
    if (gone || closing) {
      rooms.release(room);
      return;
    }
    connection = created;
    connections.add(created);
    room.peers.add(created);
    // Inside the queue, so the state vector it sends never includes an update still being stored.
    void room.run(() => created.open());
    for (const frame of pending.splice(0)) void created.receive(frame);
  };

  const connectionGone = (connection: Connection) => {
    if (!connections.delete(connection)) return;
    connection.detach();
    rooms.release(connection.room);
  };

  return {
    async handleUpgrade(req, socket, head) {
      socket.on('error', () => socket.destroy());
      if (closing) return rejectUpgrade(socket, 404);
      const start = performance.now();
      let decision: Awaited<ReturnType<typeof admit>>;
      try {
        decision = await admit(req, { sessions, directory, allowedOrigins: options.allowedOrigins });
      } catch (error) {
        log('sync: upgrade failed', error);
        return rejectUpgrade(socket, 403);
      }
      if (!decision.ok) {
        // R9: a refused document and a missing one are refused alike, in time too.
        if (decision.status === 403 || decision.status === 404) await holdRefusal(start);
        return rejectUpgrade(socket, decision.status);
      }
      const admission = decision;
      wss.handleUpgrade(req, socket, head, (ws) => {
        void attach(ws, admission);
      });
    },
    writer,
    stats: () => ({
      rooms: rooms.size,
      connections: connections.size,
      presence: rooms.presenceCount(),
      documents: rooms.names(),
    }),
    async close() {
      closing = true;
      for (const connection of [...connections]) {
        connection.close(1001, 'server shutting down');
        connectionGone(connection);
      }
      for (const client of wss.clients) client.terminate();
      await rooms.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
};
