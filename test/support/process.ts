import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  /** The address it prints, without the closing slash: `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Everything it wrote, stdout and stderr, as it came. */
  output(): string;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  exited: Promise<number | NodeJS.Signals>;
  /** Ends it (SIGTERM unless told) and resolves with how it ended. */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>;
}

export interface ServerProcessOptions {
  /** The port to listen on; 0 (the default) is whatever is free. */
  port?: number;
  /** More arguments for `kiemphieu serve`, such as `--demo` or `--lan`. */
  args?: string[];
  /** Runs the server under another command (the bench's `strace`); `pid` is then the wrapper's. */
  wrapper?: string[];
}

/**
 * A command to run a process under strace, which kills it with SIGKILL as it enters its `nth`
 * rename (before the rename is made): a crash at exactly that step.
 */
export const killedAtRename = (nth: number): string[] => {
  const renames = 'rename,renameat,renameat2';
  return ['strace', '-f', '-qq', '-o', '/dev/null', '-e', `trace=${renames}`, '-e', `inject=${renames}:signal=KILL:when=${nth}`];
};

/** Runs `node bin/kiemphieu.js ARGS` (the built dist/) in the project folder; resolves with its exit code and output. */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/kiemphieu.js', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * Starts the real server, `kiemphieu serve --db FILE --port 0` (the built dist/, as a user runs it),
 * and waits for the address it prints. Every test and bench that needs the server process uses this.
 */
