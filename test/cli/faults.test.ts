/**
 * What file systems really hand the CLI (issue 16): pipes read once, unreadable files and folders
 * named (never a green run that skipped one), symbolic links fixed through, errors that name paths,
 * and help for every command. Permission cases run as `nobody` when the tests run as root (root
 * reads through the modes); they are skipped, saying why, where that is not possible.
 */
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, ensureBuilt } from '../helpers/build';
import { decl, VALID } from '../helpers/service';

const [V0, V1] = VALID;

function cape(args: string[], options: SpawnSyncOptions = {}, cli = CLI) {
  ensureBuilt();
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', ...options });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Options that make modes count: a non-root user when running as root. Undefined when that cannot be arranged. */
function asUnprivileged(): SpawnSyncOptions | undefined {
  if (process.platform === 'win32') return undefined;
  if (process.getuid?.() !== 0) return {};
  const probe = spawnSync(process.execPath, ['-e', 'process.exit(0)'], { uid: 65534, gid: 65534 });
  return probe.status === 0 ? { uid: 65534, gid: 65534 } : undefined;
}

describe('cape and the file system', function () {
  this.timeout(30000);
  let tmp: string;
  /** The CLI bundle (self-contained) copied where the unprivileged user can read it: the checkout itself may not be readable to them. */
  let userCli: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-faults-'));
    fs.chmodSync(tmp, 0o755);
    ensureBuilt();
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-faults-bin-'));
    fs.chmodSync(bin, 0o755);
    userCli = path.join(bin, 'cli.js');
    fs.copyFileSync(CLI, userCli);
    fs.chmodSync(userCli, 0o644);
  });
  afterEach(() => {
    spawnSync('chmod', ['-R', 'u+rwx', tmp]);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(path.dirname(userCli), { recursive: true, force: true });
  });

  it('a FIFO is read once: no hang, no false empty-declaration', function () {
    const fifo = path.join(tmp, 'p.csv');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    const r = spawnSync('bash', ['-c', `printf 'Entry Number\\n${V0}\\n' > '${fifo}' & exec "${process.execPath}" "${CLI}" check '${fifo}'`], { encoding: 'utf8', timeout: 15000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'No problems in 1 file.\n');
  });

  it('process substitution and `-` (standard input) are read once', () => {
    ensureBuilt();
    const sub = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" check <(printf 'Entry Number\\n${V0}\\n')`], { encoding: 'utf8', timeout: 15000 });
    assert.equal(sub.status, 0, sub.stderr);
    assert.equal(sub.stdout, 'No problems in 1 file.\n');
    const stdin = cape(['check', '-', '--format', 'json'], { input: `Entry Number\n${V0.toLowerCase()}\n` });
    assert.deepEqual(JSON.parse(stdin.stdout).files.map((f: { path: string; diagnostics: { code: string }[] }) => `${f.path}:${f.diagnostics.map((d) => d.code)}`), ['-:lowercase']);
  });

  it('an unreadable file in a folder is an error naming it (exit 2), after the rest is checked', function () {
    const user = asUnprivileged();
    if (!user) this.skip();
    fs.writeFileSync(path.join(tmp, 'a.csv'), decl(V0));
    fs.writeFileSync(path.join(tmp, 'secret.csv'), decl(V1));
    fs.chmodSync(path.join(tmp, 'secret.csv'), 0o000);
    const r = cape(['check', tmp], user, userCli);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /secret\.csv: cannot read it: permission denied/);
    assert.match(r.stdout, /No problems in 1 file/);
  });

  it('an unreadable subfolder is an error naming it', function () {
    const user = asUnprivileged();
    if (!user) this.skip();
    fs.writeFileSync(path.join(tmp, 'a.csv'), decl(V0));
    fs.mkdirSync(path.join(tmp, 'locked'));
    fs.writeFileSync(path.join(tmp, 'locked', 'b.csv'), decl(V1));
    fs.chmodSync(path.join(tmp, 'locked'), 0o000);
    const r = cape(['check', tmp], user, userCli);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /locked: cannot list the folder: permission denied/);
  });

  it('an unwritable --out-dir is named, and nothing is written', function () {
    const user = asUnprivileged();
    if (!user) this.skip();
    fs.writeFileSync(path.join(tmp, 'a.csv'), decl(V0, V1));
    fs.mkdirSync(path.join(tmp, 'ro'));
    fs.chmodSync(path.join(tmp, 'ro'), 0o555);
    const r = cape(['split', path.join(tmp, 'a.csv'), '--max', '1', '--out-dir', path.join(tmp, 'ro', 'parts')], user, userCli);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /ro\/parts: cannot create the output folder: permission denied; nothing written/);
  });

  it('fix through a symbolic link rewrites the target; the link stays a link', () => {
    fs.writeFileSync(path.join(tmp, 'real.csv'), `Entry Number\n ${V0.toLowerCase()}\n`);
    fs.symlinkSync('real.csv', path.join(tmp, 'link.csv'));
    const r = cape(['fix', path.join(tmp, 'link.csv')]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.lstatSync(path.join(tmp, 'link.csv')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(tmp, 'real.csv'), 'utf8'), `Entry Number\n${V0}\n`);
  });

  it('a missing file is named; --help works for every command; usage errors are one line with the hint', () => {
    const missing = cape(['split', path.join(tmp, 'missing.csv')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /missing\.csv: no such file or directory/);
    for (const command of ['check', 'fix', 'split', 'prepare', 'build', 'summary', 'classify']) {
      const help = cape([command, '--help']);
      assert.equal(help.status, 0, command);
      assert.match(help.stdout, new RegExp(`^Usage:\\n  cape ${command} `), command);
    }
    assert.equal(cape(['--help']).status, 0);
    const bad = cape(['check', '--format', 'xml', path.join(tmp, 'x.csv')]);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    assert.match(bad.stderr, /see cape check --help/);
  });
});
