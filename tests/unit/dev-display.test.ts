import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const withoutDisplay = () => {
  const { DISPLAY: _display, WAYLAND_DISPLAY: _wayland, ...rest } = process.env;
  return rest;
};
const check = (env: Record<string, string>) =>
  spawnSync(process.execPath, [path.join(root, 'scripts/check-display.mjs')], { env: { ...withoutDisplay(), ...env }, encoding: 'utf8' });

describe('npm run dev', () => {
  it.runIf(process.platform === 'linux')('with no display, exits with a message saying to use xvfb-run, not a stack trace', () => {
    const result = spawnSync('npm', ['run', '--silent', 'dev'], { cwd: root, env: withoutDisplay(), encoding: 'utf8', timeout: 120_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('xvfb-run -a npm run dev');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it.each<Record<string, string>>([{ DISPLAY: ':99' }, { WAYLAND_DISPLAY: 'wayland-0' }])('with a display (%o), lets wxt start', (env) => {
    const result = check(env);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });
});
