/**
 * Driving a program in a real pseudo-terminal with tmux, for the TUI's end-to-end tests
 * and for capturing its screens as text (docs/tui.md). Each user gets a private tmux
 * server (`-L`), so tests never touch the user's own sessions.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/** Whether tmux runs here; when it does not, tries to install it with apt-get (as root, or with sudo that needs no password). */
export function obtainTmux(): { ok: true } | { ok: false; why: string } {
  const has = (): boolean => spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
  if (has()) return { ok: true };
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : spawnSync('sudo', ['-n', 'true']).status === 0 ? ['sudo', '-n'] : undefined;
  if (!sudo) return { ok: false, why: 'tmux is not installed, and apt-get cannot be run (not root, no password-less sudo)' };
  const run = (args: string[]): boolean => {
    const [cmd, ...rest] = [...sudo, ...args];
    return spawnSync(cmd!, rest, { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 300_000 }).status === 0;
  };
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return { ok: false, why: 'tmux is not installed and there is no apt-get to install it' };
  if (!run(['apt-get', 'install', '-y', 'tmux'])) run(['apt-get', 'update']) && run(['apt-get', 'install', '-y', 'tmux']);
  return has() ? { ok: true } : { ok: false, why: 'tmux is not installed and `apt-get install -y tmux` failed' };
}

/** Options of {@link Tmux.start}. */
export interface StartOptions {
  cwd: string;
  width?: number;
  height?: number;
  /** Environment of the program (CI is removed: Ink draws nothing until exit under CI). */
  env?: Record<string, string | undefined>;
}

/** One program in one tmux session on a private server. */
export class Tmux {
  private readonly socket: string;

  constructor(name: string) {
    this.socket = `rubric-${name}-${process.pid}`;
  }

  private tmux(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  }

  /** Starts `argv` in a detached session of the given size. */
  start(argv: readonly string[], o: StartOptions): void {
    const quote = (a: string): string => `'${a.replace(/'/g, `'\\''`)}'`;
    const sets = Object.entries(o.env ?? {}).flatMap(([k, v]) => (v === undefined ? ['-u', k] : [`${k}=${v}`]));
    const command = ['env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', ...sets, ...argv].map(quote).join(' ');
    const r = this.tmux(['-f', '/dev/null', 'new-session', '-d', '-s', 'main', '-x', String(o.width ?? 80), '-y', String(o.height ?? 24), '-c', o.cwd, `exec ${command}`]);
    if (r.status !== 0) throw new Error(`tmux new-session failed: ${r.stderr}`);
    // Keep the pane after the program ends, so its last screen (or error) can be read.
    this.tmux(['set-option', '-t', 'main', 'remain-on-exit', 'on']);
  }

  /** The screen as text, one line per row (trailing spaces trimmed). */
  capture(): string {
    return this.tmux(['capture-pane', '-p', '-t', 'main'])
      .stdout.split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trimEnd();
  }

  /** Sends keys (tmux key names such as `Enter`, `Escape`, `Tab`, `Down`, or literal text with `-l`). */
  keys(...keys: string[]): void {
    this.tmux(['send-keys', '-t', 'main', ...keys]);
  }

  /** Sends literal text. */
  type(text: string): void {
    this.tmux(['send-keys', '-t', 'main', '-l', text]);
  }

  /** Whether the program has ended. */
  dead(): boolean {
    const r = this.tmux(['display-message', '-p', '-t', 'main', '#{pane_dead}']);
    return r.status !== 0 || r.stdout.trim() === '1';
  }

  /** Polls the screen until `pred` holds (every 40 ms, up to `timeoutMs`), and returns it. */
  async waitFor(pred: (screen: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < end) {
      screen = this.capture();
      if (pred(screen)) return screen;
      await new Promise((r) => setTimeout(r, 40));
    }
    throw new Error(`the terminal never showed ${what}; it shows:\n${screen}`);
  }

  /** Ends the server and everything in it, and removes its socket. */
  kill(): void {
    this.tmux(['kill-server']);
    rmSync(join(process.env['TMUX_TMPDIR'] ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.socket), { force: true });
  }
}