export function startServerProcess(dbPath: string, env: Record<string, string> = {}, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const args = ['bin/kiemphieu.js', 'serve', '--db', dbPath, '--port', String(options.port ?? 0), ...(options.args ?? [])];
  const command = [...(options.wrapper ?? []), process.execPath, ...args];
  const child = spawn(command[0], command.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let output = '';
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal as NodeJS.Signals))));
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`the server did not start within 60 s: ${output}`));
    }, 60_000);
    child.stderr!.on('data', (d) => {
      stderr += d;
      output += d;
    });
    child.stdout!.on('data', (d) => {
      stdout += d;
      output += d;
      const url = /Open (http:\/\/\S+?)\/?\n/u.exec(stdout)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, port: Number(new URL(url).port), pid: child.pid as number, child, stderr: () => stderr, output: () => output, exited, stop });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server ended (${code}) before listening: ${output}`));
    });
  });
}

/** Stops a server that may not have started (null), and resolves with how it ended. */
export async function stopServerProcess(server: ServerProcess | null | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | NodeJS.Signals | null> {
  return server ? server.stop(signal) : null;
}

/**
 * A client of the real server (tests, benches and set-ups through the API): keeps its session cookie and CSRF token. Plain node:http on kept-alive
 * connections: fetch costs about a millisecond of CPU a request, as much as the server spends on a
 * ballot, and on this 2-core machine the benches' clients must not crowd out the server they measure.
 */
export class HttpClient {
  cookie = '';
  csrf = '';
  private readonly agent = new http.Agent({ keepAlive: true });

  /** `localAddress`: the address the client connects from (127.x.y.z: many laptops on one machine). */
  constructor(
    public base: string,
    private readonly localAddress?: string,
  ) {}

  /**
   * One request. A kept-alive connection the server closed as idle (its 5 s keep-alive time-out) may
   * be reset just as the request goes out on it: then the request is sent once more on a new one, as
   * Node's documentation advises (nothing was read; a ballot carries its own id anyway).
   */
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    try {
      return await this.send(method, path, body);
    } catch (e) {
      if ((e as { reusedSocket?: boolean }).reusedSocket && (e as NodeJS.ErrnoException).code === 'ECONNRESET') return this.send(method, path, body);
      throw e;
    }
  }

  private send(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json' };
    if (this.cookie) headers.Cookie = this.cookie;
    if (this.csrf) headers['X-CSRF-Token'] = this.csrf;
    const data = body === undefined ? undefined : JSON.stringify(body);
    if (data !== undefined) headers['Content-Length'] = Buffer.byteLength(data);
    return new Promise((resolve, reject) => {
      const req = http.request(new URL(path, this.base), { method, headers, agent: this.agent, localAddress: this.localAddress }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('end', () => {
          const setCookie = res.headers['set-cookie']?.[0];
          if (setCookie) this.cookie = setCookie.split(';')[0];
          let json: any = text;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON: kept as text
          }
          if (json && typeof json === 'object' && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
          resolve({ status: res.statusCode ?? 0, body: json });
        });
      });
      req.on('error', (e) => reject(Object.assign(e, { reusedSocket: req.reusedSocket })));
      req.end(data);
    });
  }

  /** The body of a 2xx answer; anything else throws, naming the request and the answer. */
  async must(method: string, path: string, body?: unknown): Promise<any> {
    const res = await this.call(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async signIn(memberId: string, pin: string): Promise<void> {
    const res = await this.call('POST', '/api/session', { memberId, pin });
    if (res.status !== 201) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
  }
}

/** A congress (setup 1111, head 2222, members 3333 and 4444) and one election open for counting. */
export async function setUpOverHttp(setup: HttpClient, election: { candidates: number; seats: number; collected: number; title?: string }) {
  const created = await setup.call('POST', '/api/congress', { name: 'Đại hội đại biểu Đảng bộ phường thử tải', kind: 'delegates', convened: Math.max(election.collected, 1), secretary: { name: 'Thư ký', pin: '1111' } });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const head = await memberWithOwnPin(setup, { name: 'Trưởng ban', role: 'head', pin: '2222' });
  const m1 = await memberWithOwnPin(setup, { name: 'Thành viên Một', role: 'member', pin: '3333' });
  const m2 = await memberWithOwnPin(setup, { name: 'Thành viên Hai', role: 'member', pin: '4444' });
  const roundId = await openElection(setup, election);
  return { headId: head.id as string, memberIds: [m1.id as string, m2.id as string], roundId };
}

/**
 * A member added by setup with a PIN of setup's choosing, who then signs in once and changes it to
 * `pin`, as they must at first sign-in (issue 14).
 */
export async function memberWithOwnPin(setup: HttpClient, member: { name: string; role: 'head' | 'member'; pin: string }): Promise<{ id: string }> {
  const given = `9${member.pin}`;
  const added = await setup.call('POST', '/api/members', { ...member, pin: given });
  if (added.status !== 201) throw new Error(JSON.stringify(added.body));
  const owner = new HttpClient(setup.base);
  await owner.signIn(added.body.id, given);
  const changed = await owner.call('PUT', `/api/members/${added.body.id}/pin`, { currentPin: given, newPin: member.pin });
  if (changed.status !== 200) throw new Error(JSON.stringify(changed.body));
  return { id: added.body.id as string };
}

/** One more election of `candidates` names for `seats` seats, counts set, its first round open for counting. */
export async function openElection(setup: HttpClient, election: { candidates: number; seats: number; collected: number; title?: string }): Promise<string> {
  const e = (await setup.call('POST', '/api/elections', { kind: 'executive_committee', title: election.title ?? 'Bầu Ban Chấp hành', seats: election.seats, alternates: 0 })).body;
  const roundId = (await setup.call('GET', `/api/elections/${e.id}`)).body.rounds[0].id as string;
  const names = Array.from({ length: election.candidates }, (_, i) => `Ứng viên số ${i + 1}`);
  await setup.call('POST', `/api/rounds/${roundId}/candidates`, { names });
  await setup.call('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: election.collected, ballotsCollected: election.collected });
  // These clients enter ballots one by one: single entry (double entry is the default for committees).
  await setup.call('PUT', `/api/rounds/${roundId}/entry-mode`, { mode: 'single' });
  const opened = await setup.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' });
  if (opened.status !== 200) throw new Error(JSON.stringify(opened.body));
  return roundId;
}
