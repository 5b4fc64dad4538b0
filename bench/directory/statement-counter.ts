import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that counts the SQL statements its clients send.
 *
 * Why: pg_stat_statements needs `shared_preload_libraries` (a server restart) and the
 * pg_stat_database counters are flushed lazily (up to a second or more later), so neither gives
 * an exact per-request count here. The wire protocol does: every statement a client runs is
 * either a simple Query message ('Q') or an Execute message ('E') of the extended protocol
 * (node-postgres sends Parse/Bind/Describe/Execute/Sync for a parameterized query). The proxy
 * forwards every byte unchanged and only reads the client-to-server stream.
 */
export class StatementCounter {
  /** Statements seen since start (or the last reset). */
  count = 0;
  /** The SQL of each statement, in order (for showing what a request ran). */
  readonly log: string[] = [];
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly target: { host: string; port: number },
    private readonly keepLog = true,
  ) {}

  /** Listens on a free local port; returns it. */
  async listen(): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as { port: number }).port;
  }

  reset(): void {
    this.count = 0;
    this.log.length = 0;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
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
    // The last Parse per connection: Execute of the unnamed statement refers to it.
    let lastParsed = '';
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        if (startup) {
          // StartupMessage / SSLRequest: int32 length (itself included), no type byte.
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
          lastParsed = body.toString('utf8', nameEnd + 1, body.indexOf(0, nameEnd + 1));
        } else if (type === 'E') {
          this.record(lastParsed);
        } else if (type === 'Q') {
          this.record(body.toString('utf8', 0, body.length - 1));
        }
        buffer = buffer.subarray(1 + length);
      }
    });
  }

  private record(sql: string): void {
    this.count++;
    if (this.keepLog) this.log.push(sql.replace(/\s+/g, ' ').trim());
  }
}
