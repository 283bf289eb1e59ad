// Runs before `npm run dev` (package.json). `wxt` dev opens a browser window with the extension
// loaded; on a machine with no display Chromium cannot start, and web-ext then fails with a CDP
// error and a stack trace that do not say why. Say why, and what to run instead.
const unix = ['linux', 'freebsd', 'openbsd', 'netbsd'].includes(process.platform);
if (unix && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    [
      'npm run dev opens a browser window, and this machine has no display (DISPLAY and WAYLAND_DISPLAY are not set).',
      'Run it on a virtual display instead:',
      '',
      '  xvfb-run -a npm run dev',
      '',
      '(xvfb-run is in Debian and Ubuntu’s xvfb package.)',
    ].join('\n'),
  );
  process.exit(1);
}
