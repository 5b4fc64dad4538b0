import { createConnection, createServer, Server, Socket } from 'node:net';

/** One statement as a client sent it: its SQL, its parameters (text, or binary as a Buffer), its connection. */
export interface Statement {
  sql: string;
  params: (string | Buffer | null)[];
  connection: number;
}

/**
 * A TCP proxy in front of PostgreSQL that records the statements its clients send, with their
 * parameters (bench/load replays them as its raw-SQL floor; bench/directory counts them).
 *
 * Why: pg_stat_statements needs `shared_preload_libraries` (a server restart) and the
 * pg_stat_database counters are flushed lazily, so neither gives an exact per-request count. The
 * wire protocol does: every statement a client runs is either a simple Query message ('Q') or an
 * Execute message ('E') of the extended protocol (node-postgres sends Parse/Bind/Describe/Execute/
 * Sync for a parameterized query); Parse and Bind give its SQL and parameters. The proxy forwards
 * every byte unchanged and only reads the client-to-server stream.
 */
export class StatementCapture {
  readonly statements: Statement[] = [];
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private connections = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async listen(): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as { port: number }).port;
  }

  /** Returns the statements recorded since the last call and forgets them. */
  take(): Statement[] {
    return this.statements.splice(0, this.statements.length);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    const id = ++this.connections;
    const upstream = createConnection(this.target);
    this.sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    upstream.pipe(client);

    let buffer: Buffer = Buffer.alloc(0);
    let startup = true;
    const prepared = new Map<string, string>(); // statement name ('' = unnamed) -> SQL
    const portals = new Map<string, { sql: string; params: (string | Buffer | null)[] }>();
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        if (startup) {
          if (buffer.length < 8) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code !== 80877103 && code !== 80877104) startup = false; // not SSLRequest / GSSENCRequest
          continue;
        }
        if (buffer.length < 5) break;
        const type = String.fromCharCode(buffer[0]);
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) break;
        const body = buffer.subarray(5, 1 + length);
        if (type === 'P') {
          const nameEnd = body.indexOf(0);
          const sqlEnd = body.indexOf(0, nameEnd + 1);
          prepared.set(body.toString('utf8', 0, nameEnd), body.toString('utf8', nameEnd + 1, sqlEnd));
        } else if (type === 'B') {
          let at = body.indexOf(0);
          const portal = body.toString('utf8', 0, at);
          const stmtEnd = body.indexOf(0, at + 1);
          const statement = body.toString('utf8', at + 1, stmtEnd);
          at = stmtEnd + 1;
          const nFormats = body.readInt16BE(at);
          at += 2;
          const formats: number[] = [];
          for (let i = 0; i < nFormats; i++, at += 2) formats.push(body.readInt16BE(at));
          const nParams = body.readInt16BE(at);
          at += 2;
          const params: (string | Buffer | null)[] = [];
          for (let i = 0; i < nParams; i++) {
            const len = body.readInt32BE(at);
            at += 4;
            if (len < 0) {
              params.push(null);
              continue;
            }
            const binary = (nFormats === 1 ? formats[0] : formats[i]) === 1;
            const raw = body.subarray(at, at + len);
            params.push(binary ? Buffer.from(raw) : raw.toString('utf8'));
            at += len;
          }
          portals.set(portal, { sql: prepared.get(statement) ?? '', params });
        } else if (type === 'E') {
          const portal = body.toString('utf8', 0, body.indexOf(0));
          const bound = portals.get(portal);
          this.statements.push({ sql: bound?.sql ?? '', params: bound?.params ?? [], connection: id });
        } else if (type === 'Q') {
          this.statements.push({ sql: body.toString('utf8', 0, body.length - 1), params: [], connection: id });
        }
        buffer = buffer.subarray(1 + length);
      }
    });
  }
}
